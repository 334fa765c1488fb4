import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  type OnDestroy,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ERROR_CODES, type MeetingClosePreview, type PresenceMode } from '@casustafel/contracts';
import { DISCUSSION_PHASES } from '@casustafel/domain';
import {
  AuthStore,
  failureMessageKey,
  type LiveCommandBody,
  LiveRoomStore,
  MeetingRecordsStore,
  MeetingsStore,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PageHeadingComponent, pluralKey } from '@casustafel/client/ui';
import { LiveClockComponent, PhaseStepperComponent } from './live-clock.component';
import { LiveNoteComponent } from './live-note.component';
import { ConsentBadgeComponent } from './consent-badge.component';
import { RecordsPanelComponent } from './records-panel.component';
import { PreparationPanelComponent } from './preparation-panel.component';
import { FollowUpPanelComponent } from './follow-up-panel.component';
import { LiveAgendaComponent } from './live-agenda.component';
import { LiveControlsComponent } from './live-controls.component';
import { LivePeopleComponent } from './live-people.component';

/** `/overleggen/:meetingId/live`: the live room of a meeting. */
@Component({
  selector: 'cst-live-room-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    LiveClockComponent,
    PhaseStepperComponent,
    TranslocoPipe,
    AlertComponent,
    PageHeadingComponent,
    LiveNoteComponent,
    RecordsPanelComponent,
    ConsentBadgeComponent,
    PreparationPanelComponent,
    FollowUpPanelComponent,
    LiveAgendaComponent,
    LiveControlsComponent,
    LivePeopleComponent,
    FIELD,
  ],
  templateUrl: './live-room-page.component.html',
  styleUrl: './meetings.css',
})
export class LiveRoomPageComponent implements OnDestroy {
  readonly meetingId = input.required<string>();
  protected readonly live = inject(LiveRoomStore);
  protected readonly meetings = inject(MeetingsStore);
  protected readonly records = inject(MeetingRecordsStore);
  readonly #auth = inject(AuthStore);
  readonly #transloco = inject(TranslocoService);
  /** How one takes part: in the room or remotely. */
  protected readonly modes: readonly { value: PresenceMode; testId: string }[] = [
    { value: 'in-de-ruimte', testId: 'live-mode-room' },
    { value: 'op-afstand', testId: 'live-mode-remote' },
  ];
  protected readonly errorKey = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly busy = signal(false);

