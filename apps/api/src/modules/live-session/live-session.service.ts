// One service on purpose: the live-session engine's single entry for every session kind (issue 11, "one service"); its parts (access, cache, repository, broadcaster, kinds) are files of their own.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { z } from 'zod';
import type {
  ActionView,
  createActionSchema,
  createDecisionSchema,
  DecisionView,
  MeetingCommandResult,
  MeetingJoinResult,
  RecordCommandResult,
  SessionCommandResult,
  SessionJoinResult,
  SessionView,
  updateActionStatusSchema,
  ValidationIssue,
} from '@casustafel/contracts';
import {
  actionCreateSchema,
  applyCommand,
  applyEvent,
  assertEditable,
  decisionSchema,
  type LiveCommandInput,
  type LiveEvent,
  type LiveRecordEventType,
  type LiveRoomError,
  type LiveRoomState,
  recordEvent,
  setActionStatus,
  applySessionCommand,
  createSessionRoom,
  endSessionRoom,
  recordChangedInRoom,
  lockedOut,
  seatOutsideTeam,
  projectEvent,
  projectState,
  type SessionCommandInput,
  type SessionEvent,
  type SessionKind,
  type SessionRoomState,
} from '@casustafel/domain';
import type { EntityManager } from 'typeorm';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, forbidden, invalid, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { validationIssues } from '../../common/validation/issue-path';
import { MembershipEntity } from '../identity/membership.entity';
import {
  ActionEntity,
  ActionUpdateEntity,
  DecisionEntity,
  MinutesEntity,
} from '../meeting-records/meeting-records.entities';
import { AgendaItemEntity, type MeetingEntity } from '../meetings/meeting.entities';
import { LIVE_PURPOSE, LiveAccess } from './live-access';
import { type ItemStatus, type LockedRoom, LiveRoomRepository } from './live-room.repository';
import { actionView, decisionView, localDate } from './record-views';
import { SessionKinds } from './session-kinds';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw forbidden('this meeting');
  return value;
}

type CreateDecision = z.output<typeof createDecisionSchema>;
type CreateAction = z.output<typeof createActionSchema>;
type UpdateActionStatus = z.output<typeof updateActionStatusSchema>;

/**
 * One committed event of a room: what the broadcaster sends, and what others listen to. A case
 * meeting's room, or a session of another kind (sent to each role as its projection).
 */
export type Committed =
  | {
      kind: 'case-meeting';
      meetingId: string;
      event: LiveEvent;
      /** The room after the event. */
      state: LiveRoomState;
    }
  | { kind: 'session'; sessionId: string; sessionKind: SessionKind; event: SessionEvent };

/** The result of one live command, with the event broadcast after the commit. */
export interface CommandOutcome {
  result: MeetingCommandResult;
  event: LiveEvent | null;
  state: LiveRoomState | null;
}

const ROOM_ERROR_CODES: Partial<Record<LiveRoomError, 'FORBIDDEN' | 'VALIDATION_FAILED'>> = {
  'not-permitted': 'FORBIDDEN',
  'invalid-command': 'VALIDATION_FAILED',
  'wrong-meeting': 'VALIDATION_FAILED',
};

/** The agenda items whose status an event changed (the agenda follows the room). */
function changedStatuses(before: LiveRoomState, after: LiveRoomState): ItemStatus[] {
  const was = new Map(before.items.map((item) => [item.id, item.status]));
  return after.items
    .filter((item) => was.get(item.id) !== item.status)
    .map((item) => ({ id: item.id, status: item.status }));
}

/** The state after a record event (only the seq moves). */
function afterRecord(state: LiveRoomState, event: LiveEvent): LiveRoomState {
  const applied = applyEvent(state, event);
  if (!applied.ok) throw new Error(`live room: own event refused (${applied.error})`);
  return applied.state;
}

