import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  type ApiFailure,
  AuthStore,
  CIRCLE_CONFERENCE_PATH,
  FamilyConferenceApi,
  failureCode,
  failureMessageKey,
  linkTokenFromHash,
  normaliseLinkCode,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PageHeadingComponent } from '@casustafel/client/ui';

/**
 * `/beraad`: a family or network member signs in with the link of their invitation (the token
 * is in the fragment and leaves the address bar at once) and the one-time code they received
 * by another channel. A network member takes part only with their consent, asked here.
 */
@Component({
  selector: 'cst-circle-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, FIELD, PageHeadingComponent],
  styleUrl: './conference.css',
  template: `
    <cst-page-heading
      [heading]="'conference.signIn.heading' | transloco"
      data-testid="fc-sign-in-heading"
    />
    @if (token()) {
      <p class="utrecht-paragraph">{{ 'conference.signIn.intro' | transloco }}</p>
      <div role="alert">
        @if (failureKey(); as key) {
          <cst-alert type="error"
            ><p class="utrecht-paragraph" data-testid="fc-sign-in-error">
              {{ key | transloco }}
            </p></cst-alert
          >
        }
      </div>
      <form
        class="cst-form cst-fc-stack"
        novalidate
        (submit)="submit($event)"
        data-testid="fc-sign-in"
      >
        <cst-field
          fieldId="fc-code"
          [label]="'conference.signIn.code' | transloco"
          [hint]="'conference.signIn.codeHelp' | transloco"
          [error]="codeInvalid() ? ('conference.signIn.codeInvalid' | transloco) : null"
        >
          <input
            cstControl
            class="utrecht-textbox utrecht-textbox--html-input"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="12"
            spellcheck="false"
            [value]="code()"
            (input)="code.set($any($event.target).value)"
            data-testid="fc-code"
          />
        </cst-field>
        <cst-field
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
        <div class="cst-actions">
          <button
            type="submit"
            class="utrecht-button utrecht-button--primary-action"
            [disabled]="pending()"
            data-testid="fc-sign-in-submit"
          >
            {{ (pending() ? 'conference.signIn.pending' : 'conference.signIn.submit') | transloco }}
          </button>
        </div>
      </form>
    } @else {
      <cst-alert type="info"
        ><h2 class="utrecht-heading-3" data-testid="fc-no-token">
          {{ 'conference.signIn.noTokenHeading' | transloco }}
        </h2>
        <p class="utrecht-paragraph">{{ 'conference.signIn.noToken' | transloco }}</p></cst-alert
      >
    }
  `,
})
export class CircleSignInPageComponent {
  readonly #api = inject(FamilyConferenceApi);
  readonly #auth = inject(AuthStore);
  readonly #router = inject(Router);
  readonly #document = inject(DOCUMENT);
  protected readonly token = signal<string | null>(null);
  protected readonly code = signal('');
  protected readonly consent = signal(false);
  protected readonly pending = signal(false);
  protected readonly codeInvalid = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly consentMissing = computed(
    () => failureCode(this.failure()) === 'CONFERENCE_CONSENT_REQUIRED' && !this.consent(),
  );
  protected readonly failureKey = computed(() => {
    const failure = this.failure();
    if (!failure) return null;
    if (failureCode(failure) === 'RATE_LIMITED') return 'conference.signIn.rateLimited';
    return failureMessageKey(failure);
  });

  constructor() {
    const location = this.#document.location;
    if (location?.hash) {
      this.token.set(linkTokenFromHash(location.hash));
      this.#document.defaultView?.history.replaceState(
        null,
        '',
        `${location.pathname}${location.search}`,
      );
    } else void this.#alreadyIn();
  }

  /** Signed in before (a reload): straight to the conference. */
  async #alreadyIn(): Promise<void> {
    const session = await firstValueFrom(this.#api.session());
    if (session.ok) await this.#router.navigateByUrl(CIRCLE_CONFERENCE_PATH);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const token = this.token();
    if (!token || this.pending()) return;
    const code = normaliseLinkCode(this.code());
    this.codeInvalid.set(code === null);
    if (code === null) return;
    this.pending.set(true);
    this.failure.set(null);
    const result = await firstValueFrom(this.#api.signIn({ token, code, consent: this.consent() }));
    if (!result.ok) {
      this.pending.set(false);
      this.failure.set(result.failure);
      return;
    }
    await this.#auth.load();
    this.pending.set(false);
    await this.#router.navigateByUrl(CIRCLE_CONFERENCE_PATH);
  }
}
