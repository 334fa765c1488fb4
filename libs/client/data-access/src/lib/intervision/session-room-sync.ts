import type { SessionJoinResult } from '@casustafel/contracts';
import type { VisibleSessionEvent, VisibleSessionState } from '@casustafel/domain';
import { LIVE_ACK_TIMEOUT_MS, LIVE_COMMAND_ATTEMPTS } from '../meetings/live-room.store';
import type { AckPayload, RealtimeClient } from '../realtime/realtime.client';
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
