import type { EntityManager } from 'typeorm';
import {
  SupportPlanEntity,
  SupportPlanGoalEntity,
  SupportPlanItemEntity,
  SupportPlanVersionEntity,
} from '../support-plan/support-plan.entities';

/** The household's support plan as the family's view needs it (read only). */
export interface FamilyPlanSource {
  plan: SupportPlanEntity;
  goals: SupportPlanGoalEntity[];
  items: SupportPlanItemEntity[];
  /** The current version (the one the family judges), if any. */
  version: SupportPlanVersionEntity | null;
}

/**
 * Reads the household's one support plan from the support-plan module's tables, or null when
 * the household has none yet. Nothing here writes: the plan is edited only by its own module.
 */
export async function readFamilyPlanSource(
  m: EntityManager,
  householdId: string,
): Promise<FamilyPlanSource | null> {
  const plan = await m.findOneBy(SupportPlanEntity, { householdId });
  if (!plan) return null;
  const [goals, items, version] = await Promise.all([
    m.find(SupportPlanGoalEntity, {
      where: { planId: plan.id },
      order: { position: 'ASC', createdAt: 'ASC' },
    }),
    m.find(SupportPlanItemEntity, {
      where: { planId: plan.id },
      order: { startDate: 'ASC', createdAt: 'ASC' },
    }),
    m.findOne(SupportPlanVersionEntity, {
      where: { planId: plan.id },
      order: { number: 'DESC' },
    }),
  ]);
  return { plan, goals, items, version };
}
