import { type OnModuleDestroy, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import {
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  type MeetingCommandResult,
  type MeetingJoinResult,
  type MeetingPresence,
  type PresenceMode,
  meetingCommandSchema,
  meetingJoinSchema,
} from '@casustafel/contracts';
import type { LiveCommand } from '@casustafel/domain';
import type { z } from 'zod';
import { Access } from '../../common/access/access.decorator';
import { socketAuth } from '../../common/access/request-session';
import { DomainError } from '../../common/errors/domain.error';
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { MeetingsService } from './meetings.service';

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

interface Present {
  userId: string;
  displayName: string;
  mode: PresenceMode;
}

/**
 * The live room of a meeting on the `/live` namespace: `meeting:join` (membership of the
 * meeting's team; snapshot or missed events), `meeting:command` (validated, authorised by the
 * actor's meeting roles, committed, acked with its seq, then broadcast to `meeting:<id>`) and
 * presence per meeting.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class MeetingRoomGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private readonly namespace!: LiveNamespace;
  private closedSubscription: Subscription | null = null;

  /** meetingId → socketId → who. Local to this api instance. */
  private readonly presence = new Map<string, Map<string, Present>>();

  constructor(private readonly meetings: MeetingsService) {}

  afterInit(namespace: LiveNamespace): void {
    this.closedSubscription = this.meetings.closed$.subscribe((meetingId) => {
      namespace.to(`meeting:${meetingId}`).emit('meeting:closed', { meetingId });
    });
  }

  onModuleDestroy(): void {
    this.closedSubscription?.unsubscribe();
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
    const result = await this.meetings.join(auth.resolved.actor, body.meetingId, body.lastSeq);
    const room = `meeting:${body.meetingId}`;
    await socket.join(room);
    let present = this.presence.get(body.meetingId);
    if (!present) {
      present = new Map();
      this.presence.set(body.meetingId, present);
    }
    present.set(socket.id, {
      userId: auth.resolved.user.id,
      displayName: auth.resolved.user.displayName,
      mode: body.mode,
    });
    const data = socket.data as { meetingPresence?: boolean };
    if (!data.meetingPresence) {
      data.meetingPresence = true;
      socket.on('disconnect', () => this.leaveAll(socket));
    }
    this.broadcastPresence(body.meetingId);
    return { ok: true, data: result };
  }

  @Access('meeting', 'meeting.command')
  @SubscribeMessage('meeting:command')
  async command(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(meetingCommandSchema)) body: LiveCommand,
  ): Promise<LiveAck<MeetingCommandResult>> {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    if (!socket.rooms.has(`meeting:${body.meetingId}`))
      throw new DomainError('FORBIDDEN', 'Join the meeting first');
    const { result, event } = await this.meetings.command(auth.resolved.actor, body);
    // Committed: broadcast to the room (the sender receives it too, in order with the ack).
    if (event)
      this.namespace.to(`meeting:${body.meetingId}`).emit('meeting:event', {
        ...event,
        meetingId: body.meetingId,
      });
    return { ok: true, data: result };
  }

  private readonly leaveAll = (socket: LiveSocket): void => {
    for (const [meetingId, present] of this.presence) {
      if (present.delete(socket.id)) {
        if (present.size === 0) this.presence.delete(meetingId);
        this.broadcastPresence(meetingId);
      }
    }
  };

  private broadcastPresence(meetingId: string): void {
    const present = [...(this.presence.get(meetingId)?.values() ?? [])];
    const unique = new Map(present.map((p) => [p.userId, p]));
    const payload: MeetingPresence = { meetingId, present: [...unique.values()] };
    this.namespace.to(`meeting:${meetingId}`).emit('meeting:presence', payload);
  }
}
