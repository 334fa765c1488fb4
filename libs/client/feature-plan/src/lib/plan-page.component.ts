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
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type {
  PlanDiffView,
  PlanItemInput,
  PlanItemView,
  SupportPlanPage,
  SupportPlanView,
  UnprocessedDecision,
} from '@casustafel/contracts';
import {
  AGREEMENT_METHODS,
  COST_CATEGORIES,
  type EvaluationState,
  itemDraftFromDecision,
  PLAN_GOAL_STATUSES,
  PLAN_ITEM_STATUSES,
  PLAN_ITEM_TYPES,
  PLAN_VARIANTS,
  type PlanItemStatus,
  ZRM_DOMAIN_KEYS_2017,
  zrmDomains,
} from '@casustafel/domain';
import { failureMessageKey, LanguageStore } from '@casustafel/client/data-access';
import {
  AlertComponent,
  DateTimePipe,
  PageHeadingComponent,
  StatusBadgeComponent,
  type StatusTone,
} from '@casustafel/client/ui';
import { PlanApi, type PlanEditResult } from './plan.api';
import { PlanDatePipe } from './plan-date.pipe';
import { centsInput, euros, parseEuros, todayLocal } from './plan.format';

/** What the user typed for a new item (strings, as in the form). */
interface ItemForm {
  type: PlanItemInput['type'];
  title: string;
  owner: string;
  startDate: string;
  endDate: string;
  cost: string;
  costCategory: string;
  goalId: string;
  status: PlanItemStatus;
}

/** Which item form a field belongs to. */
type FormKind = 'decision' | 'new' | 'edit';

/** An edit refused because someone else changed the same part: kept to re-apply. */
interface PendingConflict {
  what: string;
  retry: (plan: SupportPlanView) => Promise<PlanEditResult>;
  savedKey: string;
  /** What follows a success (closing a form), also when the edit is re-applied. */
  after?: () => void;
}

/** The answer when the entry to change is no longer in the plan (someone removed it). */
const GONE: PlanEditResult = {
  ok: false,
  conflict: null,
  failure: { kind: 'error', code: 'NOT_FOUND', status: 404, requestId: '' },
};

const DOMAIN_NAMES = new Map(zrmDomains('2017').map((d) => [d.key as string, d.name]));

/** `/huishoudens/:householdId/plan`: the household's one support plan. */
@Component({
  selector: 'cst-plan-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
    PlanDatePipe,
    StatusBadgeComponent,
  ],
  templateUrl: './plan-page.component.html',
  styleUrl: './plan-page.component.css',
})
export class PlanPageComponent {
  readonly householdId = input.required<string>();
  /** `?besluit=<id>`: a decision to take into the plan, opened pre-filled. */
  readonly besluit = input<string | undefined>(undefined);
  readonly #api = inject(PlanApi);
  readonly #injector = inject(Injector);
  protected readonly lang = inject(LanguageStore).lang;

  protected readonly variants = PLAN_VARIANTS;
  protected readonly itemTypes = PLAN_ITEM_TYPES;
  protected readonly itemStatuses = PLAN_ITEM_STATUSES;
  protected readonly goalStatuses = PLAN_GOAL_STATUSES;
  protected readonly costCategories = COST_CATEGORIES;
  protected readonly methods = AGREEMENT_METHODS;
  protected readonly domains = ZRM_DOMAIN_KEYS_2017;

  protected readonly page = signal<SupportPlanPage | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly conflict = signal<PendingConflict | null>(null);
  protected readonly plan = computed(() => this.page()?.plan ?? null);

