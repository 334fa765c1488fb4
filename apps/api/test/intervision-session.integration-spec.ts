import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  IntervisionAttendance,
  IntervisionSessionView,
  MyIntervisionSession,
} from '@casustafel/contracts';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { FakeClock, pollUntil, startTestApp, type TestApp } from './support/test-app';
import { dataSourceOf } from './factories/identity.factory';
import {
  type IntervisionWorld,
  intervisionWorld,
  pdfText,
  RecordingSocket,
} from './support/intervision-fixture';

const BLIND = ['CANARY-BLIND-DIRK', 'CANARY-BLIND-TOM'];
const IN_SESSION = ['tina', 'inge', 'dirk', 'tom'] as const;
type InSession = (typeof IN_SESSION)[number];

/**
 * Issue 14 §2 and §4: a trainer runs the incidentmethode on a released intervision copy with
 * real socket clients. A blind round reaches nobody before the reveal (every raw frame checked),
 * the listening inbrenger cannot contribute but receives, the inbrenger rates questions, a
 * non-participant is refused, nothing a participant receives leads back to the source case, and
 * ending the session writes attendance records with PDFs per session and per period.
 */
describe.each(testEngines())('intervision sessions on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let w: IntervisionWorld;
  let sessionId: string;
  const sockets = {} as Record<InSession, RecordingSocket>;
  /** Every REST answer a participant got, as text. */
  const restBytes: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    // A session of 75 minutes: nobody's sign-in may expire meanwhile.
    t = await startTestApp(
      { ...db.env, DEMO_MODE: 'false', SESSION_IDLE_TIMEOUT_SECONDS: '7200' },
      { clock },
    );
    w = await intervisionWorld(t, clock);
  });

  afterAll(async () => {
    for (const s of Object.values(sockets)) s.socket.disconnect();
    await t?.close();
    await db?.drop();
  });

  const get = async <T>(who: InSession | 'nora' | 'bob', path: string) => {
    const answer = await w.clients[who].get<T>(path);
    if (who !== 'nora' && who !== 'bob') restBytes.push(JSON.stringify(answer.body ?? null));
    return answer;
  };
  const participants = [
    { userId: '', role: 'inbrenger', who: 'inge' },
    { userId: '', role: 'deelnemer', who: 'dirk' },
    { userId: '', role: 'timekeeper', who: 'tom' },
  ] as const;
  const roster = () => participants.map(({ role, who }) => ({ role, userId: w.ids[who] }));
  const eventsOf = (who: InSession) => sockets[who].events.length;
  const settle = (n: number) =>
    pollUntil(
      () => IN_SESSION.map(eventsOf),
      (counts) => counts.every((c) => c === n),
    );

  it('starts only on a released copy of the own team, with team members in the roles of the method', async () => {
    const tina = w.clients.tina;
    const start = (copyId: string, methodId: string, participants: unknown[], by = tina) =>
      by.post<{ details?: unknown }>(`/api/intervision-cases/${copyId}/sessions`, {
        methodId,
        participants,
      });
    const bob = { userId: w.ids.bob, role: 'deelnemer' };
    expect((await start(w.draftId, 'incidentmethode', roster())).status).toBe(409);
    expect((await start(w.copyId, 'incidentmethode', roster(), w.clients.bob)).status).toBe(403);
    expect((await start(w.copyId, 'bestaat-niet', roster())).status).toBe(400);
    const outsider = await start(w.copyId, 'incidentmethode', [...roster(), bob]);
    expect(outsider).toMatchObject({ status: 400, body: { details: [{ issue: 'not-a-member' }] } });
    const all = roster().map((p) => ({ ...p, role: 'deelnemer' }));
    const noInbrenger = await start(w.copyId, 'incidentmethode', all);
    expect(noInbrenger.body.details).toEqual([{ path: 'participants', issue: 'one-inbrenger' }]);

    const started = await tina.post<IntervisionSessionView>(
      `/api/intervision-cases/${w.copyId}/sessions`,
      {
        methodId: 'incidentmethode',
        participants: roster(),
      },
    );
    expect(started.status).toBe(201);
    sessionId = started.body.id;
    expect(started.body).toMatchObject({
      status: 'running',
      role: 'gespreksleider',
      trainer: { userId: w.ids.tina, displayName: 'Tina Trainer' },
      method: { id: 'incidentmethode', name: 'Incidentmethode' },
      copy: { id: w.copyId, title: 'Zorgen om Sem de Wit' },
    });
    expect(started.body.participants).toHaveLength(4);
    expect(started.body.copy.sections[0]).toEqual({
      key: 'vraag',
      title: 'Vraag aan de groep',
      text: 'Hoe helpen we moeder om Sem weer naar school te krijgen?',
    });
  });

  it('lets participants in over REST and the socket; a non-participant is refused', async () => {
    for (const who of ['nora', 'bob'] as const) {
      expect((await get(who, `/api/intervision-sessions/${sessionId}`)).status).toBe(403);
      expect((await get(who, `/api/live-sessions/${sessionId}`)).status).toBe(403);
    }
    const nora = new RecordingSocket(
      t.connectLive({ cookie: w.clients.nora.cookieHeader }),
      sessionId,
    );
    await nora.connected();
    expect(await nora.join()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    nora.socket.disconnect();
    for (const who of IN_SESSION) {
      sockets[who] = new RecordingSocket(
        t.connectLive({ cookie: w.clients[who].cookieHeader }),
        sessionId,
      );
      await sockets[who].connected();
      expect(await sockets[who].join()).toMatchObject({ ok: true, data: { seq: 0 } });
      expect(
        (await get<IntervisionSessionView>(who, `/api/intervision-sessions/${sessionId}`)).status,
      ).toBe(200);
    }
    // Each participant finds it among their own sessions (joining remotely); others do not.
    for (const who of ['nora', 'bob'] as const)
      expect((await get<MyIntervisionSession[]>(who, '/api/me/intervision-sessions')).body).toEqual(
        [],
      );
    const mine = (await get<MyIntervisionSession[]>('dirk', '/api/me/intervision-sessions')).body;
    expect(mine).toMatchObject([{ id: sessionId, status: 'running', endedAt: null }]);
    expect(JSON.stringify(mine)).not.toContain(w.source.caseId);
    // Nothing to download while it runs.
    const early = await get<{ code: string }>(
      'dirk',
      `/api/intervision-sessions/${sessionId}/attendance`,
    );
    expect(early).toMatchObject({ status: 409, body: { code: 'SESSION_NOT_ENDED' } });
  });

  it('a participant who leaves the team loses the session at once: REST, join and their list', async () => {
    // Found by the attacker walk: a member removed from the team kept reading and contributing.
    const ds = dataSourceOf(t.app);
    const where = [w.teamId, w.ids.dirk];
    const [kept] = (await ds.query(
      'SELECT "id", "roles" FROM "membership" WHERE "team_id" = $1 AND "user_id" = $2',
      where,
    )) as { id: string; roles: string[] }[];
    expect(kept).toBeDefined();
    await ds.query('DELETE FROM "membership" WHERE "team_id" = $1 AND "user_id" = $2', where);
    try {
      expect((await w.clients.dirk.get(`/api/live-sessions/${sessionId}`)).status).toBe(403);
      expect((await w.clients.dirk.get(`/api/intervision-sessions/${sessionId}`)).status).toBe(403);
      // In no team at all now: the list is refused, and never names the session.
      const mine = await w.clients.dirk.get('/api/me/intervision-sessions');
      expect(mine.status).toBe(403);
      expect(JSON.stringify(mine.body)).not.toContain(sessionId);
      const outside = new RecordingSocket(
        t.connectLive({ cookie: w.clients.dirk.cookieHeader }),
        sessionId,
      );
      await outside.connected();
      expect(await outside.join()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      outside.socket.disconnect();
    } finally {
      await ds.query(
        'INSERT INTO "membership" ("id", "team_id", "user_id", "roles") VALUES ($1, $2, $3, $4)',
        [kept?.id, ...where, kept?.roles],
      );
    }
    // Back in the team, back in the session.
    expect((await w.clients.dirk.get(`/api/live-sessions/${sessionId}`)).status).toBe(200);
  });

  it('keeps the blind round on the server: no byte of it reaches anyone before the reveal', async () => {
    const { tina, inge, dirk, tom } = sockets;
    expect(await dirk.send({ type: 'phase:advance' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await tina.send({ type: 'phase:advance' });
    expect(await tina.send({ type: 'phase:advance' })).toMatchObject({
      ok: true,
      data: { seq: 2 },
    });
    await settle(2);
    // the open type would dodge the blindness: refused in a blind phase
    expect(
      await dirk.send({ type: 'contribution:add', contributionType: 'question', text: 'open' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // the inbrenger listens in this phase
    expect(
      await inge.send({ type: 'contribution:add', contributionType: 'blind-question', text: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await dirk.send({
        type: 'contribution:add',
        contributionType: 'blind-question',
        text: BLIND[0],
      }),
    ).toMatchObject({ ok: true, data: { seq: 3 } });
    expect(
      await tom.send({
        type: 'contribution:add',
        contributionType: 'blind-question',
        text: BLIND[1],
      }),
    ).toMatchObject({ ok: true, data: { seq: 4 } });
    await settle(4);
    for (const who of IN_SESSION) {
      await sockets[who].join();
      await sockets[who].join(0);
      await get(who, `/api/live-sessions/${sessionId}`);
    }
    const rest = restBytes.join('\n');
    for (const who of IN_SESSION)
      for (const canary of BLIND) {
        expect({ who, canary, seen: sockets[who].saw(canary) }).toEqual({
          who,
          canary,
          seen: false,
        });
        expect(rest).not.toContain(canary);
      }
    expect(
      await tina.send({ type: 'contribution:reveal', contributionType: 'blind-question' }),
    ).toMatchObject({ ok: true, data: { seq: 5 } });
    await settle(5);
    for (const who of IN_SESSION)
      for (const canary of BLIND) expect(sockets[who].saw(canary)).toBe(true);
  });

  it('the inbrenger rates questions koud, lauw or warm; others cannot', async () => {
    const { tina, inge, dirk } = sockets;
    await tina.send({ type: 'phase:advance' }); // informatieronde
    const asked = await dirk.send({
      type: 'contribution:add',
      contributionType: 'question',
      text: 'Wat zegt de school?',
    });
    expect(asked).toMatchObject({ ok: true, data: { seq: 7 } });
    await settle(7);
    const question = dirk.events.at(-1)?.payload as { contribution: { id: string } };
    const id = question.contribution.id;
    expect(
      await dirk.send({ type: 'contribution:rate', contributionId: id, rating: 'warm' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await inge.send({ type: 'contribution:rate', contributionId: id, rating: 'heet' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(
      await inge.send({ type: 'contribution:rate', contributionId: id, rating: 'warm' }),
    ).toMatchObject({
      ok: true,
      data: { seq: 8 },
    });
    await settle(8);
    expect(tina.events.at(-1)).toMatchObject({
      type: 'contribution:rated',
      payload: { contributionId: id, rating: 'warm' },
    });
  });

  it('the listening inbrenger cannot contribute, and still receives what others say', async () => {
    const { tina, inge, dirk } = sockets;
    await tina.send({ type: 'phase:advance' }); // analyse: the inbrenger listens
    expect(
      await inge.send({
        type: 'contribution:add',
        contributionType: 'analysis',
        text: 'mijn analyse',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await dirk.send({
      type: 'contribution:add',
      contributionType: 'analysis',
      text: 'CANARY-ANALYSE',
    });
    await settle(10);
    expect(inge.saw('CANARY-ANALYSE')).toBe(true);
    // standpunt-schriftelijk, standpunten-delen, werkelijk-gedaan, slotdiscussie, evaluatie
    for (let i = 0; i < 5; i++) expect((await tina.send({ type: 'phase:advance' })).ok).toBe(true);
    expect(await tina.send({ type: 'phase:advance' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const learned = await dirk.send({
      type: 'contribution:add',
      contributionType: 'learning-point',
      text: 'Eerst vragen, dan adviseren',
    });
    expect(learned.ok).toBe(true);
  });

  it('the trainer ends the session: everyone is told, commands are refused, attendance is written', async () => {
    const { tina, dirk } = sockets;
    clock.advance(75 * 60_000);
    expect((await w.clients.dirk.post(`/api/intervision-sessions/${sessionId}/end`)).status).toBe(
      403,
    );
    const before = eventsOf('dirk');
    const ended = await w.clients.tina.post<IntervisionSessionView>(
      `/api/intervision-sessions/${sessionId}/end`,
    );
    expect(
      (await get<MyIntervisionSession[]>('dirk', '/api/me/intervision-sessions')).body,
    ).toMatchObject([{ id: sessionId, status: 'ended' }]);
    expect(ended).toMatchObject({ status: 200, body: { status: 'ended' } });
    await settle(before + 1);
    for (const who of IN_SESSION)
      expect(sockets[who].events.at(-1)).toMatchObject({ type: 'session:ended' });
    expect(
      await dirk.send({
        type: 'contribution:add',
        contributionType: 'learning-point',
        text: 'laat',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SESSION_ENDED' },
    });
    expect((await w.clients.tina.post(`/api/intervision-sessions/${sessionId}/end`)).status).toBe(
      409,
    );
    expect(tina.socket.connected).toBe(true);

    const list = await get<IntervisionAttendance[]>(
      'dirk',
      `/api/intervision-sessions/${sessionId}/attendance`,
    );
    expect(list.status).toBe(200);
    expect(list.body.map((r) => [r.participantName, r.role])).toEqual([
      ['Inge Inbreng', 'inbrenger'],
      ['Tina Trainer', 'gespreksleider'],
      ['Tom Tijd', 'timekeeper'],
      ['Dirk Deelnemer', 'deelnemer'],
    ]);
    expect(list.body[0]).toMatchObject({
      date: '2026-03-02',
      minutes: 75,
      method: { id: 'incidentmethode', version: 1, name: 'Incidentmethode' },
      trainerName: 'Tina Trainer',
    });
    expect((await get('nora', `/api/intervision-sessions/${sessionId}/attendance`)).status).toBe(
      403,
    );
  });

  it('renders the attendance as PDF per session and per period (own records only), nl and en', async () => {
    const download = (who: 'dirk' | 'nora', path: string) =>
      fetch(`${t.baseUrl}${path}`, { headers: { cookie: w.clients[who].cookieHeader } });
    const perSession = await download(
      'dirk',
      `/api/intervision-sessions/${sessionId}/attendance.pdf`,
    );
    expect(perSession.status).toBe(200);
    expect(perSession.headers.get('content-type')).toBe('application/pdf');
    const nl = await pdfText(perSession);
    for (const words of [
      'Presentielijst intervisie',
      'Incidentmethode',
      'Tina Trainer',
      'Inge Inbreng',
      '75 min',
    ])
      expect({ words, found: nl.includes(words) }).toEqual({ words, found: true });
    const en = await pdfText(
      await download('dirk', `/api/intervision-sessions/${sessionId}/attendance.pdf?lang=en`),
    );
    expect(en).toContain('Peer consultation attendance record');
    expect(en).toContain('Case presenter');
    expect(
      (await download('nora', `/api/intervision-sessions/${sessionId}/attendance.pdf`)).status,
    ).toBe(403);

    const own = await get<IntervisionAttendance[]>(
      'dirk',
      '/api/me/intervision-attendance?from=2026-03-01&to=2026-03-31',
    );
    expect(own.body.map((r) => r.participantName)).toEqual(['Dirk Deelnemer']);
    expect(
      (await get('dirk', '/api/me/intervision-attendance?from=2026-04-01&to=2026-04-30')).body,
    ).toEqual([]);
    expect(
      (await get('dirk', '/api/me/intervision-attendance?from=2026-04-01&to=2026-03-01')).status,
    ).toBe(400);
    const period = await pdfText(
      await download('dirk', '/api/me/intervision-attendance.pdf?from=2026-03-01&to=2026-03-31'),
    );
    expect(period).toContain('Overzicht deelname aan intervisie');
    expect(period).toContain('Dirk Deelnemer');
    expect(period).toContain('Incidentmethode');
    expect(period).not.toContain('Inge Inbreng');
  });

  it('nothing a participant received leads back to the source case; audit rows do not name it', async () => {
    const bytes = [...IN_SESSION.flatMap((who) => sockets[who].frames), ...restBytes]
      .join('\n')
      .toLowerCase();
    const { caseId, householdId, personIds, names } = w.source;
    for (const value of [caseId, householdId, ...personIds, ...names])
      expect({ value, found: bytes.includes(value.toLowerCase()) }).toEqual({
        value,
        found: false,
      });
    const rows = (await dataSourceOf(t.app).query(
      'SELECT * FROM "audit_event" WHERE "object_id" = $1 OR "action" LIKE $2',
      [sessionId, 'intervision-%'],
    )) as Record<string, unknown>[];
    expect(rows.filter((r) => r['action'] === 'intervision-session.read').length).toBeGreaterThan(
      3,
    );
    for (const row of rows.filter((r) => r['action'] !== 'intervision-case.create')) {
      expect(row['client_id']).toBeNull();
      const text = JSON.stringify(row);
      for (const value of [caseId, householdId, ...personIds]) expect(text).not.toContain(value);
    }
  });
});
