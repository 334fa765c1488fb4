import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  type OnDestroy,
  signal,
  untracked,
} from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ERROR_CODES } from '@casustafel/contracts';
import {
  AuthStore,
  failureMessageKey,
  GuestRoomStore,
  LanguageStore,
} from '@casustafel/client/data-access';
import { AlertComponent, DateTimePipe, PageHeadingComponent } from '@casustafel/client/ui';
import { LiveClockComponent, PhaseStepperComponent } from './live-clock.component';
import { LiveNoteComponent } from './live-note.component';
import { formatDay } from './records-panel.component';

/** A time of day in the UI language (`09:30`). */
export function formatTime(value: string, lang: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(date);
}

/**
 * `/gast/overleg`: the meeting as a remote specialist (guest) sees it — only the invited items,
 * with the shared clock, phase, speaking queue, note, decisions and actions while one of them is
 * current; "another item is being discussed" otherwise. Shows that the access ended when the
 * server revokes or expires it.
 */
@Component({
  selector: 'cst-guest-room-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
    LiveNoteComponent,
    LiveClockComponent,
    PhaseStepperComponent,
  ],
  templateUrl: './guest-room-page.component.html',
  styleUrls: ['./meetings.css', './guest.css'],
})
export class GuestRoomPageComponent implements OnDestroy {
  protected readonly store = inject(GuestRoomStore);
  protected readonly language = inject(LanguageStore);
  readonly #auth = inject(AuthStore);
  readonly #transloco = inject(TranslocoService);
  protected readonly busy = signal(false);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly announcement = signal('');

  protected readonly me = computed(() => this.#auth.user()?.id ?? null);
  protected readonly loadFailureKey = computed(() => {
    const failure = this.store.sessionFailure();
    return failure ? failureMessageKey(failure) : null;
  });
  /** The invited items (from the session) with their live status. */
  protected readonly items = computed(() => {
    const view = this.store.view();
    const currentId = view?.currentItemId ?? null;
    return (this.store.session()?.items ?? []).map((item) => ({
      ...item,
      // An item without a title of its own is named by its kind (the case title is not shared).
      title: item.title || this.#transloco.translate<string>(`meetings.kinds.${item.kind}`),
      status: view?.items.find((i) => i.id === item.id)?.status ?? item.status,
      current: item.id === currentId,
    }));
  });
  protected readonly current = computed(() => this.items().find((i) => i.current) ?? null);
  protected readonly handRaised = computed(() => {
    const me = this.me();
    return !!me && this.store.speakingQueue().includes(me);
  });
  protected readonly decisions = computed(() => {
    const id = this.current()?.id;
    return this.store.decisions().filter((d) => d.agendaItemId === id);
  });
  protected readonly actions = computed(() => {
    const id = this.current()?.id;
    return this.store.actions().filter((a) => a.agendaItemId === id);
  });

  constructor() {
    void this.store.open();
    // Announce when one of the guest's items comes up, or another item does (aria-live).
    let last: string | null | undefined;
    effect(() => {
      const item = this.current();
      const other = this.store.otherItemInProgress();
      const joined = this.store.view() !== null;
      untracked(() => {
        const now = item ? item.id : other ? 'other' : null;
        if (last !== undefined && now !== last) {
          if (item) {
            this.announcement.set(
              this.#transloco.translate('guest.room.announceItem', { item: item.title }),
            );
          } else if (other) {
            this.announcement.set(this.#transloco.translate('guest.room.announceOther'));
          }
        }
        if (joined) last = now;
      });
    });
  }

  ngOnDestroy(): void {
    this.store.leave();
  }

  protected time(value: string): string {
    return formatTime(value, this.language.lang());
  }

  protected name(userId: string | null): string {
    if (!userId) return '';
    const present = this.store.presence().find((p) => p.userId === userId)?.displayName;
    const name: string = present || this.#transloco.translate<string>('guest.room.someone');
    return userId === this.me()
      ? this.#transloco.translate<string>('guest.room.you', {
          name: this.#auth.user()?.displayName ?? name,
        })
      : name;
  }

  protected async hand(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    const result = await this.store.hand(!this.handRaised());
    this.busy.set(false);
    if (result.ok) this.errorKey.set(null);
    else if ((ERROR_CODES as readonly string[]).includes(result.code)) {
      this.errorKey.set(`errors.${result.code}`);
    } else this.errorKey.set('guest.room.handFailed');
  }

  /** A due date in words in the UI language (as the members see it). */
  protected day(due: string): string {
    return formatDay(due, this.#transloco.getActiveLang());
  }
}
