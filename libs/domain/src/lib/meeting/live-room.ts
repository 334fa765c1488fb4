/**
 * The live room of one meeting: a pure, server-authoritative reducer (DESIGN.md "Real time").
 *
 * The server validates a command, runs `applyCommand`, stores the new state and the event, acks
 * `{ ok, seq }` and broadcasts the event. Every successful command increments the per-meeting `seq`
 * and yields exactly one event. Clients apply events with `applyEvent`, which is also how
 * `applyCommand` changes the state, so a client that applies the broadcast events holds exactly the
 * server's state. A reconnecting client sends its last `seq` and gets `eventsSince(log, seq)`, or a
 * snapshot when that returns null.
 *
 * Idempotency: commands carry a client-made uuid, unique per room. The server's event log (one
 * row per event, unique by room and command id) is the one place that remembers them: a retried
 * command finds its original event there and changes nothing. The state itself holds no replay
 * window, so it stays the same size however long a meeting runs. A rejected command is not
 * remembered, so a retry is judged again.
 *
 * Decisions and actions are events of the same sequence (`decision:created`, `action:created`,
 * `action:updated`): they change nothing in this state (an empty patch) but take the room's next
 * seq, so a client applying the broadcast events sees no gap.
 *
 * Rules of the room:
 * - Only the chair moves items (start, skip, finish), moves phases and gives the word.
 * - The chair or the timekeeper runs the timer.
 * - Anyone present raises and lowers their own hand; the chair may lower anyone's. A guest (only
 *   role `guest`) may raise a hand only while an item they are invited to is current.
 * - Timer and phase commands name their item and are refused unless it is the current one, so a
 *   command sent just before the chair moved on cannot hit the next item.
 * - Starting an item starts its timer (continuing from what it already ran, for a skipped item
 *   taken up again) and pauses the previous item's timer. Changing the current item clears the
 *   speaking queue and the current speaker: hands belong to one discussion.
 */
import { readTimer } from '../clock';
import type { TimerState } from '../clock';
import { AGENDA_MAX_ITEMS, sortByOrder } from './agenda';
import type { AgendaItemKind, AgendaItemStatus } from './agenda';
import { advancePhase, FIRST_DISCUSSION_PHASE, previousPhase } from './phases';
import {
  EVENT_OF_COMMAND,
  LIVE_ROLES,
  PREVIOUS_ITEM_STATUSES,
  SPEAKING_QUEUE_MAX,
  TIMER_EXTEND_MAX_MINUTES,
  TIMER_MAX_DURATION_MINUTES,
} from './live-room-protocol';
import type {
  LiveRole,
  LiveItemState,
  LiveRoomState,
  LiveCommandInput,
  LiveCommand,
  LiveCommandType,
  LiveContext,
  LiveEventPayloads,
  LiveEventType,
  LiveRoomPatch,
  LiveEvent,
  LiveRoomError,
  ApplyCommandResult,
} from './live-room-protocol';
import { applyEvent } from './live-room-events';

export * from './live-room-protocol';
export * from './live-room-events';

const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// State

/** The room before the meeting starts: every item `gepland` (or as given), timers at zero. */
export function createLiveRoomState(
  meetingId: string,
  items: readonly {
    id: string;
    kind: AgendaItemKind;
    order: number;
    timeBoxMinutes: number;
    status?: AgendaItemStatus;
  }[],
): LiveRoomState {
  return {
    meetingId,
    seq: 0,
    currentItemId: null,
    items: sortByOrder(items)
      .slice(0, AGENDA_MAX_ITEMS)
      .map((item) => ({
        id: item.id,
        kind: item.kind,
        status: item.status ?? 'gepland',
        phase: null,
        timer: { durationMs: item.timeBoxMinutes * MINUTE_MS, elapsedMs: 0, startedAt: null },
      })),
    speakingQueue: [],
    raisedHands: [],
    currentSpeakerUserId: null,
  };
}

/** Whether the item has run past its time box at server time `now`. */
export function overTime(item: Pick<LiveItemState, 'timer'>, now: number): boolean {
  return readTimer(item.timer, now).overtime;
}

function pauseTimer(timer: TimerState, now: number): TimerState {
  return timer.startedAt === null
    ? timer
    : { ...timer, elapsedMs: readTimer(timer, now).elapsedMs, startedAt: null };
}

const CHAIR: readonly LiveRole[] = ['chair'];
const TIMER_ROLES: readonly LiveRole[] = ['chair', 'timekeeper'];
const ANYONE: readonly LiveRole[] = LIVE_ROLES;

/** Which roles may send each command (the case meeting kind declares the same as data). */
export const CASE_MEETING_PERMISSIONS: Readonly<Record<LiveCommandType, readonly LiveRole[]>> = {
  'item:start': CHAIR,
  'item:skip': CHAIR,
  'item:finish': CHAIR,
  'timer:start': TIMER_ROLES,
  'timer:pause': TIMER_ROLES,
  'timer:extend': TIMER_ROLES,
  'phase:advance': CHAIR,
  'phase:back': CHAIR,
  'hand:raise': ANYONE,
  'hand:lower': ANYONE,
  'queue:next': CHAIR,
};

