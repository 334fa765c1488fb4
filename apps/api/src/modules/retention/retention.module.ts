import { Module } from '@nestjs/common';
import { CaseFileEraser } from './case-file-eraser';
import { ErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';
import { RetentionJobs } from './retention.jobs';
import { RetentionService } from './retention.service';

/**
 * Retention (the sweep of `RETENTION_RULES`, run by the job queue as `retention:sweep`) and AVG
 * art. 17 erasure requests.
 */
@Module({
  controllers: [ErasureController],
  providers: [CaseFileEraser, ErasureService, RetentionService, RetentionJobs],
  exports: [RetentionService],
})
export class RetentionModule {}
