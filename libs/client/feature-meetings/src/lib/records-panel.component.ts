import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ERROR_CODES } from '@casustafel/contracts';
import {
  ACTION_STATUSES,
  type ActionStatus,
  DECISION_TYPES,
  type DecisionType,
  setActionStatus,
} from '@casustafel/domain';
import { MeetingRecordsStore, MeetingsStore } from '@casustafel/client/data-access';
import { AlertComponent } from '@casustafel/client/ui';

/** Today as a local date `YYYY-MM-DD`. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A local date `YYYY-MM-DD` in words in the UI language, e.g. `29 november 2026`. */
export function formatDay(day: string, lang: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Translation key of a command's error code. */
export function recordErrorKey(code: string): string {
  if (code === 'TIMEOUT') return 'meetings.live.timeout';
  if ((ERROR_CODES as readonly string[]).includes(code)) return `errors.${code}`;
  return 'meetings.live.commandFailed';
}

const nonBlank = Validators.pattern(/\S/);

/**
 * Decisions and actions of the current agenda item: the live lists and the forms to record a
 * decision (type, text, grounds) and an action (owner, due date, text); an action's status can
 * be changed in place.
 */
@Component({
  selector: 'cst-records-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, AlertComponent],
  templateUrl: './records-panel.component.html',
  styleUrl: './records-panel.component.css',
})
export class RecordsPanelComponent {
  readonly itemId = input.required<string>();
  readonly itemTitle = input.required<string>();
  protected readonly records = inject(MeetingRecordsStore);
  protected readonly meetings = inject(MeetingsStore);
  readonly #transloco = inject(TranslocoService);
  protected readonly types = DECISION_TYPES;
  protected readonly statuses = ACTION_STATUSES;
  protected readonly decisions = computed(() => this.records.decisionsOf(this.itemId()));
  protected readonly actions = computed(() => this.records.actionsOf(this.itemId()));
  protected readonly errorKey = signal<string | null>(null);
  protected readonly saved = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly decisionSubmitted = signal(false);
  protected readonly actionSubmitted = signal(false);
  protected readonly today = today();

  protected readonly decision = new FormGroup({
    type: new FormControl<DecisionType | ''>('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    text: new FormControl('', { nonNullable: true, validators: [Validators.required, nonBlank] }),
    rationale: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, nonBlank],
    }),
    /** Recorded on behalf of the team: decided by = the chair. */
    onBehalfOfTeam: new FormControl(false, { nonNullable: true }),
  });

  protected readonly action = new FormGroup({
    ownerUserId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    due: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    text: new FormControl('', { nonNullable: true, validators: [Validators.required, nonBlank] }),
    /** The decision of this item the action carries out ('' = none). */
    decisionId: new FormControl('', { nonNullable: true }),
  });

  /** The meeting's chair, named in the "on behalf of the team" hint. */
  protected readonly chairName = computed(() => {
    const chairId = this.meetings.meeting()?.chairId;
    return chairId ? this.meetings.memberName(chairId) : '';
  });

  /** The text of a decision of this item an action carries out, if it is one. */
  protected decisionText(decisionId: string | null): string | null {
    if (!decisionId) return null;
    return this.decisions().find((d) => d.id === decisionId)?.text ?? null;
  }

  protected invalid(form: 'decision' | 'action', name: string): boolean {
    const group: FormGroup = form === 'decision' ? this.decision : this.action;
    const submitted = form === 'decision' ? this.decisionSubmitted() : this.actionSubmitted();
    return submitted && !!group.get(name)?.invalid;
  }

  protected name(userId: string): string {
    return this.meetings.memberName(userId) || userId.slice(0, 8);
  }

  protected day(due: string): string {
    return formatDay(due, this.#transloco.getActiveLang());
  }

  /** The statuses an action may move to from `status` (and `status` itself). */
  protected choices(status: ActionStatus): ActionStatus[] {
    return this.statuses.filter((s) => s === status || setActionStatus({ status }, s).ok);
  }

  protected async addDecision(): Promise<void> {
    if (this.pending()) return;
    this.decisionSubmitted.set(true);
    this.saved.set(null);
    if (this.decision.invalid) return;
    const v = this.decision.getRawValue();
    this.pending.set(true);
    const result = await this.records.createDecision({
      itemId: this.itemId(),
      type: v.type as DecisionType,
      text: v.text.trim(),
      rationale: v.rationale.trim(),
      onBehalfOfTeam: v.onBehalfOfTeam,
    });
    this.pending.set(false);
    if (!result.ok) {
      this.errorKey.set(recordErrorKey(result.code));
      return;
    }
    this.errorKey.set(null);
    this.saved.set('meetings.records.decisionSaved');
    this.decision.reset();
    this.decisionSubmitted.set(false);
  }

  protected async addAction(): Promise<void> {
    if (this.pending()) return;
    this.actionSubmitted.set(true);
    this.saved.set(null);
    if (this.action.invalid) return;
    const v = this.action.getRawValue();
    this.pending.set(true);
    const result = await this.records.createAction({
      itemId: this.itemId(),
      ownerUserId: v.ownerUserId,
      due: v.due,
      text: v.text.trim(),
      decisionId: v.decisionId || null,
    });
    this.pending.set(false);
    if (!result.ok) {
      this.errorKey.set(recordErrorKey(result.code));
      return;
    }
    this.errorKey.set(null);
    this.saved.set('meetings.records.actionSaved');
    this.action.reset();
    this.actionSubmitted.set(false);
  }

  protected async setStatus(actionId: string, event: Event): Promise<void> {
    const status = (event.target as HTMLSelectElement).value as ActionStatus;
    const result = await this.records.updateAction(actionId, status);
    this.errorKey.set(result.ok ? null : recordErrorKey(result.code));
    if (result.ok) this.saved.set('meetings.records.statusSaved');
  }
}
