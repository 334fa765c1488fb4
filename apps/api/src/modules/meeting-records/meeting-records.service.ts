import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { type EntityManager, In, Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  MyActionView,
  ActionView,
  createActionSchema,
  createDecisionSchema,
  DecisionView,
  FollowUpView,
  MeetingRecordsView,
  MinutesView,
  RecordCommandResult,
  UpdateMinutes,
  updateActionStatusSchema,
  ValidationIssue,
} from '@casustafel/contracts';
import {
  type Action,
  actionCreateSchema,
  type ActionStatus,
  approveMinutes,
  assertEditable,
  type AttendanceInput,
  buildMinutes,
  timeSpent,
  createLiveRoomState,
  DEFAULT_FOLLOW_UP_MINUTES,
  type Decision,
  decisionSchema,
  followUpItems,
  type LiveRole,
  openActionsFor,
  reviseItemNotes,
  setActionStatus,
  sortByOrder,
} from '@casustafel/domain';
import { abilityFor, asSubject } from '../../common/access/policy';
import { UserEntity } from '../identity/user.entity';
import { isUniqueViolation } from '../../database/database-errors';
import { LiveRoomCache } from '../meetings/live-room-cache';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { Clock } from '../../common/time/clock';
import { validationIssues } from '../../common/validation/issue-path';
import { PreparationEntity } from '../case-file/case.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { AgendaItemEntity, MeetingEntity, MeetingEventEntity } from '../meetings/meeting.entities';
import {
  ActionEntity,
  ActionUpdateEntity,
  AttendanceEntity,
  DecisionEntity,
  FollowUpActionEntity,
  MinutesEntity,
} from './meeting-records.entities';

type CreateDecision = z.output<typeof createDecisionSchema>;
type CreateAction = z.output<typeof createActionSchema>;
type UpdateActionStatus = z.output<typeof updateActionStatusSchema>;

/**
 * A decision in a known live room (see `decideInKnownRoom`): $1 meeting, $2 room state, $3 seq,
 * $4 now, $5/$6 the seq and updated-at the room is known at, $7 item, $8–$14 the decision,
 * $15 the event.
 */
const DECIDE_IN_KNOWN_ROOM_SQL = `
WITH "room" AS (
  UPDATE "meeting" SET "live_state" = $2::jsonb, "seq" = $3, "updated_at" = $4
   WHERE "id" = $1 AND "seq" = $5 AND date_trunc('milliseconds', "updated_at") = $6
     AND "status" = 'live'
     AND EXISTS (SELECT 1 FROM "agenda_item" WHERE "id" = $7 AND "meeting_id" = $1)
     AND NOT EXISTS (
       SELECT 1 FROM "meeting_minutes" WHERE "meeting_id" = $1 AND "status" = 'approved')
  RETURNING "id"
), "decision" AS (
  INSERT INTO "meeting_decision" ("id", "meeting_id", "agenda_item_id", "command_id", "type",
    "text", "rationale", "decided_by_id", "recorded_by_id", "decided_at")
  SELECT $8::uuid, "id", $7::uuid, $9::uuid, $10, $11, $12, $13::uuid, $14::uuid, $4 FROM "room"
), "event" AS (
  INSERT INTO "meeting_event" ("meeting_id", "seq", "command_id", "type", "payload", "actor_id", "at")
  SELECT "id", $3, $9::uuid, 'decision:created', $15::jsonb, $14::uuid, $4 FROM "room"
)
SELECT (SELECT count(*) FROM "room")::int AS "updated"`;

const PURPOSE = 'casuistiekoverleg';
const TIME_ZONE = 'Europe/Amsterdam';
const MINUTE_MS = 60_000;

/**
 * Where the minutes get an item's note text. The notes module may provide it
 * (`{ provide: MINUTES_NOTES_SOURCE, useExisting: NotesService }`); without it the minutes' note
 * sections stay empty.
 */
export const MINUTES_NOTES_SOURCE = Symbol('MINUTES_NOTES_SOURCE');
export interface MinutesNotesSource {
  plainText(itemId: string): Promise<string>;
}

/** A committed record event, for the live room to broadcast to `meeting:<id>`. */
export type RecordEvent =
  | {
      name: 'decision:created';
      meetingId: string;
      seq: number;
      commandId: string;
      decision: DecisionView;
    }
  | {
      name: 'action:created' | 'action:updated';
      meetingId: string;
      seq: number;
      commandId: string;
      action: ActionView;
    };

function forbidden(): DomainError {
  return new DomainError('FORBIDDEN', 'You do not have access to this meeting');
}
function invalid(details: ValidationIssue[]): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The request payload is invalid', details);
}
function conflict(issue: string, path = ''): DomainError {
  return new DomainError('CONFLICT', `Refused: ${issue}`, [{ path, issue }]);
}
function approvedConflict(): DomainError {
  return conflict('minutes-approved', 'minutes');
}

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
export function localDate(at: Date): string {
  return dateFormat.format(at);
}

