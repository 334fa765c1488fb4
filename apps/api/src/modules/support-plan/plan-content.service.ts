import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type {
  SupportPlanView,
  createPlanGoalSchema,
  createPlanItemSchema,
  updatePlanGoalSchema,
  updatePlanItemSchema,
} from '@casustafel/contracts';
import type { Actor } from '../../common/context/request-context';
import { notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { PLAN_ENTRY, PlanStore, StaleEdit } from './plan-store.service';
import { PlanViews } from './plan-views.service';
import { SupportPlanGoalEntity, SupportPlanItemEntity } from './support-plan.entities';

type CreateGoal = z.output<typeof createPlanGoalSchema>;
type UpdateGoal = z.output<typeof updatePlanGoalSchema>;
type CreateItem = z.output<typeof createPlanItemSchema>;
type UpdateItem = z.output<typeof updatePlanItemSchema>;

/** The plan's goals (per ZRM domain) and items (the inzet): added, changed, removed. */
@Injectable()
export class PlanContentService {
  constructor(
    private readonly clock: Clock,
    private readonly store: PlanStore,
    private readonly views: PlanViews,
  ) {}

  async addGoal(actor: Actor, planId: string, input: CreateGoal): Promise<SupportPlanView> {
    return this.store.mutate(actor, planId, async (tx, plan) => {
      const now = this.clock.now();
      const zrm = await this.views.latestZrm(tx, plan.householdId);
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
    return this.store.mutate(actor, planId, async (tx) => {
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
    return this.store.mutate(actor, planId, async (tx) => {
      const goal = await tx.findOneBy(SupportPlanGoalEntity, { id: goalId, planId });
      if (!goal) throw new StaleEdit(`goals.${goalId}`);
      if (goal.rev !== expectedRev) throw new StaleEdit(`goals.${goalId}`);
      await tx.update(SupportPlanItemEntity, { planId, goalId }, { goalId: null });
      await tx.delete(SupportPlanGoalEntity, { id: goalId });
      return { change: 'doel.verwijderd', subject: goal.text };
    });
  }

  async addItem(actor: Actor, planId: string, input: CreateItem): Promise<SupportPlanView> {
    return this.store.mutate(actor, planId, async (tx, plan) => {
      await this.store.insertItem(tx, plan, input, {
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
    return this.store.mutate(actor, planId, async (tx) => {
      const item = await tx.findOneBy(SupportPlanItemEntity, { id: itemId, planId });
      if (!item) throw notFound(PLAN_ENTRY);
      if (item.rev !== input.expectedRev) throw new StaleEdit(`items.${itemId}`);
      await this.store.checkGoal(tx, planId, input.goalId);
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
    return this.store.mutate(actor, planId, async (tx) => {
      const item = await tx.findOneBy(SupportPlanItemEntity, { id: itemId, planId });
      if (!item || item.rev !== expectedRev) throw new StaleEdit(`items.${itemId}`);
      await tx.delete(SupportPlanItemEntity, { id: itemId });
      return { change: 'inzet.verwijderd', subject: item.title };
    });
  }
}
