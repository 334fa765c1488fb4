import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  CalendarFeedView,
  NotificationKind,
  NotificationSettingsView,
  NotificationView,
} from '@casustafel/contracts';
import { type ApiFailure, failureMessageKey } from '../errors/api-failure';
import { NotificationsApi } from './notifications.api';

/** The bell polls this often while someone is signed in. */
export const NOTIFICATION_POLL_MS = 60_000;

/** The signed-in user's notifications, their e-mail choices and their calendar feed. */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  readonly #api = inject(NotificationsApi);
  readonly #items = signal<NotificationView[]>([]);
  readonly #unread = signal(0);
  readonly #settings = signal<NotificationSettingsView | null>(null);
  readonly #feed = signal<CalendarFeedView | null>(null);
  readonly #failure = signal<ApiFailure | null>(null);
  readonly #saved = signal(false);

  readonly items = this.#items.asReadonly();
  readonly unread = this.#unread.asReadonly();
  readonly settings = this.#settings.asReadonly();
  readonly feed = this.#feed.asReadonly();
  readonly saved = this.#saved.asReadonly();
  readonly failureKey = computed(() => {
    const failure = this.#failure();
    return failure ? failureMessageKey(failure) : null;
  });

  async refresh(): Promise<void> {
    const result = await firstValueFrom(this.#api.list());
    if (result.ok) {
      this.#items.set(result.data.notifications);
      this.#unread.set(result.data.unread);
    }
  }

  async markRead(ids: string[] | 'all'): Promise<void> {
    const result = await firstValueFrom(
      this.#api.markRead(ids === 'all' ? { all: true } : { ids }),
    );
    if (result.ok) {
      this.#items.set(result.data.notifications);
      this.#unread.set(result.data.unread);
    } else this.#failure.set(result.failure);
  }

  async loadSettings(): Promise<void> {
    const [settings, feed] = await Promise.all([
      firstValueFrom(this.#api.settings()),
      firstValueFrom(this.#api.feed()),
    ]);
    if (settings.ok) this.#settings.set(settings.data);
    if (feed.ok) this.#feed.set(feed.data);
  }

  async saveSettings(emailKinds: NotificationKind[], language: 'nl' | 'en'): Promise<void> {
    this.#saved.set(false);
    const result = await firstValueFrom(this.#api.saveSettings({ emailKinds, language }));
    if (result.ok) {
      this.#settings.set(result.data);
      this.#saved.set(true);
      this.#failure.set(null);
    } else this.#failure.set(result.failure);
  }

  async regenerateFeed(): Promise<void> {
    const result = await firstValueFrom(this.#api.regenerateFeed());
    if (result.ok) this.#feed.set(result.data);
    else this.#failure.set(result.failure);
  }

  async revokeFeed(): Promise<void> {
    const result = await firstValueFrom(this.#api.revokeFeed());
    if (result.ok) this.#feed.set(result.data);
    else this.#failure.set(result.failure);
  }

  /** Forgets everything (sign-out). */
  clear(): void {
    this.#items.set([]);
    this.#unread.set(0);
    this.#settings.set(null);
    this.#feed.set(null);
  }
}
