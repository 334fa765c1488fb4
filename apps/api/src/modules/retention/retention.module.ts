import { Module } from '@nestjs/common';
import { CaseFileModule } from '../case-file/case-file.module';
import { CaseFileEraser } from './case-file-eraser';
import { ErasureController, HouseholdErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';
import { RetentionJobs } from './retention.jobs';
import { RetentionService } from './retention.service';

/**
 * Retention (the sweep of `RETENTION_RULES`, run by the job queue as `retention:sweep`) and AVG
 * art. 17 erasure requests.
 */
@Module({
  imports: [CaseFileModule],
  controllers: [ErasureController, HouseholdErasureController],
  providers: [CaseFileEraser, ErasureService, RetentionService, RetentionJobs],
  exports: [RetentionService],
})
export class RetentionModule {}
