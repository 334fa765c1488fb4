import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  createMeetingSchema,
  MeetingDetail,
  MeetingSummary,
  MyMeetingView,
  OwedPreparationView,
  updateMeetingSchema,
} from '@casustafel/contracts';
import { abilityFor, asSubject } from '../../common/access/policy';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { conflict, forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { MEETING_PURPOSE, MeetingAccess } from './meeting-access';
import { meetingSummary, MINUTE_MS, plannedMeetingRow } from './meeting-rows';
import { MeetingViews } from './meeting-views';
import { MeetingEntity } from './meeting.entities';

export { MEETING_PURPOSE } from './meeting-access';
export { SERIES_HORIZON_MS } from './meeting-series.service';

type CreateMeeting = z.output<typeof createMeetingSchema>;
type UpdateMeeting = z.output<typeof updateMeetingSchema>;

/**
 * Single meetings: plan, publish, cancel, read (members, and a guest their invited items), and
 * each member's own meetings and owed preparations. Series, the agenda and closing have their
 * own services; the live room is the engine's (`LiveSessionService`).
 */
@Injectable()
export class MeetingsService {
  /** A meeting's agenda was published (notifications listen). */
  readonly published$ = new Subject<{ meetingId: string; teamId: string; startsAt: Date }>();
  /** A meeting was cancelled (guests lose their sessions; notifications tell the team). */
  readonly cancelled$ = new Subject<{
    meetingId: string;
    teamId: string;
    startsAt: Date;
    guestUserIds: string[];
  }>();

  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    private readonly access: MeetingAccess,
    private readonly views: MeetingViews,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, teamId: string): Promise<MeetingSummary[]> {
    this.access.team(actor, teamId, 'read', null);
    const found = await this.meetings.find({
      where: { teamId },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    return found.map((m) => meetingSummary(m));
  }

  async create(actor: Actor, teamId: string, input: CreateMeeting): Promise<MeetingDetail> {
    this.access.team(actor, teamId, 'create', null);
    await this.access.assertRoles(teamId, input);
    const now = this.clock.now();
    const saved = await this.meetings.save(
      this.meetings.create(
        plannedMeetingRow(
          {
            teamId,
            seriesId: null,
            type: input.type,
            startsAt: new Date(input.startsAt),
            durationMinutes: input.durationMinutes,
            chairId: input.chairId,
            timekeeperId: input.timekeeperId,
            minuteTakerId: input.minuteTakerId,
          },
          now,
        ),
      ),
    );
    RequestContext.note({ objectId: saved.id });
    return this.views.detail(saved);
  }

  async detail(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    return this.views.detail(await this.access.meeting(actor, meetingId, 'read'));
  }

  async update(actor: Actor, meetingId: string, input: UpdateMeeting): Promise<MeetingDetail> {
    const found = await this.access.meeting(actor, meetingId, 'update');
    this.access.assertPlanning(found);
    await this.access.assertRoles(found.teamId, input);
    if (input.startsAt !== undefined) found.startsAt = new Date(input.startsAt);
    if (input.durationMinutes !== undefined) found.durationMinutes = input.durationMinutes;
    if (input.chairId !== undefined) found.chairId = input.chairId;
    if (input.timekeeperId !== undefined) found.timekeeperId = input.timekeeperId;
    if (input.minuteTakerId !== undefined) found.minuteTakerId = input.minuteTakerId;
    found.updatedAt = this.clock.now();
    return this.views.detail(await this.meetings.save(found));
  }

  async publish(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    const found = await this.access.meeting(actor, meetingId, 'update');
    if (found.status === 'afgesloten' || found.status === 'geannuleerd')
      throw conflict(`meeting-${found.status}`);
    found.published = true;
    found.updatedAt = this.clock.now();
    const saved = await this.meetings.save(found);
    this.published$.next({ meetingId: saved.id, teamId: saved.teamId, startsAt: saved.startsAt });
    return this.views.detail(saved);
  }

  /** My teams' meetings from the start of today through the next seven days, soonest first. */
  async myMeetings(actor: Actor): Promise<MyMeetingView[]> {
    RequestContext.note({ objectType: 'meeting', objectId: null, purpose: MEETING_PURPOSE });
    const teamIds = [...actor.teams.keys()];
    if (actor.guest || teamIds.length === 0) return [];
    const now = this.clock.now();
    const from = new Date(now.getTime() - 12 * 3_600_000);
    const to = new Date(now.getTime() + 7 * 86_400_000);
    const rows = await this.meetings
      .createQueryBuilder('m')
      .where('m.team_id IN (:...teamIds)', { teamIds })
      .andWhere('m.starts_at >= :from AND m.starts_at < :to', { from, to })
      .orderBy('m.starts_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    const mine = rows.filter(
      (m) => m.startsAt.getTime() + m.durationMinutes * MINUTE_MS > now.getTime(),
    );
    const names = new Map(
      mine.length === 0
        ? []
        : (
            (await this.meetings.manager.query(
              'SELECT "id", "name" FROM "team" WHERE "id" = ANY($1::uuid[])',
              [[...new Set(mine.map((m) => m.teamId))]],
            )) as { id: string; name: string }[]
          ).map((t) => [t.id, t.name]),
    );
    return mine.map((m) => ({
      ...meetingSummary(m),
      teamName: names.get(m.teamId) ?? '',
      myRoles: [
        ...(m.chairId === actor.userId ? (['chair'] as const) : []),
        ...(m.timekeeperId === actor.userId ? (['timekeeper'] as const) : []),
        ...(m.minuteTakerId === actor.userId ? (['minute-taker'] as const) : []),
      ],
    }));
  }

  /**
   * The preparations I still owe: drafts of cases I am casusregisseur of or that I wrote, in
   * teams whose client data I may hold (the case file's rule), most recently changed first.
   */
  async myPreparations(actor: Actor): Promise<OwedPreparationView[]> {
    RequestContext.note({
      objectType: 'preparation',
      objectId: null,
      purpose: 'casusvoorbereiding',
    });
    const ability = abilityFor(actor);
    const teamIds = [...actor.teams.keys()].filter((teamId) =>
      ability.can('read', asSubject('ClientData', { teamId })),
    );
    if (actor.guest || teamIds.length === 0) return [];
    const rows = (await this.meetings.manager.query(
      `SELECT p."id" AS "preparationId", c."id" AS "caseId", c."title" AS "caseTitle",
              c."team_id" AS "teamId", p."updated_at" AS "updatedAt"
         FROM "preparation" p JOIN "client_case" c ON c."id" = p."case_id"
        WHERE p."status" = 'draft' AND c."team_id" = ANY($1::uuid[])
          AND (c."casusregisseur_id" = $2 OR p."author_id" = $2)
        ORDER BY p."updated_at" DESC, p."id" LIMIT 50`,
      [teamIds, actor.userId],
    )) as (Omit<OwedPreparationView, 'updatedAt'> & { updatedAt: Date | string })[];
    return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() }));
  }

  /**
   * Cancels a meeting that has not started: it stays in the list as `geannuleerd`, its guests'
   * invitations are revoked in the same transaction (their accounts disabled; the guests module
   * ends their sessions on `cancelled$`), and the team is told.
   */
  async cancel(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    const found = await this.access.meeting(actor, meetingId, 'update');
    // Only the meeting's chair, or a chair or team leader of the team, calls a meeting off.
    const roles = actor.teams.get(found.teamId) ?? [];
    if (
      found.chairId !== actor.userId &&
      !roles.includes('chair') &&
      !roles.includes('team_leader')
    )
      throw forbidden('this meeting');
    this.access.assertPlanning(found);
    const now = this.clock.now();
    const guestUserIds = await this.meetings.manager.transaction(async (tx) => {
      const changed = await tx.update(
        MeetingEntity,
        { id: found.id, status: 'gepland', seq: 0 },
        { status: 'geannuleerd', updatedAt: now },
      );
      if (changed.affected !== 1) throw conflict('meeting-live');
      const rows = (await tx.query(
        'SELECT "guest_user_id" AS "userId" FROM "guest_invitation" WHERE "meeting_id" = $1 AND "revoked_at" IS NULL',
        [found.id],
      )) as { userId: string }[];
      const ids = rows.map((r) => r.userId);
      await tx.query(
        'UPDATE "guest_invitation" SET "revoked_at" = $2, "revoked_by" = $3, "code_hash" = NULL WHERE "meeting_id" = $1 AND "revoked_at" IS NULL',
        [found.id, now, actor.userId],
      );
      if (ids.length > 0) {
        await tx.query(
          'UPDATE "app_user" SET "disabled_at" = $2 WHERE "id" = ANY($1::uuid[]) AND "disabled_at" IS NULL',
          [ids, now],
        );
      }
      return ids;
    });
    this.cancelled$.next({
      meetingId: found.id,
      teamId: found.teamId,
      startsAt: found.startsAt,
      guestUserIds,
    });
    return this.detail(actor, found.id);
  }

  /** Refuses (FORBIDDEN) unless the actor may read the meeting; notes it for the audit trail. */
  async assertReadable(actor: Actor, meetingId: string): Promise<void> {
    await this.access.meeting(actor, meetingId, 'read');
  }

  /** A guest's meeting with only the invited agenda items (nothing else leaves this method). */
  async detailForGuest(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    const meeting = await this.access.guestMeeting(actor, meetingId);
    const invited = new Set(actor.guest?.itemIds ?? []);
    const detail = await this.views.detail(meeting);
    return { ...detail, agenda: detail.agenda.filter((item) => invited.has(item.id)) };
  }
}
