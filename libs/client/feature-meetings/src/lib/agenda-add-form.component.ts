import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  output,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { type CreateAgendaItem, createAgendaItemSchema } from '@casustafel/contracts';
import {
  AGENDA_ITEM_KINDS,
  AGENDA_TIME_BOX_MAX_MINUTES,
  AGENDA_TIME_BOX_MIN_MINUTES,
  type AgendaItemKind,
} from '@casustafel/domain';
import {
  failureCode,
  failureDetails,
  failureMessageKey,
  MeetingsStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  FIELD,
  type FieldIssue,
  fieldIssues,
  issueAt,
} from '@casustafel/client/ui';

type CheckedField = 'presenterUserId' | 'timeBoxMinutes' | 'preparationId' | 'consentJustification';

/** The message of each checked field. */
const ERROR_KEYS: Record<CheckedField, string> = {
  presenterUserId: 'meetings.agenda.presenterInvalid',
  timeBoxMinutes: 'meetings.agenda.timeBoxInvalid',
  preparationId: 'meetings.agenda.preparationInvalid',
  consentJustification: 'meetings.consent.justificationTooShort',
};

/**
 * "Agendapunt toevoegen": kind, title, presenter, time box and (for a case) the preparation;
 * when the api finds no consent for the meeting, the chair's justification as the next step.
 */
@Component({
  selector: 'cst-agenda-add-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe, AlertComponent, FIELD],
  templateUrl: './agenda-add-form.component.html',
  styleUrl: './meetings.css',
})
export class AgendaAddFormComponent {
  protected readonly store = inject(MeetingsStore);
  /** The api refused the item: the message key for the page's alert. */
  readonly failed = output<string | null>();
  /** An item was added. */
  readonly added = output();
  protected readonly kinds = AGENDA_ITEM_KINDS;
  protected readonly minBox = AGENDA_TIME_BOX_MIN_MINUTES;
  protected readonly maxBox = AGENDA_TIME_BOX_MAX_MINUTES;
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);

  protected readonly item = new FormGroup({
    kind: new FormControl<AgendaItemKind>('casusbespreking', { nonNullable: true }),
    title: new FormControl('', { nonNullable: true }),
    presenterUserId: new FormControl('', { nonNullable: true }),
    timeBoxMinutes: new FormControl(20, { nonNullable: true }),
    preparationId: new FormControl('', { nonNullable: true }),
    consentJustification: new FormControl('', { nonNullable: true }),
  });
  protected readonly kind = signal<AgendaItemKind>('casusbespreking');
  /**
   * Set when the api refused the case for want of consent for the meeting (`verlopen` or
   * `ontbreekt`): the form then asks the chair why the case is discussed anyway.
   */
  protected readonly consentProblem = signal<string | null>(null);
  /** Ready preparations not yet on this agenda. */
  protected readonly freePreparations = computed(() => {
    const used = new Set(this.store.agenda().map((i) => i.preparationId));
    return (this.store.preparations() ?? []).filter((p) => !used.has(p.preparationId));
  });

  constructor() {
    this.item.controls.kind.valueChanges.subscribe((kind) => this.kind.set(kind));
    // Another case: its consent is checked anew.
    this.item.controls.preparationId.valueChanges.subscribe(() => this.consentProblem.set(null));
  }

  /** The item as the api takes it. */
  #body(): CreateAgendaItem {
    const v = this.item.getRawValue();
    const isCase = v.kind === 'casusbespreking';
    return {
      kind: v.kind,
      title: v.title.trim(),
      presenterUserId: v.presenterUserId,
      timeBoxMinutes: v.timeBoxMinutes,
      preparationId: isCase ? v.preparationId || null : null,
      consentJustification:
        isCase && this.consentProblem() !== null ? v.consentJustification.trim() : null,
    };
  }

  /** The item checked against the contract; a case item also needs its preparation. */
  #issues(): FieldIssue[] {
    const body = this.#body();
    const issues = fieldIssues(createAgendaItemSchema.safeParse(body));
    if (body.kind === 'casusbespreking' && body.preparationId === null) {
      issues.push({ path: 'preparationId', issue: 'required' });
    }
    return issues;
  }

  /** The message key of a field's error once the form was submitted, else null. */
  protected errorOf(name: CheckedField): string | null {
    if (!this.submitted()) return null;
    return issueAt(this.#issues(), name) === null ? null : ERROR_KEYS[name];
  }

  protected async add(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.failed.emit(null);
    if (this.#issues().length > 0) return;
    const v = this.item.getRawValue();
    this.pending.set(true);
    const result = await this.store.addItem(this.#body());
    this.pending.set(false);
    if (!result.ok) {
      if (failureCode(result.failure) === 'CONSENT_JUSTIFICATION_REQUIRED') {
        // Not an error of the form: the next step, with the reason from the ledger.
        const issue = failureDetails(result.failure)[0]?.issue;
        this.consentProblem.set(issue === 'verlopen' ? 'verlopen' : 'ontbreekt');
        this.submitted.set(false);
        return;
      }
      this.failed.emit(failureMessageKey(result.failure));
      return;
    }
    this.submitted.set(false);
    this.consentProblem.set(null);
    this.item.reset({ kind: v.kind, presenterUserId: v.presenterUserId, timeBoxMinutes: 20 });
    this.added.emit();
  }
}
