import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  FAMILY_PLAN_PATH,
  HouseholdStoryApi,
  linkSignIn,
  linkTokenFromHash,
  normaliseLinkCode,
} from '@casustafel/client/data-access';
import { LinkSignInComponent } from '@casustafel/client/ui';

/** The token of a family link (`/gezin#<token>`), or null when the fragment holds none. */
export const familyTokenFromHash = linkTokenFromHash;

/** The code as typed (spaces, dashes) reduced to its digits; null unless exactly eight. */
export const normaliseFamilyCode = normaliseLinkCode;

/**
 * `/gezin`: the family signs in with the link from the team (the token is in the fragment, so
 * it never reaches a server; it is removed from the address bar at once) and the one-time code
 * they received by another channel.
 */
@Component({
  selector: 'cst-family-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LinkSignInComponent],
  template: `<cst-link-sign-in
    class="cst-family-sign-in"
    [state]="signIn"
    keys="family.signIn"
    testIds="family"
  />`,
  styleUrl: './family.css',
})
export class FamilySignInPageComponent {
  readonly #api = inject(HouseholdStoryApi);
  protected readonly signIn = linkSignIn({
    signIn: (token, code) => this.#api.signIn({ token, code }),
    target: FAMILY_PLAN_PATH,
    rateLimitedKey: 'family.signIn.rateLimited',
  });
}
