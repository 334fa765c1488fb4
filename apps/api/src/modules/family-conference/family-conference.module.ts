import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CaseFileModule } from '../case-file/case-file.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SupportPlanModule } from '../support-plan/support-plan.module';
import { FamilyConferenceCircleService } from './family-conference-circle.service';
import { FamilyConferenceController } from './family-conference.controller';
import { FamilyConferenceGateway } from './family-conference.gateway';
import { FamilyConferenceService } from './family-conference.service';

/**
 * The familienetwerkberaad (issue 13 §4–5): a session kind on the live engine (registered at
 * start-up), its preparation, the circle's access by link + code, and the familiegroepsplan that
 * becomes the household's leading plan.
 */
@Module({
  imports: [AuthModule, CaseFileModule, JobsModule, NotificationsModule, SupportPlanModule],
  controllers: [FamilyConferenceController],
  providers: [FamilyConferenceService, FamilyConferenceCircleService, FamilyConferenceGateway],
  exports: [FamilyConferenceService],
})
export class FamilyConferenceModule {}
