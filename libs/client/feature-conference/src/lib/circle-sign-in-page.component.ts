import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  CIRCLE_CONFERENCE_PATH,
  FamilyConferenceApi,
  failureCode,
  linkSignIn,
} from '@casustafel/client/data-access';
import { FIELD, LinkSignInComponent } from '@casustafel/client/ui';

/**
 * `/beraad`: a family or network member signs in with the link of their invitation (the token
 * is in the fragment and leaves the address bar at once) and the one-time code they received
 * by another channel. A network member takes part only with their consent, asked here.
 */
@Component({
  selector: 'cst-circle-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, FIELD, LinkSignInComponent],
  styleUrl: './conference.css',
  template: `
    <cst-link-sign-in
      [state]="signIn"
      keys="conference.signIn"
      testIds="fc"
      formTestId="fc-sign-in"
    >
      <cst-field
        cstSignInField
        fieldId="fc-consent"
        layout="check"
        [class.utrecht-form-field--invalid]="consentMissing()"
        [label]="'conference.signIn.consent' | transloco"
        [hint]="'conference.signIn.consentHelp' | transloco"
      >
        <input
          cstControl
          type="checkbox"
          class="utrecht-checkbox utrecht-checkbox--html-input"
          [checked]="consent()"
          (change)="consent.set($any($event.target).checked)"
          data-testid="fc-consent"
        />
      </cst-field>
    </cst-link-sign-in>
  `,
})
export class CircleSignInPageComponent {
  readonly #api = inject(FamilyConferenceApi);
  readonly #router = inject(Router);
  protected readonly consent = signal(false);
  protected readonly signIn = linkSignIn({
    signIn: (token, code) => this.#api.signIn({ token, code, consent: this.consent() }),
    target: CIRCLE_CONFERENCE_PATH,
    rateLimitedKey: 'conference.signIn.rateLimited',
    withoutToken: () => this.#alreadyIn(),
  });
  protected readonly consentMissing = computed(
    () => failureCode(this.signIn.failure()) === 'CONFERENCE_CONSENT_REQUIRED' && !this.consent(),
  );

  /** Signed in before (a reload): straight to the conference. */
  async #alreadyIn(): Promise<void> {
    const session = await firstValueFrom(this.#api.session());
    if (session.ok) await this.#router.navigateByUrl(CIRCLE_CONFERENCE_PATH);
  }
}
