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
  type GuestJoin,
  type GuestJoinResult,
  guestJoinSchema,
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
} from '@casustafel/contracts';
import {
  type GuestRoomView,
  guestView,
  type LiveRoomState,
  isRecordEvent,
  sameGuestView,
} from '@casustafel/domain';
import { Access } from '../../common/access/access.decorator';
import { socketAuth } from '../../common/access/request-session';
import { DomainError } from '../../common/errors/domain.error';
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { guestItemRoom, guestsRoom, invitationRoom } from '../live/live-rooms';
import { LiveSessionGateway } from '../live-session/live-session.gateway';
import { LiveSessionService } from '../live-session/live-session.service';
import { MeetingRecordsService } from '../meeting-records/meeting-records.service';
import { GuestAccessService } from './guest-access.service';

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

/**
 * The live room as a guest sees it. A guest never joins `meeting:<id>` (that room carries every
 * item's events); they join `guest:<invitation>` (their projection, `guest:state`),
 * `guest-item:<item>` per invited item (that item's decisions and actions) and `guests:<meeting>`
 * (presence, closing). Notes go through the per-item `item:<id>` rooms, which the notes service
 * opens to a guest only for invited items.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class GuestRoomGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private readonly namespace!: LiveNamespace;
  private readonly subscriptions: Subscription[] = [];
  /** meetingId → invitationId → the view last sent by this instance (skip an unchanged one). */
  private readonly lastSent = new Map<string, Map<string, GuestRoomView>>();

  constructor(
    private readonly live: LiveSessionService,
    private readonly guests: GuestAccessService,
    private readonly records: MeetingRecordsService,
    private readonly room: LiveSessionGateway,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    this.subscriptions.push(
      // Room changes only: decisions and actions reach invited guests through their item rooms.
      this.live.committed$.subscribe((committed) => {
        if (committed.kind === 'case-meeting' && !isRecordEvent(committed.event))
          void this.project(namespace, committed.meetingId, committed.state);
      }),
      this.live.closed$.subscribe((meetingId) => this.lastSent.delete(meetingId)),
    );
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  private async project(namespace: LiveNamespace, meetingId: string, state: LiveRoomState) {
    const invitations = await this.guests.activeInvitations(meetingId).catch(() => []);
    const before = this.lastSent.get(meetingId);
    // Only open invitations are kept: revoked and expired ones drop out with the next change.
    const sent = new Map<string, GuestRoomView>();
    for (const invitation of invitations) {
      const view = guestView(state, invitation.itemIds);
      const last = before?.get(invitation.id);
      if ((last && last.asOfSeq > view.asOfSeq) || sameGuestView(last, view)) {
        if (last) sent.set(invitation.id, last);
        continue;
      }
      sent.set(invitation.id, view);
      namespace.to(invitationRoom(invitation.id)).emit('guest:state', view);
    }
    if (sent.size > 0) this.lastSent.set(meetingId, sent);
    else this.lastSent.delete(meetingId);
  }

  @Access('guest', 'guest.join')
  @SubscribeMessage('guest:join')
  async join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(guestJoinSchema)) body: GuestJoin,
  ): Promise<LiveAck<GuestJoinResult>> {
    const auth = socketAuth(socket);
    const guest = auth?.resolved.actor.guest;
    if (!auth || !guest) throw new DomainError('FORBIDDEN', 'Access refused');
    // Check first, join after; then read the room, so a change committed meanwhile comes live.
    await this.live.assertRoomAccess(auth.resolved.actor, body.meetingId);
    if (socket.disconnected) throw new DomainError('UNAUTHENTICATED', 'Connection closed');
    await socket.join([
      invitationRoom(guest.invitationId),
      guestsRoom(body.meetingId),
      ...guest.itemIds.map(guestItemRoom),
    ]);
    const state = await this.live.roomForGuest(auth.resolved.actor, body.meetingId);
    const view = guestView(state, guest.itemIds);
    const records = await this.records.recordsOfItems(body.meetingId, guest.itemIds);
    void this.live.recordAttendance(body.meetingId, auth.resolved.user.id);
    this.room.addPresence(socket, body.meetingId, {
      userId: auth.resolved.user.id,
      displayName: auth.resolved.user.displayName,
      mode: 'op-afstand',
      guest: true,
    });
    return { ok: true, data: { view, ...records } };
  }
}