  protected readonly me = computed(() => this.#auth.user()?.id ?? null);
  protected readonly isChair = computed(() => {
    const meeting = this.meetings.meeting();
    return !!meeting && meeting.chairId === this.me();
  });
  protected readonly runsTimer = computed(() => {
    const meeting = this.meetings.meeting();
    return this.isChair() || (!!meeting && meeting.timekeeperId === this.me());
  });
  /** The agenda in order with the live status of each item. */
  protected readonly items = computed(() => {
    const state = this.live.state();
    return this.meetings.agenda().map((item) => {
      const liveItem = state?.items.find((i) => i.id === item.id);
      return {
        ...item,
        status: liveItem?.status ?? item.status,
        current: state?.currentItemId === item.id,
      };
    });
  });
  protected readonly current = computed(() => this.items().find((i) => i.current) ?? null);
  /** The current case item's consent for the meeting (from the agenda), shown by its title. */
  protected readonly currentConsent = computed(() => {
    const id = this.current()?.id;
    return this.meetings.agenda().find((i) => i.id === id)?.consent ?? null;
  });
  /** The item whose note and records are shown: the one picked, else the current one. */
  protected readonly selectedId = signal<string | null>(null);
  protected readonly workItem = computed(() => {
    const items = this.items();
    const picked = this.selectedId();
    return (picked ? items.find((i) => i.id === picked) : null) ?? this.current() ?? null;
  });
  protected readonly currentIndex = computed(() => this.items().findIndex((i) => i.current));
  protected readonly phaseIndex = computed(() => {
    const phase = this.live.phase();
    return phase ? DISCUSSION_PHASES.indexOf(phase) : -1;
  });
  /** The meeting was closed (here or elsewhere). */
  protected readonly isClosed = computed(
    () => this.live.closed() || this.meetings.meeting()?.status === 'afgesloten',
  );
  /** Every item discussed or carried forward, none current: the agenda is done. */
  protected readonly finished = computed(() => {
    const items = this.items();
    return (
      this.live.state() !== null &&
      items.length > 0 &&
      !this.current() &&
      items.every((i) => i.status === 'besproken' || i.status === 'overgeslagen')
    );
  });
  protected readonly discussedCount = computed(
    () => this.items().filter((i) => i.status === 'besproken').length,
  );
  protected readonly deferred = computed(() =>
    this.items().filter((i) => i.status === 'overgeslagen'),
  );
  /** The next planned item after the current one (or the first planned one). */
  protected readonly nextPlanned = computed(() => {
    const items = this.items();
    const from = this.currentIndex();
    return (
      items.slice(from + 1).find((i) => i.status === 'gepland') ??
      items.find((i) => i.status === 'gepland' && !i.current) ??
      null
    );
  });
  protected readonly nextLabel = computed(() =>
    !this.current()
      ? 'meetings.live.startMeeting'
      : this.nextPlanned()
        ? 'meetings.live.nextItem'
        : 'meetings.live.finishLast',
  );
  /** Leaving the current item for another (or for none): how does it end? */
  protected readonly leaving = signal<{
    targetId: string | null;
    title: string;
    caseItem: boolean;
  } | null>(null);
  /** The chair's close confirmation, with what carries forward. */
  protected readonly closing = signal<MeetingClosePreview | null>(null);
  /** After closing: where the undiscussed items went. */
  protected readonly closedNotice = signal<string | null>(null);

  protected readonly handRaised = computed(() => {
    const me = this.me();
    return !!me && this.live.speakingQueue().includes(me);
  });

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      untracked(() => {
        void this.meetings.openMeeting(meetingId);
        void this.live.join(meetingId, this.live.mode());
        void this.records.open(meetingId);
      });
    });
    // The case files of the agenda's case items (asked once each; again when the agenda grows).
    effect(() => {
      this.meetings.agenda();
      untracked(() => void this.meetings.loadAgendaCases());
    });
    // Announce item and phase changes (aria-live).
    let lastItem: string | null | undefined;
    let lastPhase: string | null | undefined;
    effect(() => {
      const item = this.current();
      const phase = this.live.phase();
      const joined = this.live.state() !== null;
      untracked(() => {
        if (lastItem !== undefined && item?.id !== lastItem) {
          this.announcement.set(
            item
              ? this.#transloco.translate('meetings.live.announceItem', { item: this.title(item) })
              : this.#transloco.translate('meetings.live.announceNoItem'),
          );
        } else if (lastPhase !== undefined && phase !== lastPhase && phase) {
          this.announcement.set(
            this.#transloco.translate('meetings.live.announcePhase', {
              phase: this.#transloco.translate(`meetings.phases.${phase}`),
            }),
          );
        }
        if (joined) {
          lastItem = item?.id ?? null;
          lastPhase = phase;
        }
      });
    });
  }

  ngOnDestroy(): void {
    this.live.leave();
    this.records.close();
  }

  /** Shows another item's note and records (null: follow the current item). */
  protected select(itemId: string | null): void {
    this.selectedId.set(itemId === this.current()?.id ? null : itemId);
  }

  /** The title for the agenda list (a function input). */
  protected readonly titleOf = (item: { title: string; kind: string; caseId: string | null }) =>
    this.title(item);

  protected title(item: { title: string; kind: string; caseId: string | null }): string {
    if (item.title) return item.title;
    const kind = this.#transloco.translate(`meetings.kinds.${item.kind}`);
    const detail = item.caseId ? this.meetings.caseDetails().get(item.caseId) : undefined;
    return detail ? `${kind}: ${detail.title}` : kind;
  }

  protected async setMode(mode: PresenceMode): Promise<void> {
    await this.live.setMode(mode);
  }

  protected async send(body: LiveCommandBody): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    const result = await this.live.send(body);
    this.busy.set(false);
    if (result.ok) this.errorKey.set(null);
    else if (result.code === 'TIMEOUT') this.errorKey.set('meetings.live.timeout');
    else if ((ERROR_CODES as readonly string[]).includes(result.code)) {
      this.errorKey.set(`errors.${result.code}`);
    } else this.errorKey.set('meetings.live.commandFailed');
  }

  /** Starts an item; leaving a current item first asks how it ends. */
  protected startItem(itemId: string): Promise<void> {
    const current = this.current();
    if (current) {
      this.askLeave(itemId);
      return Promise.resolve();
    }
    return this.send({ type: 'item:start', itemId });
  }

  protected next(): Promise<void> {
    const current = this.current();
    const next = this.nextPlanned();
    if (!current) return next ? this.startItem(next.id) : Promise.resolve();
    // The last item: "Punt afronden" says it all.
    if (!next) return this.send({ type: 'item:finish', itemId: current.id });
    this.askLeave(next.id);
    return Promise.resolve();
  }

  private askLeave(targetId: string | null): void {
    const current = this.current();
    if (!current) return;
    this.leaving.set({
      targetId,
      title: this.title(current),
      caseItem: current.kind === 'casusbespreking',
    });
    this.#focus('live-leave-heading');
  }

  /** Ends the current item as chosen and moves on to the target (if any). */
  protected async leaveAs(status: 'besproken' | 'overgeslagen' | 'gepland'): Promise<void> {
    const leave = this.leaving();
    const current = this.current();
    this.leaving.set(null);
    if (!leave || !current) return;
    if (leave.targetId) {
      await this.send({ type: 'item:start', itemId: leave.targetId, previousStatus: status });
    } else if (status === 'overgeslagen') {
      await this.send({ type: 'item:skip', itemId: current.id });
    } else {
      await this.send({ type: 'item:finish', itemId: current.id });
    }
    if (status === 'overgeslagen') {
      this.announcement.set(
        this.#transloco.translate('meetings.live.announceDeferred', { item: leave.title }),
      );
    }
  }

  /** "Doorschuiven naar het volgende overleg": the case item is not discussed today. */
  protected async defer(itemId: string): Promise<void> {
    const item = this.items().find((i) => i.id === itemId);
    await this.send({ type: 'item:skip', itemId });
    if (item && !this.errorKey()) {
      this.announcement.set(
        this.#transloco.translate('meetings.live.announceDeferred', { item: this.title(item) }),
      );
    }
  }

  /** Asks the api what closing would carry forward, then asks the chair to confirm. */
  protected async askClose(): Promise<void> {
    const preview = await this.meetings.closePreview();
    if (!preview.ok) {
      this.errorKey.set(failureMessageKey(preview.failure));
      return;
    }
    this.errorKey.set(null);
    this.closing.set(preview.data);
    this.#focus('live-close-heading');
  }

  protected undiscussedTitles(preview: MeetingClosePreview): string[] {
    return preview.undiscussedItemIds.map((id) => {
      const item = this.items().find((i) => i.id === id);
      return item ? this.title(item) : '';
    });
  }

  /** Where the undiscussed case items go, in words. */
  protected destinationText(preview: MeetingClosePreview): string {
    const count = preview.undiscussedItemIds.length;
    if (preview.destination === 'volgend-overleg' && preview.nextMeeting) {
      const date = new Intl.DateTimeFormat(this.#transloco.getActiveLang(), {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: 'Europe/Amsterdam',
      }).format(new Date(preview.nextMeeting.startsAt));
      return this.#transloco.translate(pluralKey('meetings.live.carryNext', count), {
        count,
        date,
      });
    }
    const key =
      preview.destination === 'einde-reeks'
        ? 'meetings.live.carryEndOfSeries'
        : 'meetings.live.carryStandalone';
    return this.#transloco.translate(pluralKey(key, count), { count });
  }

  protected async confirmClose(): Promise<void> {
    const preview = this.closing();
    if (!preview || this.busy()) return;
    this.busy.set(true);
    const result = await this.meetings.close();
    this.busy.set(false);
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
    if (!result.ok) return;
    this.closing.set(null);
    this.closedNotice.set(
      preview.undiscussedItemIds.length === 0 ? null : this.destinationText(preview),
    );
  }

  /** Moves focus to an element rendered by the next change detection (a question asked). */
  #focus(id: string): void {
    setTimeout(() => document.getElementById(id)?.focus(), 0);
  }
}
