import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { z } from 'zod';
import type {
  OverdueEvaluationView,
  SupportPlanView,
  recordEvaluationSchema,
} from '@casustafel/contracts';
import { nextEvaluationDate, overdueEvaluations, planToday } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess } from '../case-file/case-file-access';
import { HouseholdEntity } from '../case-file/household.entity';
import { PLAN_ENTRY, PLAN_OBJECT, PlanStore } from './plan-store.service';
import { PlanViews } from './plan-views.service';
import { SupportPlanEntity, SupportPlanGoalEntity } from './support-plan.entities';

type RecordEvaluation = z.output<typeof recordEvaluationSchema>;

/** The plan's evaluations: recorded (the plan's or one goal's), and the team's overdue ones. */
@Injectable()
export class PlanEvaluationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseFileAccess,
    private readonly clock: Clock,
    private readonly store: PlanStore,
    private readonly views: PlanViews,
  ) {}

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
      planToday(this.clock),
    );
    const users = await this.views.userRefs(
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

  async recordEvaluation(
    actor: Actor,
    planId: string,
    input: RecordEvaluation,
  ): Promise<SupportPlanView> {
    return this.store.mutate(actor, planId, async (tx, plan) => {
      const today = planToday(this.clock);
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
}
