import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import {
  LIVE_NAMESPACE,
  LIVE_PATH,
  type LiveAck,
  type MeetingDetail,
  type MeetingSummary,
  NOTE_TEXT_NAME,
  type NoteJoinResult,
  type NoteSyncResult,
  type NoteUpdateEvent,
  type NoteUpdateResult,
  type SessionState,
} from '@casustafel/contracts';
import { BrowserClient } from '../support/browser-client';
import { createTestDatabase, type TestDatabase } from '../support/engines';
import { freePort, redisAnswers } from '../support/redis-server';
import { type LiveClient, startTestApp, TEST_ORIGIN } from '../support/test-app';
import {
  createOrganisation,
  createTeam,
  createUser,
  TEST_PASSWORD,
} from '../factories/identity.factory';
import { must } from '../support/must';

/**
 * Issue 10 §13: two built api processes on one PostgreSQL database and a Redis this test starts;
 * 25 note editors type while they are disconnected and reconnected at random to either instance.
 * Each editor follows the client's note sync (libs/client/data-access note-sync.ts): join, apply,
 * send the own diff; resync (`note:sync`) when a gap shows and shortly after each join. In the end
 * every editor holds the same text, with every word anyone typed.
 *
 * PostgreSQL only (two processes cannot share an embedded PGlite).
 */
const root = path.resolve(import.meta.dirname, '../../../..');
const main = path.join(root, 'dist/apps/api/main.mjs');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const REMOTE = Symbol('remote');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const EDITORS = 25;
/** Typing rounds, 120–200 ms apart (≈ 10 s); in about half of them an editor drops off. */
const ROUNDS = 60;
/** As the client: a gap is resynced after 250 ms, and every join is followed by two resyncs. */
const GAP_RESYNC_MS = 250;
const JOIN_RESYNC_MS = [600, 1_600];
/** Every editor holds the same text within this long after the last one reconnected. */
const CONVERGE_MS = 5_000;

/** A seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Instance {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
}

interface OwnRedis {
  url: string;
  stop: () => Promise<void>;
}

/** A redis-server of this test alone, on a free port, without persistence. */
async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(port, 500))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await sleep(50);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function connectSocket(baseUrl: string, cookie: string): Promise<LiveClient> {
  const socket: LiveClient = io(`${baseUrl}${LIVE_NAMESPACE}`, {
    path: LIVE_PATH,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 3000,
    extraHeaders: { origin: TEST_ORIGIN, cookie },
  });
  return new Promise<LiveClient>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`socket to ${baseUrl}: no connect`));
    }, 5000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/** A note editor with the client's sync logic (join + diff, gap resync, resyncs after join). */
class Editor {
  readonly doc = new Y.Doc();
  socket: LiveClient | null = null;
  joined = false;
  readonly words: string[] = [];
  private readonly pendingAcks = new Set<Promise<unknown>>();
  private gapTimer: NodeJS.Timeout | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private generation = 0;
  resyncs = 0;
  gaps = 0;
  failedAcks = 0;
  relays = 0;
  lastRelayAt = 0;
  /** Diagnostics: word → how it was sent and answered. */
  readonly story = new Map<string, string[]>();
  static wordsOf(update: Uint8Array): string[] {
    try {
      return Y.decodeUpdate(update)
        .structs.map((s) => ((s as Y.Item).content as { str?: string } | undefined)?.str ?? '')
        .join('')
        .split(' ')
        .filter(Boolean);
    } catch {
      return [];
    }
  }
  note(update: Uint8Array, what: string): void {
    for (const w of Editor.wordsOf(update)) this.story.set(w, [...(this.story.get(w) ?? []), what]);
  }

