import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseFileAccess } from '../case-file/case-file-access';
import { CASE_FILE_ENTITIES } from '../case-file/case-file.entities';
import { CaseFileModule } from '../case-file/case-file.module';
import { DocumentsModule } from '../documents/documents.module';
import { IntervisionController } from './intervision.controller';
import { INTERVISION_ENTITIES } from './intervision.entities';
import { IntervisionReviewService } from './intervision-review.service';
import { IntervisionService } from './intervision.service';
import { IntervisionWork } from './intervision-work.service';
import { IntervisionAttendanceService } from './intervision-attendance.service';
import { IntervisionSessionController } from './intervision-session.controller';
import { INTERVISION_SESSION_ENTITIES } from './intervision-session.entities';
import { IntervisionSessionService } from './intervision-session.service';

/**
 * Intervision (issue 14): anonymised copies of cases with a four-eyes release; sessions that
 * run a method on a released copy (on the live-session engine, global); attendance records.
 */
@Module({
  imports: [
    CaseFileModule,
    DocumentsModule,
    TypeOrmModule.forFeature([
      ...INTERVISION_ENTITIES,
      ...INTERVISION_SESSION_ENTITIES,
      ...CASE_FILE_ENTITIES,
    ]),
  ],
  controllers: [IntervisionController, IntervisionSessionController],
  providers: [
    CaseFileAccess,
    IntervisionService,
    IntervisionReviewService,
    IntervisionWork,
    IntervisionSessionService,
    IntervisionAttendanceService,
  ],
})
export class IntervisionModule {}
