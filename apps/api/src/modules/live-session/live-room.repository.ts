import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, MoreThan, Repository } from 'typeorm';
import {
  compactLiveRoomState,
  createLiveRoomState,
  eventsSince,
  type LiveEvent,
  type LiveRoomState,
  type SessionEvent,
  type SessionRoomState,
  sortByOrder,
} from '@casustafel/domain';
import { Clock } from '../../common/time/clock';
import { isUniqueViolation } from '../../database';
import { ActionEntity, AttendanceEntity } from '../meeting-records/meeting-records.entities';
import { AgendaItemEntity, MeetingEntity, MeetingEventEntity } from '../meetings/meeting.entities';
import { AttendanceWriter } from './attendance-writer';
import { LiveRoomCache } from './live-room-cache';
import {
  LiveSessionEntity,
  LiveSessionEventEntity,
  LiveSessionMemberEntity,
} from './live-session.entities';

/** A join further behind than this many events gets a snapshot instead of the events. */
export const JOIN_REPLAY_MAX = 500;

/** An item whose status an event changed (the agenda follows the room). */
export interface ItemStatus {
  id: string;
  status: string;
}

/**
 * One event against a known room (see `commitKnown`): the meeting's update only when its row is
 * as known ($5 seq, $6 updated-at, still open); the event and the changed agenda item statuses
 * only with that update. A command id already in the log fails the whole statement.
 */
const COMMIT_KNOWN_SQL = `
WITH "room" AS (
  UPDATE "meeting"
     SET "live_state" = $2::jsonb, "seq" = $3, "status" = 'live', "updated_at" = $4
   WHERE "id" = $1 AND "seq" = $5 AND date_trunc('milliseconds', "updated_at") = $6
     AND "status" NOT IN ('afgesloten', 'geannuleerd')
  RETURNING "id"
), "event" AS (
  INSERT INTO "meeting_event" ("meeting_id", "seq", "command_id", "type", "payload", "actor_id", "at")
  SELECT "id", $3, $7::uuid, $8, $9::jsonb, $10::uuid, $11 FROM "room"
), "items" AS (
  UPDATE "agenda_item" AS "a" SET "status" = "s"."status"
    FROM jsonb_to_recordset($12::jsonb) AS "s"("id" uuid, "status" varchar)
   WHERE "a"."id" = "s"."id" AND "a"."meeting_id" IN (SELECT "id" FROM "room")
)
SELECT (SELECT count(*) FROM "room")::int AS "updated"`;

/** A room read under its row lock, inside the transaction that may commit its next events. */
export interface LockedRoom {
  tx: EntityManager;
  meeting: MeetingEntity;
  /** The room as last committed (built from the agenda before the first event). */
  state: LiveRoomState;
  /** The event this command id was committed with, if any (the one idempotency rule). */
  logged(commandId: string): Promise<MeetingEventEntity | null>;
  /**
   * Appends the next event and the state it leads to (with the changed agenda statuses).
   * False when the command id is in the log already (nothing written).
   */
  commit(next: LiveRoomState, event: LiveEvent, statuses?: ItemStatus[]): Promise<boolean>;
}

/**
 * The only writer of a live room's rows: the meeting's room state and seq, its events (the
 * replay log), the agenda statuses that follow the room, and (through `LockedRoom`) the
 * decisions and actions committed as the room's events. Owns `LiveRoomCache`, the rooms as this
 * instance last committed or read them.
 */
