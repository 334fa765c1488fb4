import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { nextCronRun, parseCron } from './cron';

export interface ScheduleOptions {
  /** When the job is due (default: now). */
  runAt?: Date;
  /** A recurring job: 5-field cron in UTC; the next run is queued when one ends. */
  cron?: string;
  /** At most one queued-or-active job per (name, key); a second `schedule` is a no-op. */
  singletonKey?: string;
  /** Tries before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** First retry after this long; each further retry waits twice as long (default 30 s). */
  backoffMs?: number;
}

export interface JobContext {
  id: string;
  name: string;
  attempt: number;
}

export type JobHandler<P = Record<string, unknown>> = (
  payload: P,
  job: JobContext,
) => Promise<void>;

export interface JobDepth {
  name: string;
  /** Queued and due now. */
  due: number;
  /** Queued for later (cron's next run, retries waiting for their backoff). */
  scheduled: number;
  active: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  backoff_ms: number;
  singleton_key: string | null;
  cron: string | null;
}

/** Jobs one instance claims per poll. */
const CLAIM_BATCH = 5;
/** Finished jobs are kept this long (to see what ran, and where), then deleted. */
const DONE_RETENTION_MS = 7 * 24 * 3600_000;
const SINGLETON_CONFLICT = `ON CONFLICT ("name", "singleton_key") WHERE "singleton_key" IS NOT NULL AND "state" IN ('queued', 'active') DO NOTHING`;

