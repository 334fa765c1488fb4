/**
 * The live room's events (see live-room.ts): applied by server and clients alike, replayed after a
 * reconnect.
 */
import { LIVE_RECORD_EVENT_TYPES } from './live-room-protocol';
import type {
  LiveRoomState,
  LiveEventPayloads,
  LiveRecordEventType,
  LiveEvent,
  ApplyEventResult,
} from './live-room-protocol';

/**
 * The event of a decision or action, taking the room's next seq (no change to the room). The
 * server makes it when it commits the record; clients apply it like any other event.
 */
export function recordEvent<T extends LiveRecordEventType>(
  state: Pick<LiveRoomState, 'seq'>,
  type: T,
  payload: LiveEventPayloads[T],
  meta: { commandId: string; actorUserId: string; at: number },
): LiveEvent {
  return { seq: state.seq + 1, type, payload, patch: {}, ...meta } as LiveEvent;
}

/** Whether an event is a decision or action (records) rather than a change of the room. */
export function isRecordEvent(
  event: Pick<LiveEvent, 'type'>,
): event is Extract<LiveEvent, { type: LiveRecordEventType }> {
  return (LIVE_RECORD_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * Removes what older versions kept in the stored state (a window of command ids and events):
 * the stored state is only the room itself.
 */
export function compactLiveRoomState(state: LiveRoomState): LiveRoomState {
  const {
    appliedCommandIds: _ids,
    recentEvents: _events,
    ...room
  } = state as LiveRoomState & {
    appliedCommandIds?: unknown;
    recentEvents?: unknown;
  };
  return room;
}

/**
 * Applies a broadcast event to a state (what a client does; `applyCommand` does the same). An
 * event already applied (seq ≤ state.seq) changes nothing (`duplicate`); an event that does not
 * follow directly (`gap`), or that names an unknown item, means the client needs `eventsSince` or
 * a snapshot.
 */
export function applyEvent(state: LiveRoomState, event: LiveEvent): ApplyEventResult {
  if (event.seq <= state.seq) return { ok: true, duplicate: true, state };
  if (event.seq !== state.seq + 1) return { ok: false, error: 'gap' };
  const { patch } = event;
  let items = state.items;
  if (patch.items !== undefined) {
    const changed = new Map(patch.items.map((i) => [i.id, i]));
    if ([...changed.keys()].some((id) => !state.items.some((i) => i.id === id))) {
      return { ok: false, error: 'unknown-item' };
    }
    items = state.items.map((i) => changed.get(i.id) ?? i);
  }
  return {
    ok: true,
    duplicate: false,
    state: {
      ...state,
      seq: event.seq,
      items,
      currentItemId: patch.currentItemId !== undefined ? patch.currentItemId : state.currentItemId,
      speakingQueue: patch.speakingQueue ?? state.speakingQueue,
      raisedHands: patch.raisedHands ?? state.raisedHands,
      currentSpeakerUserId:
        patch.currentSpeakerUserId !== undefined
          ? patch.currentSpeakerUserId
          : state.currentSpeakerUserId,
    },
  };
}

/**
 * The events a client that has seen up to `seq` missed, oldest first; [] when it is up to date;
 * null when the log no longer reaches back that far, has a hole, or `seq` is not a seq this meeting
 * has reached (the client then needs a snapshot). `latestSeq` is the meeting's current seq (default:
 * the last seq in the log), needed when the log may have been trimmed to nothing.
 */
export function eventsSince(
  log: readonly LiveEvent[],
  seq: number,
  latestSeq: number = log.at(-1)?.seq ?? 0,
): LiveEvent[] | null {
  if (!Number.isInteger(seq) || seq < 0 || seq > latestSeq) return null;
  if (seq === latestSeq) return [];
  const missed = log.filter((e) => e.seq > seq && e.seq <= latestSeq);
  const contiguous = missed.every((e, i) => e.seq === seq + 1 + i);
  return contiguous && missed.length === latestSeq - seq ? missed : null;
}
