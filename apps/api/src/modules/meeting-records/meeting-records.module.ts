import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PreparationEntity } from '../case-file/case.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { MEETING_ENTITIES } from '../meetings/meeting.entities';
import { MeetingRecordsController } from './meeting-records.controller';
import { MEETING_RECORD_ENTITIES } from './meeting-records.entities';
import { MeetingRecordsGateway } from './meeting-records.gateway';
import { MeetingRecordsService } from './meeting-records.service';
import { MinutesExportService } from './minutes-export.service';

/**
 * Decisions, actions, follow-up and minutes of case meetings. Global so the meetings module can
 * hand the open actions to the next meeting's follow-up item when a meeting closes.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ...MEETING_ENTITIES,
      ...MEETING_RECORD_ENTITIES,
      MembershipEntity,
      PreparationEntity,
      UserEntity,
    ]),
  ],
  controllers: [MeetingRecordsController],
  providers: [MeetingRecordsService, MeetingRecordsGateway, MinutesExportService],
  exports: [MeetingRecordsService],
})
export class MeetingRecordsModule {}
