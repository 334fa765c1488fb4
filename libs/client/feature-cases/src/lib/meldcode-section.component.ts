import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CaseDetail, MeldcodeRecordView, MeldcodeStepRequest } from '@casustafel/contracts';
import {
  AFWEGINGSKADER,
  type AfwegingAnswers,
  type AfwegingNumber,
  MELDCODE_CONSULTEES,
  MELDCODE_SPECIAL_FORMS,
  MELDCODE_STEP_DEFINITIONS,
  type MeldcodeOutcome,
} from '@casustafel/domain';
import {
  CaseStore,
  failureDetails,
  failureMessageKey,
  LanguageStore,
} from '@casustafel/client/data-access';
import { AlertComponent, DateTimePipe, FIELD, PluralKeyPipe } from '@casustafel/client/ui';
import { CheckListComponent } from './check-list.component';
import { meldcodeErrorKey, outcomesFor, recordAfwegingen } from './case-file.rules';

export interface MeldcodeEntryView {
  step: number;
  at: string;
  by: string;
  decision: string;
  details: { key: string; params?: Record<string, unknown> }[];
}

/** Guided Meldcode record: the five steps, kindcheck, consultation, afwegingskader, outcome. */
@Component({
  selector: 'cst-meldcode-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    TranslocoPipe,
    AlertComponent,
    CheckListComponent,
    DateTimePipe,
    PluralKeyPipe,
    ...FIELD,
  ],
  templateUrl: './meldcode-section.component.html',
})
export class MeldcodeSectionComponent {
  protected readonly yesNoOptions = [
    { value: true, label: 'common.yes', suffix: 'ja' },
    { value: false, label: 'common.no', suffix: 'nee' },
  ] as const;
  readonly detail = input.required<CaseDetail>();
  protected readonly store = inject(CaseStore);
  protected readonly language = inject(LanguageStore);
  protected readonly steps = MELDCODE_STEP_DEFINITIONS;
  protected readonly afwegingen = AFWEGINGSKADER;
  protected readonly consultees = MELDCODE_CONSULTEES;
  protected readonly specialForms = MELDCODE_SPECIAL_FORMS;

  protected readonly record = computed(() => this.store.openMeldcode());
  protected readonly closed = computed(() =>
    this.detail().meldcode.filter((r) => r.closedAt !== null),
  );
  protected readonly names = computed(
    () => new Map(this.store.members().map((m) => [m.userId, m.displayName])),
  );

