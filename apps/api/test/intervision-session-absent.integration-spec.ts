import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IntervisionSessionView } from '@casustafel/contracts';
import { copyMethod, findMethod } from '@casustafel/domain';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { FakeClock, pollUntil, startTestApp, type TestApp } from './support/test-app';
import {
  type IntervisionWorld,
  intervisionWorld,
  RecordingSocket,
} from './support/intervision-fixture';
import { SessionKinds } from '../src/modules/live-session/session-kinds';

const ABSENT = 'CANARY-WHILE-ABSENT';

/**
 * Issue 14 §2 with a trainer's adapted copy of a method: in its analysis phase the inbrenger is
 * out of the room. Meanwhile their socket receives nothing at all, and every REST read of the
 * session (the intervision view and the engine's) and every socket call is refused; when the
 * phase is over they are back. The adapted method is found again by its kind id (another api
 * instance, or after a restart).
 */
describe.each(testEngines())('an absent inbrenger on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let w: IntervisionWorld;
  let sessionId: string;
  let kindId: string;
  const sockets: Record<'tina' | 'inge' | 'dirk', RecordingSocket> = {} as never;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    w = await intervisionWorld(t, clock);
  });

  afterAll(async () => {
    for (const s of Object.values(sockets)) s.socket.disconnect();
    await t?.close();
    await db?.drop();
  });

  it("starts on a trainer's adapted copy of a method, checked on the server", async () => {
    const incident = findMethod('incidentmethode');
    if (!incident) throw new Error('incidentmethode');
    const adapted = copyMethod(incident, 'incident-zonder-inbrenger', {
      phases: incident.phases.map((p) =>
        p.key === 'analyse' ? { ...p, inbrenger: 'absent' as const, minutes: 8 } : p,
      ),
    });
    if (!adapted.ok) throw new Error('copy');
    const participants = [
      { userId: w.ids.inge, role: 'inbrenger' },
      { userId: w.ids.dirk, role: 'deelnemer' },
      { userId: w.ids.tom, role: 'deelnemer' },
    ];
    const broken = await w.clients.tina.post<{ details: { path: string }[] }>(
      `/api/intervision-cases/${w.copyId}/sessions`,
      { method: { ...adapted.method, roles: ['deelnemer'] }, participants },
    );
    expect(broken.status).toBe(400);
    expect(broken.body.details.map((d) => d.path)).toContain('method.roles');
    const started = await w.clients.tina.post<IntervisionSessionView>(
      `/api/intervision-cases/${w.copyId}/sessions`,
      { method: adapted.method, participants },
    );
    expect(started.status).toBe(201);
    expect(started.body.method).toMatchObject({
      id: 'incident-zonder-inbrenger',
      derivedFrom: { id: 'incidentmethode', version: 1 },
    });
    sessionId = started.body.id;
    kindId = started.body.kind;
    for (const who of ['tina', 'inge', 'dirk'] as const) {
      sockets[who] = new RecordingSocket(
        t.connectLive({ cookie: w.clients[who].cookieHeader }),
        sessionId,
      );
      await sockets[who].connected();
      expect(await sockets[who].join()).toMatchObject({ ok: true });
    }
  });

  it('the absent inbrenger receives nothing during the phase and is refused everywhere', async () => {
    const { tina, inge, dirk } = sockets;
    for (let i = 0; i < 4; i++) await tina.send({ type: 'phase:advance' }); // → analyse
    await pollUntil(
      () => inge.events.length,
      (n) => n === 4,
    );
    expect(inge.events.at(-1)).toMatchObject({ type: 'phase:changed', payload: { to: 'analyse' } });
    const before = inge.frames.length;
    expect(
      await dirk.send({ type: 'contribution:add', contributionType: 'analysis', text: ABSENT }),
    ).toMatchObject({ ok: true, data: { seq: 5 } });
    await pollUntil(
      () => tina.events.length,
      (n) => n === 5,
    );
    expect(tina.saw(ABSENT)).toBe(true);
    // Told why (the page says to wait), without a byte of the session.
    expect(await w.clients.inge.get(`/api/intervision-sessions/${sessionId}`)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', details: [{ path: 'phase', issue: 'closed-to-role' }] },
    });
    expect((await w.clients.inge.get(`/api/live-sessions/${sessionId}`)).status).toBe(403);
    expect(await inge.join()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await inge.send({ type: 'contribution:add', contributionType: 'analysis', text: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const during = inge.frames.slice(before);
    expect(during.some((frame) => frame.includes(ABSENT))).toBe(false);
    expect(during.some((frame) => frame.includes('session:event'))).toBe(false);

    clock.advance(90_000);
    await tina.send({ type: 'phase:advance' });
    await pollUntil(
      () => inge.events.length,
      (n) => n === 5,
    );
    // The snapshot says when the phase began (the page's countdown runs from it).
    expect(await inge.join(4)).toMatchObject({
      ok: true,
      data: {
        seq: 6,
        snapshot: { phase: 'standpunt-schriftelijk', phaseStartedAt: clock.now().getTime() },
      },
    });
    expect((await w.clients.inge.get(`/api/intervision-sessions/${sessionId}`)).status).toBe(200);
    expect(inge.saw(ABSENT)).toBe(false);
  });

  it('another instance finds the adapted method again by its kind id', async () => {
    const fresh = new SessionKinds();
    // What a second api instance does at start: the intervision module adds its resolver.
    const resolver = (t.app.get(SessionKinds) as unknown as { resolvers: Map<string, never> })
      .resolvers;
    for (const [prefix, resolve] of resolver) fresh.addResolver(prefix, resolve);
    const kind = await fresh.resolve(kindId);
    expect(kind?.lockedOut).toEqual({ analyse: ['inbrenger'] });
    expect(kind?.phases.find((p) => p.id === 'analyse')?.defaultMinutes).toBe(8);
    expect(await fresh.resolve('iv-0000000000000000')).toBeUndefined();
  });
});
