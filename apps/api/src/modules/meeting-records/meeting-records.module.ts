import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PreparationEntity } from '../case-file/case.entity';
import { DocumentsModule } from '../documents/documents.module';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { MEETING_ENTITIES } from '../meetings/meeting.entities';
import { NotesModule } from '../notes/notes.module';
import { NotesService } from '../notes/notes.service';
import { MeetingRecordsController } from './meeting-records.controller';
import { MEETING_RECORD_ENTITIES } from './meeting-records.entities';
import { MeetingRecordsService } from './meeting-records.service';
import { MINUTES_NOTES_SOURCE, MinutesService } from './minutes.service';
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
    NotesModule,
    DocumentsModule,
  ],
  controllers: [MeetingRecordsController],
  providers: [
    MeetingRecordsService,
    MinutesService,
    MinutesExportService,
    // The minutes' note sections: each item's shared note as plain text.
    { provide: MINUTES_NOTES_SOURCE, useExisting: NotesService },
  ],
  exports: [MeetingRecordsService],
})
export class MeetingRecordsModule {}
