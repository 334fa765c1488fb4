import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  SupportPlanPage,
  SupportPlanView,
  createSupportPlanSchema,
  recordAgreementSchema,
  updatePlanSectionSchema,
} from '@casustafel/contracts';
import { nextEvaluationDate, planToday, zrmPromptAtEvaluation } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess } from '../case-file/case-file-access';
import { CaseEntity } from '../case-file/case.entity';
import { PLAN_OBJECT, PlanStore, StaleEdit } from './plan-store.service';
import { PlanViews } from './plan-views.service';
import {
  SupportPlanAgreementEntity,
  SupportPlanEntity,
  SupportPlanVersionEntity,
} from './support-plan.entities';

type CreatePlan = z.output<typeof createSupportPlanSchema>;
type UpdateSection = z.output<typeof updatePlanSectionSchema>;
type RecordAgreement = z.output<typeof recordAgreementSchema>;

/**
 * The support plan: one per household, edited by granular operations each carrying the
 * expected revision of the entity it changes, every change a new version with a snapshot.
 * Access is the case file's (the household's team, roles that may hold client data), and every
 * call is audited with the household as the client. This service holds the plan itself (its
 * page, its making, its sections) and the family's agreement with it; goals and items, history,
 * evaluations, decisions and sharing each have their own service.
 */
@Injectable()
export class SupportPlanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(SupportPlanEntity) private readonly plans: Repository<SupportPlanEntity>,
    private readonly access: CaseFileAccess,
    private readonly clock: Clock,
    private readonly store: PlanStore,
    private readonly views: PlanViews,
  ) {}

  async page(actor: Actor, householdId: string): Promise<SupportPlanPage> {
    const household = await this.access.household(actor, householdId, 'read', {
      type: PLAN_OBJECT,
      id: null,
    });
    const plan = await this.plans.findOneBy({ householdId });
    if (plan) RequestContext.note({ objectId: plan.id });
    const m = this.db.manager;
    const [view, unprocessed, zrm, cases, candidates] = await Promise.all([
      plan ? this.views.view(m, plan.id) : Promise.resolve(null),
      this.views.unprocessedDecisions(m, householdId),
      this.views.latestZrm(m, householdId),
      m.find(CaseEntity, { where: { householdId }, order: { createdAt: 'DESC' } }),
      this.views.candidates(m, household.teamId),
    ]);
    return {
      householdId,
      householdLabel: household.label,
      teamId: household.teamId,
      plan: view,
      unprocessedDecisions: unprocessed,
      latestZrm: zrm,
      zrmCaseId: zrm?.caseId ?? cases[0]?.id ?? null,
      zrmPrompt: zrmPromptAtEvaluation(zrm?.assessedAt ?? null, planToday(this.clock)),
      regisseurCandidates: candidates,
    };
  }

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
      const plan = await this.store.makePlan(
        tx,
        household,
        input.casusregisseurId,
        actor.userId,
        input,
      );
      return plan.id;
    });
    RequestContext.note({ objectId: planId });
    return this.views.view(this.db.manager, planId);
  }

  async updateSection(
    actor: Actor,
    planId: string,
    input: UpdateSection,
  ): Promise<SupportPlanView> {
    return this.store.mutate(actor, planId, async (tx, plan) => {
      const now = this.clock.now();
      if (input.section === 'basis') {
        if (plan.basisRev !== input.expectedRev) throw new StaleEdit('sections.basis');
        if (input.casusregisseurId)
          await this.store.checkRegisseur(tx, plan.teamId, input.casusregisseurId);
        const variantChanged = input.variant !== plan.variant;
        plan.variant = input.variant;
        plan.casusregisseurId = input.casusregisseurId;
        plan.evaluationDate =
          input.evaluationDate ??
          (variantChanged || plan.evaluationDate === null
            ? nextEvaluationDate(input.variant, plan.lastEvaluatedOn ?? planToday(this.clock))
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

  /** The family's agreement with one version (it makes no new version: the plan is unchanged). */
  async recordAgreement(
    actor: Actor,
    planId: string,
    input: RecordAgreement,
  ): Promise<SupportPlanView> {
    const plan = await this.store.authorise(actor, planId, 'update');
    if (input.versionNumber > plan.version) throw invalidAt('versionNumber', 'unknown-version');
    if (input.agreedOn > planToday(this.clock)) throw invalidAt('agreedOn', 'in-future');
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
    return this.views.view(this.db.manager, planId);
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
        agreedOn: planToday(this.clock),
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
}