/**
 * The live session engine: join (snapshot or the events since a seq, read from the log),
 * commands, decisions and actions — every change of a room is one event in the room's one
 * sequence, committed by `LiveRoomRepository`, then published once on `committed$` (the
 * broadcaster sends it; guests' projections and notifications listen). A command id is unique
 * per room: a retry answers the original seq (`duplicate: true`). Planning (meetings) and
 * records (minutes) read rooms through `roomOf`.
 */
@Injectable()
export class LiveSessionService {
  readonly committed$ = new Subject<Committed>();
  /** A room was closed (by planning): members and guests are told, nothing more is accepted. */
  readonly closed$ = new Subject<string>();

  constructor(
    private readonly rooms: LiveRoomRepository,
    private readonly access: LiveAccess,
    private readonly clock: Clock,
    private readonly kinds: SessionKinds,
  ) {}

  /* ---------- reading a room ---------- */

  /**
   * May this actor enter the meeting's live room? Throws FORBIDDEN otherwise. Gateways call it
   * before they put a socket in any room of the meeting (check first, join after).
   */
  async assertRoomAccess(actor: Actor, meetingId: string): Promise<void> {
    // A room this instance knows needs no read: its team and id do not change.
    const known = this.rooms.known(meetingId);
    if (known) this.access.assertParticipant(actor, known);
    else await this.access.assertMayEnter(actor, meetingId);
  }

  /** A member joins: the snapshot, or exactly the events after `lastSeq` (from the log). */
  async join(actor: Actor, meetingId: string, lastSeq?: number): Promise<MeetingJoinResult> {
    // The stored row, not this instance's cached copy: another instance may have committed
    // since (its events reach the sockets here through the adapter, not this cache), and a join
    // must answer every acknowledged event.
    const meeting = await this.access.meetingFor(actor, meetingId);
    if (lastSeq !== undefined) {
      const missed = await this.rooms.eventsAfter(meetingId, lastSeq, meeting.seq);
      if (missed !== null) return { seq: meeting.seq, events: missed };
    }
    return { seq: meeting.seq, snapshot: await this.rooms.stateOf(meeting) };
  }

  /** The current room of a meeting (planning, records and guests' projections read it here). */
  async roomOf(meetingId: string): Promise<LiveRoomState | null> {
    // Stored, not cached: another instance may have moved the room on.
    const meeting = await this.rooms.find(meetingId);
    return meeting ? this.rooms.stateOf(meeting) : null;
  }

  /** The live room of a guest's meeting, to be projected onto the invited items by the caller. */
  async roomForGuest(actor: Actor, meetingId: string): Promise<LiveRoomState> {
    if (!actor.guest) throw forbidden('this meeting');
    return this.rooms.stateOf(await this.access.meetingFor(actor, meetingId));
  }

  recordAttendance(meetingId: string, userId: string): Promise<void> {
    return this.rooms.recordAttendance(meetingId, userId);
  }

  /** Planning closed the meeting: forget the room here and tell everyone in it. */
  roomClosed(meetingId: string): void {
    this.rooms.forget(meetingId);
    this.closed$.next(meetingId);
  }

  private publish(meetingId: string, event: LiveEvent, state: LiveRoomState): void {
    this.committed$.next({ kind: 'case-meeting', meetingId, event, state });
  }

  /* ---------- commands ---------- */

  /**
   * Applies one command; the event and the new state are committed together before the caller
   * acks. Usually in one statement against the room as this instance knows it; otherwise, or
   * when that room turns out stale or the command id is known, under the room's row lock.
   */
  async command(actor: Actor, command: LiveCommandInput): Promise<CommandOutcome> {
    const outcome =
      (await this.applyKnown(actor, command)) ?? (await this.applyLocked(actor, command));
    if (outcome.event && outcome.state)
      this.publish(command.meetingId, outcome.event, outcome.state);
    return outcome;
  }

  private reduce(
    actor: Actor,
    meeting: MeetingEntity,
    state: LiveRoomState,
    command: LiveCommandInput,
  ) {
    return applyCommand(state, command, {
      actorUserId: actor.userId,
      actorRoles: this.access.rolesOf(actor, meeting),
      now: this.clock.now().getTime(),
      guestItemIds: actor.guest?.itemIds,
    });
  }

