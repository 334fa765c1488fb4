import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { CalendarFeedView } from '@casustafel/contracts';
import { meetingSeriesSchema } from '@casustafel/domain';
import { abilityFor, asSubject } from '../../common/access/policy';
import { RequestContext, type Actor } from '../../common/context/request-context';
import { forbidden, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { MeetingsService } from '../meetings/meetings.service';
import { CalendarFeedTokenEntity } from './calendar-feed-token.entity';
import { feedIcs, type IcsMeeting, meetingIcs, seriesIcs } from './ics';

/** A feed shows meetings from this long ago … */
const FEED_PAST_MS = 31 * 24 * 3600_000;
/** … up to this far ahead, at most this many. */
const FEED_AHEAD_MS = 400 * 24 * 3600_000;
const FEED_MAX_EVENTS = 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface MeetingRow {
  id: string;
  teamName: string;
  startsAt: Date;
  durationMinutes: number;
  status: IcsMeeting['status'];
  updatedAt: Date;
}

const MEETING_COLUMNS = `m."id", t."name" AS "teamName", m."starts_at" AS "startsAt",
  m."duration_minutes" AS "durationMinutes", m."status", m."updated_at" AS "updatedAt"`;

/**
 * Calendar invitations (.ics) of meetings and series, and each user's calendar feed behind a
 * secret token (only its SHA-256 is stored; regenerating revokes the old one). Entries carry the
 * team's name and the times: no agenda item, case or client.
 */
@Injectable()
export class CalendarService {
  private readonly logger = new Logger(CalendarService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private async meetingRow(meetingId: string): Promise<MeetingRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${MEETING_COLUMNS} FROM "meeting" m JOIN "team" t ON t."id" = m."team_id"
       WHERE m."id" = $1`,
      [meetingId],
    )) as MeetingRow[];
    return rows[0] ?? null;
  }

  /** The invitation of one meeting, for e-mail (no access check: the caller decided). */
  async meetingInvitation(meetingId: string): Promise<string | null> {
    const row = await this.meetingRow(meetingId);
    return row ? meetingIcs(row, this.config.publicUrl, this.clock.now()) : null;
  }

  /** The invitation of one meeting, for someone who may read it. */
  async meetingForActor(actor: Actor, meetingId: string): Promise<string> {
    await this.meetings.assertReadable(actor, meetingId);
    const ics = await this.meetingInvitation(meetingId);
    if (!ics) throw notFound('meeting');
    return ics;
  }

  /** A whole series as one recurring event, for a member of its team. */
  async seriesForActor(actor: Actor, seriesId: string): Promise<string> {
    const rows = (await this.dataSource.query(
      `SELECT s."id", s."team_id" AS "teamId", s."schedule", s."created_at" AS "createdAt",
         t."name" AS "teamName"
       FROM "meeting_series" s JOIN "team" t ON t."id" = s."team_id" WHERE s."id" = $1`,
      [seriesId],
    )) as {
      id: string;
      teamId: string;
      schedule: unknown;
      createdAt: Date;
      teamName: string;
    }[];
    const series = rows[0];
    RequestContext.note({ objectType: 'meeting-series', objectId: seriesId });
    if (!series || !abilityFor(actor).can('read', asSubject('Meeting', { teamId: series.teamId })))
      throw forbidden('this series');
    return seriesIcs(
      {
        id: series.id,
        teamName: series.teamName,
        schedule: meetingSeriesSchema.parse(series.schedule),
        createdAt: series.createdAt,
      },
      this.config.publicUrl,
      this.clock.now(),
    );
  }

  async feedStatus(userId: string): Promise<CalendarFeedView> {
    const active = await this.dataSource
      .getRepository(CalendarFeedTokenEntity)
      .findOneBy({ userId, revokedAt: IsNull() });
    return { active: !!active, createdAt: active?.createdAt.toISOString() ?? null, url: null };
  }

  /** Revokes the user's feed token (if any) and issues a new one; the URL is shown this once. */
  async regenerate(userId: string): Promise<CalendarFeedView> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      await tx.update(CalendarFeedTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: now });
      await tx.insert(CalendarFeedTokenEntity, {
        userId,
        tokenHash: hashToken(token),
        createdAt: now,
        revokedAt: null,
      });
    });
    RequestContext.note({ objectType: 'calendar-feed', objectId: userId });
    return {
      active: true,
      createdAt: now.toISOString(),
      url: this.feedUrl(token),
    };
  }

  /**
   * The token travels in the query string: the api logs paths without it, and so (by default)
   * do most proxies' access logs of paths; the README asks operators not to log query strings.
   */
  private feedUrl(token: string): string {
    const url = new URL('/api/calendar/feed.ics', this.config.publicUrl);
    url.searchParams.set('token', token);
    return url.toString();
  }

  async revoke(userId: string): Promise<CalendarFeedView> {
    await this.dataSource
      .getRepository(CalendarFeedTokenEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    RequestContext.note({ objectType: 'calendar-feed', objectId: userId });
    return { active: false, createdAt: null, url: null };
  }

  /** The feed of the token's user; an unknown or revoked token, or a disabled user: not found. */
  async feed(token: string): Promise<string> {
    const rows = (await this.dataSource.query(
      `SELECT f."user_id" AS "userId" FROM "calendar_feed_token" f
       JOIN "app_user" u ON u."id" = f."user_id"
       WHERE f."token_hash" = $1 AND f."revoked_at" IS NULL AND u."disabled_at" IS NULL`,
      [hashToken(token)],
    )) as { userId: string }[];
    const userId = rows[0]?.userId;
    if (!userId) throw notFound('calendar feed');
    RequestContext.note({ objectType: 'calendar-feed', objectId: userId });
    const now = this.clock.now().getTime();
    const meetings = (await this.dataSource.query(
      `SELECT ${MEETING_COLUMNS} FROM "meeting" m JOIN "team" t ON t."id" = m."team_id"
       WHERE m."team_id" IN (SELECT "team_id" FROM "membership" WHERE "user_id" = $1)
         AND m."starts_at" >= $2 AND m."starts_at" < $3
       ORDER BY m."starts_at" LIMIT ${FEED_MAX_EVENTS}`,
      [userId, new Date(now - FEED_PAST_MS), new Date(now + FEED_AHEAD_MS)],
    )) as MeetingRow[];
    return feedIcs(meetings, this.config.publicUrl, this.clock.now());
  }
}
