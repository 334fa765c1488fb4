import { CdkDrag, type CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { AgendaItemView } from '@casustafel/contracts';
import {
  AGENDA_TIME_BOX_MAX_MINUTES,
  AGENDA_TIME_BOX_MIN_MINUTES,
  plannedSchedule,
} from '@casustafel/domain';
import {
  AuthStore,
  failureMessageKey,
  LanguageStore,
  MeetingsStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  DateTimePipe,
  PageHeadingComponent,
  PluralKeyPipe,
  StatusBadgeComponent,
} from '@casustafel/client/ui';
import { AgendaAddFormComponent } from './agenda-add-form.component';
import { focusAfterMove, stepTarget } from './agenda-move';
import { ConsentBadgeComponent } from './consent-badge.component';
import { MeetingSettingsComponent } from './meeting-settings.component';
import { type GuestInviteItem, GuestInvitePanelComponent } from './guest-invite-panel.component';

/** `/overleggen/:meetingId`: the agenda editor (items, order by drag and drop or keyboard, publish). */
@Component({
  selector: 'cst-agenda-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MeetingSettingsComponent,
    CdkDrag,
    CdkDragHandle,
    CdkDropList,
    AgendaAddFormComponent,
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
    StatusBadgeComponent,
    GuestInvitePanelComponent,
    ConsentBadgeComponent,
    PluralKeyPipe,
  ],
  templateUrl: './agenda-page.component.html',
  styleUrl: './meetings.css',
})
export class AgendaPageComponent {
  readonly meetingId = input.required<string>();
  protected readonly store = inject(MeetingsStore);
  protected readonly language = inject(LanguageStore);
  readonly #transloco = inject(TranslocoService);
  readonly #injector = inject(Injector);
  readonly #auth = inject(AuthStore);
  protected readonly minBox = AGENDA_TIME_BOX_MIN_MINUTES;
  protected readonly maxBox = AGENDA_TIME_BOX_MAX_MINUTES;
  protected readonly announcement = signal('');
  protected readonly errorKey = signal<string | null>(null);
  protected readonly showAdd = signal(false);

  /** Planned start and end per item, back to back from the meeting start (skipped items none). */
  protected readonly schedule = computed(() => {
    const meeting = this.store.meeting();
    const map = new Map<string, { start: string; end: string }>();
    if (!meeting) return map;
    for (const s of plannedSchedule(new Date(meeting.startsAt), this.store.agenda())) {
      map.set(s.itemId, { start: s.start.toISOString(), end: s.end.toISOString() });
    }
    return map;
  });
  protected readonly plannedEnd = computed(() => {
    const meeting = this.store.meeting();
    if (!meeting) return null;
    return new Date(
      new Date(meeting.startsAt).getTime() +
        this.store
          .agenda()
          .reduce((sum, i) => sum + (i.status === 'overgeslagen' ? 0 : i.timeBoxMinutes), 0) *
          60_000,
    ).toISOString();
  });
  protected readonly overrun = computed(() => {
    const meeting = this.store.meeting();
    return !!meeting && (meeting.plannedMinutes ?? 0) > meeting.durationMinutes;
  });
  /** The meeting's chair, or a chair or team leader of its team: may invite guests. */
  protected readonly canInviteGuests = computed(() => {
    const meeting = this.store.meeting();
    const user = this.#auth.user();
    if (!meeting || !user) return false;
    if (meeting.chairId === user.id) return true;
    const roles = user.teams.find((t) => t.teamId === meeting.teamId)?.roles ?? [];
    return roles.includes('chair') || roles.includes('team_leader');
  });
  /** The agenda as the guest panel offers it. */
  protected readonly guestItems = computed<GuestInviteItem[]>(() =>
    this.store.agenda().map((item) => ({ id: item.id, label: this.label(item) })),
  );
  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      untracked(async () => {
        await this.store.openMeeting(meetingId);
        void this.store.loadPreparations();
      });
    });
  }

  protected label(item: AgendaItemView): string {
    const kind = this.#transloco.translate(`meetings.kinds.${item.kind}`);
    if (item.title) return item.title;
    const prep = this.store.preparations()?.find((p) => p.preparationId === item.preparationId);
    return prep ? `${kind}: ${prep.caseTitle}` : kind;
  }

  protected preparationLabel(preparationId: string | null): string {
    const prep = this.store.preparations()?.find((p) => p.preparationId === preparationId);
    return prep ? `${prep.caseTitle} (${prep.householdLabel})` : '';
  }

  /** An item was added: announced politely. */
  protected added(): void {
    this.announcement.set(this.#transloco.translate('meetings.agenda.added'));
  }

  protected async saveTimeBox(item: AgendaItemView, value: string): Promise<void> {
    const minutes = Number(value);
    if (!Number.isInteger(minutes) || minutes < this.minBox || minutes > this.maxBox) {
      this.errorKey.set('meetings.agenda.timeBoxInvalid');
      return;
    }
    if (minutes === item.timeBoxMinutes) return;
    const result = await this.store.updateItem(item.id, { timeBoxMinutes: minutes });
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
  }

  protected async remove(item: AgendaItemView): Promise<void> {
    const result = await this.store.deleteItem(item.id);
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
    if (result.ok) {
      this.announcement.set(
        this.#transloco.translate('meetings.agenda.removed', { item: this.label(item) }),
      );
    }
  }

  /** Keyboard reorder: one step; focus stays on the moved item; announced politely. */
  protected async move(item: AgendaItemView, direction: 'up' | 'down'): Promise<void> {
    const ids = this.store.agenda().map((i) => i.id);
    const to = stepTarget(ids, item.id, direction);
    if (to === null) return;
    await this.#reorder(item, to);
    const index = this.store.agenda().findIndex((i) => i.id === item.id);
    const keep = focusAfterMove(index, ids.length, direction);
    afterNextRender(() => document.getElementById(`agenda-${keep}-${item.id}`)?.focus(), {
      injector: this.#injector,
    });
  }

  protected async drop(event: CdkDragDrop<AgendaItemView[]>): Promise<void> {
    if (event.previousIndex === event.currentIndex) return;
    const item = this.store.agenda()[event.previousIndex];
    if (item) await this.#reorder(item, event.currentIndex);
  }

  async #reorder(item: AgendaItemView, toIndex: number): Promise<void> {
    const count = this.store.agenda().length;
    const result = await this.store.reorder(item.id, toIndex);
    if (!result.ok) {
      this.errorKey.set(failureMessageKey(result.failure));
      this.announcement.set(this.#transloco.translate('meetings.agenda.moveFailed'));
      return;
    }
    this.errorKey.set(null);
    const position = this.store.agenda().findIndex((i) => i.id === item.id) + 1;
    this.announcement.set(
      this.#transloco.translate('meetings.agenda.moved', {
        item: this.label(item),
        position,
        count,
      }),
    );
  }

  protected async publish(): Promise<void> {
    const result = await this.store.publish();
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
    if (result.ok) this.announcement.set(this.#transloco.translate('meetings.agenda.publishedNow'));
  }
}
