import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ClockSyncResponse,
  LiveAck,
  MeetingDetail,
  PresenceCount,
  SessionState,
} from '@casustafel/contracts';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, type TestDatabase } from './support/engines';
import {
  type LiveClient,
  nextEvent,
  pollUntil,
  startTestApp,
  type TestApp,
} from './support/test-app';

/** Real socket.io clients against the real api on port 0, signed in as demo users. */
describe('live channel /live', () => {
  let db: TestDatabase;
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    t = await startTestApp({ ...db.env, LIVE_MAX_MESSAGE_BYTES: '4096', DEMO_MODE: 'true' });
    const browser = new BrowserClient(t.baseUrl);
    const login = await browser.post('/api/auth/login', {
      email: 'fatima@voorbeeldstad.nl',
      password: 'Voorbeeldstad-demo-2026',
    });
    expect(login.status).toBe(200);
    cookie = browser.cookieHeader;
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const connected = async (socket: LiveClient) => {
    if (!socket.connected) await nextEvent(socket, 'connect');
    return socket;
  };

  it('tells every connected client how many sessions are live', async () => {
    const a = await connected(t.connectLive({ cookie }));
    const counts: number[] = [];
    a.on('presence:count', (p: PresenceCount) => counts.push(p.connected));
    const b = await connected(t.connectLive({ cookie }));
    await pollUntil(
      () => counts,
      (c) => c.includes(2),
    );
    b.disconnect();
    await pollUntil(
      () => counts,
      (c) => c.at(-1) === 1,
    );
    a.disconnect();
  });

  it('answers clock:sync through the acknowledgement with the server time', async () => {
    const a = await connected(t.connectLive({ cookie }));
    const before = Date.now();
    const ack = (await a
      .timeout(3000)
      .emitWithAck('clock:sync', { clientSentAt: before })) as LiveAck<ClockSyncResponse>;
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data.clientSentAt).toBe(before);
    expect(ack.data.serverTime).toBeGreaterThanOrEqual(before);
    expect(ack.data.serverTime).toBeLessThanOrEqual(Date.now());
    a.disconnect();
  });

  it('refuses an invalid payload with VALIDATION_FAILED and keeps the connection', async () => {
    const a = await connected(t.connectLive({ cookie }));
    const ack = (await a.timeout(3000).emitWithAck('clock:sync', {
      clientSentAt: 'yesterday',
    } as never)) as LiveAck<ClockSyncResponse>;
    expect(ack).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'The request payload is invalid' },
    });
    const again = (await a
      .timeout(3000)
      .emitWithAck('clock:sync', { clientSentAt: 1 })) as LiveAck<ClockSyncResponse>;
    expect(again.ok).toBe(true);
    a.disconnect();
  });

  it('drops a socket that sends a message over the size limit, and only that socket', async () => {
    const big = await connected(t.connectLive({ cookie }));
    const bystander = await connected(t.connectLive({ cookie }));
    const dropped = nextEvent<string>(big, 'disconnect');
    big.emit(
      'clock:sync',
      { clientSentAt: 1, padding: 'x'.repeat(10_000) } as never,
      () => undefined,
    );
    expect(await dropped).toBe('transport close');
    const ack = (await bystander
      .timeout(3000)
      .emitWithAck('clock:sync', { clientSentAt: 2 })) as LiveAck<ClockSyncResponse>;
    expect(ack.ok).toBe(true);
    bystander.disconnect();
  });

  it.each([
    ['a foreign origin', 'https://evil.example'],
    ['no origin at all', null],
  ])('refuses the handshake from %s', async (_name, origin) => {
    const socket = t.connectLive({ origin, cookie });
    const error = await nextEvent<Error>(socket, 'connect_error');
    expect(error.message).toMatch(/origin not allowed|xhr poll error|websocket error/i);
    expect(socket.connected).toBe(false);
    socket.disconnect();
  });
});