  private async applyKnown(
    actor: Actor,
    command: LiveCommandInput,
  ): Promise<CommandOutcome | null> {
    const meeting = this.rooms.known(command.meetingId);
    if (!meeting?.liveState) return null;
    this.access.assertParticipant(actor, meeting);
    const state = meeting.liveState;
    const applied = this.reduce(actor, meeting, state, command);
    // A refusal is decided under the lock, with the log at hand (it may be a retry).
    if (!applied.ok) return null;
    const { event } = applied;
    const statuses = changedStatuses(state, applied.state);
    if (!(await this.rooms.commitKnown(meeting, applied.state, event, actor.userId, statuses)))
      return null;
    return { result: { seq: event.seq, duplicate: false }, event, state: applied.state };
  }

  /**
   * The seq a retried command was committed with; a conflict when the id is someone else's (or,
   * for a record, names another kind of record).
   */
  private async retried(
    room: LockedRoom,
    actor: Actor,
    commandId: string,
    recordType?: LiveRecordEventType,
  ): Promise<{ seq: number; event: LiveEvent } | null> {
    const logged = await room.logged(commandId);
    if (!logged) return null;
    if (logged.actorId !== actor.userId || (recordType && logged.type !== recordType))
      throw conflict('command-id-reused', 'commandId');
    return { seq: logged.seq, event: logged.payload as unknown as LiveEvent };
  }

  private async applyLocked(actor: Actor, command: LiveCommandInput): Promise<CommandOutcome> {
    const outcome = await this.rooms.inLockedRoom(command.meetingId, actor.userId, async (room) => {
      const { meeting } = room;
      this.access.assertParticipant(actor, meeting);
      if (meeting.status === 'afgesloten' || meeting.status === 'geannuleerd')
        throw conflict(`meeting-${meeting.status}`);
      const duplicate = async (): Promise<CommandOutcome | null> => {
        const earlier = await this.retried(room, actor, command.commandId);
        return (
          earlier && { result: { seq: earlier.seq, duplicate: true }, event: null, state: null }
        );
      };
      const state = room.state;
      const applied = this.reduce(actor, meeting, state, command);
      if (!applied.ok) {
        const earlier = await duplicate();
        if (earlier) return earlier;
        const code = ROOM_ERROR_CODES[applied.error];
        if (code === 'FORBIDDEN') throw new DomainError('FORBIDDEN', `Refused: ${applied.error}`);
        if (code) throw invalidAt('', applied.error);
        throw conflict(applied.error);
      }
      const { event } = applied;
      if (!(await room.commit(applied.state, event, changedStatuses(state, applied.state)))) {
        const earlier = await duplicate();
        if (earlier) return earlier;
        throw conflict('seq-taken');
      }
      return { result: { seq: event.seq, duplicate: false }, event, state: applied.state };
    });
    if (!outcome) throw forbidden('this meeting');
    return outcome;
  }

  /* ---------- decisions and actions: events of the same sequence ---------- */

  /**
   * Commits a decision or action in the room's sequence under its lock: `write` validates and
   * writes the record and answers its view; the event follows in the same transaction. A known
   * command id answers the original seq and record.
   */
  private async recordInRoom<T extends DecisionView | ActionView>(
    actor: Actor,
    meetingId: string,
    type: LiveRecordEventType,
    commandId: string,
    write: (room: LockedRoom) => Promise<T>,
  ): Promise<RecordCommandResult<T>> {
    const key = type === 'decision:created' ? 'decision' : 'action';
    const outcome = await this.rooms.inLockedRoom(meetingId, actor.userId, async (room) => {
      this.access.assertMember(actor, room.meeting);
      const earlier = await this.retried(room, actor, commandId, type);
      if (earlier) {
        const payload = earlier.event.payload as Record<string, unknown>;
        return { seq: earlier.seq, duplicate: true, record: payload[key] as T, event: null };
      }
      const record = await write(room);
      const event = recordEvent(room.state, type, { [key]: record } as never, {
        commandId,
        actorUserId: actor.userId,
        at: this.clock.now().getTime(),
      });
      const next = afterRecord(room.state, event);
      if (!(await room.commit(next, event))) throw conflict('command-id-reused', 'commandId');
      return { seq: event.seq, duplicate: false, record, event: { event, next } };
    });
    if (!outcome) throw forbidden('this meeting');
    if (outcome.event) this.publish(meetingId, outcome.event.event, outcome.event.next);
    return { seq: outcome.seq, duplicate: outcome.duplicate, record: outcome.record };
  }

