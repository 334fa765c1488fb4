import { inject, Injectable, InjectionToken, type OnDestroy } from '@angular/core';
import { type Observable, Subject } from 'rxjs';
import type { Socket } from 'socket.io-client';
import {
  type ActionEvent,
  clockSyncResponseCheck,
  type ActionView,
  type DecisionCreatedEvent,
  type DecisionView,
  type GuestStateEvent,
  LIVE_NAMESPACE,
  LIVE_PATH,
  type LiveClientToServerEvents,
  type LiveAck,
  type LiveServerToClientEvents,
  type MeetingEvent,
  type MeetingPresence,
  type NetworkChangedEvent,
  type NoteAwareness,
  type NoteAwarenessEvent,
  type NoteUpdateEvent,
  presenceCountCheck,
  type SessionEventMessage,
} from '@casustafel/contracts';
import { type ClockSample, estimateClockOffset } from '@casustafel/domain';
import type { RealtimeEvent } from './connection-state';

/** Server → client meeting traffic, as one stream. */
export type MeetingServerMessage =
  | { type: 'event'; event: MeetingEvent }
  | { type: 'presence'; presence: MeetingPresence }
  | { type: 'closed'; meetingId: string };

/** Server → client note traffic (Yjs updates and awareness of other sockets). */
export type NoteServerMessage =
  { type: 'update'; event: NoteUpdateEvent } | { type: 'awareness'; event: NoteAwarenessEvent };

/**
 * Server → client decisions and actions, committed with the meeting's seq: members get them as
 * `meeting:event`s of the room's sequence, guests (no seq stream) as their own events.
 */
export type RecordServerMessage =
  | { type: 'decision:created'; event: DecisionCreatedEvent }
  | { type: 'action:created'; event: ActionEvent }
  | { type: 'action:updated'; event: ActionEvent };

/** A member's decision or action event of the room's sequence, as a records message. */
export function recordMessage(event: MeetingEvent): RecordServerMessage | null {
  const base = { meetingId: event.meetingId, seq: event.seq, commandId: event.commandId };
  switch (event.type) {
    case 'decision:created':
      return {
        type: event.type,
        event: { ...base, decision: event.payload.decision as unknown as DecisionView },
      };
    case 'action:created':
    case 'action:updated':
      return {
        type: event.type,
        event: { ...base, action: event.payload.action as unknown as ActionView },
      };
    default:
      return null;
  }
}

/** Client → server events that carry an ack (typed by the contract). */
export type LiveAckEvent =
  | 'meeting:join'
  | 'meeting:command'
  | 'clock:sync'
  | 'note:join'
  | 'note:update'
  | 'note:sync'
  | 'decision:create'
  | 'action:create'
  | 'action:update'
  | 'guest:join'
  | 'network:join'
  | 'session:join'
  | 'session:command'
  | 'conference:join'
  | 'conference:command';
export type AckPayload<E extends LiveAckEvent> = Parameters<LiveClientToServerEvents[E]>[0];
type AckResult<E extends LiveAckEvent> = Parameters<Parameters<LiveClientToServerEvents[E]>[1]>[0];
/** The data of an event's successful ack. */
export type AckData<E extends LiveAckEvent> = AckResult<E> extends LiveAck<infer T> ? T : never;
/** An ack, or `timeout` when none arrived in time (or the socket is not connected). */
export type AckOutcome<T> = LiveAck<T> | { ok: false; timeout: true };

export type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** Clock sync round trips per connect; the shortest one wins. */
export const CLOCK_SYNC_SAMPLES = 5;
export const CLOCK_SYNC_TIMEOUT_MS = 3_000;

/**
 * Creates the (not yet connected) socket. Replaced by a fake in tests. The socket.io client is
 * loaded on first use (a chunk of its own), so pages without a live connection, such as the
 * sign-in page, do not download it.
 */
export const LIVE_SOCKET_FACTORY = new InjectionToken<() => LiveSocket | Promise<LiveSocket>>(
  'LIVE_SOCKET_FACTORY',
  {
    providedIn: 'root',
    factory: () => async () =>
      (await import('socket.io-client')).io(LIVE_NAMESPACE, {
        path: LIVE_PATH,
        withCredentials: true,
        transports: ['websocket'],
        autoConnect: false,
        reconnection: true,
        reconnectionDelay: 1_000,
        reconnectionDelayMax: 30_000,
        randomizationFactor: 0.5,
        timeout: 10_000,
      }),
  },
);

