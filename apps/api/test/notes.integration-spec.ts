import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type LiveAck,
  NOTE_TEXT_NAME,
  NOTE_UPDATE_MAX_BYTES,
  type NoteAwarenessEvent,
  type NoteJoinResult,
  type NoteUpdateResult,
} from '@casustafel/contracts';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { BrowserClient } from './support/browser-client';
import { testEngines, type TestDatabase, createTestDatabaseOnDisk } from './support/engines';
import {
  FakeClock,
  nextEvent,
  pollUntil,
  startTestApp,
  type TestApp,
  connectedLive,
} from './support/test-app';
import { dataSourceOf } from './factories/identity.factory';
import { NotesService } from '../src/modules/notes/notes.service';
import { must } from './support/must';
import { b64, NoteEditor, unb64 } from './support/note-editor';
import { addAgendaItem, createMeeting } from './factories/meeting.factory';
import { twoTeams } from './factories/team.factory';

describe.each(testEngines())('collaborative notes on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let chair: BrowserClient;
  let member: BrowserClient;
  let outsider: BrowserClient;
  let memberId: string;
  let itemId: string;
  let otherItemId: string;
  const started = Date.now();

  beforeAll(async () => {
    db = await createTestDatabaseOnDisk(engine, 'cst-notes-');
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const cast = await twoTeams(t, clock);
    [chair, member, outsider, memberId] = [
      cast.chair.client,
      cast.member.client,
      cast.outsider.client,
      cast.member.id,
    ];
    const meeting = await createMeeting(chair, cast.teamA, {
      startsAt: '2026-03-03T09:30:00+01:00',
      durationMinutes: 90,
      chairId: cast.chair.id,
    });
    const add = (title: string) =>
      addAgendaItem(chair, meeting.id, {
        kind: 'overig',
        title,
        presenterUserId: cast.chair.id,
        timeBoxMinutes: 10,
      });
    await add('Werkafspraken');
    const detail = await add('Rondvraag');
    [itemId, otherItemId] = detail.agenda.map((i) => i.id) as [string, string];
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
    process.stdout.write(`notes on ${engine}: ${Date.now() - started} ms\n`);
  });

  const connect = (client: BrowserClient) => connectedLive(t, client);
  const auditRows = (action: string) =>
    dataSourceOf(t.app).query(
      'SELECT "outcome", "actor_user_id", "object_id" FROM "audit_event" WHERE "action" = $1 ORDER BY "seq"',
      [action],
    ) as Promise<{ outcome: string; actor_user_id: string; object_id: string }[]>;
  const fresh = async (client: BrowserClient, id = itemId) => {
    const editor = new NoteEditor(id);
    const joined = await editor.attach(await connect(client));
    expect(joined.ok).toBe(true);
    return editor;
  };
  const moved = (client: BrowserClient) => client.movedTo(t.baseUrl);

  let alice: NoteEditor;
  let anna: NoteEditor;

  it('two members type concurrently: both docs converge to one text with both inputs', async () => {
    alice = await fresh(chair);
    anna = await fresh(member);
    expect(alice.text).toBe('');
    for (let i = 0; i < 10; i++) {
      alice.type(alice.text.length, `a${i} `);
      anna.type(0, `n${i} `);
    }
    await Promise.all([alice.settled(), anna.settled()]);
    await pollUntil(
      () => [alice.text, anna.text],
      ([x, y]) => x === y && (x?.length ?? 0) === 60,
    );
    for (let i = 0; i < 10; i++) {
      expect(alice.text).toContain(`a${i} `);
      expect(alice.text).toContain(`n${i} `);
    }
    // Awareness (presence, cursors) is relayed to the others, never stored.
    const awareness = new awarenessProtocol.Awareness(alice.doc);
    awareness.setLocalState({ user: 'Alice', cursor: 3 });
    const seen = nextEvent<NoteAwarenessEvent>(must(anna.socket), 'note:awareness');
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [alice.doc.clientID]);
    expect(
      await must(alice.socket).emitWithAck('note:awareness', { itemId, update: b64(update) }),
    ).toEqual({ ok: true, data: null });
    const relayed = await seen;
    expect(relayed).toMatchObject({ itemId, origin: must(alice.socket).id });
    const remote = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(remote, unb64(relayed.update), 'test');
    expect(remote.getStates().get(alice.doc.clientID)).toEqual({ user: 'Alice', cursor: 3 });
    awareness.destroy();
    remote.destroy();
  });

  it('a third member joining later gets the full text; plainText has it too', async () => {
    const late = await fresh(member);
    expect(late.text).toBe(alice.text);
    expect(await t.app.get(NotesService).plainText(itemId)).toBe(alice.text);
    // Another item's note is a separate document.
    const other = await fresh(member, otherItemId);
    expect(other.text).toBe('');
    must(late.socket).disconnect();
    must(other.socket).disconnect();
  });

  it('audits note.read per join and note.update at most once per item per socket per minute', async () => {
    const reads = await auditRows('note.read');
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(reads.every((r) => r.outcome === 'allowed')).toBe(true);
    const updates = await auditRows('note.update');
    // 20 keystrokes from two sockets: one record per socket.
    expect(updates).toHaveLength(2);
    expect(new Set(updates.map((r) => r.object_id))).toEqual(new Set([itemId]));
    clock.advance(61_000);
    anna.type(0, '!');
    await anna.settled();
    expect(await auditRows('note.update')).toHaveLength(3);
    expect((await auditRows('note.update')).at(-1)?.actor_user_id).toBe(memberId);
  });

  it('refuses a member of another team (FORBIDDEN), for join and update alike', async () => {
    const socket = await connect(outsider);
    const joined = (await socket.emitWithAck('note:join', { itemId })) as LiveAck<NoteJoinResult>;
    expect(joined).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const doc = new Y.Doc();
    doc.getText(NOTE_TEXT_NAME).insert(0, 'ingebroken');
    const update = (await socket.emitWithAck('note:update', {
      itemId,
      update: b64(Y.encodeStateAsUpdate(doc)),
    })) as LiveAck<NoteUpdateResult>;
    expect(update).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const awareness = await socket.emitWithAck('note:awareness', { itemId, update: 'AAAA' });
    expect(awareness).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await auditRows('note.read')).at(-1)?.outcome).toBe('denied');
    const deniedUpdates = (await auditRows('note.update')).filter((r) => r.outcome === 'denied');
    expect(deniedUpdates).toHaveLength(1);
    expect(alice.text).not.toContain('ingebroken');
    socket.disconnect();
  });

  it('refuses an oversized, a non-base64 or a non-Yjs payload with VALIDATION_FAILED; the socket stays usable', async () => {
    const socket = must(alice.socket);
    const oversized = b64(randomBytes(NOTE_UPDATE_MAX_BYTES + 4096)); // still below 64 KB
    const bad = [
      oversized,
      'niet base64!',
      b64(new Uint8Array([5])),
      b64(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])),
    ];
    for (const update of bad) {
      const res = (await socket.emitWithAck('note:update', { itemId, update })) as LiveAck<never>;
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(socket.connected).toBe(true);
    const before = anna.text;
    alice.type(0, 'OK ');
    await alice.settled();
    await pollUntil(
      () => anna.text,
      (x) => x === `OK ${before}`,
    );
  });

  it('merges edits made offline when the client reconnects', async () => {
    must(anna.socket).disconnect();
    anna.type(anna.text.length, ' offline-anna');
    alice.type(0, 'online-alice ');
    await alice.settled();
    expect(anna.text).not.toContain('online-alice');
    const rejoined = await anna.attach(await connect(member));
    expect(rejoined.ok).toBe(true);
    expect(anna.text).toContain('online-alice');
    await pollUntil(
      () => alice.text,
      (x) => x === anna.text,
    );
    expect(alice.text).toContain('offline-anna');
  });

  it('keeps the text across an api restart, including updates still in the batch', async () => {
    alice.type(alice.text.length, ' laatste-woord');
    const expected = alice.text;
    // Close as soon as the update reached the server: it is still in the 200 ms batch (so not
    // yet acknowledged — acks wait for the write); shutdown writes it.
    await pollUntil(
      () => t.app.get(NotesService).pendingUpdates,
      (n) => n > 0,
      2000,
      1,
    );
    // Its ack may or may not leave before the sockets close: not what this test is about.
    for (const pending of alice.acks.splice(0)) pending.catch(() => undefined);
    await t.close();
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    [chair, member] = [moved(chair), moved(member)];
    const reader = await fresh(member);
    expect(reader.text).toBe(expected);
    expect(await t.app.get(NotesService).plainText(itemId)).toBe(expected);
    alice = await fresh(chair);
    anna = reader;
  });

  it('compacts the stored updates into a snapshot without changing the text', async () => {
    const notes = t.app.get(NotesService);
    anna.type(0, 'compact ');
    await anna.settled();
    await notes.flush();
    const expected = anna.text;
    const ds = dataSourceOf(t.app);
    const count = async () =>
      Number(
        (
          (await ds.query('SELECT count(*)::int AS n FROM "note_update" WHERE "item_id" = $1', [
            itemId,
          ])) as { n: number }[]
        )[0]?.n,
      );
    expect(await count()).toBeGreaterThan(1);
    expect(await notes.compact(itemId)).toBeGreaterThan(1);
    expect(await count()).toBe(0);
    expect(await notes.plainText(itemId)).toBe(expected);
    const reader = await fresh(chair);
    expect(reader.text).toBe(expected);
    // Editing after compaction appends again; a second compaction folds it into the snapshot.
    anna.type(anna.text.length, ' na');
    await anna.settled();
    await notes.flush();
    expect(await notes.compact(itemId)).toBe(1);
    expect(await notes.plainText(itemId)).toBe(`${expected} na`);
    await pollUntil(
      () => reader.text,
      (x) => x === `${expected} na`,
    );
    // Keystrokes are stored in batches: 30 quick updates become far fewer rows.
    for (let i = 0; i < 30; i++) anna.type(anna.text.length, '.');
    await anna.settled();
    await notes.flush();
    const rows = await count();
    expect(rows).toBeGreaterThanOrEqual(1);
    expect(rows).toBeLessThan(10);
    expect(await notes.plainText(itemId)).toBe(`${expected} na${'.'.repeat(30)}`);
  });
});