  /* step form */
  protected readonly step = signal<number | null>(null);
  protected readonly decision = signal('');
  protected readonly kinderen = signal<boolean | null>(null);
  protected readonly kindToelichting = signal('');
  protected readonly consulted = signal<ReadonlySet<string>>(new Set());
  protected readonly special = signal<ReadonlySet<string>>(new Set());
  protected readonly gesprek = signal<boolean | null>(null);
  protected readonly reden = signal('');
  protected readonly answers = signal<AfwegingAnswers>({});
  protected readonly outcome = signal<MeldcodeOutcome | null>(null);
  protected readonly close = signal(false);
  protected readonly monitoring = signal('');
  protected readonly errorKey = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);

  protected readonly currentStep = computed(() => {
    const next = this.record()?.nextAllowedSteps ?? [];
    const chosen = this.step();
    return chosen !== null && next.includes(chosen) ? chosen : (next.at(-1) ?? null);
  });
  protected readonly earlier = computed(() => recordAfwegingen(this.record()));
  /** Outcomes the afwegingskader allows for the answers so far plus the ones given now. */
  protected readonly allowed = computed(() => outcomesFor(this.earlier(), this.answers()));

  protected entries(record: MeldcodeRecordView): MeldcodeEntryView[] {
    return record.entries.map((e) => {
      const details: MeldcodeEntryView['details'] = [];
      const kc = e['kindcheck'] as { kinderenAanwezig?: boolean } | undefined;
      if (kc)
        details.push({
          key: kc.kinderenAanwezig ? 'meldcode.entry.kinderenJa' : 'meldcode.entry.kinderenNee',
        });
      const consulted = e['consulted'] as string[] | undefined;
      if (consulted?.length)
        details.push({ key: 'meldcode.entry.consulted', params: { list: consulted.join(', ') } });
      if (typeof e['gesprekGevoerd'] === 'boolean')
        details.push({
          key: e['gesprekGevoerd'] ? 'meldcode.entry.gesprekJa' : 'meldcode.entry.gesprekNee',
        });
      const af = e['afwegingen'] as Record<string, boolean> | undefined;
      if (af && Object.keys(af).length)
        details.push({
          key: 'meldcode.entry.afwegingen',
          params: {
            list: Object.entries(af)
              .map(([k, v]) => `${k}: ${v ? 'ja' : 'nee'}`)
              .join(', '),
          },
        });
      if (typeof e['outcome'] === 'string')
        details.push({ key: `meldcode.outcomes.${e['outcome']}` });
      return {
        step: Number(e['step']),
        at: String(e['at'] ?? ''),
        by: String(e['by'] ?? ''),
        decision: String(e['decision'] ?? ''),
        details,
      };
    });
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected toggle(target: 'consulted' | 'special', value: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this[target].update((set) => {
      const next = new Set(set);
      if (checked) next.add(value);
      else next.delete(value);
      return next;
    });
  }

  protected answer(n: AfwegingNumber, value: string): void {
    this.answers.update((a) => {
      const next = { ...a };
      if (value === '') delete next[n];
      else next[n] = value === 'ja';
      return next;
    });
    const outcome = this.outcome();
    if (outcome && !this.allowed().includes(outcome)) this.outcome.set(null);
  }

  protected answerOf(n: AfwegingNumber): string {
    const a = this.answers()[n];
    return a === undefined ? '' : a ? 'ja' : 'nee';
  }

  protected async open(): Promise<void> {
    this.errorKey.set(null);
    const result = await this.store.openMeldcodeRecord(this.detail().id);
    if (!result.ok) this.errorKey.set(failureMessageKey(result.failure));
  }

  /** The request for the chosen step, or a translation key of what is missing. */
  protected request(): MeldcodeStepRequest | string {
    const step = this.currentStep();
    const decision = this.decision().trim();
    if (!step) return 'meldcode.errors.record-closed';
    if (!decision) return 'meldcode.errors.empty-decision';
    switch (step) {
      case 1: {
        const kinderen = this.kinderen();
        if (kinderen === null) return 'meldcode.form.kindcheckRequired';
        return {
          step: 1,
          decision,
          kindcheck: {
            kinderenAanwezig: kinderen,
            ...(this.kindToelichting().trim() ? { toelichting: this.kindToelichting() } : {}),
          },
        };
      }
      case 2:
        if (this.consulted().size === 0) return 'meldcode.errors.consultation-required';
        if (this.special().size > 0 && !this.consulted().has('veilig-thuis'))
          return 'meldcode.errors.veilig-thuis-required';
        return {
          step: 2,
          decision,
          consulted: MELDCODE_CONSULTEES.filter((c) => this.consulted().has(c)),
          ...(this.special().size
            ? { specialForms: MELDCODE_SPECIAL_FORMS.filter((f) => this.special().has(f)) }
            : {}),
        };
      case 3: {
        const gesprek = this.gesprek();
        if (gesprek === null) return 'meldcode.form.gesprekRequired';
        if (!gesprek && !this.reden().trim()) return 'meldcode.errors.reason-required';
        return {
          step: 3,
          decision,
          gesprekGevoerd: gesprek,
          ...(gesprek ? {} : { redenGeenGesprek: this.reden() }),
        };
      }
      case 4:
        return { step: 4, decision, afwegingen: this.#answerRecord() };
      case 5: {
        const outcome = this.outcome();
        if (!outcome)
          return this.allowed().length
            ? 'meldcode.form.outcomeRequired'
            : 'meldcode.errors.afwegingskader-incomplete';
        return {
          step: 5,
          decision,
          outcome,
          afwegingen: this.#answerRecord(),
          close: this.close(),
          ...(this.monitoring().trim() ? { monitoringAfspraken: this.monitoring() } : {}),
        };
      }
      default:
        return 'meldcode.errors.step-out-of-order';
    }
  }

  #answerRecord(): Record<string, boolean> {
    return Object.fromEntries(Object.entries(this.answers()).map(([k, v]) => [String(k), v]));
  }

  protected async submit(): Promise<void> {
    const record = this.record();
    if (!record || this.pending()) return;
    this.submitted.set(true);
    this.errorKey.set(null);
    const request = this.request();
    if (typeof request === 'string') {
      this.errorKey.set(request);
      return;
    }
    this.pending.set(true);
    const result = await this.store.addMeldcodeStep(this.detail().id, record.id, request);
    this.pending.set(false);
    if (!result.ok) {
      const issue = failureDetails(result.failure)[0]?.issue;
      this.errorKey.set(issue ? meldcodeErrorKey(issue) : failureMessageKey(result.failure));
      return;
    }
    this.submitted.set(false);
    this.decision.set('');
    this.answers.set({});
    this.outcome.set(null);
    this.step.set(null);
    this.close.set(false);
    this.monitoring.set('');
  }
}
