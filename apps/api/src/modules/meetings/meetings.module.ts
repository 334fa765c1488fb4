import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseFileModule } from '../case-file/case-file.module';
import { PreparationEntity } from '../case-file/case.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { MEETING_ENTITIES } from './meeting.entities';
import { MeetingsController } from './meetings.controller';
import { AgendaService } from './agenda.service';
import { MeetingAccess } from './meeting-access';
import { MeetingCloseService } from './meeting-close.service';
import { MeetingSeriesService } from './meeting-series.service';
import { MeetingViews } from './meeting-views';
import { MeetingsService } from './meetings.service';

/** Case meetings: series and agenda (planning); the live room is `live-session`'s. */
@Module({
  imports: [
    TypeOrmModule.forFeature([...MEETING_ENTITIES, MembershipEntity, PreparationEntity]),
    CaseFileModule,
  ],
  controllers: [MeetingsController],
  providers: [
    MeetingAccess,
    MeetingViews,
    MeetingsService,
    MeetingSeriesService,
    AgendaService,
    MeetingCloseService,
  ],
  exports: [MeetingsService],
})
export class MeetingsModule {}
