import { DOCUMENT } from '@angular/common';
import { DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { AuthStore } from './auth.store';

/** How long before the server's idle timeout the user is warned. */
export const IDLE_WARNING_SECONDS = 60;
/** Slack after the timeout before asking the server, so its clock has certainly run out. */
const EXPIRY_SLACK_MS = 2_000;
const UNREACHABLE_RETRY_MS = 30_000;
const USER_INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * The idle timeout, as the user sees it. Only api calls that reach a handler extend the
 * server session, so the clock restarts on every api answer. Shortly before the timeout:
 * if the user has been typing or clicking since the last api call they are evidently there,
 * and the session is extended quietly (`GET /auth/session`); otherwise a warning with
 * "Blijf ingelogd" is shown. At the timeout the server is asked; when it says anonymous,
 * the user goes to the login page with "your session expired".
 */
@Injectable({ providedIn: 'root' })
export class IdleStore {
  readonly #auth = inject(AuthStore);
  readonly #document = inject(DOCUMENT);
  readonly #warning = signal(false);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastApiAt = Date.now();
  #lastInputAt = 0;
  #running = false;

  /** The "you will be signed out in a minute" warning is showing. */
  readonly warning = this.#warning.asReadonly();

  constructor() {
    const onInput = (): void => {
      this.#lastInputAt = Date.now();
    };
    for (const type of USER_INPUT_EVENTS) {
      this.#document.addEventListener(type, onInput, { passive: true, capture: true });
    }
    effect(() => {
      const complete = this.#auth.isSignedIn();
      const timeout = this.#auth.idleTimeoutSeconds();
      untracked(() => (complete && timeout ? this.#start() : this.#stop()));
    });
    inject(DestroyRef).onDestroy(() => {
      this.#stop();
      for (const type of USER_INPUT_EVENTS) {
        this.#document.removeEventListener(type, onInput, { capture: true });
      }
    });
  }

  /** An api call was answered: the server session was extended. */
  recordApiActivity(): void {
    this.#lastApiAt = Date.now();
    if (!this.#running) return;
    this.#warning.set(false);
    this.#schedule();
  }

  /** "Blijf ingelogd": one api call that extends the session. */
  async stayLoggedIn(): Promise<void> {
    this.#warning.set(false);
    const state = await this.#auth.load();
    if (state?.stage === 'anonymous') await this.#auth.sessionEnded();
  }

  #start(): void {
    this.#running = true;
    this.#lastApiAt = Date.now();
    this.#schedule();
  }

  #stop(): void {
    this.#running = false;
    this.#warning.set(false);
    this.#clear();
  }

  #timeoutMs(): number {
    return (this.#auth.idleTimeoutSeconds() ?? 900) * 1_000;
  }

  #schedule(): void {
    this.#clear();
    const warnAt = this.#lastApiAt + this.#timeoutMs() - IDLE_WARNING_SECONDS * 1_000;
    this.#timer = setTimeout(() => this.#onWarnPoint(), Math.max(0, warnAt - Date.now()));
  }

  #onWarnPoint(): void {
    if (this.#lastInputAt > this.#lastApiAt) {
      void this.stayLoggedIn();
      return;
    }
    this.#warning.set(true);
    const expireAt = this.#lastApiAt + this.#timeoutMs() + EXPIRY_SLACK_MS;
    this.#clear();
    this.#timer = setTimeout(() => void this.#onExpiry(), Math.max(0, expireAt - Date.now()));
  }

  async #onExpiry(): Promise<void> {
    this.#timer = null;
    const state = await this.#auth.load();
    if (!state) {
      // The api did not answer: ask again shortly rather than signing out on a network blip.
      this.#timer = setTimeout(() => void this.#onExpiry(), UNREACHABLE_RETRY_MS);
      return;
    }
    if (state.stage === 'anonymous') {
      this.#warning.set(false);
      await this.#auth.sessionEnded();
    }
  }

  #clear(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