/** `DataSource.query` answers an UPDATE … RETURNING with [rows, count] on PostgreSQL. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/**
 * The job queue, in the database (PostgreSQL or the embedded PGlite, same SQL): `schedule` puts a
 * job in, `work` registers a handler, and every instance polls for due jobs of the names it
 * handles. A job is claimed with `FOR UPDATE SKIP LOCKED`, so two instances never take the same
 * one; the claim is a lease, so a job of an instance that died runs again elsewhere once the
 * lease is over. Failures are retried with exponential backoff. Handlers must be idempotent
 * (a job can run again after a crash mid-way): reminders dedupe by key, sweeps are idempotent.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly handlers = new Map<string, JobHandler>();
  /** This instance, as recorded in `locked_by`. */
  readonly workerId = `${hostname().slice(0, 30)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<number> | null = null;
  private stopped = false;
  private polls = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Queues a job; returns its id, or null when a job with the same singleton key is pending. */
  async schedule(
    name: string,
    payload: Record<string, unknown> = {},
    options: ScheduleOptions = {},
  ): Promise<string | null> {
    const now = this.clock.now();
    const runAt = options.cron ? nextCronRun(parseCron(options.cron), now) : (options.runAt ?? now);
    const singletonKey = options.singletonKey ?? (options.cron ? 'cron' : null);
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `INSERT INTO "job" ("name", "payload", "state", "run_at", "attempts", "max_attempts",
           "backoff_ms", "singleton_key", "cron", "created_at")
         VALUES ($1, $2, 'queued', $3, 0, $4, $5, $6, $7, $8) ${SINGLETON_CONFLICT} RETURNING "id"`,
        [
          name,
          JSON.stringify(payload),
          runAt,
          options.maxAttempts ?? 5,
          options.backoffMs ?? 30_000,
          singletonKey,
          options.cron ?? null,
          now,
        ],
      ),
    );
    if (rows[0]) return rows[0].id;
    // A recurring job already queued under an older expression (a changed JOBS_REMINDER_CRON):
    // it takes the new one.
    if (options.cron)
      await this.dataSource.query(
        `UPDATE "job" SET "cron" = $3, "run_at" = $4
         WHERE "name" = $1 AND "singleton_key" = $2 AND "state" = 'queued'
           AND "cron" IS DISTINCT FROM $3`,
        [name, singletonKey, options.cron, runAt],
      );
    return null;
  }

  /** Registers the handler of `name` on this instance (one per name). */
  work<P extends Record<string, unknown>>(name: string, handler: JobHandler<P>): void {
    if (this.handlers.has(name)) throw new Error(`A handler for job "${name}" is registered twice`);
    this.handlers.set(name, handler as JobHandler);
  }

  /** Jobs per name and state (metrics, health). */
  async depth(): Promise<JobDepth[]> {
    const rows = (await this.dataSource.query(
      `SELECT "name",
         count(*) FILTER (WHERE "state" = 'queued' AND "run_at" <= $1)::int AS "due",
         count(*) FILTER (WHERE "state" = 'queued' AND "run_at" > $1)::int AS "scheduled",
         count(*) FILTER (WHERE "state" = 'active')::int AS "active",
         count(*) FILTER (WHERE "state" = 'failed')::int AS "failed"
       FROM "job" WHERE "state" <> 'done' GROUP BY "name" ORDER BY "name"`,
      [this.clock.now()],
    )) as JobDepth[];
    return rows;
  }

  onApplicationBootstrap(): void {
    if (!this.config.jobs.enabled) return;
    this.timer = setInterval(() => void this.pollSafely(), this.config.jobs.pollMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    // Finish what runs (its lease would otherwise hold it for JOBS_LEASE_SECONDS).
    await this.polling;
  }

  private pollSafely(): Promise<number> {
    this.polling ??= this.runDue()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'Job poll failed');
        return 0;
      })
      .finally(() => {
        this.polling = null;
      });
    return this.polling;
  }

  /** Claims and runs the due jobs this instance handles, until none is left; returns how many ran. */
  async runDue(maxRounds = 20): Promise<number> {
    let ran = 0;
    if (++this.polls % 720 === 1) await this.purgeDone();
    for (let round = 0; round < maxRounds && !this.stopped; round++) {
      const claimed = await this.claim();
      if (claimed.length === 0) break;
      for (const job of claimed) await this.run(job);
      ran += claimed.length;
    }
    return ran;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const names = [...this.handlers.keys()];
    if (names.length === 0) return [];
    const now = this.clock.now();
    return rowsOf<ClaimedRow>(
      await this.dataSource.query(
        `UPDATE "job" SET "state" = 'active', "attempts" = "attempts" + 1,
           "locked_by" = $3, "locked_until" = $4
         WHERE "id" IN (
           SELECT "id" FROM "job"
           WHERE "name" = ANY($1)
             AND (("state" = 'queued' AND "run_at" <= $2)
               OR ("state" = 'active' AND "locked_until" <= $2))
           ORDER BY "run_at" LIMIT ${CLAIM_BATCH}
           FOR UPDATE SKIP LOCKED)
         RETURNING "id", "name", "payload", "attempts", "max_attempts", "backoff_ms",
           "singleton_key", "cron"`,
        [names, now, this.workerId, new Date(now.getTime() + this.config.jobs.leaseMs)],
      ),
    );
  }

  private async run(job: ClaimedRow): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) return;
    if (job.attempts > job.max_attempts) {
      await this.finish(job, 'failed', 'lease ran out too often');
      return;
    }
    const started = Date.now();
    try {
      await handler(job.payload, { id: job.id, name: job.name, attempt: job.attempts });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ jobId: job.id, job: job.name, attempt: job.attempts }, 'Job failed');
      if (job.attempts < job.max_attempts) {
        const delay = job.backoff_ms * 2 ** (job.attempts - 1);
        await this.dataSource.query(
          `UPDATE "job" SET "state" = 'queued', "run_at" = $2, "last_error" = $3,
             "locked_until" = NULL WHERE "id" = $1 AND "locked_by" = $4`,
          [
            job.id,
            new Date(this.clock.now().getTime() + delay),
            message.slice(0, 500),
            this.workerId,
          ],
        );
      } else {
        await this.finish(job, 'failed', message);
      }
      return;
    }
    await this.finish(job, 'done', null);
    this.logger.log({ jobId: job.id, job: job.name, ms: Date.now() - started }, 'Job done');
  }

  /** Marks a job done or failed and, for a recurring job, queues its next run. */
  private async finish(job: ClaimedRow, state: 'done' | 'failed', error: string | null) {
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      const updated = rowsOf<{ id: string }>(
        await tx.query(
          `UPDATE "job" SET "state" = $2, "completed_at" = $3, "last_error" = $4,
             "locked_until" = NULL
           WHERE "id" = $1 AND "locked_by" = $5 AND "state" = 'active' RETURNING "id"`,
          [job.id, state, now, error?.slice(0, 500) ?? null, this.workerId],
        ),
      );
      if (updated.length === 0 || !job.cron) return;
      await tx.query(
        `INSERT INTO "job" ("name", "payload", "state", "run_at", "attempts", "max_attempts",
           "backoff_ms", "singleton_key", "cron", "created_at")
         VALUES ($1, $2, 'queued', $3, 0, $4, $5, $6, $7, $8) ${SINGLETON_CONFLICT}`,
        [
          job.name,
          JSON.stringify(job.payload),
          nextCronRun(job.cron, now),
          job.max_attempts,
          job.backoff_ms,
          job.singleton_key,
          job.cron,
          now,
        ],
      );
    });
  }

  private async purgeDone(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "job" WHERE "state" = 'done' AND "completed_at" < $1`,
      [new Date(this.clock.now().getTime() - DONE_RETENTION_MS)],
    );
  }
}
