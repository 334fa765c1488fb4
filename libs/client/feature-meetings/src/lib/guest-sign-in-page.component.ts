import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { NavigationEnd, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, firstValueFrom } from 'rxjs';
import { GUEST_CODE_LENGTH, guestSignInSchema } from '@casustafel/contracts';
import {
  type ApiFailure,
  AuthStore,
  failureMessageKey,
  GUEST_ROOM_PATH,
  GuestsApi,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PageHeadingComponent } from '@casustafel/client/ui';

/** The token of an invitation link (`/gast#<token>`), or null when the fragment holds none. */
export function tokenFromHash(hash: string): string | null {
  const token = hash.startsWith('#') ? hash.slice(1) : hash;
  return guestSignInSchema.shape.token.safeParse(token).success ? token : null;
}

/** The code as typed (spaces, dashes) reduced to its digits; null unless exactly eight. */
export function normaliseGuestCode(code: string): string | null {
  const digits = code.replace(/[\s-]+/g, '');
  return new RegExp(`^\\d{${GUEST_CODE_LENGTH}}$`).test(digits) ? digits : null;
}

/**
 * `/gast`: a remote specialist signs in with the link of their invitation (the token is in the
 * fragment, so it never reaches a server; it is removed from the address bar at once) and the
 * one-time code they received separately.
 */
@Component({
  selector: 'cst-guest-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe, AlertComponent, PageHeadingComponent, FIELD],
  templateUrl: './guest-sign-in-page.component.html',
  styleUrls: ['./meetings.css', './guest.css'],
})
export class GuestSignInPageComponent {
  readonly #api = inject(GuestsApi);
  readonly #auth = inject(AuthStore);
  readonly #router = inject(Router);
  readonly #document = inject(DOCUMENT);
  protected readonly codeLength = GUEST_CODE_LENGTH;
  /** Kept in memory only: once read, the address bar no longer shows it. */
  protected readonly token = signal<string | null>(null);
  protected readonly code = new FormControl('', { nonNullable: true });
  protected readonly form = new FormGroup({ code: this.code });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly codeInvalid = signal(false);
  protected readonly failureKey = computed(() => {
    const failure = this.failure();
    if (!failure) return null;
    if (failure.kind === 'error' && failure.code === 'RATE_LIMITED') {
      return 'guest.signIn.rateLimited';
    }
    return failureMessageKey(failure);
  });

  constructor() {
    this.#readToken();
    // A link opened while this page is already showing only changes the fragment.
    const view = this.#document.defaultView;
    const onHashChange = () => this.#readToken();
    view?.addEventListener('hashchange', onHashChange);
    // The router writes its URL (fragment included) when a navigation ends: remove it again.
    const navigations = this.#router.events
      .pipe(filter((e) => e instanceof NavigationEnd))
      .subscribe(() => this.#readToken());
    inject(DestroyRef).onDestroy(() => {
      view?.removeEventListener('hashchange', onHashChange);
      navigations.unsubscribe();
    });
  }

  /** Takes the token from the fragment and removes it from the address bar (and history). */
  #readToken(): void {
    const location = this.#document.location;
    if (!location?.hash) return;
    const token = tokenFromHash(location.hash);
    if (token) {
      this.token.set(token);
      this.failure.set(null);
    }
    this.#document.defaultView?.history.replaceState(
      null,
      '',
      `${location.pathname}${location.search}`,
    );
  }

  protected async submit(): Promise<void> {
    const token = this.token();
    if (!token || this.pending()) return;
    this.submitted.set(true);
    const code = normaliseGuestCode(this.code.value);
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
    await this.#router.navigateByUrl(GUEST_ROOM_PATH);
  }
}
