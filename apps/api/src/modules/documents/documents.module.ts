import { Module } from '@nestjs/common';
import { DocumentsService } from './documents.service';

/** Off-event-loop document rendering, for every module that produces a document. */
@Module({
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
