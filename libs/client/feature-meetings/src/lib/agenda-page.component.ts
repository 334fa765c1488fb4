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
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { AgendaItemView } from '@casustafel/contracts';
import {
  AGENDA_ITEM_KINDS,
  AGENDA_TIME_BOX_MAX_MINUTES,
  AGENDA_TIME_BOX_MIN_MINUTES,
  type AgendaItemKind,
  CONSENT_JUSTIFICATION_MIN,
  plannedSchedule,
} from '@casustafel/domain';
import {
  AuthStore,
  failureCode,
  failureDetails,
  failureMessageKey,
  LanguageStore,
  MeetingsStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  DateTimePipe,
  PageHeadingComponent,
  StatusBadgeComponent,
} from '@casustafel/client/ui';
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
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
    StatusBadgeComponent,
    GuestInvitePanelComponent,
    ConsentBadgeComponent,
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
  protected readonly kinds = AGENDA_ITEM_KINDS;
  protected readonly minBox = AGENDA_TIME_BOX_MIN_MINUTES;
  protected readonly maxBox = AGENDA_TIME_BOX_MAX_MINUTES;
  protected readonly announcement = signal('');
  protected readonly errorKey = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly showAdd = signal(false);

  protected readonly item = new FormGroup({
    kind: new FormControl<AgendaItemKind>('casusbespreking', { nonNullable: true }),
    title: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    presenterUserId: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    timeBoxMinutes: new FormControl(20, {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.min(AGENDA_TIME_BOX_MIN_MINUTES),
        Validators.max(AGENDA_TIME_BOX_MAX_MINUTES),
      ],
    }),
    preparationId: new FormControl('', { nonNullable: true }),
    consentJustification: new FormControl('', { nonNullable: true }),
  });
  protected readonly kind = signal<AgendaItemKind>('casusbespreking');
  /**
   * Set when the api refused the case for want of consent for the meeting (`verlopen` or
   * `ontbreekt`): the form then asks the chair why the case is discussed anyway.
   */
  protected readonly consentProblem = signal<string | null>(null);

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
  /** Ready preparations not yet on this agenda. */
  protected readonly freePreparations = computed(() => {
    const used = new Set(this.store.agenda().map((i) => i.preparationId));
    return (this.store.preparations() ?? []).filter((p) => !used.has(p.preparationId));
  });

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      untracked(async () => {
        await this.store.openMeeting(meetingId);
        void this.store.loadPreparations();
      });
    });
    this.item.controls.kind.valueChanges.subscribe((kind) => this.kind.set(kind));
    // Another case: its consent is checked anew.
    this.item.controls.preparationId.valueChanges.subscribe(() => this.consentProblem.set(null));
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

  protected invalid(
    name: 'presenterUserId' | 'timeBoxMinutes' | 'preparationId' | 'consentJustification',
  ): boolean {
    if (!this.submitted()) return false;
    if (name === 'consentJustification') {
      return (
        this.consentProblem() !== null &&
        this.item.controls.consentJustification.value.trim().length < CONSENT_JUSTIFICATION_MIN
      );
    }
    if (name === 'preparationId') {
      return this.kind() === 'casusbespreking' && !this.item.controls.preparationId.value;
    }
    return this.item.controls[name].invalid;
  }

  protected async add(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorKey.set(null);
    if (this.item.invalid || this.invalid('preparationId') || this.invalid('consentJustification'))
      return;
    const v = this.item.getRawValue();
    const isCase = v.kind === 'casusbespreking';
    this.pending.set(true);
    const result = await this.store.addItem({
      kind: v.kind,
      title: v.title.trim(),
      presenterUserId: v.presenterUserId,
      timeBoxMinutes: v.timeBoxMinutes,
      preparationId: isCase ? v.preparationId : null,
      consentJustification:
        isCase && this.consentProblem() !== null ? v.consentJustification.trim() : null,
    });
    this.pending.set(false);
    if (!result.ok) {
      if (failureCode(result.failure) === 'CONSENT_JUSTIFICATION_REQUIRED') {
        // Not an error of the form: the next step, with the reason from the ledger.
        const issue = failureDetails(result.failure)[0]?.issue;
        this.consentProblem.set(issue === 'verlopen' ? 'verlopen' : 'ontbreekt');
        this.submitted.set(false);
        return;
      }
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.submitted.set(false);
    this.consentProblem.set(null);
    this.item.reset({ kind: v.kind, presenterUserId: v.presenterUserId, timeBoxMinutes: 20 });
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