  constructor(
    readonly name: string,
    readonly itemId: string,
    readonly cookie: string,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !this.joined) return;
      this.send(update);
    });
  }

  get text(): string {
    return this.doc.getText(NOTE_TEXT_NAME).toString();
  }

  get hasGap(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  type(word: string): void {
    this.words.push(word);
    const text = this.doc.getText(NOTE_TEXT_NAME);
    text.insert(text.length, `${word} `);
  }

  private send(update: Uint8Array): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    const generation = this.generation;
    const t0 = Date.now();
    this.note(update, `sent@${t0 % 100000}`);
    const sent = (
      socket
        .timeout(5000)
        .emitWithAck('note:update', { itemId: this.itemId, update: b64(update) }) as Promise<
        LiveAck<NoteUpdateResult>
      >
    ).then(
      (ack) => {
        this.note(update, ack.ok ? `ok+${Date.now() - t0}` : `err:${ack.error.code}`);
        if (!ack.ok && generation === this.generation) this.lost();
      },
      () => {
        this.note(update, `timeout`);
        if (generation === this.generation) this.lost();
      },
    );
    this.pendingAcks.add(sent);
    void sent.finally(() => this.pendingAcks.delete(sent));
  }

  /** An update was not acknowledged: join again (its content goes with the diff). */
  private lost(): void {
    this.failedAcks++;
    this.joined = false;
    const socket = this.socket;
    if (socket?.connected) void this.join(socket).catch(() => undefined);
  }

  private apply(update: string, how = 'relay'): void {
    const bytes = unb64(update);
    this.note(bytes, `${how}@${Date.now() % 100000}`);
    Y.applyUpdate(this.doc, bytes, REMOTE);
  }

  private checkGap(): void {
    if (!this.hasGap || this.gapTimer) return;
    this.gaps++;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      void this.resync();
    }, GAP_RESYNC_MS);
  }

  async resync(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected || !this.joined) return;
    this.resyncs++;
    const ack = (await socket
      .timeout(5000)
      .emitWithAck('note:sync', {
        itemId: this.itemId,
        stateVector: b64(Y.encodeStateVector(this.doc)),
      })
      .catch(() => null)) as LiveAck<NoteSyncResult> | null;
    if (!ack?.ok || socket !== this.socket) return;
    this.apply(ack.data.update, 'sync');
    const missing = Y.encodeStateAsUpdate(this.doc, unb64(ack.data.stateVector));
    if (missing.length > 2) this.send(missing);
    this.checkGap();
  }

  async connect(baseUrl: string): Promise<void> {
    const socket = await connectSocket(baseUrl, this.cookie);
    this.socket = socket;
    this.generation++;
    socket.on('note:update', (e: NoteUpdateEvent) => {
      if (e.itemId !== this.itemId || socket !== this.socket) return;
      this.relays++;
      this.lastRelayAt = Date.now();
      this.apply(e.update);
      this.checkGap();
    });
    await this.join(socket);
  }

  private async join(socket: LiveClient): Promise<void> {
    const joined = (await socket
      .timeout(5000)
      .emitWithAck('note:join', { itemId: this.itemId })) as LiveAck<NoteJoinResult>;
    if (!joined.ok) throw new Error(`${this.name}: note:join refused: ${joined.error.code}`);
    if (socket !== this.socket) return;
    this.apply(joined.data.update, 'join');
    this.joined = true;
    const diff = Y.encodeStateAsUpdate(this.doc, unb64(joined.data.stateVector));
    if (diff.length > 2) this.send(diff);
    for (const delay of JOIN_RESYNC_MS) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (socket === this.socket) void this.resync();
      }, delay);
      this.timers.add(timer);
    }
    this.checkGap();
  }

  disconnect(): void {
    this.joined = false;
    this.socket?.disconnect();
  }

  async settled(): Promise<void> {
    await Promise.all([...this.pendingAcks]);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.socket?.disconnect();
    this.doc.destroy();
  }
}

const pgUrl = process.env['TEST_DATABASE_URL'];