  /* drafts */
  protected readonly variant = signal<'licht' | 'zwaar'>('licht');
  protected readonly krachten = signal('');
  protected readonly zorgen = signal('');
  protected readonly decisionOpen = signal<string | null>(null);
  protected readonly decisionItem = signal<ItemForm>(this.#emptyItem());
  protected readonly newItemOpen = signal(false);
  protected readonly newItem = signal<ItemForm>(this.#emptyItem());
  /** Entered by hand, or taken from the family's own plan. */
  protected readonly newItemSource = signal<'handmatig' | 'familieplan'>('handmatig');
  /** The item being edited (its id), and what the user typed for it. */
  protected readonly editingItemId = signal<string | null>(null);
  protected readonly editItem = signal<ItemForm>(this.#emptyItem());
  /** The goal whose removal waits for confirmation. */
  protected readonly confirmGoalId = signal<string | null>(null);
  protected readonly goalDomain = signal<string>('financien');
  protected readonly goalText = signal('');
  protected readonly goalDate = signal('');
  protected readonly agreement = signal({
    versionNumber: 0,
    agreedOn: todayLocal(),
    method: 'in-gesprek' as (typeof AGREEMENT_METHODS)[number],
    byName: '',
    agreed: true,
    comment: '',
  });
  protected readonly diffFrom = signal(0);
  protected readonly diffTo = signal(0);
  protected readonly diff = signal<PlanDiffView | null>(null);

  protected readonly goalText_ = (goalId: string | null) =>
    this.plan()?.goals.find((g) => g.id === goalId)?.text ?? null;
  protected readonly totalCost = computed(() =>
    (this.plan()?.items ?? []).reduce((sum, i) => sum + (i.costCents ?? 0), 0),
  );

  constructor() {
    effect(() => {
      const id = this.householdId();
      untracked(() => void this.load(id));
    });
  }

  protected domainName(key: string): string {
    return DOMAIN_NAMES.get(key) ?? key;
  }

  protected tone(state: EvaluationState): StatusTone {
    return state === 'te-laat' ? 'danger' : state === 'binnenkort' ? 'warning' : 'neutral';
  }

  protected statusTone(status: PlanItemStatus): StatusTone {
    return status === 'afgerond'
      ? 'success'
      : status === 'gestopt'
        ? 'neutral'
        : status === 'lopend'
          ? 'warning'
          : 'neutral';
  }

  protected euros = euros;

  async load(householdId = this.householdId()): Promise<void> {
    const result = await this.#api.page(householdId);
    if (!result.ok) {
      this.loadError.set(failureMessageKey(result.failure));
      return;
    }
    this.loadError.set(null);
    this.#show(result.data);
    const besluit = this.besluit();
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
  async #run(
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
    const result = await this.#api.page(this.householdId());
    const page = this.page();
    if (result.ok && page)
      this.page.set({
        ...page,
        unprocessedDecisions: result.data.unprocessedDecisions,
        zrmPrompt: result.data.zrmPrompt,
      });
  }

  protected async reapply(): Promise<void> {
    const pending = this.conflict();
    if (pending) await this.#run(pending.what, pending.retry, pending.savedKey, pending.after);
  }

  protected dismissConflict(): void {
    this.conflict.set(null);
    const plan = this.plan();
    if (plan) {
      this.krachten.set(plan.krachten);
      this.zorgen.set(plan.zorgen);
    }
  }

  protected async createPlan(): Promise<void> {
    this.busy.set(true);
    const result = await this.#api.create(this.householdId(), { variant: this.variant() });
    this.busy.set(false);
    if (result.ok) {
      await this.load();
      this.saved.set('plan.created');
    } else this.error.set(failureMessageKey(result.failure));
  }

  protected saveSection(section: 'krachten' | 'zorgen'): Promise<boolean> {
    const text = section === 'krachten' ? this.krachten() : this.zorgen();
    return this.#run(section, (plan) =>
      this.#api.section(plan.id, { section, expectedRev: plan.sectionRevs[section], text }),
    );
  }

  protected saveBasis(regisseurId: string): Promise<boolean> {
    const variant = this.variant();
    return this.#run('basis', (plan) =>
      this.#api.section(plan.id, {
        section: 'basis',
        expectedRev: plan.sectionRevs.basis,
        variant,
        casusregisseurId: regisseurId || null,
        evaluationDate: plan.variant === variant ? plan.evaluationDate : null,
      }),
    );
  }

  /* decisions → items */

  protected openDecision(decision: UnprocessedDecision): void {
    const draft = itemDraftFromDecision(decision);
    this.decisionItem.set({
      ...this.#emptyItem(),
      type: draft.type,
      title: draft.title,
      costCategory: draft.costCategory ?? '',
    });
    this.decisionOpen.set(decision.id);
    queueMicrotask(() => document.getElementById('decision-item-title')?.focus());
  }

  protected async takeDecision(decisionId: string): Promise<void> {
    const form = this.decisionItem();
    const input = this.#toInput(form);
    if (!input) return;
    this.busy.set(true);
    this.error.set(null);
    const result = await this.#api.fromDecision(decisionId, [input]);
    this.busy.set(false);
    if (result.ok) {
      this.decisionOpen.set(null);
      await this.load();
      this.saved.set('plan.decisions.taken');
    } else this.error.set(failureMessageKey(result.failure));
  }

  protected async addItem(): Promise<void> {
    const input = this.#toInput(this.newItem());
    if (!input) return;
    const ok = await this.#run('item', (plan) =>
      this.#api.addItem(plan.id, { ...input, source: this.newItemSource() }),
    );
    if (ok) {
      this.newItem.set(this.#emptyItem());
      this.newItemOpen.set(false);
    }
  }

  protected setItemStatus(itemId: string, status: string): Promise<boolean> {
    return this.#run('item', (plan) => {
      const item = plan.items.find((i) => i.id === itemId);
      if (!item) return Promise.resolve(GONE);
      return this.#api.updateItem(plan.id, itemId, {
        expectedRev: item.rev,
        goalId: item.goalId,
        type: item.type,
        title: item.title,
        owner: item.owner,
        startDate: item.startDate,
        endDate: item.endDate,
        status: status as PlanItemStatus,
        costCents: item.costCents,
        costCategory: item.costCategory,
      });
    });
  }

  /** Opens the edit form of an item, filled with what it says now. */
  protected openEdit(item: PlanItemView): void {
    this.editItem.set({
      type: item.type,
      title: item.title,
      owner: item.owner,
      startDate: item.startDate ?? '',
      endDate: item.endDate ?? '',
      cost: centsInput(item.costCents),
      costCategory: item.costCategory ?? '',
      goalId: item.goalId ?? '',
      status: item.status,
    });
    this.error.set(null);
    this.editingItemId.set(item.id);
    this.#focusAfterRender('edit-item-title');
  }

  protected closeEdit(): void {
    const itemId = this.editingItemId();
    this.editingItemId.set(null);
    if (itemId) this.#focusAfterRender(`item-edit-${itemId}`);
  }

  /**
   * Saves every field of the item being edited on its current revision. On a conflict the
   * form stays open with the user's input, and re-applying sends it on the item's new revision.
   */
  protected async saveEdit(): Promise<void> {
    const itemId = this.editingItemId();
    if (!itemId) return;
    const input = this.#toInput(this.editItem());
    if (!input) return;
    await this.#run(
      'item',
      (plan) => {
        const item = plan.items.find((i) => i.id === itemId);
        if (!item) return Promise.resolve(GONE);
        return this.#api.updateItem(plan.id, itemId, { ...input, expectedRev: item.rev });
      },
      'plan.saved',
      () => this.closeEdit(),
    );
  }

  protected removeItem(itemId: string, rev: number): Promise<boolean> {
    return this.#run('item', (plan) => this.#api.removeItem(plan.id, itemId, rev));
  }

  protected askRemoveGoal(goalId: string): void {
    this.confirmGoalId.set(goalId);
    this.#focusAfterRender('goal-remove-confirm');
  }

  protected cancelRemoveGoal(): void {
    const goalId = this.confirmGoalId();
    this.confirmGoalId.set(null);
    if (goalId) this.#focusAfterRender(`goal-remove-${goalId}`);
  }

  /** Removes the confirmed goal; its items stay, without a goal. */
  protected async removeGoal(): Promise<void> {
    const goalId = this.confirmGoalId();
    if (!goalId) return;
    await this.#run(
      'goal',
      (plan) => {
        const goal = plan.goals.find((g) => g.id === goalId);
        if (!goal) return Promise.resolve(GONE);
        return this.#api.removeGoal(plan.id, goalId, goal.rev);
      },
      'plan.saved',
      () => {
        this.confirmGoalId.set(null);
        this.#focusAfterRender('plan-goals-heading');
      },
    );
  }

  protected async addGoal(): Promise<void> {
    if (!this.goalText().trim()) {
      this.error.set('plan.goals.textRequired');
      return;
    }
    const ok = await this.#run('goal', (plan) =>
      this.#api.addGoal(plan.id, {
        zrmDomain: this.goalDomain(),
        text: this.goalText(),
        evaluationDate: this.goalDate() || null,
      }),
    );
    if (ok) {
      this.goalText.set('');
      this.goalDate.set('');
    }
  }

  protected evaluatePlan(): Promise<boolean> {
    return this.#run(
      'evaluation',
      (plan) => this.#api.evaluate(plan.id, {}),
      'plan.evaluation.done',
    );
  }

  protected evaluateGoal(goalId: string, status: string): Promise<boolean> {
    return this.#run(
      'evaluation',
      (plan) =>
        this.#api.evaluate(plan.id, {
          goalId,
          goalStatus: status as (typeof PLAN_GOAL_STATUSES)[number],
        }),
      'plan.evaluation.done',
    );
  }

  protected async recordAgreement(): Promise<void> {
    const a = this.agreement();
    if (!a.byName.trim()) {
      this.error.set('plan.agreement.byNameRequired');
      return;
    }
    const ok = await this.#run(
      'agreement',
      (plan) => this.#api.agree(plan.id, a),
      'plan.agreement.saved',
    );
    if (ok) this.agreement.update((x) => ({ ...x, byName: '', comment: '' }));
  }

  protected setAgreement(field: string, value: string | boolean | number): void {
    this.agreement.update((a) => ({ ...a, [field]: value }));
  }

  protected async showDiff(): Promise<void> {
    const plan = this.plan();
    if (!plan) return;
    const [from, to] = [this.diffFrom(), this.diffTo()].sort((a, b) => a - b) as [number, number];
    const result = await this.#api.diff(plan.id, from, to);
    if (result.ok) this.diff.set(result.data);
    else this.error.set(failureMessageKey(result.failure));
  }

  protected setForm(which: FormKind, field: keyof ItemForm, value: string): void {
    const target =
      which === 'decision' ? this.decisionItem : which === 'edit' ? this.editItem : this.newItem;
    target.update((f) => ({ ...f, [field]: value }));
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected number(event: Event): number {
    return Number((event.target as HTMLSelectElement).value);
  }

  #toInput(form: ItemForm): Required<PlanItemInput> | null {
    if (!form.title.trim()) {
      this.error.set('plan.items.titleRequired');
      return null;
    }
    const cost = form.cost.trim() ? parseEuros(form.cost) : null;
    if (form.cost.trim() && cost === null) {
      this.error.set('plan.items.costInvalid');
      return null;
    }
    if (form.startDate && form.endDate && form.endDate < form.startDate) {
      this.error.set('plan.items.endBeforeStart');
      return null;
    }
    return {
      type: form.type,
      title: form.title.trim(),
      owner: form.owner.trim(),
      startDate: form.startDate || null,
      endDate: form.endDate || null,
      status: form.status,
      costCents: cost,
      costCategory: (form.costCategory || null) as Required<PlanItemInput>['costCategory'],
      goalId: form.goalId || null,
    };
  }

  /** Moves the focus once the next render has put the element on the page. */
  #focusAfterRender(elementId: string): void {
    afterNextRender(() => document.getElementById(elementId)?.focus(), {
      injector: this.#injector,
    });
  }

  #emptyItem(): ItemForm {
    return {
      type: 'eigen-kracht',
      title: '',
      owner: '',
      startDate: '',
      endDate: '',
      cost: '',
      costCategory: '',
      goalId: '',
      status: 'gepland',
    };
  }
}