function hasRole(ctx: LiveContext, roles: readonly LiveRole[]): boolean {
  return ctx.actorRoles.some((role) => roles.includes(role));
}

type Outcome =
  | {
      [T in LiveEventType]: { type: T; payload: LiveEventPayloads[T]; patch: LiveRoomPatch };
    }[LiveEventType]
  | { error: LiveRoomError };

function fail(error: LiveRoomError): Outcome {
  return { error };
}

const CLEARED_QUEUE: LiveRoomPatch = {
  speakingQueue: [],
  raisedHands: [],
  currentSpeakerUserId: null,
};

/** The speaking queue's commands; every other command names an agenda item. */
const QUEUE_COMMANDS: ReadonlySet<string> = new Set<LiveCommandType>([
  'hand:raise',
  'hand:lower',
  'queue:next',
]);
const PREVIOUS_STATUSES: ReadonlySet<unknown> = new Set(PREVIOUS_ITEM_STATUSES);

/**
 * The command as the room's rules take it, or null: a known type, an item for an item command,
 * a status the previous item may get (`besproken` unless told), an extension of whole minutes
 * within `TIMER_EXTEND_MAX_MINUTES`. Ids and unknown keys are the wire's to check
 * (`meetingCommandSchema` in `@casustafel/contracts`).
 */
export function liveCommandOf(command: LiveCommandInput): LiveCommand | null {
  if (!Object.hasOwn(EVENT_OF_COMMAND, command.type)) return null;
  if (
    !QUEUE_COMMANDS.has(command.type) &&
    typeof (command as { itemId?: unknown }).itemId !== 'string'
  )
    return null;
  switch (command.type) {
    case 'item:start': {
      const previousStatus = command.previousStatus ?? 'besproken';
      return PREVIOUS_STATUSES.has(previousStatus) ? { ...command, previousStatus } : null;
    }
    case 'timer:extend': {
      const { minutes } = command;
      return Number.isInteger(minutes) && minutes >= 1 && minutes <= TIMER_EXTEND_MAX_MINUTES
        ? command
        : null;
    }
    default:
      return command;
  }
}

/**
 * Applies one command for the actor in `ctx`. On success: the new state (seq + 1) and its one
 * event. A retried command id is recognised by the server's log, not here. The input state is
 * never changed.
 */
export function applyCommand(
  state: LiveRoomState,
  command: LiveCommandInput,
  ctx: LiveContext,
): ApplyCommandResult {
  const cmd = liveCommandOf(command);
  if (cmd === null) return { ok: false, error: 'invalid-command' };
  if (cmd.meetingId !== state.meetingId) return { ok: false, error: 'wrong-meeting' };

  if (!hasRole(ctx, CASE_MEETING_PERMISSIONS[cmd.type]))
    return { ok: false, error: 'not-permitted' };

  const outcome = decide(state, cmd, ctx);
  if ('error' in outcome) return { ok: false, error: outcome.error };
  const event = {
    seq: state.seq + 1,
    type: outcome.type,
    payload: outcome.payload,
    commandId: cmd.commandId,
    actorUserId: ctx.actorUserId,
    at: ctx.now,
    patch: outcome.patch,
  } as LiveEvent;
  const applied = applyEvent(state, event);
  // applyEvent cannot refuse an event made from this very state; this guards against a bug.
  if (!applied.ok) throw new Error(`live room: own event refused (${applied.error})`);
  return { ok: true, duplicate: false, state: applied.state, event };
}

