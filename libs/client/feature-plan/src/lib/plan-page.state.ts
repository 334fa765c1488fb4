import { afterNextRender, computed, inject, Injectable, Injector, signal } from '@angular/core';
import type {
  PlanItemInput,
  SupportPlanPage,
  SupportPlanView,
  UnprocessedDecision,
} from '@casustafel/contracts';
import {
  AGREEMENT_METHODS,
  type EvaluationState,
  itemDraftFromDecision,
  zrmDomains,
} from '@casustafel/domain';
import { failureMessageKey, LanguageStore } from '@casustafel/client/data-access';
import type { StatusTone } from '@casustafel/client/ui';
import { PlanApi, type PlanEditResult } from './plan.api';
import { todayLocal } from './plan.format';
import { emptyItem, type ItemForm, itemInput } from './plan-item-form';

/** An edit refused because someone else changed the same part: kept to re-apply. */
interface PendingConflict {
  what: string;
  retry: (plan: SupportPlanView) => Promise<PlanEditResult>;
  savedKey: string;
  /** What follows a success (closing a form), also when the edit is re-applied. */
  after?: () => void;
}

/** The answer when the entry to change is no longer in the plan (someone removed it). */
export const GONE: PlanEditResult = {
  ok: false,
  conflict: null,
  failure: { kind: 'error', code: 'NOT_FOUND', status: 404, requestId: '' },
};

const DOMAIN_NAMES = new Map(zrmDomains('2017').map((d) => [d.key as string, d.name]));

/**
 * The state of one plan page, shared by its sections: the plan, the page's messages, the
 * drafts an answer of the api touches, and `run`, which applies an edit and keeps the user's
 * input on a conflict. Provided by `PlanPageComponent`.
 */
@Injectable()
export class PlanPageState {
  readonly api = inject(PlanApi);
  readonly #injector = inject(Injector);
  readonly lang = inject(LanguageStore).lang;

  readonly householdId = signal('');
  readonly page = signal<SupportPlanPage | null>(null);
  readonly loadError = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly saved = signal<string | null>(null);
  readonly busy = signal(false);
  readonly conflict = signal<PendingConflict | null>(null);
  readonly plan = computed(() => this.page()?.plan ?? null);

  /* drafts that follow the plan */
  readonly variant = signal<'licht' | 'zwaar'>('licht');
  readonly krachten = signal('');
  readonly zorgen = signal('');
  readonly decisionOpen = signal<string | null>(null);
  readonly decisionItem = signal<ItemForm>(emptyItem());
  readonly agreement = signal({
    versionNumber: 0,
    agreedOn: todayLocal(),
    method: 'in-gesprek' as (typeof AGREEMENT_METHODS)[number],
    byName: '',
    agreed: true,
    comment: '',
  });
  readonly diffFrom = signal(0);
  readonly diffTo = signal(0);

  goalText(goalId: string | null): string | null {
    return this.plan()?.goals.find((g) => g.id === goalId)?.text ?? null;
  }

  domainName(key: string): string {
    return DOMAIN_NAMES.get(key) ?? key;
  }

  tone(state: EvaluationState): StatusTone {
    return state === 'te-laat' ? 'danger' : state === 'binnenkort' ? 'warning' : 'neutral';
  }

  async load(besluit?: string): Promise<void> {
    const result = await this.api.page(this.householdId());
    if (!result.ok) {
      this.loadError.set(failureMessageKey(result.failure));
      return;
    }
    this.loadError.set(null);
    this.#show(result.data);
    if (besluit && this.decisionOpen() === null) {
      const decision = result.data.unprocessedDecisions.find((d) => d.id === besluit);
      if (decision) this.openDecision(decision);
    }
  }

