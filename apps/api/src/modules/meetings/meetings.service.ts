import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { type EntityManager, In, MoreThan, Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  AgendaItemConsent,
  AgendaItemView,
  createAgendaItemSchema,
  createMeetingSchema,
  createMeetingSeriesSchema,
  MeetingClosePreview,
  MeetingDetail,
  MyMeetingView,
  OwedPreparationView,
  MeetingSeriesCreated,
  MeetingSummary,
  ReorderAgenda,
  updateAgendaItemSchema,
  updateMeetingSchema,
  ValidationIssue,
} from '@casustafel/contracts';
import {
  type AgendaItem,
  agendaSchema,
  carryForward,
  checkCasePreparation,
  meetingSeriesSchema,
  nextOccurrence,
  plannedOccurrences,
  plannedSchedule,
  reorder,
  agendaConsentDecision,
  sortByOrder,
  totalPlannedMinutes,
} from '@casustafel/domain';
import { abilityFor, asSubject, type PolicyAction } from '../../common/access/policy';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, forbidden, invalid, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { PreparationEntity } from '../case-file/case.entity';
import { ConsentService } from '../case-file/consent.service';
import { MembershipEntity } from '../identity/membership.entity';
import { MeetingRecordsService } from '../meeting-records/meeting-records.service';
import { LiveSessionService } from '../live-session/live-session.service';
import { AgendaItemEntity, MeetingEntity, MeetingSeriesEntity } from './meeting.entities';

type CreateSeries = z.output<typeof createMeetingSeriesSchema>;
type CreateMeeting = z.output<typeof createMeetingSchema>;
type UpdateMeeting = z.output<typeof updateMeetingSchema>;
type CreateItem = z.output<typeof createAgendaItemSchema>;
type UpdateItem = z.output<typeof updateAgendaItemSchema>;

