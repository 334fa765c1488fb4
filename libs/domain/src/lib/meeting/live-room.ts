import * as z from 'zod';
import { readTimer, type TimerState } from '../clock';
import {
  AGENDA_MAX_ITEMS,
  sortByOrder,
  type AgendaItemKind,
  type AgendaItemStatus,
} from './agenda';
import { entityIdSchema } from './ids';
import {
  advancePhase,
  FIRST_DISCUSSION_PHASE,
  previousPhase,
  type DiscussionPhase,
} from './phases';

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

export const LIVE_ROLES = ['chair', 'timekeeper', 'minute-taker', 'member', 'guest'] as const;
export type LiveRole = (typeof LIVE_ROLES)[number];

export const SPEAKING_QUEUE_MAX = 100;
export const TIMER_EXTEND_MAX_MINUTES = 60;
export const TIMER_MAX_DURATION_MINUTES = 480;

const MINUTE_MS = 60_000;

export interface LiveItemState {
  id: string;
  kind: AgendaItemKind;
  status: AgendaItemStatus;
  /** Discussion phase of a case item once started; always null for other kinds. */
  phase: DiscussionPhase | null;
  timer: TimerState;
}

export interface RaisedHand {
  userId: string;
  /** Server time (ms). */
  raisedAt: number;
}

export interface LiveRoomState {
  meetingId: string;
  /** Sequence number of the last event; 0 before the first. */
  seq: number;
  currentItemId: string | null;
  /** In agenda order. */
  items: readonly LiveItemState[];
  /** Users waiting for the word, first come first served. */
  speakingQueue: readonly string[];
  /** The same users as `speakingQueue`, in the same order, with the time they raised their hand. */
  raisedHands: readonly RaisedHand[];
  /** Who has the word (given by `queue:next`). */
  currentSpeakerUserId: string | null;
}

// ---------------------------------------------------------------------------------------------
// Commands

const base = { commandId: z.uuid(), meetingId: entityIdSchema };
const itemCommand = { ...base, itemId: entityIdSchema };

export const liveCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...itemCommand,
    type: z.literal('item:start'),
    /** What becomes of the item that was current; `besproken` unless told otherwise. */
    previousStatus: z.enum(['besproken', 'overgeslagen', 'gepland']).default('besproken'),
  }),
  z.strictObject({ ...itemCommand, type: z.literal('item:skip') }),
  z.strictObject({ ...itemCommand, type: z.literal('item:finish') }),
  z.strictObject({ ...itemCommand, type: z.literal('timer:start') }),
  z.strictObject({ ...itemCommand, type: z.literal('timer:pause') }),
  z.strictObject({
    ...itemCommand,
    type: z.literal('timer:extend'),
    minutes: z.number().int().min(1).max(TIMER_EXTEND_MAX_MINUTES),
  }),
  z.strictObject({ ...itemCommand, type: z.literal('phase:advance') }),
  z.strictObject({ ...itemCommand, type: z.literal('phase:back') }),
  z.strictObject({ ...base, type: z.literal('hand:raise') }),
  /** Lower a hand: one's own (no userId), or, for the chair, anyone's. */
  z.strictObject({ ...base, type: z.literal('hand:lower'), userId: entityIdSchema.optional() }),
  z.strictObject({ ...base, type: z.literal('queue:next') }),
]);
export type LiveCommandInput = z.input<typeof liveCommandSchema>;
export type LiveCommand = z.output<typeof liveCommandSchema>;
export type LiveCommandType = LiveCommand['type'];

export interface LiveContext {
  actorUserId: string;
  actorRoles: readonly LiveRole[];
  /** Server time (ms). */
  now: number;
  /** For a guest: the agenda items they are invited to. */
  guestItemIds?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Events

export interface LiveEventPayloads {
  'agenda:item-started': {
    itemId: string;
    previousItemId: string | null;
    previousStatus: AgendaItemStatus | null;
  };
  'agenda:item-skipped': { itemId: string };
  'agenda:item-finished': { itemId: string };
  'timer:started': { itemId: string; startedAt: number };
  'timer:paused': { itemId: string; elapsedMs: number };
  'timer:extended': { itemId: string; minutes: number; durationMs: number };
  'phase:changed': { itemId: string; from: DiscussionPhase; to: DiscussionPhase };
  'hand:raised': { userId: string };
  'hand:lowered': { userId: string };
  'queue:speaker-given': { userId: string };
  /** A decision was recorded (its view as the records module shows it). */
  'decision:created': { decision: LiveRecord };
  /** An action was created or its status changed. */
  'action:created': { action: LiveRecord };
  'action:updated': { action: LiveRecord };
}
export type LiveEventType = keyof LiveEventPayloads;
/** The event types of decisions and actions (records: no change to the room state). */
export const LIVE_RECORD_EVENT_TYPES = [
  'decision:created',
  'action:created',
  'action:updated',
] as const;
export type LiveRecordEventType = (typeof LIVE_RECORD_EVENT_TYPES)[number];
/** A decision or action as carried by its event (the contracts type it precisely). */
export type LiveRecord = { readonly id: string } & Readonly<Record<string, unknown>>;

/** What an event changes: whole replacement values; `items` holds only the changed items. */
export interface LiveRoomPatch {
  currentItemId?: string | null;
  items?: readonly LiveItemState[];
  speakingQueue?: readonly string[];
  raisedHands?: readonly RaisedHand[];
  currentSpeakerUserId?: string | null;
}

export type LiveEvent = {
  [T in LiveEventType]: {
    seq: number;
    type: T;
    payload: LiveEventPayloads[T];
    commandId: string;
    actorUserId: string;
    /** Server time (ms). */
    at: number;
    patch: LiveRoomPatch;
  };
}[LiveEventType];

/** The event type each command makes (a retried id must name the same command). */
export const EVENT_OF_COMMAND: Readonly<Record<LiveCommandType, LiveEventType>> = {
  'item:start': 'agenda:item-started',
  'item:skip': 'agenda:item-skipped',
  'item:finish': 'agenda:item-finished',
  'timer:start': 'timer:started',
  'timer:pause': 'timer:paused',
  'timer:extend': 'timer:extended',
  'phase:advance': 'phase:changed',
  'phase:back': 'phase:changed',
  'hand:raise': 'hand:raised',
  'hand:lower': 'hand:lowered',
  'queue:next': 'queue:speaker-given',
};

// ---------------------------------------------------------------------------------------------
// Results

export type LiveRoomError =
  | 'invalid-command'
  | 'wrong-meeting'
  | 'not-permitted'
  | 'command-id-reused'
  | 'item-not-found'
  | 'item-already-current'
  | 'item-already-discussed'
  | 'item-already-skipped'
  | 'not-current-item'
  | 'timer-already-running'
  | 'timer-not-running'
  | 'timer-limit'
  | 'not-a-case-item'
  | 'already-first-phase'
  | 'already-last-phase'
  | 'hand-already-raised'
  | 'hand-not-raised'
  | 'queue-full'
  | 'queue-empty';

export type ApplyCommandResult =
  | { ok: true; duplicate: false; state: LiveRoomState; event: LiveEvent }
  | { ok: false; error: LiveRoomError };

export type ApplyEventResult =
  | { ok: true; duplicate: boolean; state: LiveRoomState }
  | { ok: false; error: 'gap' | 'wrong-meeting' | 'unknown-item' };

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
  const parsed = liveCommandSchema.safeParse(command);
  if (!parsed.success) return { ok: false, error: 'invalid-command' };
  const cmd = parsed.data;
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
