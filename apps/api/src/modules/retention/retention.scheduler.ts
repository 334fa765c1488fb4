import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RetentionService } from './retention.service';

/** First sweep a minute after start, then every six hours. */
const FIRST_SWEEP_MS = 60_000;
const SWEEP_INTERVAL_MS = 6 * 3600_000;

/**
 * Runs the retention sweep from a timer in every api process (the sweep is idempotent). When
 * the job queue arrives, it schedules `RetentionService.sweep()` instead and this goes. Not in
 * tests: they call `sweep()` with an injected clock.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly retention: RetentionService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return;
    const run = () => {
      if (this.running) return;
      this.running = this.retention
        .sweep()
        .catch((error: unknown) => this.logger.error({ err: error }, 'Retention sweep failed'))
        .finally(() => (this.running = null));
    };
    this.timer = setTimeout(() => {
      run();
      this.timer = setInterval(run, SWEEP_INTERVAL_MS);
      this.timer.unref();
    }, FIRST_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
