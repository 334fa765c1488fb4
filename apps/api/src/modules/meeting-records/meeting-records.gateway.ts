import { Logger, type OnModuleDestroy, UseFilters } from '@nestjs/common';
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
import type { z } from 'zod';
import {
  type ActionView,
  type DecisionView,
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  liveActionCreateSchema,
  liveActionUpdateSchema,
  liveDecisionCreateSchema,
  type RecordCommandResult,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { socketAuth } from '../../common/access/request-session';
import { DomainError } from '../../common/errors/domain.error';
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { MeetingRecordsService, type RecordEvent } from './meeting-records.service';

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

const ROOM_PREFIX = 'meeting:';
/** Guests invited to one agenda item. */
export const guestItemRoom = (itemId: string) => `guest-item:${itemId}`;

/**
 * Decisions and actions in the live room: `decision:create`, `action:create`, `action:update`
 * (committed, then broadcast to `meeting:<id>` with the meeting's seq, then acked). Attendance
 * is recorded by the room gateways, for admitted sockets only (`recordAttendance`).
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class MeetingRecordsGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger(MeetingRecordsGateway.name);
  @WebSocketServer() private readonly namespace!: LiveNamespace;
  private subscription: Subscription | null = null;

  constructor(private readonly records: MeetingRecordsService) {}

  afterInit(namespace: LiveNamespace): void {
    this.subscription = this.records.events$.subscribe((event) => this.broadcast(namespace, event));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private broadcast(namespace: LiveNamespace, event: RecordEvent): void {
    const itemId =
      event.name === 'decision:created' ? event.decision.agendaItemId : event.action.agendaItemId;
    // Members of the meeting, and the guests invited to this item (only this item's records).
    const room = namespace.to(`${ROOM_PREFIX}${event.meetingId}`).to(guestItemRoom(itemId));
    const base = { meetingId: event.meetingId, seq: event.seq, commandId: event.commandId };
    if (event.name === 'decision:created')
      room.emit('decision:created', { ...base, decision: event.decision });
    else room.emit(event.name, { ...base, action: event.action });
  }

  private actorOf(socket: LiveSocket, meetingId: string) {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    if (!socket.rooms.has(`${ROOM_PREFIX}${meetingId}`))
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
    const data = await this.records.createDecision(
      this.actorOf(socket, meetingId),
      meetingId,
      input,
    );
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
    const data = await this.records.createAction(this.actorOf(socket, meetingId), meetingId, input);
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
    const data = await this.records.updateActionStatus(
      this.actorOf(socket, meetingId),
      meetingId,
      input,
    );
    return { ok: true, data };
  }
}
