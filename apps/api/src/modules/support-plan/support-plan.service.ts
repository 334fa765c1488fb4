import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  DecisionPlanItems,
  LatestZrm,
  OverdueEvaluationView,
  PersonRef,
  PlanAgreementView,
  PlanDiffView,
  PlanItemView,
  PlanVersionSummary,
  PlanVersionView,
  SharedPlanView,
  SupportPlanPage,
  SupportPlanView,
  UnprocessedDecision,
  createPlanGoalSchema,
  createPlanItemSchema,
  createSupportPlanSchema,
  planItemInputSchema,
  planItemsFromDecisionSchema,
  recordAgreementSchema,
  recordEvaluationSchema,
  updatePlanGoalSchema,
  updatePlanItemSchema,
  updatePlanSectionSchema,
} from '@casustafel/contracts';
import {
  DECISION_TYPES_WITHOUT_PLAN_ITEM,
  type PlanItemSource,
  type PlanSnapshot,
  REVIEW_CYCLE_MONTHS,
  diffPlans,
  emptyPlanSnapshot,
  evaluationState,
  itemDraftFromDecision,
  nextEvaluationDate,
  overdueEvaluations,
  planToday,
  zrmPromptAtEvaluation,
} from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { forbidden, invalidAt, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess, regisseurRefusal } from '../case-file/case-file-access';
import { CaseEntity, PreparationEntity, ZrmAssessmentEntity } from '../case-file/case.entity';
import { coversGuest } from '../guests/guests.service';
import { GuestInvitationEntity } from '../guests/guest.entities';
import { ConsentEntity, HouseholdEntity } from '../case-file/household.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { DecisionEntity } from '../meeting-records/meeting-records.entities';
import {
  SupportPlanAgreementEntity,
  SupportPlanEntity,
  SupportPlanGoalEntity,
  SupportPlanItemEntity,
  SupportPlanVersionEntity,
} from './support-plan.entities';

type CreatePlan = z.output<typeof createSupportPlanSchema>;
type UpdateSection = z.output<typeof updatePlanSectionSchema>;
type CreateGoal = z.output<typeof createPlanGoalSchema>;
type UpdateGoal = z.output<typeof updatePlanGoalSchema>;
type CreateItem = z.output<typeof createPlanItemSchema>;
type ItemInput = z.output<typeof planItemInputSchema>;
type UpdateItem = z.output<typeof updatePlanItemSchema>;
type FromDecision = z.output<typeof planItemsFromDecisionSchema>;
type RecordEvaluation = z.output<typeof recordEvaluationSchema>;
type RecordAgreement = z.output<typeof recordAgreementSchema>;

const PLAN_OBJECT = 'support-plan';
/** What a 404 names. */
const PLAN_ENTRY = 'plan entry';

/** A 409 whose body carries the plan as it is now (see `PlanConflictFilter`). */
export class PlanConflictError extends DomainError {
  constructor(
    details: { path: string; issue: string }[],
    readonly current: SupportPlanView,
  ) {
    super('PLAN_CONFLICT', 'The plan was changed meanwhile', details);
  }
}

/** Thrown inside the transaction; turned into a PlanConflictError with the current state. */
class StaleEdit extends Error {
  constructor(readonly path: string) {
    super('stale');
  }
}

interface Change {
  change: string;
  subject: string | null;
}

interface DecisionContext {
  decision: DecisionEntity;
  item: AgendaItemEntity;
  meeting: MeetingEntity;
  caseEntity: CaseEntity;
}

/**
 * The support plan: one per household, edited by granular operations each carrying the
 * expected revision of the entity it changes, every change a new version with a snapshot.
 * Access is the case file's (the household's team, roles that may hold client data), and every
 * call is audited with the household as the client.
 */