/** Decisions, actions, follow-up and minutes of case meetings. */
/** A logged room event's own payload (the row holds the whole event; older rows the payload). */
function eventPayload(stored: Record<string, unknown>): Record<string, unknown> {
  const inner = stored['payload'];
  return typeof stored['type'] === 'string' && inner !== null && typeof inner === 'object'
    ? (inner as Record<string, unknown>)
    : stored;
}

@Injectable()
export class MeetingRecordsService {
  private readonly logger = new Logger(MeetingRecordsService.name);
  /** Committed record events (live or REST), broadcast by the gateway. */
  readonly events$ = new Subject<RecordEvent>();

  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(DecisionEntity) private readonly decisions: Repository<DecisionEntity>,
    @InjectRepository(ActionEntity) private readonly actions: Repository<ActionEntity>,
    @InjectRepository(MinutesEntity) private readonly minutes: Repository<MinutesEntity>,
    @InjectRepository(AttendanceEntity) private readonly attendance: Repository<AttendanceEntity>,
    private readonly clock: Clock,
    private readonly rooms: LiveRoomCache,
    @Optional() @Inject(MINUTES_NOTES_SOURCE) private readonly notes?: MinutesNotesSource,
  ) {}

  /** Transactions of `inLoggingTransaction` → the meetings their `logEvent` calls changed. */
  private readonly loggedIn = new WeakMap<EntityManager, MeetingEntity[]>();

  /**
   * A transaction that may log events: once it committed, the meetings as it left them are what
   * the live room starts the next command from (`LiveRoomCache`).
   */
  private async inLoggingTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const changed: MeetingEntity[] = [];
    const result = await this.meetings.manager.transaction((tx) => {
      this.loggedIn.set(tx, changed);
      return work(tx);
    });
    for (const meeting of changed) this.rooms.put(meeting);
    return result;
  }

  /* ---------- access ---------- */

  private checkTeam(actor: Actor, teamId: string, objectId: string | null): void {
    RequestContext.note({ objectType: 'meeting', objectId, purpose: PURPOSE, context: { teamId } });
    if (!abilityFor(actor).can('read', asSubject('Meeting', { teamId }))) throw forbidden();
  }

  private async meetingFor(
    actor: Actor,
    meetingId: string,
    manager: EntityManager = this.meetings.manager,
    lock = false,
  ): Promise<MeetingEntity> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: PURPOSE });
    const qb = manager
      .createQueryBuilder(MeetingEntity, 'm')
      .where('m.id = :id', { id: meetingId });
    if (lock) qb.setLock('pessimistic_write');
    const meeting = await qb.getOne();
    if (!meeting) throw forbidden();
    this.checkTeam(actor, meeting.teamId, meeting.id);
    return meeting;
  }

  private async assertNotApproved(manager: EntityManager, meetingId: string): Promise<void> {
    const row = await manager.findOneBy(MinutesEntity, { meetingId });
    if (row && !assertEditable(row).ok) throw approvedConflict();
  }

  private async itemOf(manager: EntityManager, meetingId: string, itemId: string) {
    const item = await manager.findOneBy(AgendaItemEntity, { id: itemId, meetingId });
    if (!item) throw invalid([{ path: 'itemId', issue: 'not-on-agenda' }]);
    return item;
  }

  private async isMember(manager: EntityManager, teamId: string, userId: string) {
    return (await manager.countBy(MembershipEntity, { teamId, userId })) > 0;
  }

  /**
   * Appends a record event to the meeting's event log under the next seq (so a rejoining client
   * replays it) and keeps the live room state's seq in step.
   */
  private async logEvent(
    tx: EntityManager,
    meeting: MeetingEntity,
    type: string,
    commandId: string,
    actorId: string,
    payload: Record<string, unknown>,
  ): Promise<number> {
    const now = this.clock.now();
    const state =
      meeting.liveState ??
      createLiveRoomState(
        meeting.id,
        sortByOrder(
          (await tx.findBy(AgendaItemEntity, { meetingId: meeting.id })).map((r) => ({
            ...r,
            order: r.position,
          })),
        ),
      );
    const seq = meeting.seq + 1;
    const event = {
      seq,
      type,
      payload,
      commandId,
      actorUserId: actorId,
      at: now.getTime(),
      patch: {},
    };
    await tx.insert(MeetingEventEntity, {
      meetingId: meeting.id,
      seq,
      commandId,
      type,
      payload: event as never,
      actorId,
      at: now,
    });
    const changes = {
      seq,
      liveState: { ...state, seq },
      status: meeting.status === 'gepland' ? 'live' : meeting.status,
      updatedAt: now,
    };
    await tx.update(MeetingEntity, { id: meeting.id }, changes as never);
    // Kept once committed; outside `inLoggingTransaction` the room is read again next time.
    const changed = this.loggedIn.get(tx);
    if (changed) changed.push({ ...meeting, ...changes });
    else this.rooms.forget(meeting.id);
    return seq;
  }

  /** The seq a command was logged under, or a conflict when the id was used for something else. */
  private async loggedSeq(
    tx: EntityManager,
    meetingId: string,
    commandId: string,
    actorId: string,
  ) {
    const logged = await tx.findOneBy(MeetingEventEntity, { meetingId, commandId });
    if (!logged) return null;
    if (logged.actorId !== actorId) throw conflict('command-id-reused', 'commandId');
    return logged.seq;
  }

  /* ---------- decisions ---------- */

  async createDecision(
    actor: Actor,
    meetingId: string,
    input: CreateDecision,
  ): Promise<RecordCommandResult<DecisionView>> {
    const known = await this.decideInKnownRoom(actor, meetingId, input);
    const outcome =
      known ??
      (await this.inLoggingTransaction(async (tx) => {
        const meeting = await this.meetingFor(actor, meetingId, tx, true);
        RequestContext.note({ context: { teamId: meeting.teamId, meetingId } });
        const existing = await tx.findOneBy(DecisionEntity, {
          meetingId,
          commandId: input.commandId,
        });
        if (existing) {
          const seq = await this.loggedSeq(tx, meetingId, input.commandId, actor.userId);
          if (existing.recordedById !== actor.userId || seq === null)
            throw conflict('command-id-reused', 'commandId');
          return { seq, duplicate: true, record: this.decisionView(existing) };
        }
        if ((await this.loggedSeq(tx, meetingId, input.commandId, actor.userId)) !== null)
          throw conflict('command-id-reused', 'commandId');
        await this.assertNotApproved(tx, meetingId);
        await this.itemOf(tx, meetingId, input.itemId);
        const decided = this.newDecision(actor, meeting, input);
        if (!decided.ok) throw invalid(decided.issues);
        await tx.insert(DecisionEntity, decided.row as never);
        const record = this.decisionView(decided.row);
        const seq = await this.logEvent(
          tx,
          meeting,
          'decision:created',
          input.commandId,
          actor.userId,
          {
            decision: record,
          },
        );
        return { seq, duplicate: false, record };
      }));
    RequestContext.note({ objectType: 'decision', objectId: outcome.record.id });
    if (!outcome.duplicate)
      this.events$.next({
        name: 'decision:created',
        meetingId,
        seq: outcome.seq,
        commandId: input.commandId,
        decision: outcome.record,
      });
    return outcome;
  }

  /** The decision's row, or the issues of its input. */
  private newDecision(
    actor: Actor,
    meeting: MeetingEntity,
    input: CreateDecision,
  ): { ok: true; row: DecisionEntity } | { ok: false; issues: ValidationIssue[] } {
    const now = this.clock.now();
    const id = randomUUID();
    const decidedBy = input.onBehalfOfTeam ? meeting.chairId : actor.userId;
    const parsed = decisionSchema.safeParse({
      id,
      agendaItemId: input.itemId,
      type: input.type,
      text: input.text,
      rationale: input.rationale,
      decidedByUserId: decidedBy,
      decidedAt: now.toISOString(),
    });
    if (!parsed.success)
      return {
        ok: false,
        issues: validationIssues(parsed.error.issues, decisionSchema, (i) => i.message || i.code),
      };
    const row = this.decisions.create({
      id,
      meetingId: meeting.id,
      agendaItemId: input.itemId,
      commandId: input.commandId,
      type: parsed.data.type,
      text: parsed.data.text,
      rationale: parsed.data.rationale,
      decidedById: decidedBy,
      recordedById: actor.userId,
      decidedAt: now,
    });
    return { ok: true, row };
  }

  /**
   * A decision in a live room this instance knows (`LiveRoomCache`), in one statement: the
   * room's seq moves on only when the meeting row is as known and still live, the item is on its
   * agenda and its minutes are not approved; the decision and its event are written only with
   * it. Null when the room is not known here, the input is invalid, the row had changed or the
   * command id was taken (nothing is written then): the caller takes the locked path, which
   * also gives the precise refusal.
   */
  private async decideInKnownRoom(
    actor: Actor,
    meetingId: string,
    input: CreateDecision,
  ): Promise<RecordCommandResult<DecisionView> | null> {
    const meeting = this.rooms.get(meetingId);
    if (!meeting?.liveState || meeting.status !== 'live') return null;
    this.checkTeam(actor, meeting.teamId, meeting.id);
    RequestContext.note({ context: { teamId: meeting.teamId, meetingId } });
    const decided = this.newDecision(actor, meeting, input);
    if (!decided.ok) return null;
    const { row } = decided;
    const record = this.decisionView(row);
    const seq = meeting.seq + 1;
    const now = row.decidedAt;
    const event = {
      seq,
      type: 'decision:created',
      payload: { decision: record },
      commandId: input.commandId,
      actorUserId: actor.userId,
      at: now.getTime(),
      patch: {},
    };
    const liveState = { ...meeting.liveState, seq };
    let written: { updated: number }[] = [];
    try {
      written = (await this.meetings.query(DECIDE_IN_KNOWN_ROOM_SQL, [
        meeting.id,
        JSON.stringify(liveState),
        seq,
        now,
        meeting.seq,
        meeting.updatedAt,
        row.agendaItemId,
        row.id,
        row.commandId,
        row.type,
        row.text,
        row.rationale,
        row.decidedById,
        row.recordedById,
        JSON.stringify(event),
      ])) as { updated: number }[];
    } catch (error) {
      // The command id is known already: the locked path answers (duplicate or conflict).
      if (!isUniqueViolation(error)) throw error;
    }
    if (written[0]?.updated !== 1) {
      this.rooms.forget(meeting.id);
      return null;
    }
    this.rooms.put({ ...meeting, seq, liveState, updatedAt: now });
    return { seq, duplicate: false, record };
  }

  /* ---------- actions ---------- */

  async createAction(
    actor: Actor,
    meetingId: string,
    input: CreateAction,
  ): Promise<RecordCommandResult<ActionView>> {
    const outcome = await this.inLoggingTransaction(async (tx) => {
      const meeting = await this.meetingFor(actor, meetingId, tx, true);
      RequestContext.note({ context: { teamId: meeting.teamId, meetingId } });
      const existing = await tx.findOneBy(ActionEntity, { meetingId, commandId: input.commandId });
      if (existing) {
        const seq = await this.loggedSeq(tx, meetingId, input.commandId, actor.userId);
        if (existing.createdById !== actor.userId || seq === null)
          throw conflict('command-id-reused', 'commandId');
        return { seq, duplicate: true, record: this.actionView(existing) };
      }
      if ((await this.loggedSeq(tx, meetingId, input.commandId, actor.userId)) !== null)
        throw conflict('command-id-reused', 'commandId');
      await this.assertNotApproved(tx, meetingId);
      await this.itemOf(tx, meetingId, input.itemId);
      const issues: ValidationIssue[] = [];
      if (!(await this.isMember(tx, meeting.teamId, input.ownerUserId)))
        issues.push({ path: 'ownerUserId', issue: 'not-a-member' });
      if (
        input.decisionId !== null &&
        (await tx.countBy(DecisionEntity, { id: input.decisionId, meetingId })) === 0
      )
        issues.push({ path: 'decisionId', issue: 'not-found' });
      const now = this.clock.now();
      const id = randomUUID();
      const actionSchema = actionCreateSchema(localDate(now));
      const parsed = actionSchema.safeParse({
        id,
        agendaItemId: input.itemId,
        decisionId: input.decisionId,
        description: input.text,
        ownerUserId: input.ownerUserId,
        due: input.due,
        status: 'open',
      });
      if (!parsed.success)
        for (const i of validationIssues(
          parsed.error.issues,
          actionSchema,
          (issue) => issue.message || issue.code,
        )) {
          issues.push({ path: i.path === 'description' ? 'text' : i.path, issue: i.issue });
        }
      if (issues.length > 0 || !parsed.success) throw invalid(issues);
      const row = tx.create(ActionEntity, {
        id,
        meetingId,
        teamId: meeting.teamId,
        agendaItemId: input.itemId,
        decisionId: input.decisionId,
        commandId: input.commandId,
        description: parsed.data.description,
        ownerId: input.ownerUserId,
        due: parsed.data.due,
        status: 'open',
        createdById: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(ActionEntity, row as never);
      const record = this.actionView(row);
      const seq = await this.logEvent(
        tx,
        meeting,
        'action:created',
        input.commandId,
        actor.userId,
        {
          action: record,
        },
      );
      return { seq, duplicate: false, record };
    });
    RequestContext.note({ objectType: 'action', objectId: outcome.record.id });
    if (!outcome.duplicate)
      this.events$.next({
        name: 'action:created',
        meetingId,
        seq: outcome.seq,
        commandId: input.commandId,
        action: outcome.record,
      });
    return outcome;
  }

  /**
   * Changes an action's status (open → gereed / vervallen, or reopened). Logged in `meetingId`'s
   * room (the action's own meeting, or a later meeting of the team that follows it up).
   */
  async updateActionStatus(
    actor: Actor,
    meetingId: string | null,
    input: UpdateActionStatus,
  ): Promise<RecordCommandResult<ActionView>> {
    let roomId = meetingId;
    const outcome = await this.inLoggingTransaction(async (tx) => {
      RequestContext.note({ objectType: 'action', objectId: input.actionId, purpose: PURPOSE });
      const action = await tx.findOneBy(ActionEntity, { id: input.actionId });
      if (!action) throw forbidden();
      roomId ??= action.meetingId;
      const meeting = await this.meetingFor(actor, roomId, tx, true);
      if (meeting.teamId !== action.teamId) throw forbidden();
      RequestContext.note({
        objectType: 'action',
        objectId: action.id,
        context: { teamId: meeting.teamId, meetingId: meeting.id },
      });
      const existing = await tx.findOneBy(ActionUpdateEntity, {
        meetingId: meeting.id,
        commandId: input.commandId,
      });
      if (existing) {
        if (existing.actorId !== actor.userId || existing.actionId !== action.id)
          throw conflict('command-id-reused', 'commandId');
        return { seq: existing.seq, duplicate: true, record: this.actionView(action) };
      }
      if ((await this.loggedSeq(tx, meeting.id, input.commandId, actor.userId)) !== null)
        throw conflict('command-id-reused', 'commandId');
      await this.assertNotApproved(tx, action.meetingId);
      const changed = setActionStatus(action, input.status);
      if (!changed.ok) throw conflict('status-not-allowed', 'status');
      const now = this.clock.now();
      action.status = input.status;
      action.updatedAt = now;
      await tx.update(ActionEntity, { id: action.id }, { status: input.status, updatedAt: now });
      const record = this.actionView(action);
      const seq = await this.logEvent(
        tx,
        meeting,
        'action:updated',
        input.commandId,
        actor.userId,
        {
          action: record,
        },
      );
      await tx.insert(ActionUpdateEntity, {
        meetingId: meeting.id,
        actionId: action.id,
        commandId: input.commandId,
        status: input.status,
        seq,
        actorId: actor.userId,
        at: now,
      });
      return { seq, duplicate: false, record };
    });
    if (!outcome.duplicate && roomId)
      this.events$.next({
        name: 'action:updated',
        meetingId: roomId,
        seq: outcome.seq,
        commandId: input.commandId,
        action: outcome.record,
      });
    return outcome;
  }

  /* ---------- reads ---------- */

  async records(actor: Actor, meetingId: string): Promise<MeetingRecordsView> {
    const meeting = await this.meetingFor(actor, meetingId);
    const [decisions, actions] = await Promise.all([
      this.decisions.find({
        where: { meetingId: meeting.id },
        order: { decidedAt: 'ASC', id: 'ASC' },
      }),
      this.actions.find({
        where: { meetingId: meeting.id },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    ]);
    return {
      meetingId,
      decisions: decisions.map((d) => this.decisionView(d)),
      actions: actions.map((a) => this.actionView(a)),
    };
  }

  /** Decisions and actions of some items of a meeting (a guest's invited items; no access check). */
  async recordsOfItems(
    meetingId: string,
    itemIds: readonly string[],
  ): Promise<{ decisions: DecisionView[]; actions: ActionView[] }> {
    if (itemIds.length === 0) return { decisions: [], actions: [] };
    const [decisions, actions] = await Promise.all([
      this.decisions.find({
        where: { meetingId, agendaItemId: In([...itemIds]) },
        order: { decidedAt: 'ASC', id: 'ASC' },
      }),
      this.actions.find({
        where: { meetingId, agendaItemId: In([...itemIds]) },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    ]);
    return {
      decisions: decisions.map((d) => this.decisionView(d)),
      actions: actions.map((a) => this.actionView(a)),
    };
  }

  /**
   * The caller's open actions across meetings and cases, earliest due first, each with the
   * meeting's start, the case it concerns (by id only: the case page checks access itself) and
   * whether it is overdue today. Only actions of teams the caller still belongs to.
   */
  async myOpenActions(actor: Actor): Promise<MyActionView[]> {
    RequestContext.note({ objectType: 'action', objectId: null, purpose: PURPOSE });
    const rows = (await this.actions.findBy({ ownerId: actor.userId, status: 'open' })).filter(
      (r) => actor.guest === null && actor.teams.has(r.teamId),
    );
    if (rows.length === 0) return [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const [meetings, items] = await Promise.all([
      this.meetings.findBy({ id: In([...new Set(rows.map((r) => r.meetingId))]) }),
      this.meetings.manager.findBy(AgendaItemEntity, {
        id: In([...new Set(rows.map((r) => r.agendaItemId))]),
      }),
    ]);
    const preparationIds = items.flatMap((i) => (i.preparationId ? [i.preparationId] : []));
    const preparations =
      preparationIds.length === 0
        ? []
        : await this.meetings.manager.findBy(PreparationEntity, { id: In(preparationIds) });
    const startsAt = new Map(meetings.map((m) => [m.id, m.startsAt]));
    const caseOf = new Map(
      items.map((i) => [i.id, preparations.find((p) => p.id === i.preparationId)?.caseId ?? null]),
    );
    const today = localDate(this.clock.now());
    return openActionsFor(
      rows.map((r) => this.toDomain(r)),
      actor.userId,
    ).map((a) => {
      const row = byId.get(a.id) as ActionEntity;
      return {
        ...this.actionView(row),
        meetingStartsAt: new Date(startsAt.get(row.meetingId) ?? row.createdAt).toISOString(),
        caseId: caseOf.get(row.agendaItemId) ?? null,
        overdue: row.due < today,
      };
    });
  }

  async teamActions(actor: Actor, teamId: string, status?: ActionStatus): Promise<ActionView[]> {
    this.checkTeam(actor, teamId, null);
    RequestContext.note({ objectType: 'action' });
    const rows = await this.actions.find({
      where: status ? { teamId, status } : { teamId },
      order: { due: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => this.actionView(r));
  }

  /** The open actions on a follow-up (`opvolging-acties`) item. */
  async followUp(actor: Actor, itemId: string): Promise<FollowUpView> {
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId, purpose: PURPOSE });
    const item = await this.meetings.manager.findOneBy(AgendaItemEntity, { id: itemId });
    if (!item) throw forbidden();
    const meeting = await this.meetingFor(actor, item.meetingId);
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId });
    const links = await this.meetings.manager.findBy(FollowUpActionEntity, {
      agendaItemId: itemId,
    });
    const linked =
      links.length === 0 ? [] : await this.actions.findBy({ id: In(links.map((l) => l.actionId)) });
    // Until the meeting is closed, the item also lists every open action the team agreed in an
    // earlier meeting: the links are only made when the previous meeting of a series closes, so a
    // meeting planned by hand (or one whose predecessor closed before it existed) had none.
    const earlier =
      meeting.status === 'afgesloten'
        ? []
        : await this.actions
            .createQueryBuilder('a')
            .innerJoin(MeetingEntity, 'm', 'm.id = a.meeting_id')
            .where('a.team_id = :teamId', { teamId: meeting.teamId })
            .andWhere('a.status = :status', { status: 'open' })
            .andWhere('m.starts_at < :before', { before: meeting.startsAt })
            .getMany();
    const rows =
      item.kind === 'opvolging-acties'
        ? [...new Map([...linked, ...earlier].map((r) => [r.id, r])).values()]
        : [];
    return {
      itemId,
      meetingId: meeting.id,
      entries: followUpItems(
        rows.map((r) => this.toDomain(r)),
        localDate(meeting.startsAt),
      ),
    };
  }

  /**
   * Called by the meetings module when a meeting closes (inside its transaction): the team's open
   * actions go on the next meeting's `opvolging-acties` item, which is created when missing.
   */
  async fillFollowUp(tx: EntityManager, closed: MeetingEntity, next: MeetingEntity): Promise<void> {
    const open = await tx
      .createQueryBuilder(ActionEntity, 'a')
      .innerJoin(MeetingEntity, 'm', 'm.id = a.meeting_id')
      .where('a.team_id = :teamId', { teamId: closed.teamId })
      .andWhere('a.status = :status', { status: 'open' })
      .andWhere('m.starts_at < :before', { before: next.startsAt })
      .getMany();
    if (open.length === 0) return;
    const agenda = await tx.find(AgendaItemEntity, {
      where: { meetingId: next.id },
      order: { position: 'ASC' },
    });
    let followUp = agenda.find((i) => i.kind === 'opvolging-acties');
    if (!followUp) {
      for (const item of agenda)
        await tx.update(AgendaItemEntity, { id: item.id }, { position: item.position + 1 });
      followUp = await tx.save(
        tx.create(AgendaItemEntity, {
          meetingId: next.id,
          kind: 'opvolging-acties',
          title: '',
          presenterId: next.chairId,
          timeBoxMinutes: DEFAULT_FOLLOW_UP_MINUTES,
          position: 0,
          status: 'gepland',
          preparationId: null,
          carriedFromItemId: null,
        }),
      );
    }
    const itemId = followUp.id;
    await tx
      .createQueryBuilder()
      .insert()
      .into(FollowUpActionEntity)
      .values(open.map((a) => ({ agendaItemId: itemId, actionId: a.id })))
      .orIgnore()
      .execute();
  }

  /** Attendance: a user joined the meeting's live room (first join counts). */
  async recordAttendance(meetingId: string, userId: string): Promise<void> {
    try {
      await this.attendance
        .createQueryBuilder()
        .insert()
        .values({ meetingId, userId, firstJoinedAt: this.clock.now() })
        .orIgnore()
        .execute();
    } catch (error) {
      this.logger.warn({ err: error, meetingId }, 'Attendance not recorded');
    }
  }

  /* ---------- minutes ---------- */

  private canWriteMinutes(actor: Actor, meeting: MeetingEntity): boolean {
    return meeting.chairId === actor.userId || meeting.minuteTakerId === actor.userId;
  }

  async generateMinutes(actor: Actor, meetingId: string): Promise<MinutesView> {
    const meeting = await this.meetingFor(actor, meetingId);
    RequestContext.note({ objectType: 'minutes', objectId: meetingId });
    if (!this.canWriteMinutes(actor, meeting))
      throw new DomainError('FORBIDDEN', 'Only the chair or the minute taker writes the minutes');
    const manager = this.meetings.manager;
    await this.assertNotApproved(manager, meetingId);
    const items = await manager.findBy(AgendaItemEntity, { meetingId });
    const prepIds = items.map((i) => i.preparationId).filter((id): id is string => id !== null);
    const preps =
      prepIds.length === 0 ? [] : await manager.findBy(PreparationEntity, { id: In(prepIds) });
    const questionOf = new Map(
      preps.map((p) => [
        p.id,
        typeof p.content['vraag'] === 'string' ? (p.content['vraag'] as string) : null,
      ]),
    );
    const members = await manager.findBy(MembershipEntity, { teamId: meeting.teamId });
    const joined = await this.attendance.findBy({ meetingId });
    const present = new Set(joined.map((j) => j.userId));
    const roleOf = (userId: string): LiveRole =>
      meeting.chairId === userId
        ? 'chair'
        : meeting.timekeeperId === userId
          ? 'timekeeper'
          : meeting.minuteTakerId === userId
            ? 'minute-taker'
            : 'member';
    const memberIds = new Set(members.map((m) => m.userId));
    // Present without being on the team: invited guest specialists, named as invited.
    const outsiderIds = [...present].filter((userId) => !memberIds.has(userId));
    const outsiders = new Map(
      (outsiderIds.length === 0
        ? []
        : await manager.findBy(UserEntity, { id: In(outsiderIds) })
      ).map((u) => [u.id, u]),
    );
    const userIds = new Set([...memberIds, ...present]);
    const attendance: AttendanceInput[] = [...userIds].map((userId) => {
      const outsider = outsiders.get(userId);
      return {
        userId,
        role: outsider?.kind === 'guest' ? 'guest' : roleOf(userId),
        present: present.has(userId),
        ...(outsider ? { name: outsider.displayName } : {}),
      };
    });
    const notesText: Record<string, string> = {};
    if (this.notes)
      for (const item of items) {
        const text = await this.notes.plainText(item.id);
        if (text.trim() !== '') notesText[item.id] = text;
      }
    const decisions = await this.decisions.find({
      where: { meetingId },
      order: { decidedAt: 'ASC', id: 'ASC' },
    });
    const actions = await this.actions.find({
      where: { meetingId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    // Time per item and phase from the room's log, up to the close (or now, for a meeting on).
    const logged = await manager.find(MeetingEventEntity, {
      where: { meetingId },
      order: { seq: 'ASC' },
      select: { type: true, payload: true, at: true, seq: true },
    });
    const spent = timeSpent(
      logged.map((e) => ({ type: e.type, payload: eventPayload(e.payload), at: e.at.getTime() })),
      Object.fromEntries(items.map((i) => [i.id, i.kind])),
      meeting.status === 'afgesloten'
        ? Math.max(meeting.updatedAt.getTime(), logged.at(-1)?.at.getTime() ?? 0)
        : this.clock.now().getTime(),
    );
    const built = buildMinutes(
      {
        id: meeting.id,
        title: `Casuïstiekoverleg ${localDate(meeting.startsAt)}`,
        start: meeting.startsAt,
        end: new Date(meeting.startsAt.getTime() + meeting.durationMinutes * MINUTE_MS),
      },
      attendance,
      items.map((i) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        order: i.position,
        status: i.status,
        question: i.preparationId === null ? null : (questionOf.get(i.preparationId) ?? null),
        ...(spent[i.id] ? { timeSpentMs: spent[i.id]?.ms, phaseMs: spent[i.id]?.phases } : {}),
      })),
      notesText,
      decisions.map((d): Decision => ({
        id: d.id,
        agendaItemId: d.agendaItemId,
        type: d.type,
        text: d.text,
        rationale: d.rationale,
        decidedByUserId: d.decidedById,
        decidedAt: d.decidedAt.toISOString(),
      })),
      actions.map((a) => this.toDomain(a)),
    );
    if (!built.ok) throw conflict(built.error);
    const now = this.clock.now();
    const row = this.minutes.create({
      meetingId,
      status: 'draft',
      document: built.minutes,
      generatedById: actor.userId,
      generatedAt: now,
      approvedById: null,
      approvedAt: null,
      updatedAt: now,
    });
    await this.minutes.manager.transaction(async (tx) => {
      // Re-checked under the write: an approval in between wins.
      await this.assertNotApproved(tx, meetingId);
      await tx.save(row);
    });
    return this.minutesView(row);
  }

  private async minutesRow(actor: Actor, meetingId: string) {
    const meeting = await this.meetingFor(actor, meetingId);
    RequestContext.note({ objectType: 'minutes', objectId: meetingId });
    const row = await this.minutes.findOneBy({ meetingId });
    if (!row) throw new DomainError('NOT_FOUND', 'No minutes were generated for this meeting');
    return { meeting, row };
  }

  async readMinutes(actor: Actor, meetingId: string): Promise<MinutesView> {
    return this.minutesView((await this.minutesRow(actor, meetingId)).row);
  }

  async updateMinutes(actor: Actor, meetingId: string, input: UpdateMinutes): Promise<MinutesView> {
    const { meeting, row } = await this.minutesRow(actor, meetingId);
    if (!this.canWriteMinutes(actor, meeting))
      throw new DomainError('FORBIDDEN', 'Only the chair or the minute taker writes the minutes');
    if (!assertEditable(row).ok) throw approvedConflict();
    let doc = row.document;
    for (const change of input.items) {
      const revised = reviseItemNotes(doc, change.itemId, change.notes);
      if (!revised.ok) {
        if (revised.error === 'minutes-approved') throw approvedConflict();
        throw invalid([{ path: 'items.itemId', issue: revised.error }]);
      }
      doc = revised.minutes;
    }
    const now = this.clock.now();
    const result = await this.minutes
      .createQueryBuilder()
      .update()
      .set({ document: doc as never, updatedAt: now })
      .where('meeting_id = :meetingId AND status = :status', { meetingId, status: 'draft' })
      .execute();
    if (!result.affected) throw approvedConflict();
    return this.minutesView({ ...row, document: doc, updatedAt: now });
  }

  async approveMinutes(actor: Actor, meetingId: string): Promise<MinutesView> {
    const { meeting, row } = await this.minutesRow(actor, meetingId);
    if (meeting.chairId !== actor.userId)
      throw new DomainError('FORBIDDEN', 'Only the chair approves the minutes');
    const now = this.clock.now();
    const approved = approveMinutes(row.document, actor.userId, now);
    if (!approved.ok) throw approvedConflict();
    const result = await this.minutes
      .createQueryBuilder()
      .update()
      .set({
        status: 'approved',
        document: approved.minutes as never,
        approvedById: actor.userId,
        approvedAt: now,
        updatedAt: now,
      })
      .where('meeting_id = :meetingId AND status = :status', { meetingId, status: 'draft' })
      .execute();
    if (!result.affected) throw approvedConflict();
    return this.minutesView({
      ...row,
      status: 'approved',
      document: approved.minutes,
      approvedById: actor.userId,
      approvedAt: now,
      updatedAt: now,
    });
  }

  /* ---------- views ---------- */

  private minutesView(row: MinutesEntity): MinutesView {
    return {
      ...row.document,
      status: row.status,
      generatedAt: row.generatedAt.toISOString(),
      generatedByUserId: row.generatedById,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private toDomain(r: ActionEntity): Action {
    return {
      id: r.id,
      agendaItemId: r.agendaItemId,
      decisionId: r.decisionId,
      description: r.description,
      ownerUserId: r.ownerId,
      due: r.due,
      status: r.status,
    };
  }

  private decisionView(d: DecisionEntity): DecisionView {
    return {
      id: d.id,
      meetingId: d.meetingId,
      agendaItemId: d.agendaItemId,
      type: d.type,
      text: d.text,
      rationale: d.rationale,
      decidedByUserId: d.decidedById,
      recordedByUserId: d.recordedById,
      decidedAt: new Date(d.decidedAt).toISOString(),
    };
  }

  private actionView(a: ActionEntity): ActionView {
    return {
      id: a.id,
      meetingId: a.meetingId,
      teamId: a.teamId,
      agendaItemId: a.agendaItemId,
      decisionId: a.decisionId,
      description: a.description,
      ownerUserId: a.ownerId,
      due: a.due,
      status: a.status,
      createdByUserId: a.createdById,
      createdAt: new Date(a.createdAt).toISOString(),
      updatedAt: new Date(a.updatedAt).toISOString(),
    };
  }
}
