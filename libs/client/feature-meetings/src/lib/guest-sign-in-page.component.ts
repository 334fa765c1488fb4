import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  GUEST_ROOM_PATH,
  GuestsApi,
  linkSignIn,
  linkTokenFromHash,
  normaliseLinkCode,
} from '@casustafel/client/data-access';
import { LinkSignInComponent } from '@casustafel/client/ui';

/** The token of an invitation link (`/gast#<token>`), or null when the fragment holds none. */
export const tokenFromHash = linkTokenFromHash;

/** The code as typed (spaces, dashes) reduced to its digits; null unless exactly eight. */
export const normaliseGuestCode = normaliseLinkCode;

/**
 * `/gast`: a remote specialist signs in with the link of their invitation (the token is in the
 * fragment, so it never reaches a server; it is removed from the address bar at once) and the
 * one-time code they received separately. A link opened while this page shows is read too.
 */
@Component({
  selector: 'cst-guest-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, LinkSignInComponent],
  template: `
    <cst-link-sign-in
      class="cst-guest-sign-in"
      [state]="signIn"
      keys="guest.signIn"
      testIds="guest"
    >
      <section cstSignInAbout class="cst-panel cst-guest-what" aria-labelledby="guest-what-heading">
        <h2 class="utrecht-heading-3" id="guest-what-heading">
          {{ 'guest.signIn.whatHeading' | transloco }}
        </h2>
        <p class="utrecht-paragraph" data-testid="guest-what">
          {{ 'guest.signIn.what' | transloco }}
        </p>
        <p class="utrecht-paragraph cst-small">{{ 'guest.signIn.validity' | transloco }}</p>
      </section>
    </cst-link-sign-in>
  `,
  styleUrls: ['./meetings.css', './guest.css'],
  styles: `
    .cst-guest-sign-in {
      --cst-link-code-font-family: var(--basis-text-font-family-monospace, monospace);
      --cst-link-code-font-size: 1.25rem;
      --cst-link-code-letter-spacing: 0.15em;
      --cst-link-code-max-inline-size: 12rem;
    }
  `,
})
export class GuestSignInPageComponent {
  readonly #api = inject(GuestsApi);
  protected readonly signIn = linkSignIn({
    signIn: (token, code) => this.#api.signIn({ token, code }),
    target: GUEST_ROOM_PATH,
    rateLimitedKey: 'guest.signIn.rateLimited',
    followLinks: true,
  });
}
