import type { Observable } from 'rxjs';
import type { NoteJoinResult, NoteSyncResult, NoteUpdateResult } from '@casustafel/contracts';
import type { AckOutcome, NoteServerMessage } from '../realtime/realtime.client';

/** Origin of updates that came from the server (never sent back). */
export const NOTE_REMOTE_ORIGIN = Symbol('note-remote');

/** An empty Yjs update (nothing the server lacks) is 2 bytes. */
export const EMPTY_UPDATE_BYTES = 2;

/** What a note needs of the live socket; the RealtimeClient in the app, a fake in tests. */
export interface NoteTransport {
  readonly connected: boolean;
  join(itemId: string): Promise<AckOutcome<NoteJoinResult>>;
  update(itemId: string, update: string): Promise<AckOutcome<NoteUpdateResult>>;
  /** `note:sync`: the server's diff against `stateVector` (without it, the note joins again). */
  sync?(itemId: string, stateVector: string): Promise<AckOutcome<NoteSyncResult>>;
  awareness(itemId: string, update: string): void;
  /** Closes the note on the connection (after the last update was answered). */
  leave?(itemId: string): void;
  /** Updates and awareness of other sockets (any item: the note filters its own). */
  readonly messages$: Observable<NoteServerMessage>;
  /** Emits after every (re)connect of the socket. */
  readonly connected$: Observable<unknown>;
}

/** Who types: shown next to one's cursor in the other editors. */
export interface NoteUser {
  name: string;
  color: string;
  colorLight: string;
}

export type NoteSyncStatus = 'connecting' | 'synced' | 'offline';

/** How often a note sends (the api limits live events per socket, ~30 a second). */
export interface NoteSyncTiming {
  /** Local updates within this window go out as one merged `note:update` (0: each at once). */
  updateDelayMs: number;
  /** Cursor moves within this window go out as one awareness update (0: each at once). */
  awarenessDelayMs: number;
  /** First wait before joining again after a refused join; doubles up to 10 s. */
  retryMs: number;
  /**
   * Wait before a resync once a gap shows (remote updates waiting for a missing one); doubles
   * while the gap stays, up to `RESYNC_MAX_MS`.
   */
  gapResyncMs?: number;
  /**
   * Resyncs after each join, at these delays: updates another api instance relayed just before
   * the join are stored there within its batch time (200 ms) and come with these.
   */
  joinResyncMs?: readonly number[];
}

export const NOTE_SYNC_TIMING: NoteSyncTiming = {
  updateDelayMs: 100,
  awarenessDelayMs: 200,
  retryMs: 1_000,
  gapResyncMs: 250,
  joinResyncMs: [600, 1_600],
};

/** Longest wait between two resyncs while a gap stays open. */
export const RESYNC_MAX_MS = 2_000;
/** Resyncs per gap before the note joins again from scratch. */
export const RESYNC_ATTEMPTS = 6;

export const RETRY_MAX_MS = 10_000;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
