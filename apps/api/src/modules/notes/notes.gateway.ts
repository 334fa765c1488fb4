import { UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import {
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  type NoteAwareness,
  type NoteJoin,
  type NoteJoinResult,
  type NoteSyncRequest,
  type NoteSyncResult,
  type NoteUpdate,
  type NoteUpdateResult,
  noteAwarenessSchema,
  noteJoinSchema,
  noteSyncSchema,
  noteUpdateSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { socketAuth } from '../../common/access/request-session';
import { DomainError } from '../../common/errors/domain.error';
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AppConfig } from '../../config/app-config';
import { noteRoom } from '../live/live-rooms';
import { type NoteAccess, NoteAccessService } from './note-access.service';
import { NotesService } from './notes.service';

type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

interface NotesSocketData {
  /** itemId → access checked at `note:join` (team membership of the item's meeting). */
  notes?: Map<string, NoteAccess>;
}

const itemRoom = noteRoom;

/**
 * Shared notes of agenda items on `/live`: `note:join` (access checked first, then joins
 * `item:<id>` and answers the stored state), `note:update` (validated by applying it to this
 * instance's copy of the note, then relayed to the item room, stored in batches, acknowledged once
 * stored), `note:sync` (the diff against the client's state vector) and `note:awareness`
 * (relayed only). Per-item rooms, so a guest is limited to the items they are invited to.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class NotesGateway {
  constructor(
    private readonly notes: NotesService,
    private readonly noteAccess: NoteAccessService,
    private readonly config: AppConfig,
  ) {}

  @Access('meeting-or-guest', 'note.read')
  @SubscribeMessage('note:join')
  async join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(noteJoinSchema)) body: NoteJoin,
  ): Promise<LiveAck<NoteJoinResult>> {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    const room = itemRoom(body.itemId);
    const data = socket.data as NotesSocketData;
    let access: NoteAccess;
    try {
      // Check first, join after: a refused socket is never in the room, not even for a moment.
      access = await this.noteAccess.access(auth.resolved.actor, body.itemId);
    } catch (error) {
      // Refused now (access withdrawn since an earlier join): out of the room as well.
      data.notes?.delete(body.itemId);
      await socket.leave(room);
      throw error;
    }
    const open = [...socket.rooms].filter((r) => r.startsWith('item:')).length;
    if (!socket.rooms.has(room) && open >= this.config.liveNotesPerSocket)
      throw new DomainError('CONFLICT', 'Too many notes open on this connection', [
        { path: 'itemId', issue: 'too-many-notes' },
      ]);
    // Join the room before reading: an update relayed meanwhile reaches this socket too.
    await socket.join(room);
    if (!data.notes) {
      data.notes = new Map();
      socket.on('disconnect', () => this.noteAccess.forgetSocket(socket.id));
    }
    data.notes.set(body.itemId, access);
    return { ok: true, data: await this.notes.join(body.itemId) };
  }

  /** Audited by the service, at most once per item per socket per minute (not per keystroke). */
  @Access('meeting-or-guest', 'none')
  @SubscribeMessage('note:update')
  async update(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(noteUpdateSchema)) body: NoteUpdate,
  ): Promise<LiveAck<NoteUpdateResult>> {
    const { auth, access } = await this.joinedOrAudited(socket, body.itemId);
    const bytes = this.notes.decode(body.update);
    try {
      // Applied to this instance's copy first: an update that cannot be applied (it would break
      // the note for everyone) is refused before anyone sees it.
      await this.notes.accept(body.itemId, bytes);
    } catch (error) {
      await this.noteAccess.auditUpdate(socket.id, auth.resolved.actor, auth.ip, access, 'denied');
      throw error;
    }
    // Relay (the sender already has it), then store.
    socket
      .to(itemRoom(body.itemId))
      .emit('note:update', { itemId: body.itemId, update: body.update, origin: socket.id });
    const stored = this.notes.append(body.itemId, bytes);
    await this.noteAccess.auditUpdate(socket.id, auth.resolved.actor, auth.ip, access);
    // Acknowledged once stored: what a client saw acked survives the loss of this instance.
    await stored;
    return { ok: true, data: { itemId: body.itemId } };
  }

  /**
   * Resync of a joined note: what the server holds beyond the client's state vector. Not audited
   * per call (the join was): clients resync after a gap and shortly after each join.
   */
  @Access('meeting-or-guest', 'none')
  @SubscribeMessage('note:sync')
  async sync(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(noteSyncSchema)) body: NoteSyncRequest,
  ): Promise<LiveAck<NoteSyncResult>> {
    this.joined(socket, body.itemId);
    return { ok: true, data: await this.notes.sync(body.itemId, body.stateVector) };
  }

  /** Presence and cursors: relayed to the item room, never stored; refusals audited (throttled). */
  @Access('meeting-or-guest', 'none')
  @SubscribeMessage('note:awareness')
  async awareness(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(noteAwarenessSchema)) body: NoteAwareness,
  ): Promise<LiveAck<null>> {
    await this.joinedOrAudited(socket, body.itemId, 'note.awareness');
    socket
      .to(itemRoom(body.itemId))
      .emit('note:awareness', { itemId: body.itemId, update: body.update, origin: socket.id });
    return { ok: true, data: null };
  }

  /** Closes the note on this socket: no more updates to or from it until joined again. */
  @Access('meeting-or-guest', 'none')
  @SubscribeMessage('note:leave')
  async leave(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(noteJoinSchema)) body: NoteJoin,
  ): Promise<LiveAck<null>> {
    (socket.data as NotesSocketData).notes?.delete(body.itemId);
    await socket.leave(itemRoom(body.itemId));
    return { ok: true, data: null };
  }

  /** `joined`, and a refusal is recorded as `action` denied (throttled like the rest). */
  private async joinedOrAudited(
    socket: LiveSocket,
    itemId: string,
    action: 'note.update' | 'note.awareness' = 'note.update',
  ) {
    try {
      return this.joined(socket, itemId);
    } catch (error) {
      const auth = socketAuth(socket);
      if (auth)
        await this.noteAccess.auditUpdate(
          socket.id,
          auth.resolved.actor,
          auth.ip,
          { itemId },
          'denied',
          action,
        );
      throw error;
    }
  }

  private joined(socket: LiveSocket, itemId: string) {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    const access = (socket.data as NotesSocketData).notes?.get(itemId);
    if (!access || !socket.rooms.has(itemRoom(itemId)))
      throw new DomainError('FORBIDDEN', 'Join the note first');
    return { auth, access };
  }
}
