import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseFilters,
} from '@nestjs/common';
import type { z } from 'zod';
import {
  type DecisionPlanItems,
  type OverdueEvaluationView,
  type PlanDiffView,
  type PlanVersionSummary,
  type PlanVersionView,
  type SharedPlanView,
  type SupportPlanPage,
  type SupportPlanView,
  createPlanGoalSchema,
  createPlanItemSchema,
  createSupportPlanSchema,
  planDiffQuerySchema,
  planItemsFromDecisionSchema,
  recordAgreementSchema,
  recordEvaluationSchema,
  removeQuerySchema,
  updatePlanGoalSchema,
  updatePlanItemSchema,
  updatePlanSectionSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { invalidAt } from '../../common/errors/refusals';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { PlanConflictFilter } from './plan-conflict.filter';
import { PlanContentService } from './plan-content.service';
import { PlanEvaluationService } from './plan-evaluation.service';
import { PlanHistoryService } from './plan-history.service';
import { PlanSharingService } from './plan-sharing.service';
import { PlanSourcesService } from './plan-sources.service';
import { SupportPlanService } from './support-plan.service';

const body = <T extends z.ZodType>(schema: T) => new ZodValidationPipe(schema);

/** The household's support plan: the page, granular edits, versions, diff, agreement, evaluation. */
@Controller()
@UseFilters(PlanConflictFilter)
export class SupportPlanController {
  constructor(
    private readonly plans: SupportPlanService,
    private readonly content: PlanContentService,
    private readonly evaluations: PlanEvaluationService,
    private readonly history: PlanHistoryService,
    private readonly sources: PlanSourcesService,
    private readonly sharing: PlanSharingService,
  ) {}

  @Access('client-data', 'support-plan.read')
  @Get('households/:householdId/support-plan')
  page(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
  ): Promise<SupportPlanPage> {
    return this.plans.page(actor, householdId);
  }

  @Access('client-data', 'support-plan.create')
  @Post('households/:householdId/support-plan')
  create(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(body(createSupportPlanSchema)) input: z.output<typeof createSupportPlanSchema>,
  ): Promise<SupportPlanView> {
    return this.plans.create(actor, householdId, input);
  }

  @Access('client-data', 'support-plan.update')
  @Patch('support-plans/:planId/sections')
  updateSection(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @Body(body(updatePlanSectionSchema)) input: z.output<typeof updatePlanSectionSchema>,
  ): Promise<SupportPlanView> {
    return this.plans.updateSection(actor, planId, input);
  }

  @Access('client-data', 'support-plan.update')
  @Post('support-plans/:planId/goals')
  addGoal(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @Body(body(createPlanGoalSchema)) input: z.output<typeof createPlanGoalSchema>,
  ): Promise<SupportPlanView> {
    return this.content.addGoal(actor, planId, input);
  }

  @Access('client-data', 'support-plan.update')
  @Patch('support-plans/:planId/goals/:goalId')
  updateGoal(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @IdParam('goalId') goalId: string,
    @Body(body(updatePlanGoalSchema)) input: z.output<typeof updatePlanGoalSchema>,
  ): Promise<SupportPlanView> {
    return this.content.updateGoal(actor, planId, goalId, input);
  }

  @Access('client-data', 'support-plan.update')
  @Delete('support-plans/:planId/goals/:goalId')
  removeGoal(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @IdParam('goalId') goalId: string,
    @Query(body(removeQuerySchema)) query: z.output<typeof removeQuerySchema>,
  ): Promise<SupportPlanView> {
    return this.content.removeGoal(actor, planId, goalId, query.expectedRev);
  }

  @Access('client-data', 'support-plan.update')
  @Post('support-plans/:planId/items')
  addItem(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @Body(body(createPlanItemSchema)) input: z.output<typeof createPlanItemSchema>,
  ): Promise<SupportPlanView> {
    return this.content.addItem(actor, planId, input);
  }

  @Access('client-data', 'support-plan.update')
  @Patch('support-plans/:planId/items/:itemId')
  updateItem(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @IdParam('itemId') itemId: string,
    @Body(body(updatePlanItemSchema)) input: z.output<typeof updatePlanItemSchema>,
  ): Promise<SupportPlanView> {
    return this.content.updateItem(actor, planId, itemId, input);
  }

  @Access('client-data', 'support-plan.update')
  @Delete('support-plans/:planId/items/:itemId')
  removeItem(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @IdParam('itemId') itemId: string,
    @Query(body(removeQuerySchema)) query: z.output<typeof removeQuerySchema>,
  ): Promise<SupportPlanView> {
    return this.content.removeItem(actor, planId, itemId, query.expectedRev);
  }

  @Access('client-data', 'support-plan.evaluation')
  @Post('support-plans/:planId/evaluations')
  @HttpCode(200)
  evaluate(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @Body(body(recordEvaluationSchema)) input: z.output<typeof recordEvaluationSchema>,
  ): Promise<SupportPlanView> {
    return this.evaluations.recordEvaluation(actor, planId, input);
  }

  @Access('client-data', 'support-plan.agreement')
  @Post('support-plans/:planId/agreements')
  agree(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @Body(body(recordAgreementSchema)) input: z.output<typeof recordAgreementSchema>,
  ): Promise<SupportPlanView> {
    return this.plans.recordAgreement(actor, planId, input);
  }

  @Access('client-data', 'support-plan.version-read')
  @Get('support-plans/:planId/versions')
  versions(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
  ): Promise<PlanVersionSummary[]> {
    return this.history.versions(actor, planId);
  }

  @Access('client-data', 'support-plan.version-read')
  @Get('support-plans/:planId/versions/:number')
  version(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @Param('number') number: string,
  ): Promise<PlanVersionView> {
    if (!/^[1-9][0-9]{0,8}$/.test(number)) throw invalidAt('number', 'invalid');
    return this.history.version(actor, planId, Number(number));
  }

  @Access('client-data', 'support-plan.version-read')
  @Get('support-plans/:planId/diff')
  diff(
    @CurrentActor() actor: Actor,
    @IdParam('planId') planId: string,
    @Query(body(planDiffQuerySchema)) query: z.output<typeof planDiffQuerySchema>,
  ): Promise<PlanDiffView> {
    return this.history.diff(actor, planId, query.from, query.to);
  }

  @Access('client-data', 'support-plan.overdue-list')
  @Get('teams/:teamId/support-plans/overdue-evaluations')
  overdue(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
  ): Promise<OverdueEvaluationView[]> {
    return this.evaluations.overdue(actor, teamId);
  }

  @Access('client-data', 'support-plan.decision-items')
  @Get('decisions/:decisionId/plan-items')
  decisionItems(
    @CurrentActor() actor: Actor,
    @IdParam('decisionId') decisionId: string,
  ): Promise<DecisionPlanItems> {
    return this.sources.decisionItems(actor, decisionId);
  }

  @Access('client-data', 'support-plan.from-decision')
  @Post('decisions/:decisionId/plan-items')
  fromDecision(
    @CurrentActor() actor: Actor,
    @IdParam('decisionId') decisionId: string,
    @Body(body(planItemsFromDecisionSchema)) input: z.output<typeof planItemsFromDecisionSchema>,
  ): Promise<SupportPlanView> {
    return this.sources.fromDecision(actor, decisionId, input);
  }

  @Access('guest', 'support-plan.shared-read')
  @Get('guest/households/:householdId/support-plan')
  shared(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
  ): Promise<SharedPlanView> {
    return this.sharing.shared(actor, householdId);
  }
}
