import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom, type Observable } from 'rxjs';
import type { SessionStage, SessionState, TotpEnrolment } from '@casustafel/contracts';
import { type ApiFailure, type ApiResult, failureMessageKey } from '../errors/api-failure';
import { ConnectionStore } from '../realtime/connection.store';
import { AuthApi } from './auth.api';
import { safeReturnPath } from './return-path';

/** Why the login page is shown: the session ended (`verlopen`), or SSO came back with an error. */
export const SESSION_EXPIRED_REASON = 'verlopen';

/**
 * The browser session: its stage, the signed-in user and the CSRF token, as signals; the
 * sign-in steps as intents. The live socket is open exactly while the stage is `complete`.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  readonly #api = inject(AuthApi);
  readonly #router = inject(Router);
  readonly #connection = inject(ConnectionStore);
  readonly #state = signal<SessionState | null>(null);
  readonly #pending = signal(false);
  readonly #failure = signal<ApiFailure | null>(null);
  readonly #enrolment = signal<TotpEnrolment | null>(null);
  readonly #recoveryCodes = signal<readonly string[] | null>(null);
  #loading: Promise<SessionState | null> | null = null;

  /** The last session state the api reported; null before the first answer. */
  readonly state = this.#state.asReadonly();
  readonly stage = computed<SessionStage>(() => this.#state()?.stage ?? 'anonymous');
  readonly user = computed(() => this.#state()?.user ?? null);
  readonly isSignedIn = computed(() => this.stage() === 'complete');
  readonly isAdmin = computed(() => this.isSignedIn() && (this.user()?.orgAdmin ?? false));
  readonly demo = computed(() => this.#state()?.demo ?? false);
  readonly csrfToken = computed(() => this.#state()?.csrfToken ?? null);
  readonly idleTimeoutSeconds = computed(() => this.#state()?.idleTimeoutSeconds ?? null);
  readonly sso = computed(() => this.#state()?.sso ?? { enabled: false, label: null });
  /** A sign-in step is in flight. */
  readonly pending = this.#pending.asReadonly();
  /** Why the last sign-in step failed; cleared by the next one. */
  readonly failure = this.#failure.asReadonly();
  readonly failureKey = computed(() => {
    const failure = this.#failure();
    return failure ? failureMessageKey(failure) : null;
  });
  /** The TOTP secret being set up (stage `enrol-second-factor`). */
  readonly enrolment = this.#enrolment.asReadonly();
  /** The recovery codes of a just-confirmed enrolment, shown once. */
  readonly recoveryCodes = this.#recoveryCodes.asReadonly();

  /** Asks the api where the session stands. Concurrent calls share one request. */
  load(): Promise<SessionState | null> {
    this.#loading ??= firstValueFrom(this.#api.session()).then((result) => {
      this.#loading = null;
      if (result.ok) this.#setState(result.data);
      return result.ok ? result.data : null;
    });
    return this.#loading;
  }

  /** The session state, asking the api only the first time. */
  async ensureLoaded(): Promise<SessionState | null> {
    return this.#state() ?? (await this.load());
  }

  login(email: string, password: string): Promise<boolean> {
    return this.#step(this.#api.login({ email: email.trim(), password }), (state) => state);
  }

  verifySecondFactor(code: string): Promise<boolean> {
    return this.#step(this.#api.secondFactor(normaliseCode(code)), (state) => state);
  }

  startEnrolment(): Promise<boolean> {
    return this.#step(this.#api.startEnrolment(), (enrolment) => {
      this.#enrolment.set(enrolment);
      return null;
    });
  }

  confirmEnrolment(code: string): Promise<boolean> {
    return this.#step(this.#api.confirmEnrolment(normaliseCode(code)), (answer) => {
      this.#recoveryCodes.set(answer.recoveryCodes);
      this.#enrolment.set(null);
      return answer.session;
    });
  }

  /** Forgets the recovery codes once the user confirmed they stored them. */
  acknowledgeRecoveryCodes(): void {
    this.#recoveryCodes.set(null);
  }

  activate(token: string, password: string): Promise<boolean> {
    return this.#step(this.#api.activate(token, password), (state) => state);
  }

  /** Ends the session on the server, closes the live socket and returns to the login page. */
  async logout(): Promise<void> {
    this.#pending.set(true);
    await firstValueFrom(this.#api.logout());
    this.#pending.set(false);
    this.#becomeAnonymous();
    await this.#router.navigateByUrl('/inloggen');
  }

  /** The api said the session is gone (401 UNAUTHENTICATED, idle timeout): sign in again. */
  async sessionEnded(): Promise<void> {
    const here = this.#router.url;
    this.#becomeAnonymous();
    if (here.startsWith('/inloggen?') && here.includes(`reden=${SESSION_EXPIRED_REASON}`)) return;
    const terug = safeReturnPath(here);
    await this.#router.navigate(['/inloggen'], {
      queryParams: { reden: SESSION_EXPIRED_REASON, ...(terug !== '/' ? { terug } : {}) },
    });
  }

  /** Clears the failure shown by a sign-in page (e.g. when it is opened anew). */
  clearFailure(): void {
    this.#failure.set(null);
  }

  async #step<T>(
    request: Observable<ApiResult<T>>,
    apply: (data: T) => SessionState | null,
  ): Promise<boolean> {
    this.#pending.set(true);
    this.#failure.set(null);
    const result = await firstValueFrom(request);
    this.#pending.set(false);
    if (!result.ok) {
      this.#failure.set(result.failure);
      return false;
    }
    const state = apply(result.data);
    if (state) this.#setState(state);
    return true;
  }

  #becomeAnonymous(): void {
    const previous = this.#state();
    this.#enrolment.set(null);
    this.#recoveryCodes.set(null);
    this.#setState({
      stage: 'anonymous',
      user: null,
      csrfToken: null,
      demo: previous?.demo ?? false,
      idleTimeoutSeconds: previous?.idleTimeoutSeconds ?? 900,
      expiresAt: null,
      sso: previous?.sso ?? { enabled: false, label: null },
    });
  }

  #setState(state: SessionState): void {
    const wasComplete = this.#state()?.stage === 'complete';
    this.#state.set(state);
    if (state.stage === 'complete') this.#connection.connect();
    else if (wasComplete) this.#connection.disconnect();
  }
}

/** Codes are typed with spaces (`123 456`) or in capitals; the api wants them bare and lower case. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '').toLowerCase();
}
