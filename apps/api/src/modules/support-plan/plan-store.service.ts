import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  SupportPlanView,
  createSupportPlanSchema,
  planItemInputSchema,
} from '@casustafel/contracts';
import {
  type PlanItemSource,
  type PlanSnapshot,
  nextEvaluationDate,
  planToday,
} from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { invalidAt, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess, regisseurRefusal } from '../case-file/case-file-access';
import { CaseEntity } from '../case-file/case.entity';
import { HouseholdEntity } from '../case-file/household.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { PlanViews, planItemSnapshot } from './plan-views.service';
import {
  SupportPlanEntity,
  SupportPlanGoalEntity,
  SupportPlanItemEntity,
  SupportPlanVersionEntity,
} from './support-plan.entities';

export type CreatePlan = z.output<typeof createSupportPlanSchema>;
export type ItemInput = z.output<typeof planItemInputSchema>;

/** The audit trail's object type of the plan. */
export const PLAN_OBJECT = 'support-plan';
/** What a 404 names. */
export const PLAN_ENTRY = 'plan entry';

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
export class StaleEdit extends Error {
  constructor(readonly path: string) {
    super('stale');
  }
}

/** A plan made without input: light, with empty sections. */
const EMPTY_PLAN = { variant: 'licht', krachten: '', zorgen: '' } as const;

/** One change of the plan, as its version records it. */
export interface Change {
  change: string;
  subject: string | null;
}

/**
 * How the plan is written: access to it (the household's, noted for the audit trail), one
 * change at a time under the plan's row lock with revision checks, every change a new version
 * with a snapshot of the whole plan. The services per concern write through it.
 */
@Injectable()
export class PlanStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(SupportPlanEntity) private readonly plans: Repository<SupportPlanEntity>,
    private readonly access: CaseFileAccess,
    private readonly clock: Clock,
    private readonly views: PlanViews,
  ) {}

  /** Access to the plan's household, noted for the audit trail (object = the plan). */
  async authorise(
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
  async mutate(
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
          await this.views.view(this.db.manager, planId),
        );
      }
      throw error;
    }
    return this.views.view(this.db.manager, planId);
  }

  /**
   * A new plan for the household, stored with its first version ("plan.gemaakt"): empty and
   * light unless given; its regisseur the one chosen, else the newest case's while eligible.
   */
  async makePlan(
    tx: EntityManager,
    household: HouseholdEntity,
    regisseurId: string | null,
    authorId: string,
    input: Pick<CreatePlan, 'variant' | 'krachten' | 'zorgen'> = EMPTY_PLAN,
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
    const plan = await tx.save(
      tx.create(SupportPlanEntity, {
        householdId: household.id,
        teamId: household.teamId,
        variant: input.variant,
        casusregisseurId,
        evaluationDate: nextEvaluationDate(input.variant, planToday(this.clock)),
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
    await this.writeVersion(tx, plan, authorId, { change: 'plan.gemaakt', subject: null });
    return plan;
  }

  async insertItem(
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

  async checkGoal(tx: EntityManager, planId: string, goalId: string | null) {
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

  async checkRegisseur(m: EntityManager, teamId: string, userId: string) {
    const issue = await this.regisseurIssue(m, teamId, userId);
    if (issue) throw this.regisseurError(issue);
  }

  async writeVersion(
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
      this.views.userRefs(m, [plan.casusregisseurId]),
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
      items: items.map(planItemSnapshot),
    };
  }
}
