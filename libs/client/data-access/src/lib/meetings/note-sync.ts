import { signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import * as Y from 'yjs';
import {
  applyAwarenessUpdate,
  Awareness,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { NOTE_TEXT_NAME, NOTE_UPDATE_MAX_BYTES } from '@casustafel/contracts';
import type { NoteServerMessage } from '../realtime/realtime.client';
import {
  EMPTY_UPDATE_BYTES,
  fromBase64,
  NOTE_REMOTE_ORIGIN,
  NOTE_SYNC_TIMING,
  type NoteSyncStatus,
  type NoteSyncTiming,
  type NoteTransport,
  type NoteUser,
  RESYNC_ATTEMPTS,
  RESYNC_MAX_MS,
  RETRY_MAX_MS,
  toBase64,
} from './note-transport';

export type { NoteSyncStatus, NoteSyncTiming, NoteTransport, NoteUser } from './note-transport';
export { fromBase64, NOTE_REMOTE_ORIGIN, NOTE_SYNC_TIMING, toBase64 } from './note-transport';

/**
 * The shared note of one agenda item: a Y.Doc whose `Y.Text` (`NOTE_TEXT_NAME`) the editor
 * binds to, and an Awareness for presence cursors, kept in sync over the live socket.
 *
 * Sync: `note:join` → apply the stored state → send what the server lacks (the diff against its
 * state vector; so edits made offline merge on reconnect). Every local update is then sent as
 * `note:update` (those of a short window merged into one, to stay well under the api's per-socket
 * rate); updates of others are applied with {@link NOTE_REMOTE_ORIGIN}. After a reconnect the
 * note joins again at once (a join still waiting on the old connection is dropped); after a lost
 * update or join it joins again after `retryMs`, after a refused one with a growing wait.
 *
 * Gaps: when a remote update cannot be applied yet because one before it never arrived (a lost
 * relay, a Redis blip, a join that raced with an update another instance had not stored yet),
 * Yjs keeps it in `doc.store.pendingStructs`; the note then asks the server for the diff against
 * its state vector (`note:sync`) within `gapResyncMs`, and again after each join
 * (`joinResyncMs`). Cursor moves go out at most every `awarenessDelayMs`.
 */
export class NoteSync {
  readonly doc = new Y.Doc();
  readonly text: Y.Text = this.doc.getText(NOTE_TEXT_NAME);
  readonly awareness = new Awareness(this.doc);
  readonly #status = signal<NoteSyncStatus>('connecting');
  readonly #peers = signal<string[]>([]);
  /** `connecting` until the first join, `synced` while joined, `offline` otherwise. */
  readonly status = this.#status.asReadonly();
  /** Names of the others who have this note open. */
  readonly peers = this.#peers.asReadonly();
  #joined = false;
  #joining: Promise<void> | null = null;
  #rejoin = false;
  #destroyed = false;
  /** Updates sent and not yet answered (the note is left only after them). */
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #subscriptions: Subscription[] = [];
  #pending: Uint8Array[] = [];
  #updateTimer: ReturnType<typeof setTimeout> | null = null;
  #awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryMs: number;
  /** Bumped on every (re)connect: answers to a join of an older connection are dropped. */
  #generation = 0;
  #resyncTimer: ReturnType<typeof setTimeout> | null = null;
  #resyncing = false;
  #resyncAttempts = 0;
  readonly #joinResyncTimers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly itemId: string,
    private readonly transport: NoteTransport,
    user: NoteUser,
    private readonly timing: NoteSyncTiming = NOTE_SYNC_TIMING,
  ) {
    this.#retryMs = timing.retryMs;
    this.awareness.setLocalStateField('user', user);
    this.doc.on('update', this.#onDocUpdate);
    this.awareness.on('update', this.#onAwarenessUpdate);
    this.awareness.on('change', this.#onAwarenessChange);
    this.#subscriptions.push(
      transport.messages$.subscribe((m) => this.#onMessage(m)),
      transport.connected$.subscribe(() => this.#onReconnect()),
    );
  }

  /**
   * A new connection: join at once. A join still waiting for its answer went out on the old
   * connection (it would only time out), so it is dropped rather than waited for.
   */
  #onReconnect(): void {
    if (this.#destroyed) return;
    this.#generation++;
    this.#joined = false;
    this.#retryMs = this.timing.retryMs;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#joining = null;
    this.#rejoin = false;
    void this.join();
  }

  /** Joins (or joins again) and exchanges the missing updates both ways. */
  join(): Promise<void> {
    if (this.#destroyed) return Promise.resolve();
    if (this.#joining) {
      this.#rejoin = true;
      return this.#joining;
    }
    const joining: Promise<void> = this.#doJoin().finally(() => {
      // A reconnect meanwhile started a newer join: that one is not ours to clear.
      if (this.#joining !== joining) return;
      this.#joining = null;
      if (this.#rejoin && !this.#destroyed) {
        this.#rejoin = false;
        void this.join();
      }
    });
    this.#joining = joining;
    return joining;
  }

  async #doJoin(): Promise<void> {
    if (!this.transport.connected) {
      this.#joined = false;
      this.#status.set(this.#status() === 'connecting' ? 'connecting' : 'offline');
      return;
    }
    const generation = this.#generation;
    const ack = await this.transport.join(this.itemId);
    if (this.#destroyed || generation !== this.#generation) return;
    if (!ack.ok) {
      this.#joined = false;
      this.#status.set('offline');
      // No answer (lost on the way): try again soon; a refusal: back off.
      this.#retryLater('timeout' in ack);
      return;
    }
    this.#applyRemote(ack.data.update);
    this.#joined = true;
    this.#retryMs = this.timing.retryMs;
    // Whatever was waiting to be sent is part of the diff below.
    this.#pending = [];
    this.#status.set('synced');
    const missing = Y.encodeStateAsUpdate(this.doc, fromBase64(ack.data.stateVector));
    if (missing.length > EMPTY_UPDATE_BYTES) this.#send(missing);
    this.#scheduleJoinResyncs();
    this.#checkGap();
    // Tell the others who is here (and where the cursor is).
    this.transport.awareness(
      this.itemId,
      toBase64(encodeAwarenessUpdate(this.awareness, [this.doc.clientID])),
    );
  }

  /** Joins again after a wait while the socket stays connected (a reconnect joins at once). */
  #retryLater(lost = false): void {
    if (this.#destroyed || this.#retryTimer || !this.transport.connected) return;
    const wait = lost ? this.timing.retryMs : this.#retryMs;
    if (!lost) this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#joined) void this.join();
    }, wait);
  }

  #send(update: Uint8Array): void {
    if (update.length > NOTE_UPDATE_MAX_BYTES) {
      // Too large for one message (the editor inserts big pastes in parts, so this is rare):
      // it stays in the local doc and the status says the note is not saved.
      this.#status.set('offline');
      return;
    }
    const sent = this.transport.update(this.itemId, toBase64(update));
    this.#inFlight.add(sent);
    void sent.finally(() => this.#inFlight.delete(sent));
    const generation = this.#generation;
    void sent.then((ack) => {
      if (!ack.ok && !this.#destroyed && this.#joined && generation === this.#generation) {
        // Lost or refused: join again; the diff against the server's state carries it.
        this.#joined = false;
        this.#status.set('offline');
        if (this.transport.connected) this.#retryLater('timeout' in ack);
      }
    });
  }

  /** Applies a server update (base64); a malformed one is ignored (the next sync mends it). */
  #applyRemote(update: string): void {
    try {
      Y.applyUpdate(this.doc, fromBase64(update), NOTE_REMOTE_ORIGIN);
    } catch {
      // Ignored: the server refuses updates it cannot apply, so this is a damaged message.
    }
  }

  /** Whether remote updates wait for one that never arrived. */
  get hasGap(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  /** Schedules a resync when a gap shows (once per gap; the wait grows while it stays). */
  #checkGap(): void {
    if (!this.hasGap) {
      this.#resyncAttempts = 0;
      return;
    }
    const first = this.timing.gapResyncMs ?? NOTE_SYNC_TIMING.gapResyncMs ?? 250;
    this.#scheduleResync(Math.min(first * 2 ** this.#resyncAttempts, RESYNC_MAX_MS));
  }

  #scheduleResync(delayMs: number): void {
    if (this.#destroyed || this.#resyncTimer || this.#resyncing) return;
    this.#resyncTimer = setTimeout(() => {
      this.#resyncTimer = null;
      void this.resync();
    }, delayMs);
  }

  #scheduleJoinResyncs(): void {
    for (const timer of this.#joinResyncTimers) clearTimeout(timer);
    this.#joinResyncTimers.clear();
    for (const delay of this.timing.joinResyncMs ?? []) {
      const timer = setTimeout(() => {
        this.#joinResyncTimers.delete(timer);
        void this.resync();
      }, delay);
      this.#joinResyncTimers.add(timer);
    }
  }

  /**
   * Asks the server for what it holds beyond this doc's state vector and sends back what it
   * lacks (`note:sync`; without it in the transport, joins again). A gap that stays open after
   * `RESYNC_ATTEMPTS` resyncs leads to a fresh join.
   */
  async resync(): Promise<void> {
    if (this.#destroyed || !this.#joined || this.#resyncing || !this.transport.connected) return;
    if (!this.transport.sync) {
      this.#joined = false;
      await this.join();
      return;
    }
    this.#resyncing = true;
    const generation = this.#generation;
    try {
      const ack = await this.transport.sync(this.itemId, toBase64(Y.encodeStateVector(this.doc)));
      if (this.#destroyed || generation !== this.#generation) return;
      if (!ack.ok) {
        // Not joined on this connection any more (or no answer): join again.
        this.#joined = false;
        this.#retryLater('timeout' in ack);
        return;
      }
      this.#applyRemote(ack.data.update);
      const missing = Y.encodeStateAsUpdate(this.doc, fromBase64(ack.data.stateVector));
      if (missing.length > EMPTY_UPDATE_BYTES) this.#send(missing);
    } finally {
      this.#resyncing = false;
    }
    if (this.hasGap && ++this.#resyncAttempts >= RESYNC_ATTEMPTS) {
      this.#resyncAttempts = 0;
      this.#joined = false;
      void this.join();
      return;
    }
    this.#checkGap();
  }

  /** Sends the waiting local updates, merged into one where it fits. */
  #flush(): void {
    if (this.#updateTimer) clearTimeout(this.#updateTimer);
    this.#updateTimer = null;
    const pending = this.#pending;
    this.#pending = [];
    if (pending.length === 0 || !this.#joined) return;
    const merged = pending.length === 1 ? (pending[0] as Uint8Array) : Y.mergeUpdates(pending);
    if (merged.length <= NOTE_UPDATE_MAX_BYTES) this.#send(merged);
    else for (const update of pending) this.#send(update);
  }

  readonly #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === NOTE_REMOTE_ORIGIN || !this.#joined) return;
    this.#pending.push(update);
    if (this.timing.updateDelayMs <= 0) this.#flush();
    else this.#updateTimer ??= setTimeout(() => this.#flush(), this.timing.updateDelayMs);
  };

  #sendAwareness(clients: number[]): void {
    this.transport.awareness(this.itemId, toBase64(encodeAwarenessUpdate(this.awareness, clients)));
  }

  readonly #onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (!this.#joined) return;
    if (origin === NOTE_REMOTE_ORIGIN) {
      // The server keeps no awareness: greet a newcomer with our own state so they see us now.
      if (change.added.some((id) => id !== this.doc.clientID)) {
        this.transport.awareness(
          this.itemId,
          toBase64(encodeAwarenessUpdate(this.awareness, [this.doc.clientID])),
        );
      }
      return;
    }
    const clients = [...change.added, ...change.updated, ...change.removed];
    const onlyMine = clients.every((id) => id === this.doc.clientID) && !change.removed.length;
    if (!onlyMine || this.timing.awarenessDelayMs <= 0) {
      this.#sendAwareness(clients);
      return;
    }
    // Cursor moves: the latest state, at most every `awarenessDelayMs`.
    this.#awarenessTimer ??= setTimeout(() => {
      this.#awarenessTimer = null;
      if (this.#joined && !this.#destroyed) this.#sendAwareness([this.doc.clientID]);
    }, this.timing.awarenessDelayMs);
  };

  readonly #onAwarenessChange = (): void => {
    const names: string[] = [];
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.doc.clientID) return;
      const user = (state as { user?: { name?: unknown } }).user;
      if (typeof user?.name === 'string' && !names.includes(user.name)) names.push(user.name);
    });
    this.#peers.set(names.sort((a, b) => a.localeCompare(b, 'nl')));
  };

  #onMessage(message: NoteServerMessage): void {
    if (message.event.itemId !== this.itemId || this.#destroyed) return;
    try {
      const bytes = fromBase64(message.event.update);
      if (message.type === 'update') Y.applyUpdate(this.doc, bytes, NOTE_REMOTE_ORIGIN);
      else applyAwarenessUpdate(this.awareness, bytes, NOTE_REMOTE_ORIGIN);
    } catch {
      // A malformed relay is ignored; the next join brings the stored state.
    }
    if (message.type === 'update' && this.#joined) this.#checkGap();
  }

  /** Leaves: tells the others the cursor is gone, stops listening, frees the doc. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#flush();
    if (this.#awarenessTimer) clearTimeout(this.#awarenessTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#resyncTimer) clearTimeout(this.#resyncTimer);
    for (const timer of this.#joinResyncTimers) clearTimeout(timer);
    this.#joinResyncTimers.clear();
    this.#awarenessTimer = this.#retryTimer = this.#resyncTimer = null;
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    this.#destroyed = true;
    // Leave the note's room once the last updates were answered (leaving first would refuse them).
    const joined = this.#joined;
    void Promise.allSettled([...this.#inFlight]).then(() => {
      if (joined) this.transport.leave?.(this.itemId);
    });
    for (const s of this.#subscriptions) s.unsubscribe();
    this.doc.off('update', this.#onDocUpdate);
    this.awareness.off('update', this.#onAwarenessUpdate);
    this.awareness.off('change', this.#onAwarenessChange);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