/**
 * The one socket.io connection to the live namespace (same origin, path `/socket.io`).
 * Reports lifecycle, presence and clock offset as {@link RealtimeEvent}s; the
 * `ConnectionStore` turns them into signals.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeClient implements OnDestroy {
  readonly #createSocket = inject(LIVE_SOCKET_FACTORY);
  readonly #events = new Subject<RealtimeEvent>();
  #socket: LiveSocket | null = null;
  /** The socket.io client still loading (first connect). */
  #pending: Promise<void> | null = null;
  #destroyed = false;

  readonly #meeting = new Subject<MeetingServerMessage>();
  readonly #notes = new Subject<NoteServerMessage>();
  readonly #records = new Subject<RecordServerMessage>();
  readonly #guest = new Subject<GuestStateEvent>();
  readonly #network = new Subject<NetworkChangedEvent>();
  readonly #session = new Subject<SessionEventMessage>();

  readonly events$: Observable<RealtimeEvent> = this.#events.asObservable();
  /** `meeting:event`, `meeting:presence` and `meeting:closed` of every joined meeting. */
  readonly meeting$: Observable<MeetingServerMessage> = this.#meeting.asObservable();
  /** `note:update` and `note:awareness` of every joined note. */
  readonly notes$: Observable<NoteServerMessage> = this.#notes.asObservable();
  /** `decision:created`, `action:created` and `action:updated` of every joined meeting. */
  readonly records$: Observable<RecordServerMessage> = this.#records.asObservable();
  /** `guest:state`: a guest's view of their meeting's live room (guests only). */
  readonly guest$: Observable<GuestStateEvent> = this.#guest.asObservable();
  /** `network:changed`: a followed household's network maps changed. */
  readonly network$: Observable<NetworkChangedEvent> = this.#network.asObservable();
  /** `session:event`: a joined live session's committed event, as this role may see it. */
  readonly session$: Observable<SessionEventMessage> = this.#session.asObservable();

  /** Whether the socket is connected right now. */
  get connected(): boolean {
    return this.#socket?.connected ?? false;
  }

  /** Emits a client → server event and waits for its ack; never throws. */
  async emitWithAck<E extends LiveAckEvent>(
    event: E,
    payload: AckPayload<E>,
    timeoutMs: number,
  ): Promise<AckOutcome<AckData<E>>> {
    const socket = this.#socket;
    if (!socket?.connected) return { ok: false, timeout: true };
    try {
      // socket.io's typed emitWithAck cannot be narrowed through a generic event name.
      const timed = socket.timeout(timeoutMs);
      const emit = timed.emitWithAck as unknown as (e: string, p: unknown) => Promise<never>;
      return await emit.call(timed, event, payload);
    } catch {
      return { ok: false, timeout: true };
    }
  }

  /** Sends a note's awareness update without waiting for an ack (cursors are best effort). */
  /** Closes a note on this connection (no ack needed: a lost leave ends with the socket). */
  emitNoteLeave(itemId: string): void {
    const socket = this.#socket;
    if (socket?.connected) socket.emit('note:leave', { itemId });
  }

  /** Stops following a household's network maps. */
  emitNetworkLeave(householdId: string): void {
    const socket = this.#socket;
    if (socket?.connected) socket.emit('network:leave', { householdId });
  }

  emitAwareness(payload: NoteAwareness): void {
    const socket = this.#socket;
    if (socket?.connected) socket.emit('note:awareness', payload);
  }

  /**
   * Reconnects at once when the connection is down and waiting out its backoff (which grows to
   * 30 s): called when the browser reports the network back (`online`), so edits made offline
   * merge within a second or two instead of after the next scheduled attempt.
   */
  reconnectNow(): void {
    const socket = this.#socket;
    if (!socket || socket.connected || !socket.active) return;
    // disconnect() drops the pending attempt and resets the backoff; connect() opens now.
    socket.disconnect();
    this.#events.next({ type: 'connecting' });
    socket.connect();
  }

  readonly #onOnline = (): void => this.reconnectNow();

  /** Opens the connection, or reopens it after the server or the user closed it. */
  connect(): void {
    const existing = this.#socket;
    if (existing) {
      if (!existing.connected && !existing.active) {
        this.#events.next({ type: 'connecting' });
        existing.connect();
      }
      return;
    }
    if (this.#pending) return;
    const made = this.#createSocket();
    if (made instanceof Promise) {
      this.#events.next({ type: 'connecting' });
      this.#pending = made.then(
        (socket) => {
          this.#pending = null;
          if (this.#destroyed) socket.disconnect();
          else this.#open(socket);
        },
        () => {
          this.#pending = null;
          this.#events.next({ type: 'connect_failed', willRetry: false });
        },
      );
      return;
    }
    this.#open(made);
  }

  #open(socket: LiveSocket): void {
    this.#socket = socket;
    globalThis.addEventListener?.('online', this.#onOnline);
    socket.on('connect', () => {
      this.#events.next({ type: 'connected' });
      void this.#syncClock(socket);
    });
    socket.on('disconnect', () =>
      this.#events.next({ type: 'disconnected', willReconnect: socket.active }),
    );
    socket.on('connect_error', (error: Error) =>
      this.#events.next({
        type: 'connect_failed',
        willRetry: socket.active,
        // The server's cap on connections per account (LIVE_SOCKETS_PER_USER).
        tooMany: error.message === 'TOO_MANY_CONNECTIONS',
      }),
    );
    socket.io.on('reconnect_attempt', (attempt) =>
      this.#events.next({ type: 'reconnect_attempt', attempt }),
    );
    socket.on('presence:count', (payload) => {
      const parsed = presenceCountCheck.safeParse(payload);
      if (parsed.success) this.#events.next({ type: 'presence', connected: parsed.data.connected });
    });
    socket.on('meeting:event', (event) => {
      this.#meeting.next({ type: 'event', event });
      // Decisions and actions are events of the room's sequence: the records stores get them too.
      const record = recordMessage(event);
      if (record) this.#records.next(record);
    });
    socket.on('meeting:presence', (presence) => this.#meeting.next({ type: 'presence', presence }));
    socket.on('meeting:closed', ({ meetingId }) =>
      this.#meeting.next({ type: 'closed', meetingId }),
    );
    socket.on('note:update', (event) => this.#notes.next({ type: 'update', event }));
    socket.on('note:awareness', (event) => this.#notes.next({ type: 'awareness', event }));
    socket.on('decision:created', (event) =>
      this.#records.next({ type: 'decision:created', event }),
    );
    socket.on('action:created', (event) => this.#records.next({ type: 'action:created', event }));
    socket.on('action:updated', (event) => this.#records.next({ type: 'action:updated', event }));
    socket.on('guest:state', (view) => this.#guest.next(view));
    socket.on('network:changed', (event) => this.#network.next(event));
    socket.on('session:event', (event) => this.#session.next(event));
    this.#events.next({ type: 'connecting' });
    socket.connect();
  }

  disconnect(): void {
    this.#socket?.disconnect();
  }

  ngOnDestroy(): void {
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#destroyed = true;
    this.#socket?.disconnect();
    this.#socket?.removeAllListeners();
    this.#socket = null;
    this.#events.complete();
    this.#meeting.complete();
    this.#notes.complete();
    this.#records.complete();
    this.#guest.complete();
    this.#network.complete();
    this.#session.complete();
  }

  /** A few `clock:sync` round trips, one after another; reports the best estimate. */
  async #syncClock(socket: LiveSocket): Promise<void> {
    const samples: ClockSample[] = [];
    for (let i = 0; i < CLOCK_SYNC_SAMPLES && socket.connected; i++) {
      const clientSentAt = Date.now();
      try {
        const ack = await socket
          .timeout(CLOCK_SYNC_TIMEOUT_MS)
          .emitWithAck('clock:sync', { clientSentAt });
        const clientReceivedAt = Date.now();
        if (!ack.ok) continue;
        const response = clockSyncResponseCheck.safeParse(ack.data);
        if (response.success && response.data.clientSentAt === clientSentAt) {
          samples.push({ clientSentAt, serverTime: response.data.serverTime, clientReceivedAt });
        }
      } catch {
        // No ack within the timeout (or the connection dropped): this sample is lost, try the next.
      }
    }
    const offset = estimateClockOffset(samples);
    if (offset && socket.connected) this.#events.next({ type: 'clock', offset });
  }
}
