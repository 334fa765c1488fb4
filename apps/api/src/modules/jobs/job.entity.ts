import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const JOB_STATES = ['queued', 'active', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * One job of the queue in the database (both engines): due at `runAt`, claimed by one instance
 * at a time (`FOR UPDATE SKIP LOCKED`) under a lease (`lockedUntil`): an instance that dies
 * mid-job leaves a lease that runs out, and another instance takes the job over. A `singletonKey`
 * allows one queued-or-active job per (name, key): cron jobs and deduplicated work.
 */
@Entity({ name: 'job' })
@Index('IDX_job_due', ['state', 'runAt'])
@Index('UQ_job_singleton', ['name', 'singletonKey'], {
  unique: true,
  where: `"singleton_key" IS NOT NULL AND "state" IN ('queued', 'active')`,
})
export class JobEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_job' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 10 })
  state!: JobState;

  @Column({ name: 'run_at', type: 'timestamptz' })
  runAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  @Column({ name: 'backoff_ms', type: 'integer' })
  backoffMs!: number;

  @Column({ name: 'singleton_key', type: 'varchar', length: 200, nullable: true })
  singletonKey!: string | null;

  /** 5-field cron (UTC) of a recurring job: its next run is queued when this one ends. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  cron!: string | null;

  @Column({ name: 'locked_by', type: 'varchar', length: 64, nullable: true })
  lockedBy!: string | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