  private async assertNotApproved(room: LockedRoom, meetingId: string): Promise<void> {
    const row = await room.tx.findOneBy(MinutesEntity, { meetingId });
    if (row && !assertEditable(row).ok) throw conflict('minutes-approved', 'minutes');
  }

  private async assertOnAgenda(room: LockedRoom, itemId: string): Promise<void> {
    const item = await room.tx.findOneBy(AgendaItemEntity, {
      id: itemId,
      meetingId: room.meeting.id,
    });
    if (!item) throw invalidAt('itemId', 'not-on-agenda');
  }

  async createDecision(
    actor: Actor,
    meetingId: string,
    input: CreateDecision,
  ): Promise<RecordCommandResult<DecisionView>> {
    const outcome = await this.recordInRoom(
      actor,
      meetingId,
      'decision:created',
      input.commandId,
      async (room) => {
        const { tx, meeting } = room;
        await this.assertNotApproved(room, meetingId);
        await this.assertOnAgenda(room, input.itemId);
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
          throw invalid(
            validationIssues(parsed.error.issues, decisionSchema, (i) => i.message || i.code),
          );
        const row = tx.create(DecisionEntity, {
          id,
          meetingId,
          agendaItemId: input.itemId,
          commandId: input.commandId,
          type: parsed.data.type,
          text: parsed.data.text,
          rationale: parsed.data.rationale,
          decidedById: decidedBy,
          recordedById: actor.userId,
          decidedAt: now,
        });
        await tx.insert(DecisionEntity, row as never);
        return decisionView(row);
      },
    );
    RequestContext.note({ objectType: 'decision', objectId: outcome.record.id });
    return outcome;
  }

