import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { JobsService } from '../jobs/jobs.service';
import { RetentionService } from './retention.service';

export const RETENTION_SWEEP_JOB = 'retention:sweep';
/** Every six hours, on the hour (UTC). */
export const RETENTION_SWEEP_CRON = '0 */6 * * *';

/**
 * Runs the retention sweep as a recurring job of the queue: one run at a time across all
 * instances (the cron job's singleton key), and it survives the death of any one instance (its
 * lease runs out and another instance takes it). The sweep is idempotent, so a run repeated after
 * a crash mid-way erases nothing twice.
 */
@Injectable()
export class RetentionJobs implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobsService,
    private readonly retention: RetentionService,
  ) {}

  onModuleInit(): void {
    // The sweep logs its counts itself.
    this.jobs.work(RETENTION_SWEEP_JOB, async () => {
      await this.retention.sweep();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(RETENTION_SWEEP_JOB, {}, { cron: RETENTION_SWEEP_CRON });
  }
}
