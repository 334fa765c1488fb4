import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ClockSyncResponse, LiveAck, PresenceCount } from '@casustafel/contracts';
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