/** DESIGN.md "Limits": a per-socket rate on client → server events. */
describe('live channel per-socket limits', () => {
  let db: TestDatabase;
  let t: TestApp;
  let cookie: string;
  let browser: BrowserClient;
  let user: SessionState['user'] = null;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    t = await startTestApp({
      ...db.env,
      DEMO_MODE: 'true',
      LIVE_EVENTS_PER_SECOND: '5',
      LIVE_EVENTS_BURST: '10',
      LIVE_NOTES_PER_SOCKET: '2',
    });
    browser = new BrowserClient(t.baseUrl);
    const login = await browser.post<SessionState>('/api/auth/login', {
      email: 'fatima@voorbeeldstad.nl',
      password: 'Voorbeeldstad-demo-2026',
    });
    user = login.body.user ?? null;
    cookie = browser.cookieHeader;
  });

  it('lets one connection open at most LIVE_NOTES_PER_SOCKET notes', async () => {
    const me = user;
    const teamId = me?.teams[0]?.teamId;
    if (!me || !teamId) throw new Error('demo chair without a team');
    const meeting = await browser.post<MeetingDetail>(`/api/teams/${teamId}/meetings`, {
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      durationMinutes: 60,
      chairId: me.id,
    });
    expect(meeting.status).toBe(201);
    const itemIds: string[] = [];
    for (const title of ['Een', 'Twee', 'Drie']) {
      const added = await browser.post<MeetingDetail>(`/api/meetings/${meeting.body.id}/agenda`, {
        kind: 'mededeling',
        title,
        presenterUserId: me.id,
        timeBoxMinutes: 5,
      });
      itemIds.push(added.body.agenda.at(-1)?.id ?? '');
    }
    const socket = t.connectLive({ cookie });
    if (!socket.connected) await nextEvent(socket, 'connect');
    const open = (itemId: string) => socket.timeout(3000).emitWithAck('note:join', { itemId });
    expect((await open(itemIds[0] ?? '')).ok).toBe(true);
    expect((await open(itemIds[1] ?? '')).ok).toBe(true);
    expect(await open(itemIds[2] ?? '')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Joining a note that is already open again is fine; closing one makes room for another.
    expect((await open(itemIds[1] ?? '')).ok).toBe(true);
    expect(
      await socket.timeout(3000).emitWithAck('note:leave', { itemId: itemIds[0] ?? '' }),
    ).toEqual({ ok: true, data: null });
    expect((await open(itemIds[2] ?? '')).ok).toBe(true);
    // The closed note takes no updates from this socket any more.
    const closed = await socket
      .timeout(3000)
      .emitWithAck('note:update', { itemId: itemIds[0] ?? '', update: 'AAA=' });
    expect(closed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    socket.disconnect();
    // Wait out the rate budget the requests above used.
    await new Promise((resolve) => setTimeout(resolve, 2500));
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('answers RATE_LIMITED above the budget, keeps the socket, and lets it send again later', async () => {
    const socket = t.connectLive({ cookie });
    if (!socket.connected) await nextEvent(socket, 'connect');
    const sync = () =>
      socket.timeout(3000).emitWithAck('clock:sync', { clientSentAt: Date.now() }) as Promise<
        LiveAck<ClockSyncResponse>
      >;
    const flood = await Promise.all(Array.from({ length: 25 }, sync));
    const allowed = flood.filter((a) => a.ok).length;
    const limited = flood.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    // The burst of 10 (plus what refilled while sending), the rest refused.
    expect(allowed).toBeGreaterThanOrEqual(10);
    expect(allowed).toBeLessThan(14);
    expect(allowed + limited).toBe(25);
    // Another socket of the same user has its own budget.
    const other = t.connectLive({ cookie });
    if (!other.connected) await nextEvent(other, 'connect');
    expect(
      (await other.timeout(3000).emitWithAck('clock:sync', { clientSentAt: Date.now() })).ok,
    ).toBe(true);
    // Half a second later the budget has refilled a little: the socket is still usable.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(socket.connected).toBe(true);
    expect((await sync()).ok).toBe(true);
    socket.disconnect();
    other.disconnect();
  });
});
