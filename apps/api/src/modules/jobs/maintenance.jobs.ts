import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { SessionService } from '../auth/session.service';
import { NotesService } from '../notes/notes.service';
import { JobsService } from './jobs.service';

export const SESSION_SWEEP_JOB = 'sessions:sweep';
export const NOTE_COMPACTION_JOB = 'notes:compact';
/**
 * Refreshes the planner's statistics every night. The embedded PGlite runs no autovacuum, so
 * without it the planner would never learn the tables' sizes (the management information's
 * grouped queries took four times as long without statistics); on PostgreSQL it is cheap and
 * harmless next to autovacuum.
 */
export const DATABASE_ANALYZE_JOB = 'database:analyze';
/** A note nobody typed in for this long is compacted by the job (whichever instance wrote it). */
export const NOTE_QUIET_MS = 5 * 60_000;
/** Notes compacted per run (the next run takes the rest). */
const NOTES_PER_RUN = 100;

/**
 * Housekeeping that must not depend on one instance staying up: the session sweep (sessions that
 * idled out or expired) and the compaction of notes an instance wrote to and could not compact
 * before it died. Each instance still runs its own timers; these jobs make sure one instance in
 * the cluster does it even when the others are gone.
 */
@Injectable()
export class MaintenanceJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceJobs.name);

  constructor(
    private readonly jobs: JobsService,
    private readonly sessions: SessionService,
    private readonly notes: NotesService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.work(SESSION_SWEEP_JOB, async () => {
      const ended = await this.sessions.sweep();
      if (ended > 0) this.logger.log({ ended }, 'Sessions swept');
    });
    this.jobs.work(NOTE_COMPACTION_JOB, async () => {
      await this.compactQuietNotes();
    });
    this.jobs.work(DATABASE_ANALYZE_JOB, async () => {
      await this.dataSource.query('ANALYZE');
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(SESSION_SWEEP_JOB, {}, { cron: '*/5 * * * *' });
    await this.jobs.schedule(NOTE_COMPACTION_JOB, {}, { cron: '*/10 * * * *' });
    await this.jobs.schedule(DATABASE_ANALYZE_JOB, {}, { cron: '17 2 * * *' });
  }

  /** Compacts every note with stored updates and no new one for `NOTE_QUIET_MS`. */
  async compactQuietNotes(): Promise<number> {
    const quietSince = new Date(this.clock.now().getTime() - NOTE_QUIET_MS);
    const rows = (await this.dataSource.query(
      `SELECT "item_id" AS "itemId" FROM "note_update" GROUP BY "item_id"
       HAVING max("created_at") <= $1 ORDER BY min("created_at") LIMIT ${NOTES_PER_RUN}`,
      [quietSince],
    )) as { itemId: string }[];
    let folded = 0;
    for (const { itemId } of rows) folded += await this.notes.compact(itemId);
    if (rows.length > 0) this.logger.log({ notes: rows.length, folded }, 'Notes compacted');
    return rows.length;
  }
}