(pgUrl ? describe : describe.skip)('shared notes across two api instances (issue 10 §13)', () => {
  const encryptionKey = randomBytes(32).toString('base64');
  const channelPrefix = `cst-notes-${randomBytes(4).toString('hex')}`;
  let redis: OwnRedis;
  let db: TestDatabase;
  let a: Instance;
  let b: Instance;
  let itemId: string;
  const cookies: string[] = [];
  const editors: Editor[] = [];

  async function startInstance(name: string): Promise<Instance> {
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, [main], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        ...db.env,
        REDIS_URL: redis.url,
        REDIS_CHANNEL_PREFIX: channelPrefix,
        ALLOWED_ORIGINS: TEST_ORIGIN,
        CLIENT_DIST: path.join(root, 'no-client-for-notes-test'),
        DEMO_MODE: 'false',
        ENCRYPTION_KEY: encryptionKey,
        LOG_LEVEL: 'warn',
      },
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const baseUrl = `http://127.0.0.1:${port}`;
    // Generous: on a loaded 2-core machine two instances booting at once take a while.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && child.exitCode === null) {
      const ok = await fetch(`${baseUrl}/api/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { name, baseUrl, child, output: () => output };
      await sleep(100);
    }
    child.kill('SIGKILL');
    throw new Error(`instance ${name} did not become ready:\n${output}`);
  }

  async function signIn(baseUrl: string, email: string, secret: string): Promise<BrowserClient> {
    const client = new BrowserClient(baseUrl);
    const login = await client.post<SessionState>('/api/auth/login', {
      email,
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(200);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000), period: 30 });
    const passed = await client.post<SessionState>('/api/auth/second-factor', { code });
    expect(passed.body.stage).toBe('complete');
    return client;
  }

  beforeAll(async () => {
    redis = await startOwnRedis();
    db = await createTestDatabase('postgres');
    const seed = await startTestApp({
      ...db.env,
      DEMO_MODE: 'false',
      ENCRYPTION_KEY: encryptionKey,
    });
    const org = await createOrganisation(seed.app);
    const teamId = (await createTeam(seed.app, org.id, { name: 'Wijkteam Noord' })).id;
    const users = [];
    for (let i = 0; i < 5; i++)
      users.push(
        await createUser(seed.app, {
          organisationId: org.id,
          displayName: `Lid ${i}`,
          totp: true,
          teams: [[teamId, i === 0 ? ['member', 'chair'] : ['member']]],
        }),
      );
    await seed.close();
    [a, b] = await Promise.all([startInstance('A'), startInstance('B')]);
    const clients: BrowserClient[] = [];
    for (const [i, u] of users.entries())
      clients.push(await signIn(i % 2 ? b.baseUrl : a.baseUrl, u.user.email, must(u.totpSecret)));
    for (const c of clients) cookies.push(c.cookieHeader);
    const chair = must(clients[0]);
    const meeting = await chair.post<MeetingSummary>(`/api/teams/${teamId}/meetings`, {
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      durationMinutes: 90,
      chairId: must(users[0]).user.id,
    });
    expect(meeting.status).toBe(201);
    const item = await chair.post<MeetingDetail>(`/api/meetings/${meeting.body.id}/agenda`, {
      kind: 'overig',
      title: 'Gedeelde notitie',
      presenterUserId: must(users[0]).user.id,
      timeBoxMinutes: 30,
    });
    expect(item.status).toBe(201);
    itemId = must(item.body.agenda[0]).id;
  }, 240_000);

  afterAll(async () => {
    for (const e of editors) e.close();
    for (const instance of [a, b]) {
      if (!instance || instance.child.exitCode !== null || instance.child.signalCode) continue;
      const exited = new Promise((resolve) => instance.child.once('exit', resolve));
      instance.child.kill('SIGTERM');
      const killer = setTimeout(() => instance.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    await db?.drop();
    await redis?.stop();
  }, 60_000);

  it('25 editors with random disconnects and reconnects to either instance end with the same text', async () => {
    const random = prng(1013);
    const instances = [must(a), must(b)];
    const pick = () => must(instances[Math.floor(random() * 2)]).baseUrl;
    for (let i = 0; i < EDITORS; i++) {
      const editor = new Editor(`e${i}`, itemId, must(cookies[i % cookies.length]));
      editors.push(editor);
      await editor.connect(must(instances[i % 2]).baseUrl);
    }
    let reconnects = 0;
    const outages: Promise<void>[] = [];
    let round = 0;
    while (round < ROUNDS) {
      round++;
      for (const [i, editor] of editors.entries())
        if (random() < 0.35) editor.type(`w${i}x${round}`);
      // Now and then an editor drops off, types offline, and comes back on either instance
      // (at most 1.5 s later) — often just after someone else typed on the other instance.
      if (random() < 0.5) {
        const editor = must(editors[Math.floor(random() * EDITORS)]);
        if (editor.joined) {
          editor.disconnect();
          const offlineMs = Math.floor(random() * 1_500);
          const to = pick();
          outages.push(
            (async () => {
              await sleep(offlineMs / 2);
              editor.type(`${editor.name}off${round}`);
              await sleep(offlineMs / 2);
              await editor.connect(to);
              reconnects++;
            })(),
          );
        }
      }
      await sleep(120 + Math.floor(random() * 80));
    }
    await Promise.all(outages);
    await Promise.all(editors.map((e) => e.settled()));
    const allWords = editors.flatMap((e) => e.words);
    const started = Date.now();
    let differing = EDITORS;
    while (Date.now() - started < CONVERGE_MS) {
      const texts = new Set(editors.map((e) => e.text));
      differing = editors.filter((e) => e.text !== must(editors[0]).text).length;
      if (texts.size === 1) break;
      await sleep(100);
    }
    const convergedMs = Date.now() - started;
    process.stdout.write(
      `notes across instances: ${EDITORS} editors, ${allWords.length} words, ${reconnects} reconnects, ` +
        `${editors.reduce((n, e) => n + e.gaps, 0)} gaps, ${editors.reduce((n, e) => n + e.resyncs, 0)} resyncs, ` +
        `converged in ${convergedMs} ms (${differing} differing)\n`,
    );
    if (new Set(editors.map((e) => e.text)).size > 1) {
      const groups = new Map<string, string[]>();
      for (const e of editors) groups.set(e.text, [...(groups.get(e.text) ?? []), e.name]);
      const server = await Promise.all(
        instances.map(async (instance) => {
          const probe = new Editor('probe', itemId, must(cookies[0]));
          await probe.connect(instance.baseUrl);
          const t = probe.text;
          probe.close();
          return t;
        }),
      );
      for (const [t, names] of groups)
        process.stdout.write(
          `group ${names.join(',')}: ${t.length} chars, gap ${editors.find((e) => e.name === names[0])?.hasGap}, ` +
            `failed acks ${names.map((n) => editors.find((e) => e.name === n)?.failedAcks).join('/')}, ` +
            `connected ${names.map((n) => editors.find((e) => e.name === n)?.socket?.connected).join('/')}, ` +
            `relays ${names.map((n) => editors.find((e) => e.name === n)?.relays).join('/')}, ` +
            `last relay ${names.map((n) => Date.now() - (editors.find((e) => e.name === n)?.lastRelayAt ?? 0)).join('/')} ms ago, ` +
            `= A ${t === server[0]} = B ${t === server[1]}; missing vs A: ${server[0]
              ?.split(' ')
              .filter((w) => !t.includes(w))
              .join(',')}\n`,
        );
    }
    const full = must(editors.map((e) => e.text).sort((x, y) => y.length - x.length)[0]);
    for (const e of editors.filter((x) => x.text !== full).slice(0, 3)) {
      const word = full.split(' ').find((w) => w && !e.text.includes(`${w} `));
      if (!word) continue;
      const author = editors.find((x) => x.words.includes(word));
      process.stdout.write(
        `${e.name} lacks ${word}: author ${author?.name} ${JSON.stringify(author?.story.get(word))}; ` +
          `receiver ${JSON.stringify(e.story.get(word))}\n`,
      );
    }
    expect(reconnects).toBeGreaterThanOrEqual(15);
    expect(new Set(editors.map((e) => e.text)).size).toBe(1);
    const text = must(editors[0]).text;
    const missing = allWords.filter((w) => !text.includes(`${w} `));
    expect(missing).toEqual([]);
    expect(editors.every((e) => !e.hasGap)).toBe(true);
  }, 120_000);
});
