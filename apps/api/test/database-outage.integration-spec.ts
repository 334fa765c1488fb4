import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket as NetSocket, connect } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LiveAck } from '@casustafel/contracts';
import { EMBEDDED_DATABASE } from '../src/database/database.module';
import { signIn } from './factories/case-file.factory';
import { createOrganisation, createTeam, createUser } from './factories/identity.factory';
import type { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { type LiveClient, pollUntil, startTestApp, type TestApp } from './support/test-app';

/** A TCP relay to PostgreSQL that the test can cut (resetting every connection) and restore. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<NetSocket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no proxy address');
    this.port = address.port;
    this.server = server;
  }

  /** Resets every connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.resetAndDestroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

interface Outage {
  cut(): Promise<void>;
  /** Null when the engine cannot come back (the embedded database thread is gone for good). */
  restore: (() => Promise<void>) | null;
}

const levelOf = (line: Record<string, unknown>) => Number(line['level']);
const msgOf = (line: Record<string, unknown>) => String(line['msg'] ?? '');

describe.each(testEngines())('database outage on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let proxy: CuttableProxy | null = null;
  let outage: Outage;
  let member: BrowserClient;
  let socket: LiveClient;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    let env = db.env;
    if (engine === 'postgres') {
      const url = new URL(must(db.env.DATABASE_URL));
      proxy = new CuttableProxy(url.hostname, Number(url.port || 5432));
      await proxy.start();
      url.hostname = '127.0.0.1';
      url.port = String(proxy.port);
      env = { DATABASE_URL: url.toString() };
    }
    t = await startTestApp({
      ...env,
      DEMO_MODE: 'false',
      // Hundreds of requests in a few seconds on an idle machine: the HTTP rate limit is not under test.
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    const org = await createOrganisation(t.app);
    const team = (await createTeam(t.app, org.id)).id;
    const u = await createUser(t.app, {
      organisationId: org.id,
      totp: true,
      teams: [[team, ['member']]],
    });
    member = await signIn(t, null, u.user.email, u.totpSecret);
    socket = t.connectLive({ cookie: member.cookieHeader });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    outage =
      engine === 'postgres'
        ? {
            cut: () => must(proxy).cut(),
            restore: () => must(proxy).start(),
          }
        : {
            cut: async () => {
              // The embedded database's thread dies (as on a crash of the PGlite worker).
              const embedded = t.app.get<{ thread: { worker: Worker } }>(EMBEDDED_DATABASE);
              await embedded.thread.worker.terminate();
            },
            restore: null,
          };
  }, 120_000);

  afterAll(async () => {
    socket?.disconnect();
    await t?.close();
    await proxy?.cut();
    await db?.drop();
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After (HTTP and socket acks), logs the outage once, and recovers', async () => {
    expect((await member.get('/api/teams')).status).toBe(200);
    const firstLine = t.logs.length;
    await outage.cut();

    // Requests for at least 5 s of outage (reads and a write), and socket commands meanwhile.
    const statuses = new Map<string, number>();
    const started = Date.now();
    let rounds = 0;
    for (; rounds < 400 && (rounds < 40 || Date.now() - started < 5_000); rounds += 1) {
      const answers = await Promise.all([
        member.get('/api/teams'),
        member.get('/api/me/actions'),
        member.post('/api/auth/logout'),
      ]);
      for (const a of answers) {
        expect(a.status).toBe(503);
        expect(a.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
        const key = `${a.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    }
    const acks: LiveAck<unknown>[] = [];
    for (let i = 0; i < 10; i += 1) {
      acks.push(
        (await socket.timeout(10_000).emitWithAck('meeting:join', {
          meetingId: randomUUID(),
          lastSeq: 0,
        })) as LiveAck<unknown>,
      );
    }
    for (const ack of acks)
      expect(ack).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE' } });
    expect(statuses.get('503')).toBe(rounds * 3);
    expect(rounds * 3).toBeGreaterThanOrEqual(120);
    expect(Date.now() - started).toBeLessThan(60_000);

    const during = t.logs.slice(firstLine);
    const outageLines = during.filter((l) => msgOf(l).startsWith('Database unreachable'));
    expect(outageLines).toHaveLength(1);
    expect(levelOf(outageLines[0] as Record<string, unknown>)).toBe(40);
    // Not one error line per refused call (hundreds of calls were refused).
    expect(during.filter((l) => levelOf(l) >= 50).length).toBeLessThanOrEqual(2);

    if (!outage.restore) return;
    await outage.restore();
    await pollUntil(
      async () => (await member.get('/api/teams')).status,
      (status) => status === 200,
      20_000,
      250,
    );
    const back = await pollUntil(
      () => t.logs.slice(firstLine).filter((l) => msgOf(l) === 'Database reachable again'),
      (lines) => lines.length > 0,
      5_000,
    );
    expect(back).toHaveLength(1);
    expect(levelOf(back[0] as Record<string, unknown>)).toBe(30);
    const join = (await socket
      .timeout(10_000)
      .emitWithAck('meeting:join', { meetingId: randomUUID(), lastSeq: 0 })) as LiveAck<unknown>;
    expect(join.ok ? 'ok' : join.error.code).not.toBe('SERVICE_UNAVAILABLE');
  });
});

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('missing value');
  return value;
}