function decide(state: LiveRoomState, cmd: LiveCommand, ctx: LiveContext): Outcome {
  switch (cmd.type) {
    case 'hand:raise':
      return raiseHand(state, ctx);
    case 'hand:lower': {
      const userId = cmd.userId ?? ctx.actorUserId;
      if (userId !== ctx.actorUserId && !hasRole(ctx, CHAIR)) return fail('not-permitted');
      if (!state.speakingQueue.includes(userId)) return fail('hand-not-raised');
      return {
        type: 'hand:lowered',
        payload: { userId },
        patch: {
          speakingQueue: state.speakingQueue.filter((id) => id !== userId),
          raisedHands: state.raisedHands.filter((h) => h.userId !== userId),
        },
      };
    }
    case 'queue:next': {
      const [first, ...rest] = state.speakingQueue;
      if (first === undefined) return fail('queue-empty');
      return {
        type: 'queue:speaker-given',
        payload: { userId: first },
        patch: {
          speakingQueue: rest,
          raisedHands: state.raisedHands.filter((h) => h.userId !== first),
          currentSpeakerUserId: first,
        },
      };
    }
    default:
      break;
  }

  const item = state.items.find((i) => i.id === cmd.itemId);
  if (item === undefined) return fail('item-not-found');

  switch (cmd.type) {
    case 'item:start':
      return startItem(state, item, cmd.previousStatus, ctx.now);
    case 'item:skip': {
      if (item.status === 'besproken') return fail('item-already-discussed');
      if (item.status === 'overgeslagen') return fail('item-already-skipped');
      const isCurrent = state.currentItemId === item.id;
      return {
        type: 'agenda:item-skipped',
        payload: { itemId: item.id },
        patch: {
          items: [{ ...item, status: 'overgeslagen', timer: pauseTimer(item.timer, ctx.now) }],
          ...(isCurrent ? { currentItemId: null, ...CLEARED_QUEUE } : {}),
        },
      };
    }
    default:
      break;
  }

  // Every remaining command acts on the current item only.
  if (state.currentItemId !== item.id) return fail('not-current-item');

  switch (cmd.type) {
    case 'item:finish':
      return {
        type: 'agenda:item-finished',
        payload: { itemId: item.id },
        patch: {
          items: [{ ...item, status: 'besproken', timer: pauseTimer(item.timer, ctx.now) }],
          currentItemId: null,
          ...CLEARED_QUEUE,
        },
      };
    case 'timer:start':
      if (item.timer.startedAt !== null) return fail('timer-already-running');
      return {
        type: 'timer:started',
        payload: { itemId: item.id, startedAt: ctx.now },
        patch: { items: [{ ...item, timer: { ...item.timer, startedAt: ctx.now } }] },
      };
    case 'timer:pause': {
      if (item.timer.startedAt === null) return fail('timer-not-running');
      const timer = pauseTimer(item.timer, ctx.now);
      return {
        type: 'timer:paused',
        payload: { itemId: item.id, elapsedMs: timer.elapsedMs },
        patch: { items: [{ ...item, timer }] },
      };
    }
    case 'timer:extend': {
      const durationMs = item.timer.durationMs + cmd.minutes * MINUTE_MS;
      if (durationMs > TIMER_MAX_DURATION_MINUTES * MINUTE_MS) return fail('timer-limit');
      return {
        type: 'timer:extended',
        payload: { itemId: item.id, minutes: cmd.minutes, durationMs },
        patch: { items: [{ ...item, timer: { ...item.timer, durationMs } }] },
      };
    }
    case 'phase:advance':
    case 'phase:back': {
      if (item.kind !== 'casusbespreking' || item.phase === null) return fail('not-a-case-item');
      const result =
        cmd.type === 'phase:advance' ? advancePhase(item.phase) : previousPhase(item.phase);
      if (!result.ok) return fail(result.error);
      return {
        type: 'phase:changed',
        payload: { itemId: item.id, from: item.phase, to: result.phase },
        patch: { items: [{ ...item, phase: result.phase }] },
      };
    }
    default: {
      // Exhaustive: the commands handled above never reach this point.
      return fail('invalid-command');
    }
  }
}

function startItem(
  state: LiveRoomState,
  item: LiveItemState,
  previousStatus: 'besproken' | 'overgeslagen' | 'gepland',
  now: number,
): Outcome {
  if (state.currentItemId === item.id) return fail('item-already-current');
  if (item.status === 'besproken') return fail('item-already-discussed');
  const previous = state.items.find((i) => i.id === state.currentItemId);
  const changed: LiveItemState[] = [];
  if (previous !== undefined) {
    changed.push({ ...previous, status: previousStatus, timer: pauseTimer(previous.timer, now) });
  }
  changed.push({
    ...item,
    status: 'actief',
    phase: item.kind === 'casusbespreking' ? (item.phase ?? FIRST_DISCUSSION_PHASE) : null,
    timer: { ...item.timer, startedAt: now },
  });
  return {
    type: 'agenda:item-started',
    payload: {
      itemId: item.id,
      previousItemId: previous?.id ?? null,
      previousStatus: previous === undefined ? null : previousStatus,
    },
    patch: { currentItemId: item.id, items: changed, ...CLEARED_QUEUE },
  };
}

function raiseHand(state: LiveRoomState, ctx: LiveContext): Outcome {
  const guestOnly = ctx.actorRoles.every((role) => role === 'guest');
  if (
    guestOnly &&
    (state.currentItemId === null || !(ctx.guestItemIds ?? []).includes(state.currentItemId))
  ) {
    return fail('not-permitted');
  }
  if (state.speakingQueue.includes(ctx.actorUserId)) return fail('hand-already-raised');
  if (state.speakingQueue.length >= SPEAKING_QUEUE_MAX) return fail('queue-full');
  return {
    type: 'hand:raised',
    payload: { userId: ctx.actorUserId },
    patch: {
      speakingQueue: [...state.speakingQueue, ctx.actorUserId],
      raisedHands: [...state.raisedHands, { userId: ctx.actorUserId, raisedAt: ctx.now }],
    },
  };
}
