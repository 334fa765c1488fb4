import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type LiveAck,
  type MeetingDetail,
  NOTE_TEXT_NAME,
  type NoteJoinResult,
  type NoteSyncResult,
} from '@casustafel/contracts';
import * as Y from 'yjs';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import {
  FakeClock,
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

/** A seeded PRNG (mulberry32): the fuzz is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Yjs update that decodes and merges but throws when applied: one string item of `client` at
 * `clock` whose origin is a later clock of the same client (19 bytes for one character).
 */
function poisonUpdate(client: number, clock = 0, originClock = clock + 5, text = 'x'): Uint8Array {
  const out: number[] = [];
  const varUint = (n: number) => {
    let v = n;
    while (v > 0x7f) {
      out.push(0x80 | (v & 0x7f));
      v = Math.floor(v / 128);
    }
    out.push(v);
  };
  varUint(1); // one client
  varUint(1); // one struct
  varUint(client);
  varUint(clock);
  out.push(4 | 0x80); // ContentString, with an origin
  varUint(client);
  varUint(originClock);
  const utf8 = Buffer.from(text, 'utf8');
  varUint(utf8.length);
  out.push(...utf8);
  varUint(0); // empty delete set
  return new Uint8Array(out);
}

describe.each(testEngines())('shared notes hardening on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let chair: BrowserClient;
  let member: BrowserClient;
  let outsider: BrowserClient;
  let meetingId: string;
  const items: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp(
      {
        ...db.env,
        DEMO_MODE: 'false',
        LIVE_EVENTS_PER_SECOND: '10000',
        LIVE_EVENTS_BURST: '100000',
      },
      { clock },
    );
    const cast = await twoTeams(t, clock);
    [chair, member, outsider] = [cast.chair.client, cast.member.client, cast.outsider.client];
    meetingId = (
      await createMeeting(chair, cast.teamA, {
        startsAt: '2026-03-03T09:30:00+01:00',
        durationMinutes: 90,
        chairId: cast.chair.id,
      })
    ).id;
    let detail: MeetingDetail | null = null;
    for (const title of ['Fuzz', 'Oude fout', 'Oude snapshot', 'Kanarie', 'Race']) {
      detail = await addAgendaItem(chair, meetingId, {
        kind: 'overig',
        title,
        presenterUserId: cast.chair.id,
        timeBoxMinutes: 10,
      });
    }
    items.push(...must(detail).agenda.map((i) => i.id));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const connect = (client: BrowserClient) => connectedLive(t, client);
  const editor = async (client: BrowserClient, itemId: string) => {
    const e = new NoteEditor(itemId, { timeoutMs: 10_000, countBroken: true });
    expect((await e.attach(await connect(client))).ok).toBe(true);
    return e;
  };
  const auditRows = (action: string) =>
    dataSourceOf(t.app).query(
      'SELECT "outcome", "object_id", "organisation_id" AS "actor_organisation_id" FROM "audit_event" WHERE "action" = $1 ORDER BY "seq"',
      [action],
    ) as Promise<{ outcome: string; object_id: string; actor_organisation_id: string | null }[]>;
  const storedBytes = async (itemId: string) =>
    (
      (await dataSourceOf(t.app).query(
        `SELECT "bytes" FROM "note_update" WHERE "item_id" = $1
         UNION ALL SELECT "state" FROM "note_snapshot" WHERE "item_id" = $1`,
        [itemId],
      )) as { bytes: Buffer }[]
    ).map((r) => r.bytes);
  const minutesOk = async () => {
    const res = await chair.post<{ items: { itemId: string; notes: string }[] }>(
      `/api/meetings/${meetingId}/minutes`,
    );
    expect(res.status).toBe(201);
    return res.body;
  };

  it('refuses an update that cannot be applied (NOTE_UPDATE_REJECTED): not relayed, not stored', async () => {
    const itemId = must(items[0]);
    const alice = await editor(chair, itemId);
    const anna = await editor(member, itemId);
    alice.doc.getText(NOTE_TEXT_NAME).insert(0, 'Gezin in beeld. ');
    await alice.settled();
    await pollUntil(
      () => anna.text,
      (x) => x === 'Gezin in beeld. ',
    );
    const poison = poisonUpdate(987_654);
    expect(poison.length).toBeLessThanOrEqual(36);
    expect(Y.decodeUpdate(poison).structs).toHaveLength(1);
    const res = await alice.send(poison);
    expect(res).toMatchObject({ ok: false, error: { code: 'NOTE_UPDATE_REJECTED' } });
    await t.app.get(NotesService).flush();
    for (const bytes of await storedBytes(itemId))
      expect(Buffer.from(bytes).includes(Buffer.from(poison))).toBe(false);
    expect(anna.relayed).toBe(1);
    const late = await editor(member, itemId);
    expect(late.text).toBe('Gezin in beeld. ');
    // The socket stays usable.
    alice.doc.getText(NOTE_TEXT_NAME).insert(alice.text.length, 'Verder.');
    await alice.settled();
    await pollUntil(
      () => anna.text,
      (x) => x === 'Gezin in beeld. Verder.',
    );
    for (const e of [alice, anna, late]) must(e.socket).disconnect();
  });

  it('1,200 random, mutated and crafted updates: no 5xx; a second client loads the note, minutes generate', async () => {
    const itemId = must(items[0]);
    const random = prng(20261206);
    const int = (n: number) => Math.floor(random() * n);
    const writer = await editor(chair, itemId);
    const watcher = await editor(member, itemId);
    // Valid material to mutate: updates of a few documents with inserts and deletes.
    const material: Uint8Array[] = [];
    for (let d = 0; d < 6; d++) {
      const doc = new Y.Doc();
      doc.clientID = 1_000 + d; // fixed, so the fuzz is the same on every run
      doc.on('update', (u: Uint8Array) => material.push(u));
      const text = doc.getText(NOTE_TEXT_NAME);
      for (let i = 0; i < 12; i++) {
        if (text.length > 3 && random() < 0.3) text.delete(int(text.length - 1), 2);
        else text.insert(int(text.length + 1), `w${d}-${i} `);
      }
      material.push(Y.encodeStateAsUpdate(doc));
    }
    const mutate = (source: Uint8Array): Uint8Array => {
      let bytes = Array.from(source);
      const steps = 1 + int(4);
      for (let s = 0; s < steps; s++) {
        const at = int(Math.max(1, bytes.length));
        switch (int(6)) {
          case 0:
            bytes[at] = int(256);
            break;
          case 1:
            bytes[at] = (bytes[at] ?? 0) ^ (1 << int(8));
            break;
          case 2:
            bytes.splice(at, 0, int(256));
            break;
          case 3:
            bytes.splice(at, 1);
            break;
          case 4:
            bytes = bytes.slice(0, Math.max(2, at));
            break;
          default:
            bytes = [...bytes.slice(0, at), ...Array.from(must(material[int(material.length)]))];
        }
      }
      return new Uint8Array(bytes);
    };
    const cases: Uint8Array[] = [];
    for (let i = 0; i < 300; i++)
      cases.push(new Uint8Array(Array.from({ length: 2 + int(60) }, () => int(256))));
    for (let i = 0; i < 600; i++) cases.push(mutate(must(material[int(material.length)])));
    for (let i = 0; i < 300; i++)
      cases.push(poisonUpdate(1 + int(2 ** 30), int(3), int(40), 'p'.repeat(1 + int(20))));
    const codes = new Map<string, number>();
    for (let i = 0; i < cases.length; i += 100) {
      const window = cases.slice(i, i + 100).map((c) => writer.send(c));
      for (const res of await Promise.all(window)) {
        const code = res.ok ? 'ok' : res.error.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    process.stdout.write(`note fuzz on ${engine}: ${JSON.stringify(Object.fromEntries(codes))}\n`);
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    expect(
      [...codes.keys()].every((c) =>
        ['ok', 'VALIDATION_FAILED', 'NOTE_UPDATE_REJECTED'].includes(c),
      ),
    ).toBe(true);
    expect(codes.get('NOTE_UPDATE_REJECTED')).toBeGreaterThanOrEqual(100);
    // What was relayed could be applied by every client in the room.
    expect(watcher.broken).toBe(0);
    writer.doc.getText(NOTE_TEXT_NAME).insert(0, 'NA DE FUZZ ');
    await writer.settled();
    const notes = t.app.get(NotesService);
    await notes.flush();
    const second = await editor(member, itemId);
    // Accepted fuzz may add text of its own; what was typed is all there, and the client that
    // watched the whole fuzz holds the same text as the newcomer.
    for (const typed of ['NA DE FUZZ ', 'Gezin in beeld. ', 'Verder.'])
      expect(second.text).toContain(typed);
    await pollUntil(
      () => watcher.text,
      (x) => x === second.text,
    );
    expect(await notes.plainText(itemId)).toBe(second.text);
    // The minutes still generate, also after compaction.
    expect(must((await minutesOk()).items.find((i) => i.itemId === itemId)).notes).toBe(
      second.text,
    );
    await notes.compact(itemId);
    const third = await editor(chair, itemId);
    expect(third.text).toBe(second.text);
    await minutesOk();
    for (const e of [writer, watcher, second, third]) must(e.socket).disconnect();
  }, 120_000);

  it('a note that already holds a bad update still loads and generates minutes; the repair is audited', async () => {
    const ds = dataSourceOf(t.app);
    const good = (text: string) => {
      const doc = new Y.Doc();
      doc.getText(NOTE_TEXT_NAME).insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    const [rowsItem, snapshotItem] = [must(items[1]), must(items[2])];
    const now = new Date();
    for (const bytes of [good('voor '), poisonUpdate(4242), good('na ')])
      await ds.query(
        'INSERT INTO "note_update" ("item_id", "bytes", "created_at") VALUES ($1, $2, $3)',
        [rowsItem, Buffer.from(bytes), now],
      );
    // What the old compaction (Y.mergeUpdates) made of a note with a bad update in it.
    const poisoned = Y.mergeUpdates([good('bewaard'), poisonUpdate(777)]);
    expect(() => Y.applyUpdate(new Y.Doc(), poisoned)).toThrow();
    await ds.query(
      'INSERT INTO "note_snapshot" ("item_id", "state", "last_seq", "updated_at") VALUES ($1, $2, 0, $3)',
      [snapshotItem, Buffer.from(poisoned), now],
    );
    const fromRows = await editor(member, rowsItem);
    expect(fromRows.text.split(' ').sort()).toEqual(['', 'na', 'voor']);
    const fromSnapshot = await editor(member, snapshotItem);
    expect(fromSnapshot.text).toBe('bewaard');
    const minutes = await minutesOk();
    expect(must(minutes.items.find((i) => i.itemId === snapshotItem)).notes).toBe('bewaard');
    const repairs = await auditRows('note.repair');
    expect(repairs.map((r) => r.object_id).sort()).toEqual([rowsItem, snapshotItem].sort());
    expect(repairs.every((r) => r.outcome === 'failed' && r.actor_organisation_id)).toBe(true);
    // Rewritten at once into clean snapshots: the bad bytes are gone from the database.
    await pollUntil(
      async () => {
        const all = [...(await storedBytes(rowsItem)), ...(await storedBytes(snapshotItem))];
        return all.every((b) => {
          try {
            Y.applyUpdate(new Y.Doc(), new Uint8Array(b));
            return true;
          } catch {
            return false;
          }
        });
      },
      (clean) => clean,
      5000,
    );
    expect(await t.app.get(NotesService).plainText(snapshotItem)).toBe('bewaard');
    for (const e of [fromRows, fromSnapshot]) must(e.socket).disconnect();
  });

  it('deleted text is gone after compaction: no stored byte and no byte sent to a later joiner holds it', async () => {
    const itemId = must(items[3]);
    const canary = 'BSN 999999990 kanarie';
    const alice = await editor(chair, itemId);
    const text = alice.doc.getText(NOTE_TEXT_NAME);
    text.insert(0, 'Begin. ');
    await alice.settled();
    text.insert(text.length, canary);
    await alice.settled();
    text.insert(text.length, ' Einde.');
    await alice.settled();
    text.delete(text.toString().indexOf(canary), canary.length);
    await alice.settled();
    expect(alice.text).toBe('Begin.  Einde.');
    const notes = t.app.get(NotesService);
    await notes.flush();
    const needle = Buffer.from('999999990');
    // Before compaction the rows still hold it (Yjs updates carry what was typed)…
    expect((await storedBytes(itemId)).some((b) => Buffer.from(b).includes(needle))).toBe(true);
    expect(await notes.compact(itemId)).toBeGreaterThan(0);
    // …after it, no stored byte does.
    const stored = await storedBytes(itemId);
    expect(stored.length).toBeGreaterThan(0);
    for (const bytes of stored) expect(Buffer.from(bytes).includes(needle)).toBe(false);
    const late = await editor(member, itemId);
    expect(late.text).toBe('Begin.  Einde.');
    for (const bytes of late.joinBytes) expect(Buffer.from(bytes).includes(needle)).toBe(false);
    const synced = (await must(late.socket).emitWithAck('note:sync', {
      itemId,
      stateVector: b64(Y.encodeStateVector(new Y.Doc())),
    })) as LiveAck<NoteSyncResult>;
    expect(synced.ok).toBe(true);
    if (synced.ok) expect(Buffer.from(unb64(synced.data.update)).includes(needle)).toBe(false);
    for (const e of [alice, late]) must(e.socket).disconnect();
  });

  it('note:sync answers the diff against the client state vector; refuses unjoined sockets and bad vectors', async () => {
    const itemId = must(items[3]);
    const alice = await editor(chair, itemId);
    const doc = new Y.Doc();
    const stranger = await connect(member);
    expect(
      await stranger.emitWithAck('note:sync', {
        itemId,
        stateVector: b64(Y.encodeStateVector(doc)),
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = (await must(alice.socket).emitWithAck('note:sync', {
      itemId,
      stateVector: b64(new Uint8Array([200, 200, 200])),
    })) as LiveAck<NoteSyncResult>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const res = (await must(alice.socket).emitWithAck('note:sync', {
      itemId,
      stateVector: b64(Y.encodeStateVector(alice.doc)),
    })) as LiveAck<NoteSyncResult>;
    expect(res.ok).toBe(true);
    if (res.ok) {
      Y.applyUpdate(doc, unb64(res.data.update));
      expect(doc.getText(NOTE_TEXT_NAME).toString()).toBe('');
      expect(Y.encodeStateVector(alice.doc)).toEqual(unb64(res.data.stateVector));
    }
    stranger.disconnect();
    must(alice.socket).disconnect();
  });

  it('a refused note:join never receives the item room: 500 refused joins raced against typing', async () => {
    const itemId = must(items[4]);
    const alice = await editor(chair, itemId);
    const socket = await connect(outsider);
    let leaked = 0;
    socket.on('note:update', () => leaked++);
    socket.on('note:awareness', () => leaked++);
    let refused = 0;
    const joins = (async () => {
      for (let i = 0; i < 500; i += 25) {
        const batch = await Promise.all(
          Array.from(
            { length: 25 },
            () => socket.emitWithAck('note:join', { itemId }) as Promise<LiveAck<NoteJoinResult>>,
          ),
        );
        refused += batch.filter((r) => !r.ok && r.error.code === 'FORBIDDEN').length;
      }
    })();
    const text = alice.doc.getText(NOTE_TEXT_NAME);
    for (let i = 0; i < 60; i++) {
      text.insert(text.length, `${i} `);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await joins;
    await alice.settled();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(refused).toBe(500);
    expect(leaked).toBe(0);
    socket.disconnect();
    must(alice.socket).disconnect();
  });

  it('audits refused note:awareness like refused updates (throttled)', async () => {
    const itemId = must(items[4]);
    const socket = await connect(outsider);
    const before = (await auditRows('note.awareness')).length;
    for (let i = 0; i < 5; i++)
      expect(await socket.emitWithAck('note:awareness', { itemId, update: 'AAAA' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    const rows = (await auditRows('note.awareness')).slice(before);
    expect(rows).toEqual([expect.objectContaining({ outcome: 'denied', object_id: itemId })]);
    socket.disconnect();
  });
});
