import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CaseFileModule } from '../case-file/case-file.module';
import { DocumentsModule } from '../documents/documents.module';
import { SupportPlanModule } from '../support-plan/support-plan.module';
import { FamilyDemoService } from './family-demo.service';
import { FamilyInvitationsService } from './family-invitations.service';
import { FamilyService } from './family.service';
import { HouseholdStoryController } from './household-story.controller';
import { TimelineService } from './timeline.service';

/**
 * The household's story: the timeline of its cases for the team, and the family's own access
 * to their plan (link + one-time code, B1 view, agreement, PDF, who accessed their file).
 */
@Module({
  imports: [AuthModule, CaseFileModule, DocumentsModule, SupportPlanModule],
  controllers: [HouseholdStoryController],
  providers: [TimelineService, FamilyService, FamilyInvitationsService, FamilyDemoService],
  exports: [FamilyDemoService],
})
export class HouseholdStoryModule {}
