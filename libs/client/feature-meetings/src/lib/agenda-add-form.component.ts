import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  output,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  AGENDA_ITEM_KINDS,
  AGENDA_TIME_BOX_MAX_MINUTES,
  AGENDA_TIME_BOX_MIN_MINUTES,
  type AgendaItemKind,
  CONSENT_JUSTIFICATION_MIN,
} from '@casustafel/domain';
import {
  failureCode,
  failureDetails,
  failureMessageKey,
  MeetingsStore,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD } from '@casustafel/client/ui';

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

  #invalid(name: CheckedField): boolean {
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

  /** The message key of a field's error once the form was submitted, else null. */
  protected errorOf(name: CheckedField): string | null {
    return this.#invalid(name) ? ERROR_KEYS[name] : null;
  }

  protected async add(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.failed.emit(null);
    if (
      this.item.invalid ||
      this.#invalid('preparationId') ||
      this.#invalid('consentJustification')
    ) {
      return;
    }
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
      this.failed.emit(failureMessageKey(result.failure));
      return;
    }
    this.submitted.set(false);
    this.consentProblem.set(null);
    this.item.reset({ kind: v.kind, presenterUserId: v.presenterUserId, timeBoxMinutes: 20 });
    this.added.emit();
  }
}