/** Purpose code of the case meeting in the audit trail. */
export const MEETING_PURPOSE = 'casuistiekoverleg';
/** How far ahead a new series gets its meetings. */
export const SERIES_HORIZON_MS = 8 * 7 * 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Meetings: series, single meetings, the agenda, closing with carry-forward (planning). The live
 * room is the engine's (`LiveSessionService`); planning reads it there and tells it a close.
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
    @InjectRepository(AgendaItemEntity) private readonly items: Repository<AgendaItemEntity>,
    @InjectRepository(MembershipEntity)
    private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(PreparationEntity)
    private readonly preparations: Repository<PreparationEntity>,
    private readonly clock: Clock,
    private readonly records: MeetingRecordsService,
    private readonly live: LiveSessionService,
    private readonly consents: ConsentService,
  ) {}

  /* ---------- access ---------- */

  private team(actor: Actor, teamId: string, action: PolicyAction, objectId: string | null): void {
    RequestContext.note({
      objectType: 'meeting',
      objectId,
      purpose: MEETING_PURPOSE,
      context: { teamId },
    });
    if (!abilityFor(actor).can(action, asSubject('Meeting', { teamId })))
      throw forbidden('this meeting');
  }

  private async meeting(
    actor: Actor,
    meetingId: string,
    action: PolicyAction,
    manager: EntityManager = this.meetings.manager,
  ): Promise<MeetingEntity> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: MEETING_PURPOSE });
    const found = await manager.findOneBy(MeetingEntity, { id: meetingId });
    if (!found) throw forbidden('this meeting');
    this.team(actor, found.teamId, action, found.id);
    return found;
  }

  private async item(
    actor: Actor,
    itemId: string,
  ): Promise<{ meeting: MeetingEntity; item: AgendaItemEntity }> {
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId, purpose: MEETING_PURPOSE });
    const item = await this.items.findOneBy({ id: itemId });
    if (!item) throw forbidden('this meeting');
    const meeting = await this.meeting(actor, item.meetingId, 'update');
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId });
    return { meeting, item };
  }

  private async nonMembers(teamId: string, userIds: (string | null | undefined)[]) {
    const wanted = [...new Set(userIds.filter((id): id is string => !!id))];
    if (wanted.length === 0) return new Set<string>();
    const found = await this.memberships.findBy({ teamId, userId: In(wanted) });
    const members = new Set(found.map((m) => m.userId));
    return new Set(wanted.filter((id) => !members.has(id)));
  }

  private async assertRoles(
    teamId: string,
    roles: { chairId?: string; timekeeperId?: string | null; minuteTakerId?: string | null },
  ): Promise<void> {
    const outside = await this.nonMembers(teamId, [
      roles.chairId,
      roles.timekeeperId,
      roles.minuteTakerId,
    ]);
    const issues: ValidationIssue[] = [];
    for (const key of ['chairId', 'timekeeperId', 'minuteTakerId'] as const) {
      const id = roles[key];
      if (id && outside.has(id)) issues.push({ path: key, issue: 'not-a-member' });
    }
    if (issues.length > 0) throw invalid(issues);
  }

  private assertPlanning(meeting: MeetingEntity): void {
    if (meeting.status !== 'gepland' || meeting.liveState !== null) {
      throw conflict(`meeting-${meeting.status === 'gepland' ? 'live' : meeting.status}`);
    }
  }

  /* ---------- meetings ---------- */

  async list(actor: Actor, teamId: string): Promise<MeetingSummary[]> {
    this.team(actor, teamId, 'read', null);
    const found = await this.meetings.find({
      where: { teamId },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    return found.map((m) => this.summaryOf(m));
  }

  async createSeries(
    actor: Actor,
    teamId: string,
    input: CreateSeries,
  ): Promise<MeetingSeriesCreated> {
    this.team(actor, teamId, 'create', null);
    await this.assertRoles(teamId, input);
    const now = this.clock.now();
    const planned = plannedOccurrences(input.schedule, now, SERIES_HORIZON_MS).occurrences;
    const created = await this.meetings.manager.transaction(async (tx) => {
      const series = await tx.save(
        tx.create(MeetingSeriesEntity, {
          teamId,
          schedule: input.schedule as unknown as Record<string, unknown>,
          createdAt: now,
        }),
      );
      const meetings: MeetingEntity[] = [];
      for (const occurrence of planned) {
        meetings.push(
          await tx.save(
            tx.create(MeetingEntity, {
              teamId,
              seriesId: series.id,
              type: input.type,
              startsAt: occurrence.start,
              durationMinutes: Math.round(
                (occurrence.end.getTime() - occurrence.start.getTime()) / MINUTE_MS,
              ),
              chairId: input.chairId,
              timekeeperId: input.timekeeperId,
              minuteTakerId: input.minuteTakerId,
              published: false,
              status: 'gepland',
              liveState: null,
              seq: 0,
              createdAt: now,
              updatedAt: now,
            }),
          ),
        );
      }
      return { series, meetings };
    });
    RequestContext.note({ objectType: 'meeting-series', objectId: created.series.id });
    return {
      seriesId: created.series.id,
      meetings: created.meetings.map((m) => this.summaryOf(m)),
    };
  }

  async create(actor: Actor, teamId: string, input: CreateMeeting): Promise<MeetingDetail> {
    this.team(actor, teamId, 'create', null);
    await this.assertRoles(teamId, input);
    const now = this.clock.now();
    const saved = await this.meetings.save(
      this.meetings.create({
        teamId,
        seriesId: null,
        type: input.type,
        startsAt: new Date(input.startsAt),
        durationMinutes: input.durationMinutes,
        chairId: input.chairId,
        timekeeperId: input.timekeeperId,
        minuteTakerId: input.minuteTakerId,
        published: false,
        status: 'gepland',
        liveState: null,
        seq: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
    RequestContext.note({ objectId: saved.id });
    return this.detailOf(saved);
  }

  async detail(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    return this.detailOf(await this.meeting(actor, meetingId, 'read'));
  }

  async update(actor: Actor, meetingId: string, input: UpdateMeeting): Promise<MeetingDetail> {
    const found = await this.meeting(actor, meetingId, 'update');
    this.assertPlanning(found);
    await this.assertRoles(found.teamId, input);
    if (input.startsAt !== undefined) found.startsAt = new Date(input.startsAt);
    if (input.durationMinutes !== undefined) found.durationMinutes = input.durationMinutes;
    if (input.chairId !== undefined) found.chairId = input.chairId;
    if (input.timekeeperId !== undefined) found.timekeeperId = input.timekeeperId;
    if (input.minuteTakerId !== undefined) found.minuteTakerId = input.minuteTakerId;
    found.updatedAt = this.clock.now();
    return this.detailOf(await this.meetings.save(found));
  }

  async publish(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    const found = await this.meeting(actor, meetingId, 'update');
    if (found.status === 'afgesloten' || found.status === 'geannuleerd')
      throw conflict(`meeting-${found.status}`);
    found.published = true;
    found.updatedAt = this.clock.now();
    const saved = await this.meetings.save(found);
    this.published$.next({ meetingId: saved.id, teamId: saved.teamId, startsAt: saved.startsAt });
    return this.detailOf(saved);
  }

  /* ---------- agenda ---------- */

  private async agendaOf(meetingId: string, manager?: EntityManager) {
    const rows = await (manager ?? this.items.manager).findBy(AgendaItemEntity, { meetingId });
    return sortByOrder(rows.map((r) => ({ ...r, order: r.position })));
  }

  private toDomain(row: AgendaItemEntity & { order: number }): AgendaItem {
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      presenterUserId: row.presenterId,
      timeBoxMinutes: row.timeBoxMinutes,
      order: row.order,
      status: row.status,
      preparationId: row.preparationId,
      carriedFromItemId: row.carriedFromItemId,
    };
  }

  /** Presenter in the team; a case item's preparation ready and of a case of the team. */
  private async checkItem(teamId: string, item: AgendaItem, all: AgendaItem[]): Promise<void> {
    const issues: ValidationIssue[] = [];
    if ((await this.nonMembers(teamId, [item.presenterUserId])).size > 0)
      issues.push({ path: 'presenterUserId', issue: 'not-a-member' });
    let status: string | undefined;
    if (item.preparationId !== null) {
      const rows = (await this.preparations.query(
        'SELECT p."status" FROM "preparation" p JOIN "client_case" c ON c."id" = p."case_id" WHERE p."id" = $1 AND c."team_id" = $2',
        [item.preparationId, teamId],
      )) as { status: string }[];
      status = rows[0]?.status;
    }
    const checked = checkCasePreparation(item, () => status as 'ready' | undefined);
    if (!checked.ok) issues.push({ path: 'preparationId', issue: checked.error });
    const agenda = agendaSchema.safeParse(all);
    if (!agenda.success) {
      for (const issue of agenda.error.issues)
        issues.push({ path: 'agenda', issue: issue.message || issue.code });
    }
    if (issues.length > 0) throw invalid(issues);
  }

  async addItem(actor: Actor, meetingId: string, input: CreateItem): Promise<MeetingDetail> {
    const meeting = await this.meeting(actor, meetingId, 'update');
    this.assertPlanning(meeting);
    const existing = (await this.agendaOf(meetingId)).map((r) => this.toDomain(r));
    const item: AgendaItem = {
      id: randomUUID(),
      kind: input.kind,
      title: input.title,
      presenterUserId: input.presenterUserId,
      timeBoxMinutes: input.timeBoxMinutes,
      order: existing.length,
      status: 'gepland',
      preparationId: input.preparationId,
      carriedFromItemId: null,
    };
    await this.checkItem(meeting.teamId, item, [...existing, item]);
    const justification = await this.consentForItem(meeting, item, input.consentJustification);
    await this.items.save(
      this.items.create({
        ...this.rowOf(meetingId, item),
        ...this.justificationColumns(justification, actor),
      }),
    );
    RequestContext.note({ objectType: 'agenda-item', objectId: item.id });
    return this.detailOf(meeting);
  }

  /**
   * A case item needs the ledger's cover for the meeting (purpose mdo: consent or another
   * recorded legal basis) on the meeting's date, or the chair's justification. Notes the
   * household and the basis relied on (`motivering` for a justification) for the audit trail;
   * returns the justification to keep (null when the ledger covers it).
   */
  private async consentForItem(
    meeting: MeetingEntity,
    item: AgendaItem,
    justification: string | null,
  ): Promise<string | null> {
    if (item.preparationId === null) return null;
    const householdId = await this.householdOfPreparation(item.preparationId);
    if (householdId === null) return null;
    const coverage = await this.consents.meetingCoverage(householdId, this.meetingDay(meeting));
    const decision = agendaConsentDecision(coverage.state, justification);
    RequestContext.note({
      clientId: householdId,
      legalBasis: decision === 'covered' ? coverage.consentId : 'motivering',
    });
    if (decision === 'justification-required') {
      throw new DomainError(
        'CONSENT_JUSTIFICATION_REQUIRED',
        'No valid consent or legal basis covers this case in the meeting',
        [{ path: 'consentJustification', issue: coverage.state }],
      );
    }
    return decision === 'justified' ? justification : null;
  }

  private justificationColumns(
    justification: string | null,
    actor: Actor,
  ): Pick<AgendaItemEntity, 'consentJustification' | 'consentJustifiedBy' | 'consentJustifiedAt'> {
    return {
      consentJustification: justification,
      consentJustifiedBy: justification === null ? null : actor.userId,
      consentJustifiedAt: justification === null ? null : this.clock.now(),
    };
  }

  private async householdOfPreparation(preparationId: string): Promise<string | null> {
    const rows = (await this.preparations.query(
      'SELECT c."household_id" AS "householdId" FROM "preparation" p JOIN "client_case" c ON c."id" = p."case_id" WHERE p."id" = $1',
      [preparationId],
    )) as { householdId: string }[];
    return rows[0]?.householdId ?? null;
  }

  /** The moment consent must cover: the meeting's start, or now when that has passed. */
  private meetingDay(meeting: MeetingEntity): Date {
    const now = this.clock.now();
    return meeting.startsAt.getTime() > now.getTime() ? meeting.startsAt : now;
  }

  private rowOf(meetingId: string, item: AgendaItem): Partial<AgendaItemEntity> {
    return {
      id: item.id,
      meetingId,
      kind: item.kind,
      title: item.title,
      presenterId: item.presenterUserId,
      timeBoxMinutes: item.timeBoxMinutes,
      position: item.order,
      status: item.status,
      preparationId: item.preparationId,
      carriedFromItemId: item.carriedFromItemId,
    };
  }

  async updateItem(actor: Actor, itemId: string, input: UpdateItem): Promise<MeetingDetail> {
    const { meeting, item } = await this.item(actor, itemId);
    this.assertPlanning(meeting);
    const all = (await this.agendaOf(meeting.id)).map((r) => this.toDomain(r));
    const current = all.find((i) => i.id === item.id) as AgendaItem;
    const next: AgendaItem = {
      ...current,
      title: input.title ?? current.title,
      presenterUserId: input.presenterUserId ?? current.presenterUserId,
      timeBoxMinutes: input.timeBoxMinutes ?? current.timeBoxMinutes,
      preparationId:
        input.preparationId === undefined ? current.preparationId : input.preparationId,
    };
    await this.checkItem(
      meeting.teamId,
      next,
      all.map((i) => (i.id === next.id ? next : i)),
    );
    // Another case on this item: the consent check of a new item, again.
    const changedCase = next.preparationId !== current.preparationId;
    const justification = changedCase
      ? await this.consentForItem(meeting, next, input.consentJustification ?? null)
      : null;
    await this.items.save(
      this.items.create({
        ...this.rowOf(meeting.id, next),
        ...(changedCase ? this.justificationColumns(justification, actor) : {}),
      }),
    );
    return this.detailOf(meeting);
  }

  async deleteItem(actor: Actor, itemId: string): Promise<void> {
    const { meeting, item } = await this.item(actor, itemId);
    this.assertPlanning(meeting);
    await this.items.manager.transaction(async (tx) => {
      await tx.delete(AgendaItemEntity, { id: item.id });
      const rest = await this.agendaOf(meeting.id, tx);
      await this.renumber(tx, rest);
    });
  }

  private async renumber(
    tx: EntityManager,
    items: readonly { id: string; order: number }[],
  ): Promise<void> {
    for (const [position, item] of items.entries())
      await tx.update(AgendaItemEntity, { id: item.id }, { position });
  }

  async reorder(actor: Actor, meetingId: string, input: ReorderAgenda): Promise<MeetingDetail> {
    const meeting = await this.meeting(actor, meetingId, 'update');
    this.assertPlanning(meeting);
    const result = reorder(await this.agendaOf(meetingId), input.itemId, input.toIndex);
    if (!result.ok) throw invalidAt('itemId', result.error);
    await this.items.manager.transaction((tx) => this.renumber(tx, result.items));
    return this.detailOf(meeting);
  }

  /**
   * Closes the meeting: the live room's item statuses are written to the agenda, undiscussed
   * case items are marked `overgeslagen` and carried forward (with their preparation, plus a
   * follow-up item) to the next meeting of the series.
   */
  async close(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    const meeting = await this.meeting(actor, meetingId, 'update');
    if (meeting.status === 'afgesloten' || meeting.status === 'geannuleerd')
      throw conflict(`meeting-${meeting.status}`);
    const now = this.clock.now();
    await this.meetings.manager.transaction(async (tx) => {
      const live = new Map((meeting.liveState?.items ?? []).map((i) => [i.id, i.status]));
      const agenda = (await this.agendaOf(meeting.id, tx)).map((r) => this.toDomain(r));
      const closed = agenda.map((item): AgendaItem => {
        const status = live.get(item.id) ?? item.status;
        return {
          ...item,
          status:
            item.kind === 'casusbespreking' && status !== 'besproken' ? 'overgeslagen' : status,
        };
      });
      for (const item of closed)
        await tx.update(AgendaItemEntity, { id: item.id }, { status: item.status });
      await tx.update(MeetingEntity, { id: meeting.id }, { status: 'afgesloten', updatedAt: now });
      if (meeting.seriesId === null) return;
      const next = await this.nextOfSeries(tx, meeting, now);
      if (!next) return;
      const carried = carryForward(closed, {
        newId: randomUUID,
        followUpPresenterUserId: next.chairId,
      });
      if (carried.length <= 1) return this.records.fillFollowUp(tx, meeting, next);
      const existing = (await this.agendaOf(next.id, tx)).map((r) => this.toDomain(r));
      const hasFollowUp = existing.some((i) => i.kind === 'opvolging-acties');
      const merged = [
        ...carried.filter((i) => !(hasFollowUp && i.kind === 'opvolging-acties')),
        ...existing,
      ].map((item, order) => ({ ...item, order }));
      for (const item of merged) {
        if (existing.some((e) => e.id === item.id))
          await tx.update(AgendaItemEntity, { id: item.id }, { position: item.order });
        else await tx.save(tx.create(AgendaItemEntity, this.rowOf(next.id, item)));
      }
      await this.records.fillFollowUp(tx, meeting, next);
    });
    this.live.roomClosed(meeting.id);
    return this.detail(actor, meeting.id);
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
      ...this.summaryOf(m),
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
   * What closing the meeting would do, for the chair's confirmation: the undiscussed case items
   * (per the live room) and where they go — the next meeting of the series (made at closing when
   * not made yet), or nowhere when the meeting stands alone or the series has ended: then they
   * stay `overgeslagen` here and their ready preparations can be put on any later agenda.
   */
  async closePreview(actor: Actor, meetingId: string): Promise<MeetingClosePreview> {
    const meeting = await this.meeting(actor, meetingId, 'update');
    if (meeting.status === 'afgesloten') throw conflict('meeting-afgesloten');
    const live = new Map((meeting.liveState?.items ?? []).map((i) => [i.id, i.status]));
    const agenda = await this.agendaOf(meeting.id);
    const undiscussed = agenda
      .filter((i) => i.kind === 'casusbespreking' && (live.get(i.id) ?? i.status) !== 'besproken')
      .map((i) => i.id);
    if (meeting.seriesId === null) {
      return { undiscussedItemIds: undiscussed, destination: 'geen-reeks', nextMeeting: null };
    }
    const later = await this.meetings.find({
      where: { seriesId: meeting.seriesId, startsAt: MoreThan(meeting.startsAt) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    const planned = later.find((m) => m.status === 'gepland');
    if (planned) {
      return {
        undiscussedItemIds: undiscussed,
        destination: 'volgend-overleg',
        nextMeeting: { id: planned.id, startsAt: planned.startsAt.toISOString() },
      };
    }
    const series = await this.meetings.manager.findOneBy(MeetingSeriesEntity, {
      id: meeting.seriesId,
    });
    const schedule = meetingSeriesSchema.safeParse(series?.schedule);
    const occurrence =
      later.length === 0 && schedule.success
        ? nextOccurrence(schedule.data, meeting.startsAt)
        : null;
    return occurrence
      ? {
          undiscussedItemIds: undiscussed,
          destination: 'volgend-overleg',
          nextMeeting: { id: null, startsAt: occurrence.start.toISOString() },
        }
      : { undiscussedItemIds: undiscussed, destination: 'einde-reeks', nextMeeting: null };
  }

  /**
   * Cancels a meeting that has not started: it stays in the list as `geannuleerd`, its guests'
   * invitations are revoked in the same transaction (their accounts disabled; the guests module
   * ends their sessions on `cancelled$`), and the team is told.
   */
  async cancel(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    const found = await this.meeting(actor, meetingId, 'update');
    // Only the meeting's chair, or a chair or team leader of the team, calls a meeting off.
    const roles = actor.teams.get(found.teamId) ?? [];
    if (
      found.chairId !== actor.userId &&
      !roles.includes('chair') &&
      !roles.includes('team_leader')
    )
      throw forbidden('this meeting');
    this.assertPlanning(found);
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

  /**
   * The next planned meeting of the series after `meeting`; when none was made yet (beyond
   * the horizon of the series), the series' next occurrence is created.
   */
  private async nextOfSeries(
    tx: EntityManager,
    meeting: MeetingEntity,
    now: Date,
  ): Promise<MeetingEntity | null> {
    const later = await tx.find(MeetingEntity, {
      where: { seriesId: meeting.seriesId as string, startsAt: MoreThan(meeting.startsAt) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    const planned = later.find((m) => m.status === 'gepland');
    if (planned) return planned;
    if (later.length > 0) return null;
    const series = await tx.findOneBy(MeetingSeriesEntity, { id: meeting.seriesId as string });
    const schedule = meetingSeriesSchema.safeParse(series?.schedule);
    if (!series || !schedule.success) return null;
    const occurrence = nextOccurrence(schedule.data, meeting.startsAt);
    if (!occurrence) return null;
    return tx.save(
      tx.create(MeetingEntity, {
        teamId: meeting.teamId,
        seriesId: series.id,
        type: meeting.type,
        startsAt: occurrence.start,
        durationMinutes: Math.round(
          (occurrence.end.getTime() - occurrence.start.getTime()) / MINUTE_MS,
        ),
        chairId: meeting.chairId,
        timekeeperId: meeting.timekeeperId,
        minuteTakerId: meeting.minuteTakerId,
        published: false,
        status: 'gepland',
        liveState: null,
        seq: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  /* ---------- views ---------- */

  private summaryOf(m: MeetingEntity): MeetingSummary {
    return {
      id: m.id,
      teamId: m.teamId,
      seriesId: m.seriesId,
      type: m.type,
      startsAt: m.startsAt.toISOString(),
      endsAt: new Date(m.startsAt.getTime() + m.durationMinutes * MINUTE_MS).toISOString(),
      durationMinutes: m.durationMinutes,
      status: m.status,
      published: m.published,
    };
  }

  private async detailOf(m: MeetingEntity): Promise<MeetingDetail> {
    const fresh = (await this.meetings.findOneBy({ id: m.id })) ?? m;
    const rows = await this.agendaOf(m.id);
    const schedule = new Map(plannedSchedule(fresh.startsAt, rows).map((s) => [s.itemId, s]));
    const prepIds = rows.map((r) => r.preparationId).filter((id): id is string => id !== null);
    const preps = prepIds.length === 0 ? [] : await this.preparations.findBy({ id: In(prepIds) });
    const caseOf = new Map(preps.map((p) => [p.id, p.caseId]));
    const consentOf = await this.agendaConsent(fresh, rows);
    const agenda: AgendaItemView[] = rows.map((r) => {
      const planned = schedule.get(r.id);
      return {
        id: r.id,
        kind: r.kind,
        title: r.title,
        presenterUserId: r.presenterId,
        timeBoxMinutes: r.timeBoxMinutes,
        order: r.order,
        status: r.status,
        preparationId: r.preparationId,
        caseId: r.preparationId === null ? null : (caseOf.get(r.preparationId) ?? null),
        carriedFromItemId: r.carriedFromItemId,
        consent: consentOf.get(r.id) ?? null,
        plannedStart: planned?.start.toISOString() ?? null,
        plannedEnd: planned?.end.toISOString() ?? null,
      };
    });
    return {
      ...this.summaryOf(fresh),
      chairId: fresh.chairId,
      timekeeperId: fresh.timekeeperId,
      minuteTakerId: fresh.minuteTakerId,
      agenda,
      plannedMinutes: totalPlannedMinutes(rows),
    };
  }

  /** Per case item: the ledger's cover for the meeting on its date, and any justification. */
  private async agendaConsent(
    meeting: MeetingEntity,
    rows: AgendaItemEntity[],
  ): Promise<Map<string, AgendaItemConsent>> {
    const result = new Map<string, AgendaItemConsent>();
    const at = this.meetingDay(meeting);
    const byHousehold = new Map<string, Awaited<ReturnType<ConsentService['meetingCoverage']>>>();
    for (const row of rows) {
      if (row.preparationId === null) continue;
      const householdId = await this.householdOfPreparation(row.preparationId);
      if (householdId === null) continue;
      let coverage = byHousehold.get(householdId);
      if (!coverage) {
        coverage = await this.consents.meetingCoverage(householdId, at);
        byHousehold.set(householdId, coverage);
      }
      result.set(row.id, {
        state: coverage.state,
        validUntil: coverage.validUntil,
        justification: row.consentJustification,
        justifiedBy: row.consentJustifiedBy,
        justifiedAt: row.consentJustifiedAt?.toISOString() ?? null,
      });
    }
    return result;
  }

  /* ---------- guests ---------- */

  /** Refuses (FORBIDDEN) unless the actor may read the meeting; notes it for the audit trail. */
  async assertReadable(actor: Actor, meetingId: string): Promise<void> {
    await this.meeting(actor, meetingId, 'read');
  }

  private async guestMeeting(actor: Actor, meetingId: string): Promise<MeetingEntity> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: MEETING_PURPOSE });
    if (!actor.guest || actor.guest.meetingId !== meetingId) throw forbidden('this meeting');
    const meeting = await this.meetings.findOneBy({ id: meetingId });
    if (!meeting) throw forbidden('this meeting');
    RequestContext.note({ context: { teamId: meeting.teamId, meetingId } });
    return meeting;
  }

  /** A guest's meeting with only the invited agenda items (nothing else leaves this method). */
  async detailForGuest(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    const meeting = await this.guestMeeting(actor, meetingId);
    const invited = new Set(actor.guest?.itemIds ?? []);
    const detail = await this.detailOf(meeting);
    return { ...detail, agenda: detail.agenda.filter((item) => invited.has(item.id)) };
  }
}
