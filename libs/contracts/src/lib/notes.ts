import * as z from 'zod';

/**
 * Collaborative notes of an agenda item (Yjs), relayed over the `/live` socket.
 *
 * - One shared Y.Doc per agenda item; its text lives in `doc.getText(NOTE_TEXT_NAME)`.
 * - Every Yjs update travels as a **base64 string** (cheaper than binary socket.io payloads).
 * - Sync (also after a reconnect or offline editing):
 *   1. the client emits `note:join { itemId }` and gets `{ update, stateVector }`: the stored
 *      state as one Yjs update and the server's state vector;
 *   2. it applies `update` to its own Y.Doc (`Y.applyUpdate`);
 *   3. it sends what the server lacks — `Y.encodeStateAsUpdate(doc, stateVector)` — as one
 *      `note:update` (skip when it is empty, i.e. 2 bytes). Edits made while offline thus
 *      reach the server and the other clients, and merge (CRDT) with theirs.
 *   Updates the server lost in a crash (not yet stored) come back the same way.
 * - After joining, each local change is sent as `note:update`; the server relays it to the
 *   other sockets of the item room (`note:update` with the sender's socket id as `origin`),
 *   then stores it. Updates above `NOTE_UPDATE_MAX_BYTES` are refused (`VALIDATION_FAILED`):
 *   the client sends large pastes as several smaller transactions.
 * - `note:awareness` carries y-protocols awareness updates (who is present, cursors); they
 *   are relayed to the item room and never stored.
 * - `note:sync { itemId, stateVector }` (after `note:join`) answers what the server holds and the
 *   client lacks: the diff against the client's state vector, plus the server's state vector (so
 *   the client sends its own diff back, as after a join). A client resyncs when it sees a gap
 *   (remote updates waiting for a missing one: `doc.store.pendingStructs`) and shortly after each
 *   join (updates another instance relayed just before the join and had not stored yet).
 * - An update that decodes but cannot be applied to the note is refused with
 *   `NOTE_UPDATE_REJECTED` (not relayed, not stored); the client then resyncs.
 */

/** Name of the shared `Y.Text` of a note. */
export const NOTE_TEXT_NAME = 'text';

/** Largest Yjs update accepted in one `note:update` (bytes before base64), below the socket limit. */
export const NOTE_UPDATE_MAX_BYTES = 32 * 1024;
/** Largest awareness update accepted in one `note:awareness` (bytes before base64). */
export const NOTE_AWARENESS_MAX_BYTES = 8 * 1024;

const base64 = (maxBytes: number) =>
  z
    .string()
    .min(4)
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'base64');

export const noteJoinSchema = z.strictObject({ itemId: z.uuid() });
export type NoteJoin = z.infer<typeof noteJoinSchema>;

export interface NoteJoinResult {
  itemId: string;
  /** The stored state as one Yjs update (base64). */
  update: string;
  /** The server's state vector of that state (base64): diff your own state against it. */
  stateVector: string;
}

/** Largest state vector accepted in `note:sync` (bytes before base64). */
export const NOTE_STATE_VECTOR_MAX_BYTES = 16 * 1024;

export const noteSyncSchema = z.strictObject({
  itemId: z.uuid(),
  /** The client's `Y.encodeStateVector(doc)` (base64; an empty doc's is `AA==`). */
  stateVector: base64(NOTE_STATE_VECTOR_MAX_BYTES),
});
export type NoteSyncRequest = z.infer<typeof noteSyncSchema>;

/** What the server holds beyond the client's state vector. */
export interface NoteSyncResult {
  itemId: string;
  /** A Yjs update (base64): apply it. */
  update: string;
  /** The server's state vector (base64): send `Y.encodeStateAsUpdate(doc, it)` when not empty. */
  stateVector: string;
}

export const noteUpdateSchema = z.strictObject({
  itemId: z.uuid(),
  /** One Yjs update (base64). */
  update: base64(NOTE_UPDATE_MAX_BYTES),
});
export type NoteUpdate = z.infer<typeof noteUpdateSchema>;

export interface NoteUpdateResult {
  itemId: string;
}

export const noteAwarenessSchema = z.strictObject({
  itemId: z.uuid(),
  /** A y-protocols awareness update (base64). */
  update: base64(NOTE_AWARENESS_MAX_BYTES),
});
export type NoteAwareness = z.infer<typeof noteAwarenessSchema>;

/** Server → client: another socket's update of a note. */
export interface NoteUpdateEvent {
  itemId: string;
  update: string;
  /** socket.io id of the sender. */
  origin: string;
}

/** Server → client: another socket's awareness update. */
export interface NoteAwarenessEvent {
  itemId: string;
  update: string;
  origin: string;
}
