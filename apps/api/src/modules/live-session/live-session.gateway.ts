import { type OnModuleDestroy, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  type ActionView,
  type DecisionView,
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  type MeetingCommandResult,
  type MeetingJoinResult,
  type MeetingPresence,
  type PresenceMode,
  liveActionCreateSchema,
  liveActionUpdateSchema,
  liveDecisionCreateSchema,
  meetingCommandSchema,
  meetingJoinSchema,
  type RecordCommandResult,
  type SessionCommand,
  type SessionCommandResult,
  sessionCommandSchema,
  type SessionJoinResult,
  sessionJoinSchema,
} from '@casustafel/contracts';
import type { LiveCommand } from '@casustafel/domain';
import type { z } from 'zod';
import { Access } from '../../common/access/access.decorator';
import { socketAuth } from '../../common/access/request-session';
import { DomainError } from '../../common/errors/domain.error';
import { AppConfig } from '../../config/app-config';
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { guestsRoom, meetingRoom, sessionRoleRoom } from '../live/live-rooms';
import { LiveBroadcaster } from './live-broadcaster';
import { LiveSessionService } from './live-session.service';

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

/** A burst of joins (or a reconnect wave) sends one presence update per meeting. */
export const PRESENCE_DEBOUNCE_MS = 100;

interface PresenceData {
  /** meetingId → who this socket is in that meeting. */
  presence?: Record<string, Present>;
  presenceWatched?: boolean;
}

export interface Present {
  userId: string;
  displayName: string;
  mode: PresenceMode;
  /** An invited external specialist (shown as a guest). */
  guest?: true;
}

/** A member whose last socket in a meeting dropped: listed as reconnecting until `timer`. */
interface Dropped {
  who: Present;
  timer: NodeJS.Timeout;
}