  #show(page: SupportPlanPage): void {
    this.page.set(page);
    const plan = page.plan;
    if (plan) {
      this.krachten.set(plan.krachten);
      this.zorgen.set(plan.zorgen);
      this.variant.set(plan.variant);
      this.diffTo.set(plan.version);
      this.diffFrom.set(Math.max(0, plan.version - 1));
      this.agreement.update((a) => ({ ...a, versionNumber: plan.version }));
    }
  }

  #withPlan(plan: SupportPlanView): void {
    const page = this.page();
    if (page) this.#show({ ...page, plan });
  }

  /** Runs an edit; on a conflict keeps the user's input and offers to re-apply it. */
  async run(
    what: string,
    attempt: (plan: SupportPlanView) => Promise<PlanEditResult>,
    savedKey = 'plan.saved',
    after?: () => void,
  ): Promise<boolean> {
    const plan = this.plan();
    if (!plan) return false;
    this.busy.set(true);
    this.error.set(null);
    this.saved.set(null);
    const result = await attempt(plan);
    this.busy.set(false);
    if (result.ok) {
      this.conflict.set(null);
      const keep = { k: this.krachten(), z: this.zorgen() };
      this.#withPlan(result.data);
      // Unsaved text of the other section stays as typed.
      if (what !== 'krachten')
        this.krachten.set(keep.k === plan.krachten ? result.data.krachten : keep.k);
      if (what !== 'zorgen') this.zorgen.set(keep.z === plan.zorgen ? result.data.zorgen : keep.z);
      this.saved.set(savedKey);
      after?.();
      await this.#refreshDecisions();
      return true;
    }
    if (result.conflict) {
      const keep = { k: this.krachten(), z: this.zorgen() };
      this.#withPlan(result.conflict);
      this.krachten.set(keep.k);
      this.zorgen.set(keep.z);
      this.conflict.set({ what, retry: attempt, savedKey, after });
    } else {
      this.error.set(failureMessageKey(result.failure));
    }
    return false;
  }

  async #refreshDecisions(): Promise<void> {
    const result = await this.api.page(this.householdId());
    const page = this.page();
    if (result.ok && page)
      this.page.set({
        ...page,
        unprocessedDecisions: result.data.unprocessedDecisions,
        zrmPrompt: result.data.zrmPrompt,
      });
  }

  async reapply(): Promise<void> {
    const pending = this.conflict();
    if (pending) await this.run(pending.what, pending.retry, pending.savedKey, pending.after);
  }

  dismissConflict(): void {
    this.conflict.set(null);
    const plan = this.plan();
    if (plan) {
      this.krachten.set(plan.krachten);
      this.zorgen.set(plan.zorgen);
    }
  }

  async createPlan(): Promise<void> {
    this.busy.set(true);
    const result = await this.api.create(this.householdId(), { variant: this.variant() });
    this.busy.set(false);
    if (result.ok) {
      await this.load();
      this.saved.set('plan.created');
    } else this.error.set(failureMessageKey(result.failure));
  }

  /* decisions → items */

  openDecision(decision: UnprocessedDecision): void {
    const draft = itemDraftFromDecision(decision);
    this.decisionItem.set({
      ...emptyItem(),
      type: draft.type,
      title: draft.title,
      costCategory: draft.costCategory ?? '',
    });
    this.decisionOpen.set(decision.id);
    queueMicrotask(() => document.getElementById('decision-item-title')?.focus());
  }

  async takeDecision(decisionId: string): Promise<void> {
    const input = this.toInput(this.decisionItem());
    if (!input) return;
    this.busy.set(true);
    this.error.set(null);
    const result = await this.api.fromDecision(decisionId, [input]);
    this.busy.set(false);
    if (result.ok) {
      this.decisionOpen.set(null);
      await this.load();
      this.saved.set('plan.decisions.taken');
    } else this.error.set(failureMessageKey(result.failure));
  }

  /** The item to send, or null after showing what is wrong with the form. */
  toInput(form: ItemForm): Required<PlanItemInput> | null {
    const checked = itemInput(form);
    if (checked.ok) return checked.input;
    this.error.set(checked.error);
    return null;
  }

  /** Moves the focus once the next render has put the element on the page. */
  focusAfterRender(elementId: string): void {
    afterNextRender(() => document.getElementById(elementId)?.focus(), {
      injector: this.#injector,
    });
  }
}
