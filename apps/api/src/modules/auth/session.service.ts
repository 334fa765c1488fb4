import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { TeamRole } from '@casustafel/contracts';
import type {
  Actor,
  ConferenceGrant,
  FamilyGrant,
  GuestGrant,
} from '../../common/context/request-context';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { type SessionEndReason, SessionEntity } from './session.entity';

export interface ResolvedSession {
  session: SessionEntity;
  user: UserEntity;
  actor: Actor;
}

export interface SessionsEnded {
  sessionIds: string[];
  reason: SessionEndReason;
}

/** Touch `last_seen_at` at most this often (fewer writes; idle precision stays well under a minute). */
const TOUCH_EVERY_MS = 15_000;
const SWEEP_EVERY_MS = 5_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Server-side sessions: opaque random tokens (only their hashes are stored), idle and absolute
 * timeouts, rotation on every privilege change, and an event stream of ended sessions so the
 * live channel can disconnect their sockets at once.
 */
@Injectable()
export class SessionService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionService.name);
  private sweeper: NodeJS.Timeout | null = null;
  readonly ended$ = new Subject<SessionsEnded>();
  /** A user's memberships or roles changed: live sockets must reconnect to pick them up. */
  readonly accessChanged$ = new Subject<string>();

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.error({ err: error }, 'Session sweep failed'),
      );
    }, SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.ended$.complete();
    this.accessChanged$.complete();
  }

  /** Starts a session; returns the token for the cookie (never stored). */
  async create(
    userId: string,
    authMethod: SessionEntity['authMethod'],
    sourceIp: string | null,
    secondFactorPassed: boolean,
    /** Ends the session earlier than the configured absolute timeout (a guest's access). */
    notAfter?: Date,
  ): Promise<{ token: string; session: SessionEntity }> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const absolute = now.getTime() + this.config.session.absoluteTimeoutSeconds * 1000;
    const session = await this.sessions.save(
      this.sessions.create({
        tokenHash: hashToken(token),
        userId,
        authMethod,
        createdAt: now,
        lastSeenAt: now,
        absoluteExpiresAt: new Date(notAfter ? Math.min(absolute, notAfter.getTime()) : absolute),
        secondFactorAt: secondFactorPassed ? now : null,
        csrfToken: randomBytes(24).toString('base64url'),
        sourceIp,
        endedAt: null,
        endReason: null,
      }),
    );
    return { token, session };
  }

  /**
   * Replaces a session by a new one (new token, new CSRF token), keeping its absolute expiry:
   * after the second factor, so a token seen before it is worthless afterwards.
   */
  async rotate(
    previous: SessionEntity,
    secondFactorPassed: boolean,
  ): Promise<{ token: string; session: SessionEntity }> {
    await this.end(previous.id, 'rotated', false);
    const next = await this.create(
      previous.userId,
      previous.authMethod,
      previous.sourceIp,
      secondFactorPassed,
    );
    next.session.absoluteExpiresAt = previous.absoluteExpiresAt;
    next.session.createdAt = previous.createdAt;
    await this.sessions.update(next.session.id, {
      absoluteExpiresAt: previous.absoluteExpiresAt,
      createdAt: previous.createdAt,
    });
    return next;
  }

  /** The live session behind a token, or null (ending it when it timed out or its account was disabled). */
  async resolve(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 100) return null;
    // One round trip: the session, its user and the user's memberships (every request and
    // every socket resolves a session; three statements cost three round trips before).
    const found = (await this.sessions
      .createQueryBuilder('s')
      .leftJoinAndMapOne('s.user', UserEntity, 'u', 'u.id = s.user_id')
      .leftJoinAndMapMany('s.memberships', MembershipEntity, 'm', 'm.user_id = s.user_id')
      .where('s.token_hash = :hash AND s.ended_at IS NULL', { hash: hashToken(token) })
      .getOne()) as (SessionEntity & { memberships?: MembershipEntity[] }) | null;
    if (!found) return null;
    const { memberships, user, ...row } = found;
    const session = Object.assign(new SessionEntity(), row);
    const now = this.clock.now();
    if (session.absoluteExpiresAt.getTime() <= now.getTime()) {
      await this.end(session.id, 'expired');
      return null;
    }
    if (
      session.lastSeenAt.getTime() + this.config.session.idleTimeoutSeconds * 1000 <=
      now.getTime()
    ) {
      await this.end(session.id, 'idle');
      return null;
    }
    if (!user || user.disabledAt) {
      await this.end(session.id, 'disabled');
      return null;
    }
    let guest: GuestGrant | null = null;
    if (user.kind === 'guest') {
      guest = await this.guestGrant(user.id, now);
      if (!guest) {
        await this.end(session.id, 'guest-revoked');
        return null;
      }
    }
    let family: FamilyGrant | null = null;
    if (user.kind === 'family') {
      family = await this.familyGrant(user.id, now);
      if (!family) {
        await this.end(session.id, 'guest-revoked');
        return null;
      }
    }
    let conference: ConferenceGrant | null = null;
    if (user.kind === 'conference') {
      conference = await this.conferenceGrant(user.id, now);
      if (!conference) {
        await this.end(session.id, 'guest-revoked');
        return null;
      }
    }
    await this.touch(session, now);
    return {
      session,
      user,
      actor: await this.actorFor(user, session, guest, family, conference, memberships ?? []),
    };
  }

  /** A family account's grant: its household invitation, unless revoked or expired. */
  private async familyGrant(userId: string, now: Date): Promise<FamilyGrant | null> {
    const rows = (await this.dataSource.query(
      `SELECT i."id", i."household_id", i."expires_at", h."team_id"
         FROM "family_invitation" i
         JOIN "household" h ON h."id" = i."household_id"
        WHERE i."family_user_id" = $1 AND i."revoked_at" IS NULL AND i."expires_at" > $2`,
      [userId, now],
    )) as { id: string; household_id: string; expires_at: Date; team_id: string }[];
    const row = rows[0];
    if (!row) return null;
    return {
      invitationId: row.id,
      householdId: row.household_id,
      teamId: row.team_id,
      expiresAt: new Date(row.expires_at),
    };
  }

  /** A conference account's grant: its invitation to one family conference, unless ended. */
  private async conferenceGrant(userId: string, now: Date): Promise<ConferenceGrant | null> {
    const rows = (await this.dataSource.query(
      `SELECT i."id", i."conference_id", i."expires_at", p."role", c."household_id", c."team_id"
         FROM "family_conference_invitation" i
         JOIN "family_conference_participant" p ON p."id" = i."participant_id"
         JOIN "family_conference" c ON c."id" = i."conference_id"
        WHERE i."user_id" = $1 AND i."revoked_at" IS NULL AND i."expires_at" > $2`,
      [userId, now],
    )) as {
      id: string;
      conference_id: string;
      expires_at: Date;
      role: string;
      household_id: string;
      team_id: string;
    }[];
    const row = rows[0];
    if (!row || (row.role !== 'familie' && row.role !== 'netwerk')) return null;
    return {
      invitationId: row.id,
      conferenceId: row.conference_id,
      householdId: row.household_id,
      teamId: row.team_id,
      role: row.role,
      expiresAt: new Date(row.expires_at),
    };
  }

  /** A guest account's grant: its invitation, unless revoked or expired. */
  private async guestGrant(userId: string, now: Date): Promise<GuestGrant | null> {
    const rows = (await this.dataSource.query(
      `SELECT i."id", i."meeting_id", i."expires_at", m."team_id",
              COALESCE(array_agg(gi."agenda_item_id"::text) FILTER (WHERE gi."agenda_item_id" IS NOT NULL), '{}'::text[]) AS "item_ids"
         FROM "guest_invitation" i
         JOIN "meeting" m ON m."id" = i."meeting_id"
         LEFT JOIN "guest_invitation_item" gi ON gi."invitation_id" = i."id"
        WHERE i."guest_user_id" = $1 AND i."revoked_at" IS NULL AND i."expires_at" > $2
        GROUP BY i."id", m."team_id"`,
      [userId, now],
    )) as {
      id: string;
      meeting_id: string;
      expires_at: Date;
      team_id: string;
      item_ids: string[];
    }[];
    const row = rows[0];
    if (!row) return null;
    return {
      invitationId: row.id,
      meetingId: row.meeting_id,
      teamId: row.team_id,
      itemIds: row.item_ids,
      expiresAt: new Date(row.expires_at),
    };
  }

  /**
   * Records activity (idle timeout starts again), at most every few seconds: every 15 s, or a
   * quarter of the idle timeout when that is shorter (otherwise a short timeout would end a
   * session that was in use, because its activity was never written).
   */
  async touch(session: SessionEntity, now = this.clock.now()): Promise<void> {
    const every = Math.min(TOUCH_EVERY_MS, (this.config.session.idleTimeoutSeconds * 1000) / 4);
    if (now.getTime() - session.lastSeenAt.getTime() < every) return;
    session.lastSeenAt = now;
    await this.sessions.update({ id: session.id, endedAt: IsNull() }, { lastSeenAt: now });
  }

  async actorFor(
    user: UserEntity,
    session: SessionEntity,
    guest: GuestGrant | null = null,
    family: FamilyGrant | null = null,
    conference: ConferenceGrant | null = null,
    /** The user's memberships when the caller read them already (`resolve`). */
    known?: MembershipEntity[],
  ): Promise<Actor> {
    // A guest, a family or a conference participant has no team, whatever the memberships say.
    const memberships =
      guest || family || conference || user.kind !== 'staff'
        ? []
        : (known ?? (await this.memberships.findBy({ userId: user.id })));
    return {
      userId: user.id,
      sessionId: session.id,
      organisationId: user.organisationId,
      orgAdmin: user.orgAdmin,
      teams: new Map(memberships.map((m) => [m.teamId, m.roles as readonly TeamRole[]])),
      secondFactorPassed: session.secondFactorAt !== null,
      guest,
      family,
      conference,
    };
  }

  /** Announces that a user's access changed (team membership, roles, admin flag). */
  accessChanged(userId: string): void {
    this.accessChanged$.next(userId);
  }

  async end(sessionId: string, reason: SessionEndReason, announce = true): Promise<void> {
    const result = await this.sessions.update(
      { id: sessionId, endedAt: IsNull() },
      { endedAt: this.clock.now(), endReason: reason },
    );
    if (announce && result.affected) this.ended$.next({ sessionIds: [sessionId], reason });
  }

  /** Ends every open session of a user (disable, admin action, second factor reset). */
  async endAllForUser(userId: string, reason: SessionEndReason): Promise<number> {
    const rows = (await this.dataSource.query(
      `UPDATE "session" SET "ended_at" = $1, "end_reason" = $2 WHERE "user_id" = $3 AND "ended_at" IS NULL RETURNING "id"`,
      [this.clock.now(), reason, userId],
    )) as [{ id: string }[], number] | { id: string }[];
    const ids = (Array.isArray(rows[0]) ? rows[0] : rows) as { id: string }[];
    if (ids.length > 0) this.ended$.next({ sessionIds: ids.map((r) => r.id), reason });
    return ids.length;
  }

  async countActive(userIds: string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const now = this.clock.now();
    const idleCutoff = new Date(now.getTime() - this.config.session.idleTimeoutSeconds * 1000);
    const rows = (await this.sessions
      .createQueryBuilder('s')
      .select('s.user_id', 'userId')
      .addSelect('COUNT(*)', 'count')
      .where('s.user_id IN (:...userIds)', { userIds })
      .andWhere(
        's.ended_at IS NULL AND s.absolute_expires_at > :now AND s.last_seen_at > :idleCutoff',
        {
          now,
          idleCutoff,
        },
      )
      .groupBy('s.user_id')
      .getRawMany()) as { userId: string; count: string }[];
    return new Map(rows.map((r) => [r.userId, Number(r.count)]));
  }

  /** Ends sessions that idled out or expired, so their sockets are disconnected too. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const idleCutoff = new Date(now.getTime() - this.config.session.idleTimeoutSeconds * 1000);
    const result = (await this.dataSource.query(
      `UPDATE "session" SET "ended_at" = $1,
         "end_reason" = CASE WHEN "absolute_expires_at" <= $1 THEN 'expired' ELSE 'idle' END
       WHERE "ended_at" IS NULL AND ("absolute_expires_at" <= $1 OR "last_seen_at" <= $2)
       RETURNING "id", "end_reason"`,
      [now, idleCutoff],
    )) as unknown;
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as {
      id: string;
      end_reason: SessionEndReason;
    }[];
    for (const reason of ['idle', 'expired'] as const) {
      const ids = rows.filter((r) => r.end_reason === reason).map((r) => r.id);
      if (ids.length > 0) this.ended$.next({ sessionIds: ids, reason });
    }
    return rows.length;
  }
}
