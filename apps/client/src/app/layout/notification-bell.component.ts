import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  AuthStore,
  NOTIFICATION_POLL_MS,
  NotificationsStore,
} from '@casustafel/client/data-access';

/** The bell in the header: a link to `/meldingen` with the number of unread notifications. */
@Component({
  selector: 'app-notification-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe],
  template: `
    @if (signedIn()) {
      <a
        class="utrecht-link app-bell"
        routerLink="/meldingen"
        data-testid="notification-bell"
        [attr.aria-label]="'notifications.bell' | transloco: { count: store.unread() }"
      >
        <svg
          class="app-bell__icon"
          viewBox="0 0 24 24"
          width="22"
          height="22"
          aria-hidden="true"
          focusable="false"
        >
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        @if (store.unread() > 0) {
          <span class="app-bell__count" aria-hidden="true" data-testid="notification-count">{{
            store.unread()
          }}</span>
        }
      </a>
    }
  `,
  styles: `
    .app-bell {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      min-block-size: 44px;
      min-inline-size: 44px;
      justify-content: center;
      text-decoration: none;
    }
    .app-bell__count {
      background: var(--utrecht-color-red-40, #b30000);
      color: #fff;
      border-radius: 999px;
      padding: 0 0.4rem;
      font-size: 0.8rem;
      font-weight: bold;
    }
  `,
})
export class NotificationBellComponent {
  protected readonly store = inject(NotificationsStore);
  readonly #auth = inject(AuthStore);
  protected readonly signedIn = () =>
    this.#auth.isSignedIn() &&
    !this.#auth.user()?.guest &&
    !this.#auth.user()?.family &&
    !this.#auth.user()?.conference;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    effect(() => {
      if (this.signedIn()) {
        void this.store.refresh();
        this.#timer ??= setInterval(() => void this.store.refresh(), NOTIFICATION_POLL_MS);
      } else {
        if (this.#timer) clearInterval(this.#timer);
        this.#timer = null;
        this.store.clear();
      }
    });
    inject(DestroyRef).onDestroy(() => {
      if (this.#timer) clearInterval(this.#timer);
    });
  }
}