@Injectable()
export class LiveRoomRepository {
  private readonly logger = new Logger(LiveRoomRepository.name);
  private readonly attendance: AttendanceWriter;

  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingEventEntity) private readonly events: Repository<MeetingEventEntity>,
    @InjectRepository(AttendanceEntity) attendance: Repository<AttendanceEntity>,
    private readonly cache: LiveRoomCache,
    private readonly clock: Clock,
  ) {
    this.attendance = new AttendanceWriter(attendance, clock, this.logger);
  }

  /** The room as this instance last knew it (a hint: writes based on it are conditional). */
  known(meetingId: string): MeetingEntity | undefined {
    return this.cache.get(meetingId);
  }

  forget(meetingId: string): void {
    this.cache.forget(meetingId);
  }

  async find(meetingId: string, manager?: EntityManager): Promise<MeetingEntity | null> {
    return (manager ?? this.meetings.manager).findOneBy(MeetingEntity, { id: meetingId });
  }

  /** The stored room, or the room before its first event (built from the agenda). */
  async stateOf(meeting: MeetingEntity, manager?: EntityManager): Promise<LiveRoomState> {
    if (meeting.liveState !== null) return compactLiveRoomState(meeting.liveState);
    const rows = await (manager ?? this.meetings.manager).findBy(AgendaItemEntity, {
      meetingId: meeting.id,
    });
    return createLiveRoomState(
      meeting.id,
      sortByOrder(rows.map((r) => ({ ...r, order: r.position }))),
    );
  }

  /**
   * The events after `lastSeq` up to `latestSeq`, read from the log; null when a snapshot is
   * the better answer (too far behind, or a seq this room never had).
   */
  async eventsAfter(
    meetingId: string,
    lastSeq: number,
    latestSeq: number,
  ): Promise<LiveEvent[] | null> {
    if (lastSeq === latestSeq) return [];
    if (lastSeq > latestSeq || latestSeq - lastSeq > JOIN_REPLAY_MAX) return null;
    const log = await this.events.find({
      select: { payload: true },
      where: { meetingId, seq: MoreThan(lastSeq) },
      order: { seq: 'ASC' },
      take: latestSeq - lastSeq,
    });
    return eventsSince(
      log.map((e) => e.payload as unknown as LiveEvent),
      lastSeq,
      latestSeq,
    );
  }

  /**
   * The next event against the room this instance knows, in one statement (see
   * `COMMIT_KNOWN_SQL`). False when the row had changed meanwhile or the command id was taken:
   * nothing was written and the caller takes the locked path.
   */
  async commitKnown(
    meeting: MeetingEntity,
    next: LiveRoomState,
    event: LiveEvent,
    actorId: string,
    statuses: ItemStatus[],
  ): Promise<boolean> {
    const now = this.clock.now();
    let written: { updated: number }[] = [];
    try {
      written = (await this.meetings.query(COMMIT_KNOWN_SQL, [
        meeting.id,
        JSON.stringify(next),
        event.seq,
        now,
        meeting.seq,
        meeting.updatedAt,
        event.commandId,
        event.type,
        JSON.stringify(event),
        actorId,
        new Date(event.at),
        JSON.stringify(statuses),
      ])) as { updated: number }[];
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    if (written[0]?.updated !== 1) {
      this.cache.forget(meeting.id);
      return false;
    }
    this.cache.put({ ...meeting, liveState: next, seq: next.seq, status: 'live', updatedAt: now });
    return true;
  }

  /**
   * Runs `work` on the room under its row lock (null when the meeting does not exist). What was
   * read and what was committed is kept for the next command once the transaction committed.
   */
  async inLockedRoom<T>(
    meetingId: string,
    actorId: string,
    work: (room: LockedRoom) => Promise<T>,
  ): Promise<T | null> {
    const kept: { latest: MeetingEntity | null } = { latest: null };
    const result = await this.meetings.manager.transaction(async (tx) => {
      const meeting = await tx
        .createQueryBuilder(MeetingEntity, 'm')
        .setLock('pessimistic_write')
        .where('m.id = :id', { id: meetingId })
        .getOne();
      if (!meeting) return null;
      kept.latest = meeting;
      let current = meeting;
      const room: LockedRoom = {
        tx,
        meeting,
        state: await this.stateOf(meeting, tx),
        logged: (commandId) => tx.findOneBy(MeetingEventEntity, { meetingId, commandId }),
        commit: async (next, event, statuses = []) => {
          const inserted = await tx
            .createQueryBuilder()
            .insert()
            .into(MeetingEventEntity)
            .values({
              meetingId,
              seq: event.seq,
              commandId: event.commandId,
              type: event.type,
              payload: event as never,
              actorId,
              at: new Date(event.at),
            })
            .orIgnore()
            .returning(['id'])
            .updateEntity(false)
            .execute();
          if ((inserted.raw as unknown[]).length === 0) return false;
          const now = this.clock.now();
          const status = current.status === 'afgesloten' ? 'afgesloten' : 'live';
          await tx.update(
            MeetingEntity,
            { id: meetingId },
            { liveState: next as never, seq: event.seq, status, updatedAt: now },
          );
          for (const item of statuses)
            await tx.update(AgendaItemEntity, { id: item.id }, { status: item.status as never });
          current = { ...current, liveState: next, seq: next.seq, status, updatedAt: now };
          kept.latest = current;
          room.state = next;
          return true;
        },
      };
      return work(room);
    });
    if (kept.latest) this.cache.put(kept.latest);
    return result;
  }

  /* ---------- sessions of other kinds ---------- */

  async createSession(
    kind: string,
    teamId: string,
    state: SessionRoomState,
    members: { userId: string; role: string }[],
    manager?: EntityManager,
  ): Promise<LiveSessionEntity> {
    // Inside the caller's transaction when given (a session and its owner's row commit together).
    const inTx = <T>(work: (tx: EntityManager) => Promise<T>) =>
      manager ? work(manager) : this.meetings.manager.transaction(work);
    return inTx(async (tx) => {
      const now = this.clock.now();
      const session = await tx.save(
        tx.create(LiveSessionEntity, {
          kind,
          teamId,
          state: {},
          seq: 0,
          createdAt: now,
          updatedAt: now,
        }),
      );
      session.state = { ...state, sessionId: session.id } as never;
      await tx.update(LiveSessionEntity, { id: session.id }, { state: session.state as never });
      for (const m of members)
        await tx.insert(LiveSessionMemberEntity, { sessionId: session.id, ...m });
      return session;
    });
  }

  async sessionAndRole(
    sessionId: string,
    userId: string,
  ): Promise<{ session: LiveSessionEntity; role: string } | null> {
    const [session, member] = await Promise.all([
      this.meetings.manager.findOneBy(LiveSessionEntity, { id: sessionId }),
      this.meetings.manager.findOneBy(LiveSessionMemberEntity, { sessionId, userId }),
    ]);
    return session && member ? { session, role: member.role } : null;
  }

  /** A session's events after `lastSeq` (null: too far behind; a snapshot is the answer). */
  async sessionEventsAfter(
    sessionId: string,
    lastSeq: number,
    latestSeq: number,
  ): Promise<SessionEvent[] | null> {
    if (lastSeq > latestSeq || latestSeq - lastSeq > JOIN_REPLAY_MAX) return null;
    const log = await this.meetings.manager.find(LiveSessionEventEntity, {
      where: { sessionId, seq: MoreThan(lastSeq) },
      order: { seq: 'ASC' },
      take: latestSeq - lastSeq,
    });
    const events = log.map((e) => e.payload as unknown as SessionEvent);
    return events.length === latestSeq - lastSeq ? events : null;
  }

  /**
   * Runs `work` under the session's row lock; `commit` appends the event and stores the new
   * state (false when the command id is in the log already: `logged` then has it).
   */
  async inLockedSession<T>(
    sessionId: string,
    actorId: string,
    work: (room: {
      session: LiveSessionEntity;
      logged: (commandId: string) => Promise<LiveSessionEventEntity | null>;
      commit: (next: SessionRoomState, event: SessionEvent) => Promise<boolean>;
    }) => Promise<T>,
  ): Promise<T | null> {
    return this.meetings.manager.transaction(async (tx) => {
      const session = await tx
        .createQueryBuilder(LiveSessionEntity, 's')
        .setLock('pessimistic_write')
        .where('s.id = :id', { id: sessionId })
        .getOne();
      if (!session) return null;
      return work({
        session,
        logged: (commandId) => tx.findOneBy(LiveSessionEventEntity, { sessionId, commandId }),
        commit: async (next, event) => {
          const inserted = await tx
            .createQueryBuilder()
            .insert()
            .into(LiveSessionEventEntity)
            .values({
              sessionId,
              seq: event.seq,
              commandId: event.commandId,
              type: event.type,
              payload: event as never,
              actorId,
              at: new Date(event.at),
            })
            .orIgnore()
            .returning(['id'])
            .updateEntity(false)
            .execute();
          if ((inserted.raw as unknown[]).length === 0) return false;
          await tx.update(
            LiveSessionEntity,
            { id: sessionId },
            { state: next as never, seq: next.seq, updatedAt: this.clock.now() },
          );
          return true;
        },
      });
    });
  }

  /** An action, to find the room its status change belongs to. */
  findAction(actionId: string): Promise<ActionEntity | null> {
    return this.meetings.manager.findOneBy(ActionEntity, { id: actionId });
  }

  /** Attendance for the minutes: a user entered the room (the first entry counts; batched). */
  recordAttendance(meetingId: string, userId: string): Promise<void> {
    return this.attendance.record(meetingId, userId);
  }
}
