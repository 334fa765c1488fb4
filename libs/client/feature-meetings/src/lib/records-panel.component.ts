import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
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
import { AlertComponent, FIELD } from '@casustafel/client/ui';

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

/** Whether a text holds more than white space. */
const filled = (text: string) => /\S/.test(text);

/** What the decision form holds. */
interface DecisionDraft {
  type: DecisionType | '';
  text: string;
  rationale: string;
  /** Recorded on behalf of the team: decided by = the chair. */
  onBehalfOfTeam: boolean;
}
const NO_DECISION: DecisionDraft = { type: '', text: '', rationale: '', onBehalfOfTeam: false };

/** What the action form holds. */
interface ActionDraft {
  ownerUserId: string;
  due: string;
  text: string;
  /** The decision of this item the action carries out ('' = none). */
  decisionId: string;
}
const NO_ACTION: ActionDraft = { ownerUserId: '', due: '', text: '', decisionId: '' };

/**
 * Decisions and actions of the current agenda item: the live lists and the forms to record a
 * decision (type, text, grounds) and an action (owner, due date, text); an action's status can
 * be changed in place. The forms are signals, not @angular/forms: the live room is a first visit
 * for a member, and forms would add 12 kB to it (issue 16 §1).
 */
@Component({
  selector: 'cst-records-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, AlertComponent, FIELD],
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

  protected readonly decision = signal<DecisionDraft>(NO_DECISION);
  protected readonly action = signal<ActionDraft>(NO_ACTION);
  /** The decision form's fields that are missing (shown once the form was submitted). */
  readonly #decisionMissing = computed(() => {
    const d = this.decision();
    return { type: d.type === '', text: !filled(d.text), rationale: !filled(d.rationale) };
  });
  readonly #actionMissing = computed(() => {
    const a = this.action();
    return { ownerUserId: a.ownerUserId === '', due: a.due === '', text: !filled(a.text) };
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

  protected setDecision<K extends keyof DecisionDraft>(key: K, value: DecisionDraft[K]): void {
    this.decision.update((d) => ({ ...d, [key]: value }));
  }

  /** A decision type chosen in the select ('' when none or unknown). */
  protected typeOf(value: string): DecisionType | '' {
    return (DECISION_TYPES as readonly string[]).includes(value) ? (value as DecisionType) : '';
  }

  protected setAction<K extends keyof ActionDraft>(key: K, value: ActionDraft[K]): void {
    this.action.update((a) => ({ ...a, [key]: value }));
  }

  protected invalid(form: 'decision', name: keyof DecisionDraft): boolean;
  protected invalid(form: 'action', name: keyof ActionDraft): boolean;
  protected invalid(form: 'decision' | 'action', name: string): boolean {
    const missing: Record<string, boolean> =
      form === 'decision' ? this.#decisionMissing() : this.#actionMissing();
    const submitted = form === 'decision' ? this.decisionSubmitted() : this.actionSubmitted();
    return submitted && missing[name] === true;
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

  /** `form`: the form element, emptied with the draft once the decision is recorded. */
  protected async addDecision(form: HTMLFormElement): Promise<void> {
    if (this.pending()) return;
    this.decisionSubmitted.set(true);
    this.saved.set(null);
    if (Object.values(this.#decisionMissing()).some(Boolean)) return;
    const v = this.decision();
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
    this.decision.set(NO_DECISION);
    form.reset();
    this.decisionSubmitted.set(false);
  }

  protected async addAction(form: HTMLFormElement): Promise<void> {
    if (this.pending()) return;
    this.actionSubmitted.set(true);
    this.saved.set(null);
    if (Object.values(this.#actionMissing()).some(Boolean)) return;
    const v = this.action();
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
    this.action.set(NO_ACTION);
    form.reset();
    this.actionSubmitted.set(false);
  }

  protected async setStatus(actionId: string, event: Event): Promise<void> {
    const status = (event.target as HTMLSelectElement).value as ActionStatus;
    const result = await this.records.updateAction(actionId, status);
    this.errorKey.set(result.ok ? null : recordErrorKey(result.code));
    if (result.ok) this.saved.set('meetings.records.statusSaved');
  }
}
