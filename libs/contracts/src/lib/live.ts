import * as z from 'zod';
import { errorCodeSchema } from './errors';
import type { ErrorCode } from './plain/errors';
import type {
  MeetingCommand,
  MeetingCommandResult,
  MeetingEvent,
  MeetingJoin,
  MeetingJoinResult,
  MeetingPresence,
} from './meetings';
import type {
  ActionEvent,
  ActionView,
  DecisionCreatedEvent,
  DecisionView,
  LiveActionCreate,
  LiveActionUpdate,
  LiveDecisionCreate,
  RecordCommandResult,
} from './meeting-records';
import type {
  NoteAwareness,
  NoteAwarenessEvent,
  NoteJoin,
  NoteJoinResult,
  NoteSyncRequest,
  NoteSyncResult,
  NoteUpdate,
  NoteUpdateEvent,
  NoteUpdateResult,
} from './notes';
import type { GuestJoin, GuestJoinResult, GuestStateEvent } from './guests';
import type { NetworkChangedEvent, NetworkJoin, NetworkJoinResult } from './network-map';
import type { ConferenceCommand, ConferenceJoin } from './family-conference';
import type {
  SessionCommand,
  SessionCommandResult,
  SessionEventMessage,
  SessionJoin,
  SessionJoinResult,
} from './sessions';

// LIVE_NAMESPACE, LIVE_PATH and the message limit live in ./plain/live (zod-free).

/** Acknowledgement of every client → server event. */
export type LiveAck<T> =
  { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const liveAckErrorSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: errorCodeSchema, message: z.string() }),
});

/** `clock:sync`: the client measures its offset to the server clock (timers are server time). */
export const clockSyncRequestSchema = z.object({
  clientSentAt: z.number().int().nonnegative(),
});
export type ClockSyncRequest = z.infer<typeof clockSyncRequestSchema>;

export const clockSyncResponseSchema = z.object({
  clientSentAt: z.number().int().nonnegative(),
  serverTime: z.number().int().nonnegative(),
});
export type ClockSyncResponse = z.infer<typeof clockSyncResponseSchema>;

/** `presence:count`: how many sockets are connected to this deployment's live channel. */
export const presenceCountSchema = z.object({ connected: z.number().int().nonnegative() });
export type PresenceCount = z.infer<typeof presenceCountSchema>;

/** Typed event maps for socket.io's `Server<C2S, S2C>` and `Socket<S2C, C2S>`. */
export interface LiveClientToServerEvents {
  'clock:sync': (payload: ClockSyncRequest, ack: (res: LiveAck<ClockSyncResponse>) => void) => void;
  'meeting:join': (payload: MeetingJoin, ack: (res: LiveAck<MeetingJoinResult>) => void) => void;
  'meeting:command': (
    payload: MeetingCommand,
    ack: (res: LiveAck<MeetingCommandResult>) => void,
  ) => void;
  'note:join': (payload: NoteJoin, ack: (res: LiveAck<NoteJoinResult>) => void) => void;
  'note:update': (payload: NoteUpdate, ack: (res: LiveAck<NoteUpdateResult>) => void) => void;
  /** Resync of a joined note: the diff against the client's state vector. */
  'note:sync': (payload: NoteSyncRequest, ack: (res: LiveAck<NoteSyncResult>) => void) => void;
  'note:awareness': (payload: NoteAwareness, ack?: (res: LiveAck<null>) => void) => void;
  /** Closes a note on this connection (leaves its room; frees a place under the per-socket cap). */
  'note:leave': (payload: NoteJoin, ack?: (res: LiveAck<null>) => void) => void;
  'decision:create': (
    payload: LiveDecisionCreate,
    ack: (res: LiveAck<RecordCommandResult<DecisionView>>) => void,
  ) => void;
  'action:create': (
    payload: LiveActionCreate,
    ack: (res: LiveAck<RecordCommandResult<ActionView>>) => void,
  ) => void;
  'action:update': (
    payload: LiveActionUpdate,
    ack: (res: LiveAck<RecordCommandResult<ActionView>>) => void,
  ) => void;
  /** A guest joins the live room of their meeting: only the invited items. */
  'guest:join': (payload: GuestJoin, ack: (res: LiveAck<GuestJoinResult>) => void) => void;
  /** Follow a household's network maps (team members with client-data roles only). */
  'network:join': (payload: NetworkJoin, ack: (res: LiveAck<NetworkJoinResult>) => void) => void;
  'network:leave': (payload: NetworkJoin, ack?: (res: LiveAck<null>) => void) => void;
  /** A live session of another kind (see `sessions.ts`). */
  'session:join': (payload: SessionJoin, ack: (res: LiveAck<SessionJoinResult>) => void) => void;
  'session:command': (
    payload: SessionCommand,
    ack: (res: LiveAck<SessionCommandResult>) => void,
  ) => void;
  /** A family conference's room, for everyone in it (staff, family and network by link + code). */
  'conference:join': (
    payload: ConferenceJoin,
    ack: (res: LiveAck<SessionJoinResult>) => void,
  ) => void;
  'conference:command': (
    payload: ConferenceCommand,
    ack: (res: LiveAck<SessionCommandResult>) => void,
  ) => void;
}

export interface LiveServerToClientEvents {
  'presence:count': (payload: PresenceCount) => void;
  'meeting:event': (payload: MeetingEvent) => void;
  'meeting:presence': (payload: MeetingPresence) => void;
  /** The meeting was closed (REST); the room accepts no more commands. */
  'meeting:closed': (payload: { meetingId: string }) => void;
  'note:update': (payload: NoteUpdateEvent) => void;
  'note:awareness': (payload: NoteAwarenessEvent) => void;
  /** A decision or action was committed (live or REST), with the meeting's seq. */
  'decision:created': (payload: DecisionCreatedEvent) => void;
  'action:created': (payload: ActionEvent) => void;
  'action:updated': (payload: ActionEvent) => void;
  /** To a guest: their view of the room changed. */
  'guest:state': (payload: GuestStateEvent) => void;
  /** A household's network maps changed (read them again). */
  'network:changed': (payload: NetworkChangedEvent) => void;
  /** A session's committed event, as the receiving role may see it. */
  'session:event': (payload: SessionEventMessage) => void;
}

/** Names of client → server events, for the handler enumeration test and the gateway. */
export const LIVE_CLIENT_EVENTS = [
  'clock:sync',
  'meeting:join',
  'meeting:command',
  'note:join',
  'note:update',
  'note:sync',
  'note:awareness',
  'note:leave',
  'decision:create',
  'action:create',
  'action:update',
  'guest:join',
  'network:join',
  'network:leave',
  'session:join',
  'session:command',
  'conference:join',
  'conference:command',
] as const satisfies readonly (keyof LiveClientToServerEvents)[];
