import { UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import {
  type ConferenceCommand,
  conferenceCommandSchema,
  type ConferenceJoin,
  conferenceJoinSchema,
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  type SessionCommandResult,
  type SessionJoinResult,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { socketAuth } from '../../common/access/request-session';
import { DomainError } from '../../common/errors/domain.error';
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { sessionRoleRoom } from '../live/live-rooms';
import { ConferenceRoomService } from './conference-room.service';

type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

/**
 * A family conference's room on `/live`, for everyone in it — staff, and family and network
 * members signed in by link + code (the engine's own `session:join` is for team members only).
 * Access first (the engine's role, or 403 for a role locked out of the phase), then the socket
 * joins its role's room, where the engine's broadcaster sends each role its projection.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class FamilyConferenceGateway {
  constructor(private readonly rooms: ConferenceRoomService) {}

  private actorOf(socket: LiveSocket) {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    return auth.resolved.actor;
  }

  @Access('conference', 'family-conference.join')
  @SubscribeMessage('conference:join')
  async join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(conferenceJoinSchema)) body: ConferenceJoin,
  ): Promise<LiveAck<SessionJoinResult>> {
    const actor = this.actorOf(socket);
    const { sessionId, role } = await this.rooms.roomOf(actor, body.conferenceId);
    if (socket.disconnected) throw new DomainError('UNAUTHENTICATED', 'Connection closed');
    await socket.join(sessionRoleRoom(sessionId, role));
    const data = await this.rooms.joinRoom(actor, sessionId, body.lastSeq);
    return { ok: true, data };
  }

  @Access('conference', 'family-conference.command')
  @SubscribeMessage('conference:command')
  async command(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(conferenceCommandSchema)) body: ConferenceCommand,
  ): Promise<LiveAck<SessionCommandResult>> {
    const data = await this.rooms.command(this.actorOf(socket), body);
    return { ok: true, data };
  }
}