  async createAction(
    actor: Actor,
    meetingId: string,
    input: CreateAction,
  ): Promise<RecordCommandResult<ActionView>> {
    const outcome = await this.recordInRoom(
      actor,
      meetingId,
      'action:created',
      input.commandId,
      async (room) => {
        const { tx, meeting } = room;
        await this.assertNotApproved(room, meetingId);
        await this.assertOnAgenda(room, input.itemId);
        const issues: ValidationIssue[] = [];
        if (
          (await tx.countBy(MembershipEntity, {
            teamId: meeting.teamId,
            userId: input.ownerUserId,
          })) === 0
        )
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
          ))
            issues.push({ path: i.path === 'description' ? 'text' : i.path, issue: i.issue });
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
        return actionView(row);
      },
    );
    RequestContext.note({ objectType: 'action', objectId: outcome.record.id });
    return outcome;
  }

  /**
   * Changes an action's status (open → gereed / vervallen, or reopened), as an event of
   * `meetingId`'s room (the action's own meeting, or a later meeting of the team that follows it
   * up; REST passes null: the action's own meeting).
   */
  async updateActionStatus(
    actor: Actor,
    meetingId: string | null,
    input: UpdateActionStatus,
  ): Promise<RecordCommandResult<ActionView>> {
    RequestContext.note({ objectType: 'action', objectId: input.actionId, purpose: LIVE_PURPOSE });
    const found = await this.rooms.findAction(input.actionId);
    if (!found) throw forbidden('this meeting');
    const roomId = meetingId ?? found.meetingId;
    const outcome = await this.recordInRoom(
      actor,
      roomId,
      'action:updated',
      input.commandId,
      async (room) => {
        const { tx, meeting } = room;
        const action = await tx.findOneBy(ActionEntity, { id: input.actionId });
        if (!action || meeting.teamId !== action.teamId) throw forbidden('this meeting');
        await this.assertNotApproved(room, action.meetingId);
        if (!setActionStatus(action, input.status).ok)
          throw conflict('status-not-allowed', 'status');
        const now = this.clock.now();
        action.status = input.status;
        action.updatedAt = now;
        await tx.update(ActionEntity, { id: action.id }, { status: input.status, updatedAt: now });
        await tx.insert(ActionUpdateEntity, {
          meetingId: meeting.id,
          actionId: action.id,
          commandId: input.commandId,
          status: input.status,
          seq: room.state.seq + 1,
          actorId: actor.userId,
          at: now,
        });
        return actionView(action);
      },
    );
    RequestContext.note({
      objectType: 'action',
      objectId: outcome.record.id,
      context: { meetingId: roomId },
    });
    return outcome;
  }

  /* ---------- sessions of other kinds ---------- */

  /** Opens a session of a registered kind for members of a team, each in one of its roles. */
  async createSession(
    kindId: string,
    teamId: string,
    members: { userId: string; role: string }[],
    manager?: EntityManager,
  ): Promise<string> {
    const kind = await this.kinds.resolve(kindId);
    if (!kind) throw new Error(`unknown session kind ${kindId}`);
    for (const m of members)
      if (!kind.roles.includes(m.role)) throw new Error(`${kindId} has no role ${m.role}`);
    const state = createSessionRoom(kind, randomUUID(), this.clock.now().getTime());
    return (await this.rooms.createSession(kind.id, teamId, state, members, manager)).id;
  }

  /**
   * The server ends a session (its owner decided so; not a command of any role): one last
   * event that every role receives, after which every command is refused. False when it had
   * ended already.
   */
  async endSession(sessionId: string, actorUserId: string): Promise<boolean> {
    const outcome = await this.rooms.inLockedSession(sessionId, actorUserId, async (room) => {
      const ended = endSessionRoom(room.session.state as unknown as SessionRoomState, {
        commandId: randomUUID(),
        actorUserId,
        now: this.clock.now().getTime(),
      });
      if (!ended.ok) return null;
      if (!(await room.commit(ended.state, ended.event))) throw conflict('seq-taken');
      return { kindId: room.session.kind, event: ended.event };
    });
    if (!outcome) return false;
    // Resolved after the lock (a resolver may read the store; the embedded one has one connection).
    const kind = await this.kinds.resolve(outcome.kindId);
    if (kind)
      this.committed$.next({ kind: 'session', sessionId, sessionKind: kind, event: outcome.event });
    return true;
  }

  /**
   * The server announces that a record its owner keeps outside the room changed (a family
   * conference's plan or bottom lines): one content-free `record:changed` under the next seq,
   * sent like every event (a role locked out of the phase receives nothing). False when the
   * session has ended or does not exist.
   */
  async recordChanged(sessionId: string, actorUserId: string, record: string): Promise<boolean> {
    const outcome = await this.rooms.inLockedSession(sessionId, actorUserId, async (room) => {
      const changed = recordChangedInRoom(room.session.state as unknown as SessionRoomState, {
        commandId: randomUUID(),
        actorUserId,
        now: this.clock.now().getTime(),
        record,
      });
      if (!changed.ok) return null;
      if (!(await room.commit(changed.state, changed.event))) throw conflict('seq-taken');
      return { kindId: room.session.kind, event: changed.event };
    });
    if (!outcome) return false;
    const kind = await this.kinds.resolve(outcome.kindId);
    if (kind)
      this.committed$.next({ kind: 'session', sessionId, sessionKind: kind, event: outcome.event });
    return true;
  }

  /**
   * The session, its kind and the actor's role; FORBIDDEN for a non-member, and for a role
   * locked out of the current phase (no byte of the session reaches it meanwhile).
   */
  private async sessionFor(actor: Actor, sessionId: string) {
    RequestContext.note({ objectType: 'live-session', objectId: sessionId, purpose: LIVE_PURPOSE });
    const found = actor.guest ? null : await this.rooms.sessionAndRole(sessionId, actor.userId);
    const kind = found && (await this.kinds.resolve(found.session.kind));
    if (!found || !kind) throw forbidden('this meeting');
    // A seat holds only while its holder is in the session's team (unless the kind says the
    // role may be held from outside it): leaving the team ends the session for them at once.
    if (!seatOutsideTeam(kind, found.role) && !actor.teams.has(found.session.teamId))
      throw forbidden('this meeting');
    RequestContext.note({ context: { teamId: found.session.teamId } });
    const state = found.session.state as unknown as SessionRoomState;
    if (lockedOut(kind, state.phase, found.role))
      throw new DomainError('FORBIDDEN', 'This phase is closed to your role');
    return { ...found, kind, state };
  }

  /** Check first (the gateway joins the role's room only after this), then read. */
  async assertSessionAccess(actor: Actor, sessionId: string): Promise<string> {
    return (await this.sessionFor(actor, sessionId)).role;
  }

  /** A snapshot or the events after `lastSeq`, as the actor's role may see them. */
  async joinSession(actor: Actor, sessionId: string, lastSeq?: number): Promise<SessionJoinResult> {
    const { kind, role, state, session } = await this.sessionFor(actor, sessionId);
    if (lastSeq !== undefined) {
      const log = await this.rooms.sessionEventsAfter(sessionId, lastSeq, session.seq);
      const visible = log?.map((e) => projectEvent(kind, e, role));
      // An event the role may not have (a private phase in between): a snapshot instead.
      if (visible && visible.every((e) => e !== null))
        return { seq: session.seq, role, events: visible };
    }
    return { seq: session.seq, role, snapshot: must(projectState(kind, state, role)) };
  }

  /** `GET /api/live-sessions/:id`: the same projection over REST. */
  async readSession(actor: Actor, sessionId: string): Promise<SessionView> {
    const { kind, role, state, session } = await this.sessionFor(actor, sessionId);
    return {
      id: session.id,
      kind: kind.id,
      role,
      seq: session.seq,
      state: must(projectState(kind, state, role)),
    };
  }

  /** One command of a session, committed under its lock; the ack carries no contribution. */
  async sessionCommand(actor: Actor, command: SessionCommandInput): Promise<SessionCommandResult> {
    const { kind, role } = await this.sessionFor(actor, command.sessionId);
    const outcome = await this.rooms.inLockedSession(
      command.sessionId,
      actor.userId,
      async (room) => {
        const logged = await room.logged(command.commandId);
        if (logged) {
          if (logged.actorId !== actor.userId) throw conflict('command-id-reused', 'commandId');
          return { seq: logged.seq, duplicate: true, event: null };
        }
        const state = room.session.state as unknown as SessionRoomState;
        const applied = applySessionCommand(kind, state, command, {
          actorUserId: actor.userId,
          role,
          now: this.clock.now().getTime(),
          newId: randomUUID,
        });
        if (!applied.ok) {
          if (applied.error === 'not-permitted')
            throw new DomainError('FORBIDDEN', `Refused: ${applied.error}`);
          if (applied.error === 'session-ended')
            throw new DomainError('SESSION_ENDED', 'The session has ended');
          if (
            applied.error === 'invalid-command' ||
            applied.error === 'wrong-session' ||
            applied.error === 'invalid-rating'
          )
            throw invalidAt('', applied.error);
          throw conflict(applied.error);
        }
        if (!(await room.commit(applied.state, applied.event)))
          throw conflict('command-id-reused', 'commandId');
        return { seq: applied.event.seq, duplicate: false, event: applied.event };
      },
    );
    if (!outcome) throw forbidden('this meeting');
    if (outcome.event)
      this.committed$.next({
        kind: 'session',
        sessionId: command.sessionId,
        sessionKind: kind,
        event: outcome.event,
      });
    return { seq: outcome.seq, duplicate: outcome.duplicate };
  }
}
