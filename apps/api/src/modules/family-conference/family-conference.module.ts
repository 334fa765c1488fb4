import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CaseFileModule } from '../case-file/case-file.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SupportPlanModule } from '../support-plan/support-plan.module';
import { FamilyConferenceCircleService } from './family-conference-circle.service';
import { FamilyConferenceController } from './family-conference.controller';
import { FamilyConferenceGateway } from './family-conference.gateway';
import { ConferenceFollowUpService } from './conference-follow-up.service';
import { ConferencePlanService } from './conference-plan.service';
import { ConferenceReader } from './conference-reader.service';
import { ConferenceRoomService } from './conference-room.service';
import { ConferenceSeats } from './conference-seats.service';
import { ConferenceSignInService } from './conference-sign-in.service';
import { FamilyConferenceService } from './family-conference.service';

/**
 * The familienetwerkberaad (issue 13 §4–5): a session kind on the live engine (registered at
 * start-up), its preparation, the circle's access by link + code, and the familiegroepsplan that
 * becomes the household's leading plan.
 */
@Module({
  imports: [AuthModule, CaseFileModule, JobsModule, NotificationsModule, SupportPlanModule],
  controllers: [FamilyConferenceController],
  providers: [
    FamilyConferenceService,
    FamilyConferenceCircleService,
    ConferenceFollowUpService,
    ConferencePlanService,
    ConferenceReader,
    ConferenceRoomService,
    ConferenceSeats,
    ConferenceSignInService,
    FamilyConferenceGateway,
  ],
  exports: [FamilyConferenceService],
})
export class FamilyConferenceModule {}
