import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  type ApiFailure,
  AuthStore,
  FAMILY_PLAN_PATH,
  failureMessageKey,
  HouseholdStoryApi,
  linkTokenFromHash,
  normaliseLinkCode,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PageHeadingComponent } from '@casustafel/client/ui';

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
  imports: [ReactiveFormsModule, TranslocoPipe, AlertComponent, PageHeadingComponent, ...FIELD],
  templateUrl: './family-sign-in-page.component.html',
  styleUrl: './family.css',
})
export class FamilySignInPageComponent {
  readonly #api = inject(HouseholdStoryApi);
  readonly #auth = inject(AuthStore);
  readonly #router = inject(Router);
  readonly #document = inject(DOCUMENT);
  protected readonly token = signal<string | null>(null);
  protected readonly code = new FormControl('', { nonNullable: true });
  protected readonly form = new FormGroup({ code: this.code });
  protected readonly pending = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly codeInvalid = signal(false);
  protected readonly failureKey = computed(() => {
    const failure = this.failure();
    if (!failure) return null;
    if (failure.kind === 'error' && failure.code === 'RATE_LIMITED')
      return 'family.signIn.rateLimited';
    return failureMessageKey(failure);
  });

  constructor() {
    const location = this.#document.location;
    if (location?.hash) {
      this.token.set(familyTokenFromHash(location.hash));
      this.#document.defaultView?.history.replaceState(
        null,
        '',
        `${location.pathname}${location.search}`,
      );
    }
  }

  protected async submit(): Promise<void> {
    const token = this.token();
    if (!token || this.pending()) return;
    const code = normaliseFamilyCode(this.code.value);
    this.codeInvalid.set(code === null);
    if (code === null) return;
    this.pending.set(true);
    this.failure.set(null);
    const result = await firstValueFrom(this.#api.signIn({ token, code }));
    if (!result.ok) {
      this.pending.set(false);
      this.failure.set(result.failure);
      return;
    }
    await this.#auth.load();
    this.pending.set(false);
    await this.#router.navigateByUrl(FAMILY_PLAN_PATH);
  }
}
