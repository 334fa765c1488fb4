import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  NOTIFICATION_KINDS,
  type MarkNotificationsRead,
  type NotificationKind,
  type NotificationList,
  type NotificationParams,
  type NotificationSettings,
  type NotificationSettingsView,
  type NotificationView,
} from '@casustafel/contracts';
import { Mailer } from '../../common/mail/mailer';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { CalendarService } from '../calendar/calendar.service';
import { JobsService } from '../jobs/jobs.service';
import { NotificationEntity, NotificationPreferenceEntity } from './notification.entities';
import { renderNotificationMail } from './notification-templates';

export const NOTIFICATION_EMAIL_JOB = 'notifications:email';
/** Notifications a list returns (newest first). */
const LIST_LIMIT = 50;

/**
 * Kinds sent by e-mail unless the user turns them off. A guest's invitation is not: the guest
 * already receives the one-time code by e-mail (guests module), which is the invitation.
 */
export const DEFAULT_EMAIL_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter(
  (k) => k !== 'guest-invited',
);

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  params: NotificationParams;
  /** Unique per user: the same event producing twice adds one notification. */
  dedupKey: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * In-app notifications and, when SMTP is configured and the user chose it, their e-mail. The
 * e-mail is a job (`notifications:email`): retried with backoff, run by whichever instance is up.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly mailer: Mailer,
    private readonly calendar: CalendarService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.work<{ notificationId: string }>(NOTIFICATION_EMAIL_JOB, async (payload) => {
      await this.deliver(payload.notificationId);
    });
  }

  /** Adds notifications (duplicates by dedup key are skipped); returns how many are new. */
  async notify(items: NewNotification[]): Promise<number> {
    if (items.length === 0) return 0;
    const now = this.clock.now();
    const created: { id: string; user_id: string; kind: NotificationKind }[] = [];
    // One statement per item keeps the query small; producers send a team's worth at most.
    for (const item of items) {
      const rows = (await this.dataSource.query(
        `INSERT INTO "notification" ("user_id", "kind", "params", "dedup_key", "created_at")
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ("user_id", "dedup_key") DO NOTHING
         RETURNING "id", "user_id", "kind"`,
        [item.userId, item.kind, JSON.stringify(item.params), item.dedupKey.slice(0, 200), now],
      )) as { id: string; user_id: string; kind: NotificationKind }[];
      created.push(...rows);
    }
    if (this.mailer.available) {
      for (const row of created) {
        const settings = await this.settingsOf(row.user_id);
        if (settings.emailKinds.includes(row.kind))
          await this.jobs.schedule(
            NOTIFICATION_EMAIL_JOB,
            { notificationId: row.id },
            { singletonKey: row.id, maxAttempts: 6, backoffMs: 60_000 },
          );
      }
    }
    return created.length;
  }

  async list(userId: string): Promise<NotificationList> {
    const rows = await this.dataSource.getRepository(NotificationEntity).find({
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: LIST_LIMIT,
    });
    const unread = await this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.user_id = :userId AND n.read_at IS NULL', { userId })
      .getCount();
    return { notifications: rows.map((r) => this.view(r)), unread };
  }

  /** Marks the user's own notifications read (others' ids are ignored); returns the new list. */
  async markRead(userId: string, input: MarkNotificationsRead): Promise<NotificationList> {
    const now = this.clock.now();
    if ('all' in input) {
      await this.dataSource.query(
        'UPDATE "notification" SET "read_at" = $2 WHERE "user_id" = $1 AND "read_at" IS NULL',
        [userId, now],
      );
    } else {
      await this.dataSource.query(
        `UPDATE "notification" SET "read_at" = $2
         WHERE "user_id" = $1 AND "read_at" IS NULL AND "id" = ANY($3)`,
        [userId, now, input.ids],
      );
    }
    return this.list(userId);
  }

  async settings(userId: string): Promise<NotificationSettingsView> {
    return { ...(await this.settingsOf(userId)), emailAvailable: this.mailer.available };
  }

  async updateSettings(
    userId: string,
    input: NotificationSettings,
  ): Promise<NotificationSettingsView> {
    await this.dataSource.getRepository(NotificationPreferenceEntity).upsert(
      {
        userId,
        emailKinds: NOTIFICATION_KINDS.filter((k) => input.emailKinds.includes(k)),
        language: input.language,
        updatedAt: this.clock.now(),
      },
      ['userId'],
    );
    return this.settings(userId);
  }

  private async settingsOf(userId: string): Promise<NotificationSettings> {
    const row = await this.dataSource
      .getRepository(NotificationPreferenceEntity)
      .findOneBy({ userId });
    return row
      ? { emailKinds: row.emailKinds, language: row.language }
      : { emailKinds: [...DEFAULT_EMAIL_KINDS], language: 'nl' };
  }

  /** Sends one notification's e-mail (the job's work); sent once, whatever retries happen. */
  async deliver(notificationId: string): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT n."kind", n."params", n."emailed_at" AS "emailedAt", n."user_id" AS "userId",
         u."email", u."disabled_at" AS "disabledAt"
       FROM "notification" n JOIN "app_user" u ON u."id" = n."user_id" WHERE n."id" = $1`,
      [notificationId],
    )) as {
      kind: NotificationKind;
      params: NotificationParams;
      emailedAt: Date | null;
      userId: string;
      email: string;
      disabledAt: Date | null;
    }[];
    const found = rows[0];
    if (!found || found.emailedAt || found.disabledAt || !this.mailer.available) return;
    const settings = await this.settingsOf(found.userId);
    if (!settings.emailKinds.includes(found.kind)) return;
    const mail = renderNotificationMail(
      found.kind,
      found.params,
      settings.language,
      this.config.publicUrl,
    );
    const ics =
      found.kind === 'agenda-published' && found.params.meetingId
        ? await this.calendar.meetingInvitation(found.params.meetingId)
        : null;
    await this.mailer.send({
      to: found.email,
      subject: mail.subject,
      text: mail.text,
      attachments: ics
        ? [{ filename: 'overleg.ics', content: ics, contentType: 'text/calendar; method=PUBLISH' }]
        : undefined,
    });
    await this.dataSource.query('UPDATE "notification" SET "emailed_at" = $2 WHERE "id" = $1', [
      notificationId,
      this.clock.now(),
    ]);
    this.logger.log({ notificationId, kind: found.kind }, 'Notification e-mailed');
  }

  private view(row: NotificationEntity): NotificationView {
    return {
      id: row.id,
      kind: row.kind,
      params: row.params,
      createdAt: row.createdAt.toISOString(),
      readAt: iso(row.readAt),
    };
  }
}
