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
import { TranslocoPipe } from '@jsverse/transloco';
import { localDate } from './conference-format';
import type { FamilyGroupPlanView } from '@casustafel/contracts';
import {
  type ApiFailure,
  conferencePlanCsvUrl,
  FamilyConferenceStore,
  failureCode,
  failureMessageKey,
} from '@casustafel/client/data-access';
import { PLAN_ENTRY_KINDS, type PlanEntryKind } from '@casustafel/domain';
import { AlertComponent, FIELD } from '@casustafel/client/ui';

interface EntryDraft {
  who: string;
  what: string;
  when: string;
  kind: PlanEntryKind;
}

/**
 * The familiegroepsplan: who does what when, a family lead, a monitor, the evaluation date and
 * what to do if things go differently. Written by the family and network in besloten tijd and
 * recorded by the coordinator at the presentation (saved with the revision it was read at: a
 * stale save is refused and the page offers to read it again); read-only for everyone else.
 */
@Component({
  selector: 'cst-family-plan',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, FIELD],
  styleUrl: './conference.css',
  templateUrl: './family-plan.component.html',
})
export class FamilyPlanComponent {
  protected readonly store = inject(FamilyConferenceStore);
  /** Offer the CSV export (staff only). */
  readonly showCsv = input(false);
  protected readonly kinds = PLAN_ENTRY_KINDS;
  protected readonly entries = signal<EntryDraft[]>([]);
  protected readonly familyLead = signal('');
  protected readonly monitor = signal('');
  protected readonly evaluationOn = signal('');

  /** A plan date in words (the form keeps the ISO value of its date input). */
  protected day(value: string | null): string {
    return localDate(value);
  }
  protected readonly ifDifferent = signal('');
  protected readonly pending = signal(false);
  protected readonly saved = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly stale = computed(() => failureCode(this.failure()) === 'CONFLICT');
  protected readonly failureKey = computed(() => {
    const failure = this.failure();
    if (!failure) return null;
    return this.stale() ? 'conference.plan.stale' : failureMessageKey(failure);
  });
  protected readonly csvUrl = computed(() => conferencePlanCsvUrl(this.store.conferenceId() ?? ''));
  /** The plan as the form was last filled from it. */
  readonly #shown = signal<FamilyGroupPlanView | null>(null);
  /** Someone else saved the plan while this form held unsaved changes. */
  protected readonly changedMeanwhile = signal(false);
  /** The form differs from the plan it was filled from (unsaved changes). */
  protected readonly dirty = computed(() => {
    const shown = this.#shown();
    if (!shown) return false;
    const form = this.#formValue();
    return (
      JSON.stringify(form.entries) !==
        JSON.stringify(
          shown.entries.map(({ who, what, when, kind }) => ({ who, what, when, kind })),
        ) ||
      form.familyLead !== shown.familyLead ||
      form.monitor !== shown.monitor ||
      form.evaluationOn !== shown.evaluationOn ||
      form.ifDifferent !== shown.ifDifferent
    );
  });

  constructor() {
    // A newer plan (someone else saved, announced in the room) fills the form at once, unless
    // this form holds unsaved changes: then it says so and offers to read the newer one.
    effect(() => {
      const plan = this.store.plan();
      untracked(() => {
        if (!plan || plan.rev === this.#shown()?.rev) return;
        if (this.#shown() !== null && this.dirty()) this.changedMeanwhile.set(true);
        else this.#fill(plan);
      });
    });
  }

  #formValue() {
    return {
      entries: this.entries()
        .filter((e) => e.who.trim() || e.what.trim() || e.when.trim())
        .map(({ who, what, when, kind }) => ({ who, what, when, kind })),
      familyLead: this.familyLead(),
      monitor: this.monitor(),
      evaluationOn: this.evaluationOn() || null,
      ifDifferent: this.ifDifferent(),
    };
  }

  #fill(plan: FamilyGroupPlanView): void {
    this.#shown.set(plan);
    this.changedMeanwhile.set(false);
    this.entries.set(
      plan.entries.map((e) => ({ who: e.who, what: e.what, when: e.when, kind: e.kind })),
    );
    if (plan.entries.length === 0) this.addEntry();
    this.familyLead.set(plan.familyLead);
    this.monitor.set(plan.monitor);
    this.evaluationOn.set(plan.evaluationOn ?? '');
    this.ifDifferent.set(plan.ifDifferent);
  }

  protected setEntry(index: number, field: keyof EntryDraft, value: string): void {
    this.saved.set(false);
    this.entries.update((list) =>
      list.map((e, i) => (i === index ? ({ ...e, [field]: value } as EntryDraft) : e)),
    );
  }

  protected addEntry(): void {
    this.entries.update((list) => [...list, { who: '', what: '', when: '', kind: 'familie' }]);
  }

  protected removeEntry(index: number): void {
    this.entries.update((list) => list.filter((_, i) => i !== index));
  }

  protected async reload(): Promise<void> {
    this.failure.set(null);
    await this.store.reloadPlan();
    const plan = this.store.plan();
    if (plan) this.#fill(plan);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    if (this.pending()) return;
    this.pending.set(true);
    this.saved.set(false);
    const outcome = await this.store.savePlan(this.#formValue());
    this.pending.set(false);
    if (outcome.ok) {
      this.failure.set(null);
      const plan = this.store.plan();
      if (plan) this.#fill(plan);
      this.saved.set(true);
    } else this.failure.set(outcome.failure);
  }
}
