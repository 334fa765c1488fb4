import { afterEach, describe, expect, it } from '@jest/globals';
import { Subject } from 'rxjs';
import * as Y from 'yjs';
import {
  NOTE_TEXT_NAME,
  type NoteJoinResult,
  type NoteSyncResult,
  type NoteUpdateResult,
} from '@casustafel/contracts';
import type { AckOutcome, NoteServerMessage } from '../realtime/realtime.client';
import { noteColor } from './note-colors';
import {
  fromBase64,
  NoteSync,
  type NoteSyncTiming,
  type NoteTransport,
  toBase64,
} from './note-sync';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('missing');
  return value;
}

const ITEM = '0d3c1e7a-6a0b-4c59-8f1e-2b7d9c4a5e61';
const OTHER_ITEM = '7f2a9b3c-1d4e-4f5a-8b6c-9d0e1f2a3b4c';

/** The api's note relay in memory: stores updates in one doc, relays to the other sockets. */
class FakeServer {
  readonly doc = new Y.Doc();
  readonly sockets: FakeSocket[] = [];
  updates = 0;
  syncs = 0;
  /** Relays to drop (a lost relay, a Redis blip): decremented per dropped delivery. */
  dropRelays = 0;

  socket(id: string): FakeSocket {
    const socket = new FakeSocket(id, this);
    this.sockets.push(socket);
    return socket;
  }

  relay(from: FakeSocket, message: NoteServerMessage): void {
    for (const s of this.sockets) {
      if (s !== from && s.connected && s.joined.has(message.event.itemId)) {
        if (message.type === 'update' && this.dropRelays > 0) {
          this.dropRelays--;
          continue;
        }
        s.messages$.next(message);
      }
    }
  }
}

class FakeSocket implements NoteTransport {
  connected = true;
  readonly joined = new Set<string>();
  readonly messages$ = new Subject<NoteServerMessage>();
  readonly connected$ = new Subject<void>();
  sent: string[] = [];

  constructor(
    readonly id: string,
    private readonly server: FakeServer,
  ) {}

  async join(itemId: string): Promise<AckOutcome<NoteJoinResult>> {
    await Promise.resolve();
    if (!this.connected) return { ok: false, timeout: true };
    this.joined.add(itemId);
    return {
      ok: true,
      data: {
        itemId,
        update: toBase64(Y.encodeStateAsUpdate(this.server.doc)),
        stateVector: toBase64(Y.encodeStateVector(this.server.doc)),
      },
    };
  }

  async update(itemId: string, update: string): Promise<AckOutcome<NoteUpdateResult>> {
    await Promise.resolve();
    if (!this.connected) return { ok: false, timeout: true };
    if (!this.joined.has(itemId))
      return { ok: false, error: { code: 'FORBIDDEN', message: 'join first' } };
    this.sent.push(update);
    this.server.updates++;
    this.server.relay(this, { type: 'update', event: { itemId, update, origin: this.id } });
    Y.applyUpdate(this.server.doc, fromBase64(update));
    return { ok: true, data: { itemId } };
  }

  async sync(itemId: string, stateVector: string): Promise<AckOutcome<NoteSyncResult>> {
    await Promise.resolve();
    if (!this.connected) return { ok: false, timeout: true };
    if (!this.joined.has(itemId))
      return { ok: false, error: { code: 'FORBIDDEN', message: 'join first' } };
    this.server.syncs++;
    return {
      ok: true,
      data: {
        itemId,
        update: toBase64(Y.encodeStateAsUpdate(this.server.doc, fromBase64(stateVector))),
        stateVector: toBase64(Y.encodeStateVector(this.server.doc)),
      },
    };
  }

  awareness(itemId: string, update: string): void {
    if (!this.connected || !this.joined.has(itemId)) return;
    this.server.relay(this, { type: 'awareness', event: { itemId, update, origin: this.id } });
  }

