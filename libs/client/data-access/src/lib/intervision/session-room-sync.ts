import { signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import type { SessionJoinResult } from '@casustafel/contracts';
import type { VisibleSessionEvent, VisibleSessionState } from '@casustafel/domain';
import { LIVE_ACK_TIMEOUT_MS, LIVE_COMMAND_ATTEMPTS } from '../meetings/live-room.store';
import type { AckData, AckOutcome, AckPayload, RealtimeClient } from '../realtime/realtime.client';
import { sendLiveCommand } from '../realtime/send-live-command';
import { applySessionEvent } from './intervision-session-room';

/** What a session command came to: done, or refused/unanswered with a code (`TIMEOUT`). */
export type RoomCommandOutcome = { ok: true } | { ok: false; code: string };

/**
 * Sends a command of a session room (intervision or family conference) with the live room's
 * ack timeout and attempts (sent again with the same command id without an ack).
 */
export async function sendRoomCommand<E extends 'session:command' | 'conference:command'>(
  client: RealtimeClient,
  event: E,
  payload: AckPayload<E>,
): Promise<RoomCommandOutcome> {
  const ack = await sendLiveCommand(client, event, payload, {
    timeoutMs: LIVE_ACK_TIMEOUT_MS,
    attempts: LIVE_COMMAND_ATTEMPTS,
  });
  if (ack.ok) return { ok: true };
  return { ok: false, code: 'timeout' in ack ? 'TIMEOUT' : ack.error.code };
}

/**
 * The events of a session room that arrive before it was joined, applied after the join's
 * snapshot (or its missed events) in seq order.
 */
export class HeldSessionEvents {
  #held: VisibleSessionEvent[] = [];

  hold(event: VisibleSessionEvent): void {
    this.#held.push(event);
  }

  /** An event as it arrives: held while the room is not there yet, else applied. */
  receive(
    event: VisibleSessionEvent,
    room: VisibleSessionState | null,
    applyOne: (event: VisibleSessionEvent) => void,
  ): void {
    if (room === null) this.hold(event);
    else applyOne(event);
  }

  clear(): void {
    this.#held = [];
  }

  /** Applies a join's answer: its snapshot or its events, then what was held meanwhile. */
  applyJoin(
    result: SessionJoinResult,
    setRoom: (room: VisibleSessionState) => void,
    applyOne: (event: VisibleSessionEvent) => void,
  ): void {
    if (result.snapshot) setRoom(result.snapshot);
    else for (const event of result.events ?? []) applyOne(event);
    const held = this.#held;
    this.#held = [];
    for (const event of held) applyOne(event);
  }
}

/** Runs one join at a time: a second call while joining waits for the first. */
export function joinOnce(doJoin: () => Promise<void>): () => Promise<void> {
  let joining: Promise<void> | null = null;
  return () => {
    if (joining) return joining;
    joining = doJoin().finally(() => (joining = null));
    return joining;
  };
}

/**
 * One event applied to the room in seq order. Missed events (a dropped frame, or a phase this
 * role sat out) leave a gap: `onGap` then joins again and the server fills in (null here).
 */
export function stepRoom(
  room: VisibleSessionState,
  event: VisibleSessionEvent,
  onGap: () => void,
): VisibleSessionState | null {
  const step = applySessionEvent(room, event);
  if (step.ok) return step.state;
  onGap();
  return null;
}

/** What the page's store does after an event moved its room on (`before` → `next`). */
export type RoomApplied = (
  before: VisibleSessionState,
  next: VisibleSessionState,
  event: VisibleSessionEvent,
) => void;

/**
 * The client's part of a live session room (intervision session, family conference): the room
 * as this role sees it, the engine's `session:event`s of one session applied in seq order (held
 * until joined; a gap or a reconnect joins again) and the join with the last seq seen. The
 * store decides when to join and what a refused join means.
 */
export class LiveSessionRoom {
  readonly #room = signal<VisibleSessionState | null>(null);
  readonly #gapRejoins = signal(0);
  readonly #held = new HeldSessionEvents();
  #subscriptions: Subscription[] = [];

  readonly room = this.#room.asReadonly();
  /** How often a gap made the room join again. */
  readonly gapRejoins = this.#gapRejoins.asReadonly();

  /**
   * @param rejoin joins again (after a gap or a reconnect)
   * @param applied runs after each event that reached the room
   */
  constructor(
    private readonly client: RealtimeClient,
    private readonly rejoin: () => void,
    private readonly applied: RoomApplied = () => undefined,
  ) {}

  /**
   * Listens to the events of the session `sessionId()` names (to `onEvent`, by default
   * `receive`) and joins again on every (re)connect. Once: false when already listening.
   */
  listen(
    sessionId: () => string | null,
    onEvent: (event: VisibleSessionEvent) => void = (event) => this.receive(event),
  ): boolean {
    if (this.#subscriptions.length > 0) return false;
    this.#subscriptions = [
      this.client.session$.subscribe(({ sessionId: id, ...event }) => {
        if (id === sessionId()) onEvent(event as VisibleSessionEvent);
      }),
      this.client.events$.subscribe((e) => {
        if (e.type === 'connected') this.rejoin();
      }),
    ];
    return true;
  }

  /** Stops listening and forgets the room and what was held. */
  leave(): void {
    for (const s of this.#subscriptions) s.unsubscribe();
    this.#subscriptions = [];
    this.#room.set(null);
    this.#held.clear();
  }

  /** Nothing of the room stays (the role is locked out). */
  drop(): void {
    this.#room.set(null);
  }

  /** Asks to join with the last seq seen (the server sends what was missed, or a snapshot). */
  requestJoin<E extends 'session:join' | 'conference:join'>(
    event: E,
    payload: Omit<AckPayload<E>, 'lastSeq'>,
  ): Promise<AckOutcome<AckData<E>>> {
    const lastSeq = this.#room()?.seq;
    const body = { ...payload, ...(lastSeq !== undefined ? { lastSeq } : {}) } as AckPayload<E>;
    return this.client.emitWithAck(event, body, LIVE_ACK_TIMEOUT_MS);
  }

  /** A join's answer: its snapshot or its events, then what was held meanwhile. */
  applyJoin(result: SessionJoinResult): void {
    this.#held.applyJoin(
      result,
      (room) => this.#room.set(room),
      (event) => this.#applyOne(event),
    );
  }

  /** An event of this session as it arrives: held while not joined, else applied. */
  receive(event: VisibleSessionEvent): void {
    this.#held.receive(event, this.#room(), (e) => this.#applyOne(e));
  }

  #applyOne(event: VisibleSessionEvent): void {
    const room = this.#room();
    if (room === null) return;
    const next = stepRoom(room, event, () => {
      this.#gapRejoins.update((n) => n + 1);
      this.rejoin();
    });
    if (next === null) return;
    this.#room.set(next);
    this.applied(room, next, event);
  }
}
