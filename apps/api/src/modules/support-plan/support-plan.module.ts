import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseFileAccess } from '../case-file/case-file-access';
import { CaseFileModule } from '../case-file/case-file.module';
import { CaseEntity } from '../case-file/case.entity';
import { HouseholdEntity } from '../case-file/household.entity';
import { SupportPlanController } from './support-plan.controller';
import { SUPPORT_PLAN_ENTITIES } from './support-plan.entities';
import { PlanContentService } from './plan-content.service';
import { PlanEvaluationService } from './plan-evaluation.service';
import { PlanHistoryService } from './plan-history.service';
import { PlanSharingService } from './plan-sharing.service';
import { PlanSourcesService } from './plan-sources.service';
import { PlanStore } from './plan-store.service';
import { PlanViews } from './plan-views.service';
import { SupportPlanService } from './support-plan.service';

/** The support plan (one per household): decisions become items, versions, agreement, evaluation. */
@Module({
  imports: [
    CaseFileModule,
    TypeOrmModule.forFeature([...SUPPORT_PLAN_ENTITIES, HouseholdEntity, CaseEntity]),
  ],
  controllers: [SupportPlanController],
  providers: [
    SupportPlanService,
    PlanContentService,
    PlanEvaluationService,
    PlanHistoryService,
    PlanSharingService,
    PlanSourcesService,
    PlanStore,
    PlanViews,
    CaseFileAccess,
  ],
  exports: [SupportPlanService, PlanSourcesService],
})
export class SupportPlanModule {}
