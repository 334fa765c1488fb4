import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseFileModule } from '../case-file/case-file.module';
import { PreparationEntity } from '../case-file/case.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { MEETING_ENTITIES } from './meeting.entities';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

/** Case meetings: series and agenda (planning); the live room is `live-session`'s. */
@Module({
  imports: [
    TypeOrmModule.forFeature([...MEETING_ENTITIES, MembershipEntity, PreparationEntity]),
    CaseFileModule,
  ],
  controllers: [MeetingsController],
  providers: [MeetingsService],
  exports: [MeetingsService],
})
export class MeetingsModule {}
