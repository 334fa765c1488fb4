import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { MinutesView } from '@casustafel/contracts';
import {
  AuthStore,
  failureMessageKey,
  MeetingsStore,
  MinutesStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  ConfirmDialogComponent,
  FIELD,
  formatDateTime,
  PageHeadingComponent,
  StatusBadgeComponent,
} from '@casustafel/client/ui';

import { phaseMinutes, spentMinutes } from '@casustafel/domain';
import { formatDay } from './records-panel.component';

type MinutesItem = MinutesView['items'][number];

/** `/overleggen/:meetingId/notulen`: the minutes (verslag) — generate, read, approve, PDF. */
@Component({
  selector: 'cst-minutes-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    ConfirmDialogComponent,
    PageHeadingComponent,
    StatusBadgeComponent,
    FIELD,
  ],
  templateUrl: './minutes-page.component.html',
  styleUrl: './minutes-page.component.css',
})
export class MinutesPageComponent {
  readonly meetingId = input.required<string>();
  protected readonly store = inject(MinutesStore);
  protected readonly meetings = inject(MeetingsStore);
  readonly #auth = inject(AuthStore);
  readonly #transloco = inject(TranslocoService);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly announcement = signal('');
  /** The item whose notes are being edited, and the text so far. */
  protected readonly editing = signal<string | null>(null);
  protected draft = '';

  protected readonly me = computed(() => this.#auth.user()?.id ?? null);
  protected readonly isChair = computed(() => {
    const meeting = this.meetings.meeting();
    return !!meeting && meeting.chairId === this.me();
  });
  /** The chair and the minute taker write the minutes. */
  protected readonly writes = computed(() => {
    const meeting = this.meetings.meeting();
    return this.isChair() || (!!meeting && meeting.minuteTakerId === this.me());
  });
  protected readonly when = computed(() => {
    const minutes = this.store.minutes();
    const start = minutes?.start ?? this.meetings.meeting()?.startsAt;
    return start ? formatDateTime(start, this.#transloco.getActiveLang()) : '';
  });
  protected readonly approvedAt = computed(() => {
    const at = this.store.minutes()?.approvedAt;
    return at ? formatDateTime(at, this.#transloco.getActiveLang()) : '';
  });

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      untracked(() => {
        void this.meetings.openMeeting(meetingId);
        void this.store.open(meetingId);
      });
    });
  }

  protected name(userId: string | null): string {
    if (!userId) return '';
    return (
      this.meetings.memberName(userId) || this.#transloco.translate('meetings.minutes.unknown')
    );
  }

  /** The PDF in the language of the interface (the api defaults to Dutch). */
  protected pdfHref(url: string): string {
    return this.#transloco.getActiveLang() === 'en' ? `${url}?lang=en` : url;
  }

  protected day(due: string): string {
    return formatDay(due, this.#transloco.getActiveLang());
  }

  protected spent(ms: number): number {
    return spentMinutes(ms);
  }

  protected phases(item: MinutesItem): { phase: string; minutes: number }[] {
    return phaseMinutes(item.phaseMs);
  }

  /** "Inbreng 3 min, Besluit 5 min". */
  protected phaseText(item: MinutesItem): string {
    return this.phases(item)
      .map(
        (p) =>
          `${this.#transloco.translate(`meetings.phases.${p.phase}`)} ${this.#transloco.translate('meetings.minutes.minutesShort', { minutes: p.minutes })}`,
      )
      .join(', ');
  }

  protected title(item: MinutesItem): string {
    return item.title || this.#transloco.translate(`meetings.kinds.${item.kind}`);
  }

  protected async generate(): Promise<void> {
    const result = await this.store.generate();
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
    if (result.ok) this.announcement.set(this.#transloco.translate('meetings.minutes.generated'));
  }

  protected edit(item: MinutesItem): void {
    this.draft = item.notes;
    this.editing.set(item.itemId);
    // Focus the text once it is shown (keyboard users land in it).
    setTimeout(() => document.getElementById(`minutes-notes-${item.itemId}`)?.focus());
  }

  protected cancelEdit(itemId: string): void {
    this.editing.set(null);
    setTimeout(() => document.getElementById(`minutes-edit-${itemId}`)?.focus());
  }

  protected async saveNotes(itemId: string): Promise<void> {
    const result = await this.store.saveNotes(itemId, this.draft);
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
    if (!result.ok) return;
    this.announcement.set(this.#transloco.translate('meetings.minutes.notesSaved'));
    this.cancelEdit(itemId);
  }

  protected async approve(): Promise<void> {
    const result = await this.store.approve();
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
    if (result.ok) this.announcement.set(this.#transloco.translate('meetings.minutes.approvedNow'));
  }
}
