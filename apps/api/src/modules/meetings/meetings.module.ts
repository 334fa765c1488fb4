import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseFileModule } from '../case-file/case-file.module';
import { PreparationEntity } from '../case-file/case.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { MeetingRoomGateway } from './meeting-room.gateway';
import { MEETING_ENTITIES } from './meeting.entities';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

/** Case meetings: series, agenda, the live room. */
@Module({
  imports: [
    TypeOrmModule.forFeature([...MEETING_ENTITIES, MembershipEntity, PreparationEntity]),
    CaseFileModule,
  ],
  controllers: [MeetingsController],
  providers: [MeetingsService, MeetingRoomGateway],
  exports: [MeetingsService, MeetingRoomGateway],
})
export class MeetingsModule {}
