import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotificationKind } from '@casustafel/contracts';
import { localDateAt } from '@casustafel/domain';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { JobsService } from '../jobs/jobs.service';
import { type NewNotification, NotificationsService } from './notifications.service';

export const REMINDER_SCAN_JOB = 'reminders:scan';

/**
 * One kind of reminder: what is due at `now`, as notifications with a dedup key (so a scan that
 * runs twice, or on two instances, reminds once). Reminder kinds are data: plan evaluations and
 * the family conference's four-week follow-up plug in by registering a source when they exist.
 */
export interface ReminderSource {
  readonly kind: NotificationKind;
  due(now: Date): Promise<NewNotification[]>;
}

const TIME_ZONE = 'Europe/Amsterdam';

/** Open actions due today (action-due) or before today (action-overdue), per owner. */
export function actionReminderSources(dataSource: DataSource): ReminderSource[] {
  const query = async (now: Date, op: '=' | '<') =>
    (await dataSource.query(
      `SELECT a."id", a."owner_id" AS "ownerId", a."due"::text AS "due",
         a."meeting_id" AS "meetingId", t."name" AS "teamName"
       FROM "meeting_action" a JOIN "team" t ON t."id" = a."team_id"
       WHERE a."status" = 'open' AND a."due" ${op} $1::date
       ORDER BY a."due" LIMIT 5000`,
      [localDateAt(now, TIME_ZONE)],
    )) as { id: string; ownerId: string; due: string; meetingId: string; teamName: string }[];
  const source = (kind: 'action-due' | 'action-overdue', op: '=' | '<'): ReminderSource => ({
    kind,
    due: async (now) =>
      (await query(now, op)).map((a) => ({
        userId: a.ownerId,
        kind,
        params: { actionId: a.id, due: a.due, meetingId: a.meetingId, teamName: a.teamName },
        dedupKey: `${kind}:${a.id}:${a.due}`,
      })),
  });
  return [source('action-due', '='), source('action-overdue', '<')];
}

/** Runs every registered reminder source on the `reminders:scan` job (cron JOBS_REMINDER_CRON). */
@Injectable()
export class RemindersService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(RemindersService.name);
  private readonly sources: ReminderSource[] = [];

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    for (const source of actionReminderSources(dataSource)) this.register(source);
  }

  /** Adds a kind of reminder (later: plan evaluations, the family conference's follow-up). */
  register(source: ReminderSource): void {
    this.sources.push(source);
  }

  onModuleInit(): void {
    this.jobs.work(REMINDER_SCAN_JOB, async () => {
      await this.scan();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(REMINDER_SCAN_JOB, {}, { cron: this.config.jobs.reminderCron });
  }

  /** Asks every source what is due and notifies; returns how many notifications are new. */
  async scan(): Promise<number> {
    const now = this.clock.now();
    let created = 0;
    for (const source of this.sources)
      created += await this.notifications.notify(await source.due(now));
    if (created > 0) this.logger.log({ created }, 'Reminders sent');
    return created;
  }
}
