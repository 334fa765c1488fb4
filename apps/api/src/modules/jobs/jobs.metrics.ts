import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type GaugeSample, MetricsService } from '../metrics/metrics.service';
import { type JobDepth, JobsService } from './jobs.service';

export const JOBS_GAUGE = 'casustafel_jobs';
const STATES = [
  'due',
  'scheduled',
  'active',
  'failed',
] as const satisfies readonly (keyof JobDepth)[];

/**
 * The job queue's depth on the metrics endpoint: `casustafel_jobs{name, state}`, read from the
 * database at each scrape (the queue is shared, so every instance reports the same numbers).
 * Lives in the jobs module and uses the global `MetricsService`: the metrics module knows
 * nothing of jobs.
 */
@Injectable()
export class JobsMetrics implements OnModuleInit {
  private readonly logger = new Logger(JobsMetrics.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge({
      name: JOBS_GAUGE,
      help: 'Jobs in the queue by name and state (due, scheduled = later, active, failed)',
      labelNames: ['name', 'state'],
      // A database that does not answer leaves the series out; the rest of the scrape stands.
      collect: async () => {
        try {
          return jobSamples(await this.jobs.depth());
        } catch (error: unknown) {
          this.logger.warn({ err: error }, 'Job queue depth not available for the metrics');
          return [];
        }
      },
    });
  }
}

export function jobSamples(depth: readonly JobDepth[]): GaugeSample[] {
  return depth.flatMap((row) =>
    STATES.map((state) => ({ labels: { name: row.name, state }, value: row[state] })),
  );
}