@Injectable()
export class SupportPlanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(SupportPlanEntity) private readonly plans: Repository<SupportPlanEntity>,
    private readonly access: CaseFileAccess,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return planToday(this.clock);
  }

  /* ---------- reads ---------- */

  async page(actor: Actor, householdId: string): Promise<SupportPlanPage> {
    const household = await this.access.household(actor, householdId, 'read', {
      type: PLAN_OBJECT,
      id: null,
    });
    const plan = await this.plans.findOneBy({ householdId });
    if (plan) RequestContext.note({ objectId: plan.id });
    const m = this.db.manager;
    const [view, unprocessed, zrm, cases, candidates] = await Promise.all([
      plan ? this.view(m, plan.id) : Promise.resolve(null),
      this.unprocessedDecisions(m, householdId),
      this.latestZrm(m, householdId),
      m.find(CaseEntity, { where: { householdId }, order: { createdAt: 'DESC' } }),
      this.candidates(m, household.teamId),
    ]);
    return {
      householdId,
      householdLabel: household.label,
      teamId: household.teamId,
      plan: view,
      unprocessedDecisions: unprocessed,
      latestZrm: zrm,
      zrmCaseId: zrm?.caseId ?? cases[0]?.id ?? null,
      zrmPrompt: zrmPromptAtEvaluation(zrm?.assessedAt ?? null, this.today()),
      regisseurCandidates: candidates,
    };
  }

  async versions(actor: Actor, planId: string): Promise<PlanVersionSummary[]> {
    await this.authorise(actor, planId, 'read');
    return this.versionSummaries(this.db.manager, planId);
  }

  async version(actor: Actor, planId: string, number: number): Promise<PlanVersionView> {
    await this.authorise(actor, planId, 'read');
    const m = this.db.manager;
    const v = await m.findOneBy(SupportPlanVersionEntity, { planId, number });
    if (!v) throw notFound(PLAN_ENTRY);
    const [users, agreements] = await Promise.all([
      this.userRefs(m, [v.authorId]),
      this.agreementViews(m, planId),
    ]);
    return {
      number: v.number,
      author: users.get(v.authorId) ?? { id: v.authorId, displayName: '' },
      createdAt: v.createdAt.toISOString(),
      change: v.change,
      subject: v.subject,
      snapshot: v.snapshot,
      agreements: agreements.filter((a) => a.versionNumber === v.number),
    };
  }

  async diff(actor: Actor, planId: string, from: number, to: number): Promise<PlanDiffView> {
    await this.authorise(actor, planId, 'read');
    const m = this.db.manager;
    const numbers = [from, to].filter((n) => n > 0);
    const rows = await m.findBy(SupportPlanVersionEntity, { planId, number: In(numbers) });
    const snapshot = (n: number): PlanSnapshot => {
      if (n === 0) return emptyPlanSnapshot();
      const row = rows.find((r) => r.number === n);
      if (!row) throw notFound(PLAN_ENTRY);
      return row.snapshot;
    };
    return { from, to, diff: diffPlans(snapshot(from), snapshot(to)) };
  }

  /** The overdue evaluations of the team's plans, the caller's own (as regisseur) marked. */
  async overdue(actor: Actor, teamId: string): Promise<OverdueEvaluationView[]> {
    this.access.team(actor, teamId, 'read', { type: PLAN_OBJECT, id: null });
    const m = this.db.manager;
    const plans = await m.find(SupportPlanEntity, { where: { teamId } });
    if (plans.length === 0) return [];
    const [goals, households] = await Promise.all([
      m.find(SupportPlanGoalEntity, { where: { planId: In(plans.map((p) => p.id)) } }),
      m.find(HouseholdEntity, { where: { id: In(plans.map((p) => p.householdId)) } }),
    ]);
    const list = overdueEvaluations(
      plans.map((p) => ({
        planId: p.id,
        householdId: p.householdId,
        casusregisseurId: p.casusregisseurId,
        evaluationDate: p.evaluationDate,
        goals: goals
          .filter((g) => g.planId === p.id)
          .map((g) => ({ ...g, evaluationDate: g.evaluationDate ?? p.evaluationDate })),
      })),
      this.today(),
    );
    const users = await this.userRefs(
      m,
      list.map((o) => o.casusregisseurId),
    );
    return list.map((o) => ({
      ...o,
      householdLabel: households.find((h) => h.id === o.householdId)?.label ?? '',
      casusregisseurName: o.casusregisseurId
        ? (users.get(o.casusregisseurId)?.displayName ?? null)
        : null,
      mine: o.casusregisseurId === actor.userId,
    }));
  }

  /** The plan items a decision became (the decision → plan link). */
  async decisionItems(actor: Actor, decisionId: string): Promise<DecisionPlanItems> {
    const ctx = await this.decisionContext(actor, decisionId, 'read');
    const m = this.db.manager;
    const plan = await m.findOneBy(SupportPlanEntity, { householdId: ctx.caseEntity.householdId });
    const items = plan
      ? await m.find(SupportPlanItemEntity, {
          where: { planId: plan.id, decisionId },
          order: { position: 'ASC' },
        })
      : [];
    return {
      decisionId,
      householdId: ctx.caseEntity.householdId,
      planId: plan?.id ?? null,
      items: items.map((i) => ({ id: i.id, title: i.title, type: i.type, status: i.status })),
    };
  }

  /**
   * The plan as a specialist outside the team sees it: only a guest invited to an item about
   * this household, and only while the consent ledger holds a valid entry for sharing with
   * the guest's organisation or discipline (a chair's justification for the meeting does not
   * extend to the plan).
   */
  async shared(actor: Actor, householdId: string): Promise<SharedPlanView> {
    RequestContext.note({ objectType: PLAN_OBJECT, objectId: null, purpose: 'delen' });
    const grant = actor.guest;
    const refuse = () => forbidden('this plan');
    if (!grant) throw refuse();
    const m = this.db.manager;
    const household = await m.findOneBy(HouseholdEntity, { id: householdId });
    if (!household) throw refuse();
    RequestContext.note({ clientId: household.id, context: { teamId: household.teamId } });
    const items = await m.findBy(AgendaItemEntity, { id: In([...grant.itemIds]) });
    const prepIds = items.map((i) => i.preparationId).filter((id): id is string => id !== null);
    const preps = prepIds.length ? await m.findBy(PreparationEntity, { id: In(prepIds) }) : [];
    const cases = preps.length
      ? await m.findBy(CaseEntity, { id: In(preps.map((p) => p.caseId)) })
      : [];
    if (!cases.some((c) => c.householdId === householdId)) throw refuse();
    const invitation = await m.findOneBy(GuestInvitationEntity, { id: grant.invitationId });
    if (!invitation) throw refuse();
    const now = this.clock.now();
    const entries = await m.find(ConsentEntity, {
      where: { householdId },
      order: { grantedAt: 'ASC', createdAt: 'ASC' },
    });
    const consent = entries.find((e) => coversGuest(e, invitation, now));
    if (!consent) throw refuse();
    RequestContext.note({ legalBasis: consent.id });
    const plan = await m.findOneBy(SupportPlanEntity, { householdId });
    if (!plan) throw notFound(PLAN_ENTRY);
    RequestContext.note({ objectId: plan.id });
    const [goals, planItems] = await Promise.all([
      m.find(SupportPlanGoalEntity, { where: { planId: plan.id }, order: { position: 'ASC' } }),
      m.find(SupportPlanItemEntity, { where: { planId: plan.id }, order: { position: 'ASC' } }),
    ]);
    return {
      householdLabel: household.label,
      variant: plan.variant,
      evaluationDate: plan.evaluationDate,
      goals: goals.map((g) => ({ zrmDomain: g.zrmDomain, text: g.text, status: g.status })),
      items: planItems.map((i) => ({
        type: i.type,
        title: i.title,
        owner: i.owner,
        startDate: i.startDate,
        endDate: i.endDate,
        status: i.status,
      })),
      version: plan.version,
      consentId: consent.id,
    };
  }

  /* ---------- writes ---------- */

  async create(actor: Actor, householdId: string, input: CreatePlan): Promise<SupportPlanView> {
    const household = await this.access.household(actor, householdId, 'update', {
      type: PLAN_OBJECT,
      id: null,
    });
    const planId = await this.db.transaction(async (tx) => {
      const existing = await tx.findOneBy(SupportPlanEntity, { householdId });
      if (existing)
        throw new DomainError('CONFLICT', 'The household already has a plan', [
          { path: 'householdId', issue: 'plan-exists' },
        ]);
      const plan = await this.insertPlan(tx, household, input.casusregisseurId, input);
      await this.writeVersion(tx, plan, actor.userId, { change: 'plan.gemaakt', subject: null });
      return plan.id;
    });
    RequestContext.note({ objectId: planId });
    return this.view(this.db.manager, planId);
  }

  async updateSection(
    actor: Actor,
    planId: string,
    input: UpdateSection,
  ): Promise<SupportPlanView> {
    return this.mutate(actor, planId, async (tx, plan) => {
      const now = this.clock.now();
      if (input.section === 'basis') {
        if (plan.basisRev !== input.expectedRev) throw new StaleEdit('sections.basis');
        if (input.casusregisseurId)
          await this.checkRegisseur(tx, plan.teamId, input.casusregisseurId);
        const variantChanged = input.variant !== plan.variant;
        plan.variant = input.variant;
        plan.casusregisseurId = input.casusregisseurId;
        plan.evaluationDate =
          input.evaluationDate ??
          (variantChanged || plan.evaluationDate === null
            ? nextEvaluationDate(input.variant, plan.lastEvaluatedOn ?? this.today())
            : plan.evaluationDate);
        plan.basisRev += 1;
      } else if (input.section === 'krachten') {
        if (plan.krachtenRev !== input.expectedRev) throw new StaleEdit('sections.krachten');
        plan.krachten = input.text;
        plan.krachtenRev += 1;
      } else {
        if (plan.zorgenRev !== input.expectedRev) throw new StaleEdit('sections.zorgen');
        plan.zorgen = input.text;
        plan.zorgenRev += 1;
      }
      plan.updatedAt = now;
      await tx.save(plan);
      return { change: `sectie.${input.section}`, subject: null };
    });
  }

  async addGoal(actor: Actor, planId: string, input: CreateGoal): Promise<SupportPlanView> {
    return this.mutate(actor, planId, async (tx, plan) => {
      const now = this.clock.now();
      const zrm = await this.latestZrm(tx, plan.householdId);
      const score = zrm?.scores[input.zrmDomain];
      const position = await tx.count(SupportPlanGoalEntity, { where: { planId } });
      await tx.save(
        tx.create(SupportPlanGoalEntity, {
          planId,
          zrmDomain: input.zrmDomain,
          text: input.text,
          evaluationDate: input.evaluationDate,
          status: input.status,
          baselineScore: typeof score === 'number' ? score : null,
          rev: 1,
          position,
          createdAt: now,
          updatedAt: now,
        }),
      );
      return { change: 'doel.toegevoegd', subject: input.text };
    });
  }

  async updateGoal(
    actor: Actor,
    planId: string,
    goalId: string,
    input: UpdateGoal,
  ): Promise<SupportPlanView> {
    return this.mutate(actor, planId, async (tx) => {
      const goal = await tx.findOneBy(SupportPlanGoalEntity, { id: goalId, planId });
      if (!goal) throw notFound(PLAN_ENTRY);
      if (goal.rev !== input.expectedRev) throw new StaleEdit(`goals.${goalId}`);
      Object.assign(goal, {
        zrmDomain: input.zrmDomain,
        text: input.text,
        evaluationDate: input.evaluationDate,
        status: input.status,
        rev: goal.rev + 1,
        updatedAt: this.clock.now(),
      });
      await tx.save(goal);
      return { change: 'doel.gewijzigd', subject: goal.text };
    });
  }

  async removeGoal(
    actor: Actor,
    planId: string,
    goalId: string,
    expectedRev: number,
  ): Promise<SupportPlanView> {
    return this.mutate(actor, planId, async (tx) => {
      const goal = await tx.findOneBy(SupportPlanGoalEntity, { id: goalId, planId });
      if (!goal) throw new StaleEdit(`goals.${goalId}`);
      if (goal.rev !== expectedRev) throw new StaleEdit(`goals.${goalId}`);
      await tx.update(SupportPlanItemEntity, { planId, goalId }, { goalId: null });
      await tx.delete(SupportPlanGoalEntity, { id: goalId });
      return { change: 'doel.verwijderd', subject: goal.text };
    });
  }

  async addItem(actor: Actor, planId: string, input: CreateItem): Promise<SupportPlanView> {
    return this.mutate(actor, planId, async (tx, plan) => {
      await this.insertItem(tx, plan, input, {
        kind: input.source,
        decisionId: null,
        meetingId: null,
        agendaItemId: null,
      });
      return { change: 'inzet.toegevoegd', subject: input.title };
    });
  }

  async updateItem(
    actor: Actor,
    planId: string,
    itemId: string,
    input: UpdateItem,
  ): Promise<SupportPlanView> {
    return this.mutate(actor, planId, async (tx) => {
      const item = await tx.findOneBy(SupportPlanItemEntity, { id: itemId, planId });
      if (!item) throw notFound(PLAN_ENTRY);
      if (item.rev !== input.expectedRev) throw new StaleEdit(`items.${itemId}`);
      await this.checkGoal(tx, planId, input.goalId);
      const { expectedRev: _rev, ...fields } = input;
      Object.assign(item, fields, { rev: item.rev + 1, updatedAt: this.clock.now() });
      await tx.save(item);
      return { change: 'inzet.gewijzigd', subject: item.title };
    });
  }

  async removeItem(
    actor: Actor,
    planId: string,
    itemId: string,
    expectedRev: number,
  ): Promise<SupportPlanView> {
    return this.mutate(actor, planId, async (tx) => {
      const item = await tx.findOneBy(SupportPlanItemEntity, { id: itemId, planId });
      if (!item || item.rev !== expectedRev) throw new StaleEdit(`items.${itemId}`);
      await tx.delete(SupportPlanItemEntity, { id: itemId });
      return { change: 'inzet.verwijderd', subject: item.title };
    });
  }

  /**
   * "In plan opnemen": the decision's items (pre-filled from it when none are given) land in
   * the household's plan, which is made first when the household has none yet. One version.
   */
  async fromDecision(
    actor: Actor,
    decisionId: string,
    input: FromDecision,
  ): Promise<SupportPlanView> {
    const ctx = await this.decisionContext(actor, decisionId, 'update');
    const householdId = ctx.caseEntity.householdId;
    const drafts: ItemInput[] = input.items ?? [
      {
        ...itemDraftFromDecision(ctx.decision),
        goalId: null,
        owner: '',
        startDate: null,
        endDate: null,
        status: 'gepland',
        costCents: null,
      },
    ];
    const source: PlanItemSource = {
      kind: 'besluit',
      decisionId,
      meetingId: ctx.meeting.id,
      agendaItemId: ctx.item.id,
    };
    let planId = (await this.plans.findOneBy({ householdId }))?.id ?? null;
    if (!planId) {
      const household = await this.db.manager.findOneByOrFail(HouseholdEntity, { id: householdId });
      planId = await this.db
        .transaction(async (tx) => {
          if (await tx.findOneBy(SupportPlanEntity, { householdId })) return null;
          const plan = await this.insertPlan(tx, household, ctx.caseEntity.casusregisseurId, {
            variant: 'licht',
            krachten: '',
            zorgen: '',
          });
          await this.writeVersion(tx, plan, actor.userId, {
            change: 'plan.gemaakt',
            subject: null,
          });
          return plan.id;
        })
        .catch(() => null);
      planId ??= (await this.plans.findOneByOrFail({ householdId })).id;
    }
    RequestContext.note({ objectType: PLAN_OBJECT, objectId: planId });
    return this.mutate(actor, planId, async (tx, plan) => {
      for (const draft of drafts) await this.insertItem(tx, plan, draft, source);
      return { change: 'besluit.opgenomen', subject: drafts.map((d) => d.title).join(', ') };
    });
  }

  async recordEvaluation(
    actor: Actor,
    planId: string,
    input: RecordEvaluation,
  ): Promise<SupportPlanView> {
    return this.mutate(actor, planId, async (tx, plan) => {
      const today = this.today();
      if (input.goalId) {
        const goal = await tx.findOneBy(SupportPlanGoalEntity, { id: input.goalId, planId });
        if (!goal) throw notFound(PLAN_ENTRY);
        goal.status = input.goalStatus ?? goal.status;
        goal.evaluationDate = input.nextDate ?? nextEvaluationDate(plan.variant, today);
        goal.rev += 1;
        goal.updatedAt = this.clock.now();
        await tx.save(goal);
        return { change: 'doel.geevalueerd', subject: goal.text };
      }
      plan.lastEvaluatedOn = today;
      plan.evaluationDate = input.nextDate ?? nextEvaluationDate(plan.variant, today);
      plan.basisRev += 1;
      plan.updatedAt = this.clock.now();
      await tx.save(plan);
      return { change: 'plan.geevalueerd', subject: null };
    });
  }

  /** The family's agreement with one version (it makes no new version: the plan is unchanged). */
  async recordAgreement(
    actor: Actor,
    planId: string,
    input: RecordAgreement,
  ): Promise<SupportPlanView> {
    const plan = await this.authorise(actor, planId, 'update');
    if (input.versionNumber > plan.version) throw invalidAt('versionNumber', 'unknown-version');
    if (input.agreedOn > this.today()) throw invalidAt('agreedOn', 'in-future');
    await this.db.manager.save(
      this.db.manager.create(SupportPlanAgreementEntity, {
        planId,
        versionNumber: input.versionNumber,
        agreedOn: input.agreedOn,
        method: input.method,
        byName: input.byName.trim(),
        agreed: input.agreed,
        comment: input.comment,
        recordedById: actor.userId,
        recordedAt: this.clock.now(),
      }),
    );
    return this.view(this.db.manager, planId);
  }

  /**
   * The family's own agreement (or disagreement) with the household's plan, given through
   * their link + code: recorded on the plan's current version the way the team records one
   * (method digitaal, dated today in Amsterdam, by the family's name), and recorded by the
   * family's account. This module owns the write; the family's view calls it, inside its own
   * transaction when `tx` is given so the two records are stored together. The plan's row is
   * locked so that the version judged is the current one. Returns the version number, or null
   * when the household has no plan version yet (nothing is written then).
   */
  async recordFamilyAgreement(
    householdId: string,
    input: { agreed: boolean; comment: string; byName: string },
    familyActor: Actor,
    tx: EntityManager | undefined,
    /** The version the family read (null: they read the household before it had a plan). */
    readVersionId: string | null,
    at: Date = this.clock.now(),
  ): Promise<number | null> {
    const changed = () =>
      new DomainError('FAMILY_PLAN_CHANGED', 'The plan was changed since you read it', [
        { path: 'planVersionId', issue: 'plan-changed' },
      ]);
    const write = async (m: EntityManager): Promise<number | null> => {
      const plan = await m.findOne(SupportPlanEntity, {
        where: { householdId },
        lock: { mode: 'pessimistic_write' },
      });
      const version =
        plan &&
        (await m.findOne(SupportPlanVersionEntity, {
          where: { planId: plan.id },
          order: { number: 'DESC' },
        }));
      // Under the plan's lock: the agreement lands on the version the family read, or not at all.
      if ((version?.id ?? null) !== readVersionId) throw changed();
      if (!plan || !version) return null;
      await m.insert(SupportPlanAgreementEntity, {
        planId: plan.id,
        versionNumber: version.number,
        agreedOn: this.today(),
        method: 'digitaal',
        byName: input.byName.trim(),
        agreed: input.agreed,
        comment: input.comment,
        recordedById: familyActor.userId,
        recordedAt: at,
      });
      return version.number;
    };
    return tx ? write(tx) : this.db.transaction(write);
  }

  /**
   * The accepted familiegroepsplan of a family conference becomes the leading plan of the
   * household (research §3.3, "plan is leidend"): its agreements land as items with source
   * `familieplan` (the network's commitments typed "netwerk"), the plan is made first when the
   * household has none, and the plan's evaluation date moves to the family plan's when that is
   * sooner. One version, in one transaction with the caller's own writes (`alongside`, given the
   * new items' ids in the order given), so the conference's acceptance and the import are stored
   * together or not at all.
   */
  async importFamilyGroupPlan(
    actor: Actor,
    householdId: string,
    input: { items: ItemInput[]; evaluationOn: string | null; subject: string },
    alongside: (tx: EntityManager, itemIds: string[]) => Promise<void>,
  ): Promise<string[]> {
    const household = await this.access.household(actor, householdId, 'update', {
      type: PLAN_OBJECT,
      id: null,
    });
    return this.db.transaction(async (tx) => {
      let plan = await tx.findOne(SupportPlanEntity, {
        where: { householdId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!plan) {
        plan = await this.insertPlan(tx, household, null, {
          variant: 'licht',
          krachten: '',
          zorgen: '',
        });
        await this.writeVersion(tx, plan, actor.userId, { change: 'plan.gemaakt', subject: null });
      }
      const ids: string[] = [];
      for (const item of input.items)
        ids.push(
          await this.insertItem(tx, plan, item, {
            kind: 'familieplan',
            decisionId: null,
            meetingId: null,
            agendaItemId: null,
          }),
        );
      if (
        input.evaluationOn &&
        (plan.evaluationDate === null || input.evaluationOn < plan.evaluationDate)
      ) {
        plan.evaluationDate = input.evaluationOn;
        plan.basisRev += 1;
        await tx.update(
          SupportPlanEntity,
          { id: plan.id },
          { evaluationDate: plan.evaluationDate, basisRev: plan.basisRev },
        );
      }
      await this.writeVersion(tx, plan, actor.userId, {
        change: 'familiegroepsplan.opgenomen',
        subject: input.subject,
      });
      await alongside(tx, ids);
      return ids;
    });
  }

  /* ---------- internals ---------- */

  /** Access to the plan's household, noted for the audit trail (object = the plan). */
  private async authorise(
    actor: Actor,
    planId: string,
    action: 'read' | 'update',
  ): Promise<SupportPlanEntity> {
    const plan = await this.plans.findOneBy({ id: planId });
    if (!plan) this.access.refuse({ type: PLAN_OBJECT, id: planId });
    await this.access.household(actor, plan.householdId, action, { type: PLAN_OBJECT, id: planId });
    return plan;
  }

  /**
   * One change under the plan's row lock: the operation checks its entity's revision, then the
   * plan's version goes up by one and the whole plan is stored as that version. A stale
   * revision answers 409 with the plan as it is now.
   */
  private async mutate(
    actor: Actor,
    planId: string,
    op: (tx: EntityManager, plan: SupportPlanEntity) => Promise<Change>,
  ): Promise<SupportPlanView> {
    await this.authorise(actor, planId, 'update');
    try {
      await this.db.transaction(async (tx) => {
        const plan = await tx.findOne(SupportPlanEntity, {
          where: { id: planId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!plan) throw notFound(PLAN_ENTRY);
        const change = await op(tx, plan);
        await this.writeVersion(tx, plan, actor.userId, change);
      });
    } catch (error) {
      if (error instanceof StaleEdit) {
        throw new PlanConflictError(
          [{ path: error.path, issue: 'stale-revision' }],
          await this.view(this.db.manager, planId),
        );
      }
      throw error;
    }
    return this.view(this.db.manager, planId);
  }

  private async insertPlan(
    tx: EntityManager,
    household: HouseholdEntity,
    regisseurId: string | null,
    input: Pick<CreatePlan, 'variant' | 'krachten' | 'zorgen'>,
  ): Promise<SupportPlanEntity> {
    let casusregisseurId = regisseurId;
    if (casusregisseurId === null) {
      const newest = await tx.findOne(CaseEntity, {
        where: { householdId: household.id },
        order: { createdAt: 'DESC' },
      });
      casusregisseurId = newest?.casusregisseurId ?? null;
    }
    if (casusregisseurId) {
      const refusal = await this.regisseurIssue(tx, household.teamId, casusregisseurId);
      // A case's regisseur who no longer qualifies is not carried over; a chosen one is refused.
      if (refusal && regisseurId) throw this.regisseurError(refusal);
      if (refusal) casusregisseurId = null;
    }
    const now = this.clock.now();
    return tx.save(
      tx.create(SupportPlanEntity, {
        householdId: household.id,
        teamId: household.teamId,
        variant: input.variant,
        casusregisseurId,
        evaluationDate: nextEvaluationDate(input.variant, this.today()),
        lastEvaluatedOn: null,
        krachten: input.krachten,
        zorgen: input.zorgen,
        basisRev: 1,
        krachtenRev: 1,
        zorgenRev: 1,
        version: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  private async insertItem(
    tx: EntityManager,
    plan: SupportPlanEntity,
    input: ItemInput,
    source: PlanItemSource,
  ): Promise<string> {
    await this.checkGoal(tx, plan.id, input.goalId);
    const now = this.clock.now();
    const position = await tx.count(SupportPlanItemEntity, { where: { planId: plan.id } });
    const saved = await tx.save(
      tx.create(SupportPlanItemEntity, {
        planId: plan.id,
        goalId: input.goalId,
        type: input.type,
        title: input.title,
        owner: input.owner,
        startDate: input.startDate,
        endDate: input.endDate,
        status: input.status,
        costCents: input.costCents,
        costCategory: input.costCategory,
        sourceKind: source.kind,
        decisionId: source.decisionId,
        meetingId: source.meetingId,
        agendaItemId: source.agendaItemId,
        rev: 1,
        position,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return saved.id;
  }

  private async checkGoal(tx: EntityManager, planId: string, goalId: string | null) {
    if (goalId && !(await tx.existsBy(SupportPlanGoalEntity, { id: goalId, planId })))
      throw invalidAt('goalId', 'unknown-goal');
  }

  private async regisseurIssue(
    m: EntityManager,
    teamId: string,
    userId: string,
  ): Promise<string | null> {
    const user = await m.findOneBy(UserEntity, { id: userId });
    if (!user) return 'unknown';
    const roles = (await m.findOneBy(MembershipEntity, { teamId, userId }))?.roles ?? null;
    return regisseurRefusal(user, teamId, roles);
  }

  private regisseurError(issue: string): DomainError {
    return new DomainError('REGISSEUR_NOT_ELIGIBLE', 'This person may not be casusregisseur', [
      { path: 'casusregisseurId', issue },
    ]);
  }

  private async checkRegisseur(m: EntityManager, teamId: string, userId: string) {
    const issue = await this.regisseurIssue(m, teamId, userId);
    if (issue) throw this.regisseurError(issue);
  }

  private async candidates(m: EntityManager, teamId: string): Promise<PersonRef[]> {
    const members = await m.find(MembershipEntity, {
      where: { teamId },
      relations: { user: true },
    });
    return members
      .filter((x) => x.user && regisseurRefusal(x.user, teamId, x.roles) === null)
      .map((x) => ({ id: x.userId, displayName: x.user?.displayName ?? '' }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
  }

  private async writeVersion(
    tx: EntityManager,
    plan: SupportPlanEntity,
    authorId: string,
    change: Change,
  ): Promise<void> {
    plan.version += 1;
    plan.updatedAt = this.clock.now();
    await tx.update(
      SupportPlanEntity,
      { id: plan.id },
      { version: plan.version, updatedAt: plan.updatedAt },
    );
    await tx.insert(SupportPlanVersionEntity, {
      planId: plan.id,
      number: plan.version,
      authorId,
      change: change.change,
      subject: change.subject ? change.subject.slice(0, 200) : null,
      snapshot: await this.snapshot(tx, plan),
      createdAt: plan.updatedAt,
    });
  }

  private async snapshot(m: EntityManager, plan: SupportPlanEntity): Promise<PlanSnapshot> {
    const [goals, items, users] = await Promise.all([
      m.find(SupportPlanGoalEntity, { where: { planId: plan.id }, order: { position: 'ASC' } }),
      m.find(SupportPlanItemEntity, { where: { planId: plan.id }, order: { position: 'ASC' } }),
      this.userRefs(m, [plan.casusregisseurId]),
    ]);
    return {
      variant: plan.variant,
      casusregisseur: plan.casusregisseurId
        ? (users.get(plan.casusregisseurId) ?? { id: plan.casusregisseurId, displayName: '' })
        : null,
      evaluationDate: plan.evaluationDate,
      krachten: plan.krachten,
      zorgen: plan.zorgen,
      goals: goals.map((g) => ({
        id: g.id,
        zrmDomain: g.zrmDomain,
        text: g.text,
        evaluationDate: g.evaluationDate,
        status: g.status,
      })),
      items: items.map((i) => ({
        id: i.id,
        goalId: i.goalId,
        type: i.type,
        title: i.title,
        owner: i.owner,
        startDate: i.startDate,
        endDate: i.endDate,
        status: i.status,
        costCents: i.costCents,
        costCategory: i.costCategory,
        source: {
          kind: i.sourceKind,
          decisionId: i.decisionId,
          meetingId: i.meetingId,
          agendaItemId: i.agendaItemId,
        },
      })),
    };
  }

  private async view(m: EntityManager, planId: string): Promise<SupportPlanView> {
    const plan = await m.findOneByOrFail(SupportPlanEntity, { id: planId });
    const [goals, items, versions, agreements, zrm] = await Promise.all([
      m.find(SupportPlanGoalEntity, { where: { planId }, order: { position: 'ASC' } }),
      m.find(SupportPlanItemEntity, { where: { planId }, order: { position: 'ASC' } }),
      this.versionSummaries(m, planId),
      this.agreementViews(m, planId),
      this.latestZrm(m, plan.householdId),
    ]);
    const decisionIds = items.map((i) => i.decisionId).filter((id): id is string => id !== null);
    const decisions = decisionIds.length
      ? await m.find(DecisionEntity, { where: { id: In(decisionIds) } })
      : [];
    const agendaIds = [...new Set(decisions.map((d) => d.agendaItemId))];
    const [agendaItems, meetings] = await Promise.all([
      agendaIds.length ? m.findBy(AgendaItemEntity, { id: In(agendaIds) }) : [],
      decisions.length
        ? m.findBy(MeetingEntity, { id: In([...new Set(decisions.map((d) => d.meetingId))]) })
        : [],
    ]);
    const titles = await this.agendaTitles(m, agendaItems);
    const users = await this.userRefs(m, [plan.casusregisseurId]);
    const today = this.today();
    const latest = agreements.at(-1);
    const itemView = (i: SupportPlanItemEntity): PlanItemView => {
      const d = decisions.find((x) => x.id === i.decisionId);
      const a = d ? agendaItems.find((x) => x.id === d.agendaItemId) : undefined;
      const meeting = d ? meetings.find((x) => x.id === d.meetingId) : undefined;
      return {
        id: i.id,
        rev: i.rev,
        goalId: i.goalId,
        type: i.type,
        title: i.title,
        owner: i.owner,
        startDate: i.startDate,
        endDate: i.endDate,
        status: i.status,
        costCents: i.costCents,
        costCategory: i.costCategory,
        source: {
          kind: i.sourceKind,
          decisionId: i.decisionId,
          meetingId: i.meetingId,
          agendaItemId: i.agendaItemId,
          decision:
            d && meeting
              ? {
                  type: d.type,
                  text: d.text,
                  decidedAt: d.decidedAt.toISOString(),
                  meetingStartsAt: meeting.startsAt.toISOString(),
                  agendaItemTitle: a ? (titles.get(a.id) ?? '') : '',
                }
              : null,
        },
        createdAt: i.createdAt.toISOString(),
        updatedAt: i.updatedAt.toISOString(),
      };
    };
    return {
      id: plan.id,
      householdId: plan.householdId,
      teamId: plan.teamId,
      variant: plan.variant,
      reviewCycleMonths: REVIEW_CYCLE_MONTHS[plan.variant],
      casusregisseur: plan.casusregisseurId
        ? (users.get(plan.casusregisseurId) ?? { id: plan.casusregisseurId, displayName: '' })
        : null,
      evaluationDate: plan.evaluationDate,
      evaluationState: evaluationState(plan.evaluationDate, today),
      lastEvaluatedOn: plan.lastEvaluatedOn,
      krachten: plan.krachten,
      zorgen: plan.zorgen,
      sectionRevs: { basis: plan.basisRev, krachten: plan.krachtenRev, zorgen: plan.zorgenRev },
      goals: goals.map((g) => {
        const date = g.evaluationDate ?? plan.evaluationDate;
        const latestScore = zrm?.scores[g.zrmDomain];
        return {
          id: g.id,
          rev: g.rev,
          zrmDomain: g.zrmDomain,
          text: g.text,
          status: g.status,
          evaluationDate: date,
          ownEvaluationDate: g.evaluationDate !== null,
          evaluationState: g.status === 'open' ? evaluationState(date, today) : 'geen-datum',
          baselineScore: g.baselineScore,
          latestScore: typeof latestScore === 'number' ? latestScore : null,
        };
      }),
      items: items.map(itemView),
      version: plan.version,
      versions,
      agreements,
      agreementState: !latest
        ? 'geen'
        : !latest.agreed
          ? 'niet-akkoord'
          : latest.versionNumber === plan.version
            ? 'akkoord'
            : 'akkoord-oudere-versie',
      createdAt: plan.createdAt.toISOString(),
      updatedAt: plan.updatedAt.toISOString(),
    };
  }

  private async versionSummaries(m: EntityManager, planId: string): Promise<PlanVersionSummary[]> {
    const rows = await m.find(SupportPlanVersionEntity, {
      where: { planId },
      select: { number: true, authorId: true, createdAt: true, change: true, subject: true },
      order: { number: 'DESC' },
    });
    const users = await this.userRefs(
      m,
      rows.map((r) => r.authorId),
    );
    return rows.map((r) => ({
      number: r.number,
      author: users.get(r.authorId) ?? { id: r.authorId, displayName: '' },
      createdAt: r.createdAt.toISOString(),
      change: r.change,
      subject: r.subject,
    }));
  }

  private async agreementViews(m: EntityManager, planId: string): Promise<PlanAgreementView[]> {
    const rows = await m.find(SupportPlanAgreementEntity, {
      where: { planId },
      order: { recordedAt: 'ASC' },
    });
    const users = await this.userRefs(
      m,
      rows.map((r) => r.recordedById),
    );
    return rows.map((r) => ({
      id: r.id,
      versionNumber: r.versionNumber,
      agreedOn: r.agreedOn,
      method: r.method,
      byName: r.byName,
      agreed: r.agreed,
      comment: r.comment,
      recordedBy: r.recordedById
        ? (users.get(r.recordedById) ?? { id: r.recordedById, displayName: '' })
        : { id: '', displayName: '' },
      recordedAt: r.recordedAt.toISOString(),
    }));
  }

  /** An agenda item's title; a case item without one is called after its case. */
  private async agendaTitles(
    m: EntityManager,
    items: AgendaItemEntity[],
  ): Promise<Map<string, string>> {
    const prepIds = items
      .filter((i) => !i.title && i.preparationId)
      .map((i) => i.preparationId as string);
    const preps = prepIds.length ? await m.findBy(PreparationEntity, { id: In(prepIds) }) : [];
    const cases = preps.length
      ? await m.findBy(CaseEntity, { id: In(preps.map((p) => p.caseId)) })
      : [];
    return new Map(
      items.map((i) => {
        const prep = preps.find((p) => p.id === i.preparationId);
        const title = cases.find((c) => c.id === prep?.caseId)?.title ?? '';
        return [i.id, i.title || title];
      }),
    );
  }

  /** The newest ZRM assessment of any of the household's cases. */
  private async latestZrm(m: EntityManager, householdId: string): Promise<LatestZrm | null> {
    const latest = await m
      .createQueryBuilder(ZrmAssessmentEntity, 'z')
      .innerJoin(CaseEntity, 'c', 'c.id = z.case_id')
      .where('c.household_id = :householdId', { householdId })
      .orderBy('z.assessed_at', 'DESC')
      .addOrderBy('z.created_at', 'DESC')
      .getOne();
    if (!latest) return null;
    const scores: Record<string, number | 'niet-gescoord'> = {};
    for (const [key, value] of Object.entries(latest.domains)) {
      const score = (value as { score?: unknown }).score;
      if (typeof score === 'number' || score === 'niet-gescoord') scores[key] = score;
    }
    return {
      caseId: latest.caseId,
      assessmentId: latest.id,
      assessedAt: latest.assessedAt,
      version: latest.version,
      scores,
    };
  }

  /** Decisions about the household's cases that no plan item comes from yet. */
  private async unprocessedDecisions(
    m: EntityManager,
    householdId: string,
  ): Promise<UnprocessedDecision[]> {
    const rows = await m
      .createQueryBuilder(DecisionEntity, 'd')
      .innerJoin(AgendaItemEntity, 'a', 'a.id = d.agenda_item_id')
      .innerJoin(PreparationEntity, 'p', 'p.id = a.preparation_id')
      .innerJoin(CaseEntity, 'c', 'c.id = p.case_id')
      .innerJoin(MeetingEntity, 'mt', 'mt.id = d.meeting_id')
      .where('c.household_id = :householdId', { householdId })
      .andWhere('d.type NOT IN (:...skip)', { skip: [...DECISION_TYPES_WITHOUT_PLAN_ITEM] })
      .andWhere('NOT EXISTS (SELECT 1 FROM support_plan_item i WHERE i.decision_id = d.id)')
      .select([
        'd.id AS id',
        'd.type AS type',
        'd.text AS text',
        'd.decided_at AS decided_at',
        'd.meeting_id AS meeting_id',
        'mt.starts_at AS starts_at',
        'a.id AS agenda_item_id',
        "COALESCE(NULLIF(a.title, ''), c.title) AS agenda_item_title",
        'c.id AS case_id',
      ])
      .orderBy('d.decided_at', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
    return rows.map((r) => ({
      id: String(r['id']),
      type: r['type'] as UnprocessedDecision['type'],
      text: String(r['text']),
      decidedAt: iso(r['decided_at']),
      meetingId: String(r['meeting_id']),
      meetingStartsAt: iso(r['starts_at']),
      agendaItemId: String(r['agenda_item_id']),
      agendaItemTitle: String(r['agenda_item_title']),
      caseId: String(r['case_id']),
    }));
  }

  /** A decision with its agenda item, meeting and case; access as to the case's household. */
  private async decisionContext(
    actor: Actor,
    decisionId: string,
    action: 'read' | 'update',
  ): Promise<DecisionContext> {
    const object = { type: 'decision', id: decisionId };
    const m = this.db.manager;
    const decision = await m.findOneBy(DecisionEntity, { id: decisionId });
    if (!decision) this.access.refuse(object);
    const item = await m.findOneBy(AgendaItemEntity, { id: decision.agendaItemId });
    const prep = item?.preparationId
      ? await m.findOneBy(PreparationEntity, { id: item.preparationId })
      : null;
    const caseEntity = prep ? await m.findOneBy(CaseEntity, { id: prep.caseId }) : null;
    const meeting = await m.findOneBy(MeetingEntity, { id: decision.meetingId });
    if (!item || !caseEntity || !meeting) this.access.refuse(object);
    await this.access.household(actor, caseEntity.householdId, action, object);
    if (meeting.teamId !== caseEntity.teamId) this.access.refuse(object);
    return { decision, item, meeting, caseEntity };
  }

  private async userRefs(
    m: EntityManager,
    ids: (string | null)[],
  ): Promise<Map<string, PersonRef>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (unique.length === 0) return new Map();
    const users = await m.find(UserEntity, {
      where: { id: In(unique) },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
  }
}
