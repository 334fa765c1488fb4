import { Module } from '@nestjs/common';
import { CaseFileEraser } from './case-file-eraser';
import { ErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

/**
 * Retention (the sweep of `RETENTION_RULES`) and AVG art. 17 erasure requests. Exports
 * `RetentionService` so a job queue can schedule `sweep()`.
 */
@Module({
  controllers: [ErasureController],
  providers: [CaseFileEraser, ErasureService, RetentionService, RetentionScheduler],
  exports: [RetentionService],
})
export class RetentionModule {}