/**
 * The one gateway of live sessions on `/live`: `meeting:join` (access first; snapshot or the
 * events since the client's seq), `meeting:command`, `decision:create`, `action:create` and
 * `action:update` (each committed as the room's next event, acked with its seq; the broadcaster
 * sends the event) and presence per meeting (a member whose connection dropped is shown as
 * reconnecting, then removed after `LIVE_PRESENCE_GRACE_MS` unless they are back).
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class LiveSessionGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private readonly namespace!: LiveNamespace;

  /** Meetings whose presence is due to be sent (a burst of joins sends one update). */
  private readonly presenceDue = new Map<string, NodeJS.Timeout>();
  /**
   * meetingId → userId → who dropped here and is shown as reconnecting for the grace period
   * (`LIVE_PRESENCE_GRACE_MS`, ≤ 10 s), unless they rejoin or another socket of theirs is
   * still in the room. Kept by the instance their socket was on.
   */
  private readonly dropped = new Map<string, Map<string, Dropped>>();

  constructor(
    private readonly live: LiveSessionService,
    private readonly broadcaster: LiveBroadcaster,
    private readonly config: AppConfig,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    this.broadcaster.attach(namespace);
  }

  onModuleDestroy(): void {
    for (const timer of this.presenceDue.values()) clearTimeout(timer);
    this.presenceDue.clear();
    for (const users of this.dropped.values())
      for (const { timer } of users.values()) clearTimeout(timer);
    this.dropped.clear();
  }

  @Access('meeting', 'meeting.join')
  @SubscribeMessage('meeting:join')
  async join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(meetingJoinSchema))
    body: z.output<typeof meetingJoinSchema>,
  ): Promise<LiveAck<MeetingJoinResult>> {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    const actor = auth.resolved.actor;
    const room = meetingRoom(body.meetingId);
    // Check first, join after: a refused socket never enters the room, not even while the
    // refusal is on its way (it would receive the room's broadcasts meanwhile).
    try {
      await this.live.assertRoomAccess(actor, body.meetingId);
    } catch (error) {
      // Access gone (e.g. no longer in the team): a socket still in the room from before leaves.
      const refused = error instanceof DomainError && error.code === 'FORBIDDEN';
      if (refused && socket.rooms.has(room)) await socket.leave(room);
      throw error;
    }
    if (socket.disconnected) throw new DomainError('UNAUTHENTICATED', 'Connection closed');
    // Admitted. Join the room before reading the missed events: an event committed meanwhile
    // then comes live (and possibly in the replay too; clients drop a seq they already applied).
    const wasIn = socket.rooms.has(room);
    await socket.join(room);
    let result: MeetingJoinResult;
    try {
      result = await this.live.join(actor, body.meetingId, body.lastSeq);
    } catch (error) {
      if (!wasIn) await socket.leave(room);
      throw error;
    }
    // Attendance for the minutes: only a socket that was admitted (first join counts).
    void this.live.recordAttendance(body.meetingId, auth.resolved.user.id);
    this.addPresence(socket, body.meetingId, {
      userId: auth.resolved.user.id,
      displayName: auth.resolved.user.displayName,
      mode: body.mode,
    });
    return { ok: true, data: result };
  }

  /**
   * Counts a socket as present in a meeting (members here; guests from the guest gateway). Kept
   * on the socket's data, so every api instance can list who is in a room (`fetchSockets`).
   */
  addPresence(socket: LiveSocket, meetingId: string, who: Present): void {
    const data = socket.data as PresenceData;
    data.presence = { ...data.presence, [meetingId]: who };
    if (!data.presenceWatched) {
      data.presenceWatched = true;
      socket.on('disconnect', () => {
        for (const [id, present] of Object.entries(data.presence ?? {})) this.drop(id, present);
      });
    }
    this.forgetDropped(meetingId, who.userId);
    this.schedulePresence(meetingId);
  }

  /**
   * A socket in the meeting dropped: its user is listed as reconnecting at once (unless another
   * socket of theirs is still in the room, which the broadcast sees) and removed after the
   * grace period unless they rejoined meanwhile.
   */
  private drop(meetingId: string, who: Present): void {
    this.forgetDropped(meetingId, who.userId);
    const timer = setTimeout(() => {
      this.forgetDropped(meetingId, who.userId);
      this.schedulePresence(meetingId);
    }, this.config.livePresenceGraceMs);
    timer.unref();
    let users = this.dropped.get(meetingId);
    if (!users) this.dropped.set(meetingId, (users = new Map()));
    users.set(who.userId, { who, timer });
    this.schedulePresence(meetingId);
  }

  private forgetDropped(meetingId: string, userId: string): void {
    const users = this.dropped.get(meetingId);
    const entry = users?.get(userId);
    if (!users || !entry) return;
    clearTimeout(entry.timer);
    users.delete(userId);
    if (users.size === 0) this.dropped.delete(meetingId);
  }

  /** Members run the room; a guest may only raise and lower their hand (the reducer decides). */
  @Access('meeting-or-guest', 'meeting.command')
  @SubscribeMessage('meeting:command')
  async command(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(meetingCommandSchema)) body: LiveCommand,
  ): Promise<LiveAck<MeetingCommandResult>> {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    const joined = auth.resolved.actor.guest
      ? socket.rooms.has(guestsRoom(body.meetingId))
      : socket.rooms.has(meetingRoom(body.meetingId));
    if (!joined) throw new DomainError('FORBIDDEN', 'Join the meeting first');
    // Committed and published (the broadcaster sends the event to the room) before the ack.
    const { result } = await this.live.command(auth.resolved.actor, body);
    return { ok: true, data: result };
  }

  /**
   * A live session of another kind: access first (a member of the session whose role is not
   * locked out of the current phase), then the socket joins its role's room, then the snapshot
   * or the events since `lastSeq`, as that role may see them.
   */
  @Access('meeting', 'live-session.join')
  @SubscribeMessage('session:join')
  async joinSession(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(sessionJoinSchema)) body: z.output<typeof sessionJoinSchema>,
  ): Promise<LiveAck<SessionJoinResult>> {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    const role = await this.live.assertSessionAccess(auth.resolved.actor, body.sessionId);
    if (socket.disconnected) throw new DomainError('UNAUTHENTICATED', 'Connection closed');
    await socket.join(sessionRoleRoom(body.sessionId, role));
    const data = await this.live.joinSession(auth.resolved.actor, body.sessionId, body.lastSeq);
    return { ok: true, data };
  }

  @Access('meeting', 'live-session.command')
  @SubscribeMessage('session:command')
  async sessionCommand(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(sessionCommandSchema)) body: SessionCommand,
  ): Promise<LiveAck<SessionCommandResult>> {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    const data = await this.live.sessionCommand(auth.resolved.actor, body);
    return { ok: true, data };
  }

  /** A member in the room; decisions and actions are not for guests to make. */
  private memberIn(socket: LiveSocket, meetingId: string) {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    if (!socket.rooms.has(meetingRoom(meetingId)))
      throw new DomainError('FORBIDDEN', 'Join the meeting first');
    return auth.resolved.actor;
  }

  @Access('meeting', 'decision.create')
  @SubscribeMessage('decision:create')
  async createDecision(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(liveDecisionCreateSchema))
    body: z.output<typeof liveDecisionCreateSchema>,
  ): Promise<LiveAck<RecordCommandResult<DecisionView>>> {
    const { meetingId, ...input } = body;
    const data = await this.live.createDecision(this.memberIn(socket, meetingId), meetingId, input);
    return { ok: true, data };
  }

  @Access('meeting', 'action.create')
  @SubscribeMessage('action:create')
  async createAction(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(liveActionCreateSchema))
    body: z.output<typeof liveActionCreateSchema>,
  ): Promise<LiveAck<RecordCommandResult<ActionView>>> {
    const { meetingId, ...input } = body;
    const data = await this.live.createAction(this.memberIn(socket, meetingId), meetingId, input);
    return { ok: true, data };
  }

  @Access('meeting', 'action.update')
  @SubscribeMessage('action:update')
  async updateAction(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(liveActionUpdateSchema))
    body: z.output<typeof liveActionUpdateSchema>,
  ): Promise<LiveAck<RecordCommandResult<ActionView>>> {
    const { meetingId, ...input } = body;
    const data = await this.live.updateActionStatus(
      this.memberIn(socket, meetingId),
      meetingId,
      input,
    );
    return { ok: true, data };
  }

  /** Sends a meeting's presence once, shortly after the last change of a burst. */
  private schedulePresence(meetingId: string): void {
    if (this.presenceDue.has(meetingId)) return;
    const timer = setTimeout(() => {
      this.presenceDue.delete(meetingId);
      this.broadcastPresence(meetingId).catch(() => undefined);
    }, PRESENCE_DEBOUNCE_MS);
    timer.unref();
    this.presenceDue.set(meetingId, timer);
  }

  private async broadcastPresence(meetingId: string): Promise<void> {
    // Across every api instance when an adapter spans them; this instance's alone while the
    // others cannot be reached (Redis away).
    const sockets = await this.namespace
      .in(meetingRoom(meetingId))
      .in(guestsRoom(meetingId))
      .fetchSockets()
      .catch(() =>
        this.namespace.local.in(meetingRoom(meetingId)).in(guestsRoom(meetingId)).fetchSockets(),
      );
    const unique = new Map<string, MeetingPresence['present'][number]>();
    for (const s of sockets) {
      const who = (s.data as PresenceData).presence?.[meetingId];
      if (who) unique.set(who.userId, who);
    }
    for (const [userId, { who }] of this.dropped.get(meetingId) ?? []) {
      // Still in the room through another socket (another tab, or back already): present.
      if (unique.has(userId)) this.forgetDropped(meetingId, userId);
      else unique.set(userId, { ...who, reconnecting: true });
    }
    const payload: MeetingPresence = { meetingId, present: [...unique.values()] };
    this.namespace
      .to(meetingRoom(meetingId))
      .to(guestsRoom(meetingId))
      .emit('meeting:presence', payload);
  }
}
