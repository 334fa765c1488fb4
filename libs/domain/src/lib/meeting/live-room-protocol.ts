/** The live room's vocabulary (see live-room.ts): roles, state, commands, events and refusals. */
import type { TimerState } from '../clock';
import type { AgendaItemKind, AgendaItemStatus } from './agenda';
import type { DiscussionPhase } from './phases';

export const LIVE_ROLES = ['chair', 'timekeeper', 'minute-taker', 'member', 'guest'] as const;
export type LiveRole = (typeof LIVE_ROLES)[number];

export const SPEAKING_QUEUE_MAX = 100;
export const TIMER_EXTEND_MAX_MINUTES = 60;
export const TIMER_MAX_DURATION_MINUTES = 480;

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
//
// The commands as the reducer takes them. On the wire they are `meetingCommandSchema` in
// `@casustafel/contracts`, which checks ids and unknown keys and whose output is `LiveCommand`
// (a type test there keeps the two the same); `applyCommand` checks only what its rules need
// (`liveCommandOf`).

/** What becomes of the item that was current when another starts: `besproken` unless told. */
export const PREVIOUS_ITEM_STATUSES = ['besproken', 'overgeslagen', 'gepland'] as const;
export type PreviousItemStatus = (typeof PREVIOUS_ITEM_STATUSES)[number];

type Item<T extends string> = { commandId: string; meetingId: string; itemId: string; type: T };
type Queue<T extends string> = { commandId: string; meetingId: string; type: T };
type Commands<Start> =
  | (Item<'item:start'> & Start)
  | Item<'item:skip'>
  | Item<'item:finish'>
  | Item<'timer:start'>
  | Item<'timer:pause'>
  | (Item<'timer:extend'> & { minutes: number })
  | Item<'phase:advance'>
  | Item<'phase:back'>
  | Queue<'hand:raise'>
  /** Lower a hand: one's own (no userId), or, for the chair, anyone's. */
  | (Queue<'hand:lower'> & { userId?: string | undefined })
  | Queue<'queue:next'>;

/** A command as sent: `previousStatus` may be left out. */
export type LiveCommandInput = Commands<{ previousStatus?: PreviousItemStatus | undefined }>;
/** A command as decided: `previousStatus` filled in. */
export type LiveCommand = Commands<{ previousStatus: PreviousItemStatus }>;
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