  leave(itemId: string): void {
    this.joined.delete(itemId);
  }

  disconnect(): void {
    this.connected = false;
    this.joined.clear();
  }

  reconnect(): void {
    this.connected = true;
    this.connected$.next();
  }
}

/** Lets the fake's promise chains run (a few microtask turns). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Waits `ms` of real time, then lets the promise chains run. */
async function wait(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await settle();
}

/** Every update and cursor move at once; a refused join is retried after 1 ms; no resyncs. */
const IMMEDIATE: NoteSyncTiming = {
  updateDelayMs: 0,
  awarenessDelayMs: 0,
  retryMs: 1,
  gapResyncMs: 5,
  joinResyncMs: [],
};

/** Polls `check` every 5 ms for at most `ms`; returns how long it took (or null). */
async function within(ms: number, check: () => boolean): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start <= ms) {
    if (check()) return Date.now() - start;
    await wait(5);
  }
  return null;
}

const notes: NoteSync[] = [];
function open(
  socket: FakeSocket,
  name: string,
  itemId = ITEM,
  timing: NoteSyncTiming = IMMEDIATE,
): NoteSync {
  const note = new NoteSync(itemId, socket, { name, ...noteColor(name) }, timing);
  notes.push(note);
  return note;
}

describe('NoteSync', () => {
  afterEach(() => {
    for (const n of notes.splice(0)) n.destroy();
  });

  it('two editors typing at once converge through the server, and nothing is echoed back', async () => {
    const server = new FakeServer();
    const a = open(server.socket('a'), 'Fatima');
    const b = open(server.socket('b'), 'Sanne');
    await Promise.all([a.join(), b.join()]);
    expect(a.status()).toBe('synced');

    a.text.insert(0, 'Vraag: ');
    b.text.insert(0, 'Afspraak. ');
    a.text.insert(a.text.length, 'schulden?');
    await settle();

    expect(a.text.toString()).toBe(b.text.toString());
    expect(a.text.toString()).toContain('Vraag: ');
    expect(a.text.toString()).toContain('schulden?');
    expect(a.text.toString()).toContain('Afspraak. ');
    expect(server.doc.getText(NOTE_TEXT_NAME).toString()).toBe(a.text.toString());
    // Three local edits → three updates; applying the relayed ones sent nothing back.
    expect(server.updates).toBe(3);
  });

  it('a newcomer gets the stored note on join', async () => {
    const server = new FakeServer();
    const a = open(server.socket('a'), 'Fatima');
    await a.join();
    a.text.insert(0, 'Eerder geschreven');
    await settle();
    const c = open(server.socket('c'), 'Jeroen');
    await c.join();
    expect(c.text.toString()).toBe('Eerder geschreven');
  });

  it('edits made offline merge with the others’ edits on rejoin', async () => {
    const server = new FakeServer();
    const sa = server.socket('a');
    const sb = server.socket('b');
    const a = open(sa, 'Fatima');
    const b = open(sb, 'Sanne');
    await Promise.all([a.join(), b.join()]);
    a.text.insert(0, 'Begin.');
    await settle();
    expect(b.text.toString()).toBe('Begin.');

    sb.disconnect();
    b.text.insert(b.text.length, ' Offline van Sanne.');
    a.text.insert(a.text.length, ' Online van Fatima.');
    await settle();
    expect(server.doc.getText(NOTE_TEXT_NAME).toString()).not.toContain('Sanne');
    expect(b.text.toString()).not.toContain('Fatima.');

    sb.reconnect();
    await settle();
    expect(b.status()).toBe('synced');
    expect(a.text.toString()).toBe(b.text.toString());
    expect(a.text.toString()).toContain(' Offline van Sanne.');
    expect(a.text.toString()).toContain(' Online van Fatima.');
    expect(server.doc.getText(NOTE_TEXT_NAME).toString()).toBe(a.text.toString());
  });

  it('a lost update (no ack) is resent through the diff of the next join', async () => {
    const server = new FakeServer();
    const sa = server.socket('a');
    const a = open(sa, 'Fatima');
    await a.join();
    const update = sa.update.bind(sa);
    let drop = true;
    sa.update = async (itemId, u) =>
      drop ? ((drop = false), { ok: false, timeout: true }) : update(itemId, u);
    a.text.insert(0, 'Bijna kwijt');
    await wait(20);
    expect(server.doc.getText(NOTE_TEXT_NAME).toString()).toBe('Bijna kwijt');
    expect(a.status()).toBe('synced');
  });

  it('a refused join (rate limit) is tried again while the socket stays connected', async () => {
    const server = new FakeServer();
    const sa = server.socket('a');
    const join = sa.join.bind(sa);
    let refusals = 2;
    sa.join = async (itemId) =>
      refusals-- > 0
        ? { ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } }
        : join(itemId);
    const a = open(sa, 'Fatima');
    await a.join();
    expect(a.status()).toBe('offline');
    a.text.insert(0, 'Toch bewaard');
    await wait(30);
    expect(a.status()).toBe('synced');
    expect(server.doc.getText(NOTE_TEXT_NAME).toString()).toBe('Toch bewaard');
  });

  it('sends fast typing as a few merged updates, well under the api’s rate limit', async () => {
    const server = new FakeServer();
    const a = open(server.socket('a'), 'Fatima', ITEM, {
      updateDelayMs: 40,
      awarenessDelayMs: 40,
      retryMs: 1,
    });
    const b = open(server.socket('b'), 'Sanne');
    await Promise.all([a.join(), b.join()]);
    const typed = 'Huisbezoek plannen met twee collega’s.';
    for (const ch of typed) a.text.insert(a.text.length, ch);
    expect(server.updates).toBe(0);
    await wait(80);
    expect(server.updates).toBe(1);
    expect(b.text.toString()).toBe(typed);
    expect(server.doc.getText(NOTE_TEXT_NAME).toString()).toBe(typed);
  });

  it('shows who else has the note open (awareness) and forgets them when they leave', async () => {
    const server = new FakeServer();
    const a = open(server.socket('a'), 'Fatima');
    await a.join();
    const b = open(server.socket('b'), 'Sanne');
    await b.join();
    await settle();
    expect(a.peers()).toEqual(['Sanne']);
    expect(b.peers()).toEqual(['Fatima']);
    b.destroy();
    await settle();
    expect(a.peers()).toEqual([]);
  });

  it('leaves the note on close, after its last update was answered', async () => {
    const server = new FakeServer();
    const socket = server.socket('a');
    const a = open(socket, 'Fatima');
    await a.join();
    a.text.insert(0, 'Laatste zin');
    a.destroy();
    // Still joined while the last update is on its way…
    expect(socket.joined.has(ITEM)).toBe(true);
    await settle();
    // …then stored and the room left.
    expect(server.doc.getText(NOTE_TEXT_NAME).toString()).toBe('Laatste zin');
    expect(socket.joined.has(ITEM)).toBe(false);
  });

  it('ignores traffic of another item', async () => {
    const server = new FakeServer();
    const a = open(server.socket('a'), 'Fatima');
    const other = open(server.socket('b'), 'Sanne', OTHER_ITEM);
    await Promise.all([a.join(), other.join()]);
    other.text.insert(0, 'Ander agendapunt');
    await settle();
    expect(a.text.toString()).toBe('');
  });

  it('detects a gap after a lost relay (pending structs) and resyncs by itself', async () => {
    const server = new FakeServer();
    const a = open(server.socket('a'), 'Fatima');
    const b = open(server.socket('b'), 'Sanne');
    await Promise.all([a.join(), b.join()]);
    server.dropRelays = 1;
    a.text.insert(0, 'Verloren ');
    await settle();
    expect(b.text.toString()).toBe('');
    // A later update of the same author cannot be applied without the lost one: a gap.
    a.text.insert(a.text.length, 'en daarna.');
    await settle();
    expect(b.doc.store.pendingStructs).not.toBeNull();
    expect(await within(2_000, () => b.text.toString() === a.text.toString())).not.toBeNull();
    expect(b.text.toString()).toBe('Verloren en daarna.');
    expect(b.doc.store.pendingStructs).toBeNull();
    expect(server.syncs).toBeGreaterThanOrEqual(1);
  });

  it('resyncs shortly after a join: an update relayed just before it (not stored yet) arrives', async () => {
    const server = new FakeServer();
    const sa = server.socket('a');
    const a = open(sa, 'Fatima');
    await a.join();
    a.text.insert(0, 'Al opgeslagen. ');
    await settle();
    // Another instance relayed this one before b joined and stores it only after b's join read.
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(a.doc));
    const unstored: Uint8Array[] = [];
    late.on('update', (u: Uint8Array) => unstored.push(u));
    late.getText(NOTE_TEXT_NAME).insert(late.getText(NOTE_TEXT_NAME).length, 'Net getypt.');
    const b = open(server.socket('b'), 'Sanne', ITEM, { ...IMMEDIATE, joinResyncMs: [30, 100] });
    await b.join();
    expect(b.text.toString()).toBe('Al opgeslagen. ');
    for (const u of unstored) Y.applyUpdate(server.doc, u);
    // No later update of that author arrives, so there is no gap to see: the join resync finds it.
    expect(
      await within(2_000, () => b.text.toString() === 'Al opgeslagen. Net getypt.'),
    ).not.toBeNull();
  });

  it('merges offline edits within 2 s of the reconnect, even while a join on the dead connection hangs', async () => {
    const server = new FakeServer();
    const sa = server.socket('a');
    const sb = server.socket('b');
    const a = open(sa, 'Fatima');
    const b = open(sb, 'Sanne', ITEM, { ...IMMEDIATE, retryMs: 1_000 });
    await Promise.all([a.join(), b.join()]);
    // The connection died without the socket noticing: acks time out (after 5 s in the app).
    const join = sb.join.bind(sb);
    const update = sb.update.bind(sb);
    let dead = true;
    const timeouts: (() => void)[] = [];
    const hang = <T>(): Promise<AckOutcome<T>> =>
      new Promise((resolve) => timeouts.push(() => resolve({ ok: false, timeout: true })));
    sb.join = (itemId) => (dead ? hang<NoteJoinResult>() : join(itemId));
    sb.update = (itemId, u) => (dead ? hang<NoteUpdateResult>() : update(itemId, u));
    b.text.insert(0, 'Offline geschreven. ');
    a.text.insert(a.text.length, 'Online geschreven.');
    await settle();
    // The update's ack times out; the note tries to join again on the dead connection.
    timeouts.shift()?.();
    await wait(1_100);
    expect(timeouts.length).toBeGreaterThanOrEqual(1);
    // The network is back: a new connection.
    dead = false;
    sb.joined.clear();
    sb.reconnect();
    const merged = await within(2_000, () => {
      const server_ = server.doc.getText(NOTE_TEXT_NAME).toString();
      return (
        a.text.toString() === b.text.toString() &&
        server_ === a.text.toString() &&
        server_.includes('Offline geschreven. ') &&
        server_.includes('Online geschreven.')
      );
    });
    for (const t of timeouts.splice(0)) t();
    expect(merged).not.toBeNull();
    expect(must(merged)).toBeLessThanOrEqual(2_000);
  });

  it('gives every user the same colour on every screen', () => {
    expect(noteColor('5b8e2a1c')).toEqual(noteColor('5b8e2a1c'));
    expect(noteColor('5b8e2a1c').color).toMatch(/^#[0-9a-f]{6}$/);
  });
});
