import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseFileAccess } from '../case-file/case-file-access';
import { CASE_FILE_ENTITIES } from '../case-file/case-file.entities';
import { CaseFileModule } from '../case-file/case-file.module';
import { DocumentsModule } from '../documents/documents.module';
import { IntervisionController } from './intervision.controller';
import { INTERVISION_ENTITIES } from './intervision.entities';
import { IntervisionService } from './intervision.service';
import { IntervisionWork } from './intervision-work.service';

/** Intervision (issue 14): anonymised copies of cases with a four-eyes release. */
@Module({
  imports: [
    CaseFileModule,
    DocumentsModule,
    TypeOrmModule.forFeature([...INTERVISION_ENTITIES, ...CASE_FILE_ENTITIES]),
  ],
  controllers: [IntervisionController],
  providers: [CaseFileAccess, IntervisionService, IntervisionWork],
})
export class IntervisionModule {}
