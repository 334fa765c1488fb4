import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LiveAck, SessionJoinResult, SessionView } from '@casustafel/contracts';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import {
  FakeClock,
  type LiveClient,
  nextEvent,
  pollUntil,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { signIn } from './factories/case-file.factory';
import { createOrganisation, createTeam, createUser } from './factories/identity.factory';
import { TEST_SESSION_KIND } from './support/test-session-kind';
import { LiveSessionService } from '../src/modules/live-session/live-session.service';
import { SessionKinds } from '../src/modules/live-session/session-kinds';

const HIDDEN = ['CANARY-HIDDEN-DEELNEMER', 'CANARY-HIDDEN-INBRENGER'];
const PRIVATE = 'CANARY-PRIVATE-PHASE';

/**
 * The engine enforces a session kind's rules on the server, shown with a kind that exists only
 * in the tests: no byte of a hidden contribution reaches anyone before the reveal (broadcasts,
 * acks, joins, rejoins, REST), and a role locked out of a private phase receives nothing during
 * it while its socket and REST calls are refused.
 */
describe.each(testEngines())('live session kinds on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let dataDir: string | null = null;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  const people = new Map<string, { id: string; client: BrowserClient }>();
  let sessionId: string;
  const sockets = new Map<string, LiveClient>();
  /** Everything each role's socket received or was answered, as JSON text. */
  const received = new Map<string, string[]>();
  const events = new Map<string, { seq: number; type: string }[]>();

  beforeAll(async () => {
    if (engine === 'pglite') {
      dataDir = mkdtempSync(joinPath(tmpdir(), 'cst-kinds-'));
      db = await createTestDatabase(engine, dataDir);
    } else {
      db = await createTestDatabase(engine);
    }
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const org = await createOrganisation(t.app);
    const team = (await createTeam(t.app, org.id, { name: 'Intervisiegroep' })).id;
    for (const role of ['trainer', 'deelnemer', 'inbrenger', 'buitenstaander']) {
      const u = await createUser(t.app, {
        organisationId: org.id,
        displayName: `Persoon ${role}`,
        totp: true,
        teams: [[team, ['member']]],
      });
      people.set(role, {
        id: u.user.id,
        client: await signIn(t, clock, u.user.email, u.totpSecret),
      });
    }
    t.app.get(SessionKinds).register(TEST_SESSION_KIND);
    sessionId = await t.app.get(LiveSessionService).createSession(TEST_SESSION_KIND.id, team, [
      { userId: person('trainer').id, role: 'trainer' },
      { userId: person('deelnemer').id, role: 'deelnemer' },
      { userId: person('inbrenger').id, role: 'inbrenger' },
    ]);
  });

  afterAll(async () => {
    for (const s of sockets.values()) s.disconnect();
    await t?.close();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const person = (role: string) => people.get(role) as { id: string; client: BrowserClient };
  const socketOf = (role: string) => sockets.get(role) as LiveClient;
  const seen = (role: string) => received.get(role) as string[];
  const note = (role: string, value: unknown) => seen(role).push(JSON.stringify(value));
  const join = async (role: string, lastSeq?: number) => {
    const ack = (await socketOf(role)
      .timeout(5000)
      .emitWithAck('session:join', {
        sessionId,
        ...(lastSeq === undefined ? {} : { lastSeq }),
      })) as LiveAck<SessionJoinResult>;
    note(role, ack);
    return ack;
  };
  const send = async (role: string, body: Record<string, unknown>) => {
    const ack = (await socketOf(role)
      .timeout(5000)
      .emitWithAck('session:command', {
        sessionId,
        commandId: randomUUID(),
        ...body,
      } as never)) as LiveAck<{
      seq: number;
    }>;
    note(role, ack);
    return ack;
  };
  const rest = async (role: string) => {
    const answer = await person(role).client.get<SessionView>(`/api/live-sessions/${sessionId}`);
    note(role, answer.body);
    return answer;
  };
  const contains = (role: string, canary: string) => seen(role).some((s) => s.includes(canary));

  it('joins each role to its projection; a non-member is refused', async () => {
    for (const role of ['trainer', 'deelnemer', 'inbrenger']) {
      const socket = t.connectLive({ cookie: person(role).client.cookieHeader });
      sockets.set(role, socket);
      received.set(role, []);
      events.set(role, []);
      socket.onAny((name: string, payload: unknown) => {
        if (name === 'presence:count') return;
        note(role, payload);
        if (name === 'session:event')
          events.get(role)?.push(payload as { seq: number; type: string });
      });
      if (!socket.connected) await nextEvent(socket, 'connect');
      expect(await join(role)).toMatchObject({ ok: true, data: { seq: 0, role } });
    }
    expect(
      (await person('buitenstaander').client.get(`/api/live-sessions/${sessionId}`)).status,
    ).toBe(403);
  });

  it('keeps hidden contributions hidden from everyone until the trainer reveals them', async () => {
    expect(
      await send('deelnemer', {
        type: 'contribution:add',
        contributionType: 'hypothese',
        text: HIDDEN[0],
      }),
    ).toMatchObject({ ok: true, data: { seq: 1 } });
    expect(
      await send('inbrenger', {
        type: 'contribution:add',
        contributionType: 'hypothese',
        text: HIDDEN[1],
      }),
    ).toMatchObject({ ok: true, data: { seq: 2 } });
    // Only the trainer reveals.
    expect(
      await send('deelnemer', { type: 'contribution:reveal', contributionType: 'hypothese' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await pollUntil(
      () => ['trainer', 'deelnemer', 'inbrenger'].map((r) => events.get(r)?.length),
      (n) => n.every((x) => x === 2),
    );
    for (const role of ['trainer', 'deelnemer', 'inbrenger']) {
      await rest(role);
      await join(role); // a snapshot
      await join(role, 0); // the events from the log
    }
    for (const role of ['trainer', 'deelnemer', 'inbrenger'])
      for (const canary of HIDDEN) expect(contains(role, canary)).toBe(false);
    const view = (await rest('trainer')).body;
    expect(view.state.contributions).toEqual([
      expect.objectContaining({ type: 'hypothese', hidden: true }),
      expect.objectContaining({ type: 'hypothese', hidden: true }),
    ]);

    expect(
      await send('trainer', { type: 'contribution:reveal', contributionType: 'hypothese' }),
    ).toMatchObject({ ok: true, data: { seq: 3 } });
    await pollUntil(
      () => ['trainer', 'deelnemer', 'inbrenger'].map((r) => events.get(r)?.length),
      (n) => n.every((x) => x === 3),
    );
    for (const role of ['trainer', 'deelnemer', 'inbrenger'])
      for (const canary of HIDDEN) expect(contains(role, canary)).toBe(true);
  });

  it('locks the inbrenger out of the private phase: nothing reaches their socket, REST and socket calls are refused', async () => {
    expect(await send('trainer', { type: 'phase:advance' })).toMatchObject({
      ok: true,
      data: { seq: 4 },
    });
    await pollUntil(
      () => events.get('inbrenger')?.length,
      (n) => n === 4,
    );
    expect(events.get('inbrenger')?.at(-1)).toMatchObject({ type: 'phase:changed', seq: 4 });
    const before = seen('inbrenger').length;
    expect(
      await send('deelnemer', {
        type: 'contribution:add',
        contributionType: 'advies',
        text: PRIVATE,
      }),
    ).toMatchObject({ ok: true, data: { seq: 5 } });
    await pollUntil(
      () => events.get('trainer')?.length,
      (n) => n === 5,
    );
    expect(contains('trainer', PRIVATE)).toBe(true);
    // The locked-out role: 403 over REST, FORBIDDEN over the socket, and no byte received.
    expect((await rest('inbrenger')).status).toBe(403);
    expect(await join('inbrenger')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await join('inbrenger', 3)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await send('inbrenger', { type: 'contribution:add', contributionType: 'advies', text: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await new Promise((r) => setTimeout(r, 200));
    const during = seen('inbrenger').slice(before);
    expect(during.some((s) => s.includes(PRIVATE))).toBe(false);
    expect(events.get('inbrenger')).toHaveLength(4);

    expect(await send('trainer', { type: 'phase:advance' })).toMatchObject({
      ok: true,
      data: { seq: 6 },
    });
    await pollUntil(
      () => events.get('inbrenger')?.length,
      (n) => n === 5,
    );
    expect(events.get('inbrenger')?.at(-1)).toMatchObject({ type: 'phase:changed', seq: 6 });
    // Back: the rejoin over the private phase is a snapshot, not the private events.
    const back = await join('inbrenger', 4);
    expect(back).toMatchObject({ ok: true, data: { seq: 6, snapshot: { phase: 'nabespreking' } } });
    expect((await rest('inbrenger')).status).toBe(200);
  });
});
