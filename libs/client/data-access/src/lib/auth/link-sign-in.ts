import { DOCUMENT } from '@angular/common';
import { computed, DestroyRef, inject, type Signal, signal } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter, firstValueFrom, type Observable } from 'rxjs';
import { familySignInSchema, GUEST_CODE_LENGTH } from '@casustafel/contracts';
import {
  type ApiFailure,
  type ApiResult,
  failureCode,
  failureMessageKey,
} from '../errors/api-failure';
import { AuthStore } from './auth.store';

/**
 * The token of a sign-in link (`/gezin#<token>`, `/beraad#<token>`), or null when the fragment
 * holds none. The token travels in the fragment, so it never reaches a server.
 */
export function linkTokenFromHash(hash: string): string | null {
  const token = hash.startsWith('#') ? hash.slice(1) : hash;
  return familySignInSchema.shape.token.safeParse(token).success ? token : null;
}

/** A one-time code as typed (spaces, dashes) reduced to its digits; null unless exactly eight. */
export function normaliseLinkCode(code: string): string | null {
  const digits = code.replace(/[\s-]+/g, '');
  return new RegExp(`^\\d{${GUEST_CODE_LENGTH}}$`).test(digits) ? digits : null;
}

/** What a sign-in page by link and one-time code differs in. */
export interface LinkSignInOptions {
  /** Sends the token and the code (normalised); the page adds what else its sign-in takes. */
  signIn: (token: string, code: string) => Observable<ApiResult<unknown>>;
  /** Where the signed-in person goes. */
  target: string;
  /** The page's text for too many attempts (`family.signIn.rateLimited`). */
  rateLimitedKey: string;
  /**
   * Reads the token again when a link is opened while the page already shows (only the
   * fragment changes) and after each navigation (the router writes the fragment back).
   */
  followLinks?: boolean;
  /** Runs when the address has no fragment at all (e.g. a reload after signing in). */
  withoutToken?: () => unknown;
}

/** The state and the one action of a sign-in by link and code (`cst-link-sign-in` shows it). */
export interface LinkSignIn {
  /** Kept in memory only: once read, the address bar no longer shows it. */
  readonly token: Signal<string | null>;
  readonly pending: Signal<boolean>;
  readonly codeInvalid: Signal<boolean>;
  readonly failure: Signal<ApiFailure | null>;
  /** The translation key of the refusal shown, or null. */
  readonly failureKey: Signal<string | null>;
  /** Checks the code as typed, signs in, loads the session and opens the target. */
  submit(code: string): Promise<void>;
}

/**
 * The sign-in by the link of an invitation and the one-time code received by another channel
 * (family `/gezin`, circle `/beraad`, guest `/gast`): takes the token from the fragment and
 * removes it from the address bar (and history) at once. Call in an injection context.
 */
export function linkSignIn(options: LinkSignInOptions): LinkSignIn {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const document = inject(DOCUMENT);
  const token = signal<string | null>(null);
  const pending = signal(false);
  const codeInvalid = signal(false);
  const failure = signal<ApiFailure | null>(null);
  const failureKey = computed(() => {
    const current = failure();
    if (!current) return null;
    if (failureCode(current) === 'RATE_LIMITED') return options.rateLimitedKey;
    return failureMessageKey(current);
  });

  /** Takes the token from the fragment, if any, and removes the fragment; false without one. */
  const readToken = (): boolean => {
    const location = document.location;
    if (!location?.hash) return false;
    const read = linkTokenFromHash(location.hash);
    if (read) {
      token.set(read);
      failure.set(null);
    }
    document.defaultView?.history.replaceState(null, '', `${location.pathname}${location.search}`);
    return true;
  };

  if (!readToken()) void options.withoutToken?.();
  if (options.followLinks) {
    const view = document.defaultView;
    const onHashChange = () => readToken();
    view?.addEventListener('hashchange', onHashChange);
    const navigations = router.events
      .pipe(filter((e) => e instanceof NavigationEnd))
      .subscribe(() => readToken());
    inject(DestroyRef).onDestroy(() => {
      view?.removeEventListener('hashchange', onHashChange);
      navigations.unsubscribe();
    });
  }

  const submit = async (typed: string): Promise<void> => {
    const current = token();
    if (!current || pending()) return;
    const code = normaliseLinkCode(typed);
    codeInvalid.set(code === null);
    if (code === null) return;
    pending.set(true);
    failure.set(null);
    const result = await firstValueFrom(options.signIn(current, code));
    if (!result.ok) {
      pending.set(false);
      failure.set(result.failure);
      return;
    }
    await auth.load();
    pending.set(false);
    await router.navigateByUrl(options.target);
  };

  return {
    token: token.asReadonly(),
    pending: pending.asReadonly(),
    codeInvalid: codeInvalid.asReadonly(),
    failure: failure.asReadonly(),
    failureKey,
    submit,
  };
}
