import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  CaseDetail,
  CircleInvitationCreated,
  CircleSuggestion,
  ConferenceSessionView,
  ConferenceSummary,
  ConferenceView,
  FamilyGroupPlanView,
  HouseholdDetail,
  LiveAck,
  SavePlan,
  SessionJoinResult,
  SupportPlanPage,
} from '@casustafel/contracts';
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
import {
  coverForMeetings,
  householdInput,
  personInput,
  signIn,
} from './factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from './factories/identity.factory';
import { must } from './support/must';
import { EcoTieEntity } from '../src/modules/network-map/network-map.entities';
import { NetworkPersonEntity } from '../src/modules/case-file/household.entity';
import { JobsService } from '../src/modules/jobs/jobs.service';

/** Typed by the family during besloten tijd: never in a professional's bytes until it ends. */
const CANARY_NOTE = 'KANARIE-BESLOTEN-NOTITIE-7f3a';
const CANARY_PLAN = 'KANARIE-CONCEPTPLAN-c21e';
/** In the case file: never in a network member's bytes. */
const CASE_CANARY = 'KANARIE-CASUS-9b0d';

/**
 * The familienetwerkberaad end to end on the real api: the circle from the ecogram, invitations
 * by link + code (a network member only with consent), the phases on the live engine with
 * besloten tijd enforced by the server over REST, socket and export, the bottom lines checked
 * one by one, acceptance importing the plan into the support plan, and the coordinator's
 * four-week follow-up by the job queue with an injected clock.
 */
describe.each(testEngines())('family conference on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let dataDir: string | null = null;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let teamId: string;
  let householdId: string;
  let caseId: string;
  let conferenceId: string;
  let otherConferenceId: string;
  let sessionId: string;
  const staff = new Map<
    string,
    { id: string; client: BrowserClient; again: () => Promise<BrowserClient> }
  >();
  const circle = new Map<string, BrowserClient>();
  const invitations = new Map<string, CircleInvitationCreated>();
  const sockets = new Map<string, LiveClient>();
  /** Every byte each participant received: REST bodies, CSV, socket frames and acks. */
  const received = new Map<string, string[]>();

  beforeAll(async () => {
    if (engine === 'pglite') {
      dataDir = mkdtempSync(joinPath(tmpdir(), 'cst-fgc-'));
      db = await createTestDatabase(engine, dataDir);
    } else {
      db = await createTestDatabase(engine);
    }
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false', JOBS_ENABLED: 'false' }, { clock });
    const org = await createOrganisation(t.app);
    teamId = (await createTeam(t.app, org.id, { name: 'Wijkteam Zuid' })).id;
    const otherTeam = (await createTeam(t.app, org.id, { name: 'Wijkteam Noord' })).id;
    const make = async (key: string, displayName: string, team: string) => {
      const u = await createUser(t.app, {
        organisationId: org.id,
        displayName,
        totp: true,
        teams: [[team, ['member']]],
      });
      const again = () => signIn(t, clock, u.user.email, u.totpSecret);
      staff.set(key, { id: u.user.id, client: await again(), again });
    };
    await make('professional', 'Pim Professional', teamId);
    // Independent: a colleague from another team.
    await make('coordinator', 'Coby Coördinator', otherTeam);
    await make('outsider', 'Otto Teamlid', teamId);
    const pim = person('professional').client;
    const household = await pim.post<HouseholdDetail>(
      `/api/teams/${teamId}/households`,
      householdInput('Gezin Bakker'),
    );
    householdId = household.body.id;
    for (const [givenName, role] of [
      ['Sara', 'ouder'],
      ['Noor', 'kind'],
    ] as const)
      expect(
        (
          await pim.post(
            `/api/households/${householdId}/persons`,
            personInput({ givenName, familyName: 'Bakker', role }),
          )
        ).status,
      ).toBe(201);
    const ds = dataSourceOf(t.app);
    const network = async (name: string, relation: string, tie?: [string, string[]]) => {
      const p = await ds.getRepository(NetworkPersonEntity).save({
        householdId,
        name,
        relation: relation as never,
        relationDetail: null,
        phone: null,
        gender: 'onbekend',
        birthYear: null,
        deceased: false,
        deathYear: null,
        indexPerson: false,
        mapOnly: false,
        createdAt: new Date(),
      });
      if (tie)
        await ds.getRepository(EcoTieEntity).save({
          householdId,
          category: 'familie' as never,
          label: null,
          networkPersonId: p.id,
          strength: tie[0] as never,
          energy: 'wederzijds' as never,
          codes: tie[1] as never,
          createdAt: new Date(),
        });
    };
    await network('Buurman Kees', 'buur', ['zwak', ['P']]);
    await network('Oma Els', 'familie', ['sterk', ['P', 'E']]);
    await network('Jeugdarts Jansen', 'professional');
    await coverForMeetings(pim, householdId, teamId);
    const created = await pim.post<CaseDetail>(`/api/teams/${teamId}/cases`, {
      householdId,
      title: `Opvoeding ${CASE_CANARY}`,
      casusregisseurId: person('professional').id,
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets.values()) s.disconnect();
    await t?.close();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const person = (key: string) => must(staff.get(key));
  const member = (key: string) => must(circle.get(key));
  const clientOf = (key: string) => staff.get(key)?.client ?? member(key);
  const seen = (key: string) => {
    let list = received.get(key);
    if (!list) received.set(key, (list = []));
    return list;
  };
  const note = (key: string, value: unknown) =>
    seen(key).push(typeof value === 'string' ? value : JSON.stringify(value));
  const bytesOf = (key: string) => seen(key).join('\n');
  const get = async <T>(key: string, path: string) => {
    const answer = await clientOf(key).get<T>(path);
    note(key, answer.body);
    return answer;
  };
  const send = async <T>(key: string, method: string, path: string, body?: unknown) => {
    const answer = await clientOf(key).request<T>(method, path, body ?? {});
    note(key, answer.body);
    return answer;
  };
  const csv = async (key: string) => {
    const res = await fetch(`${t.baseUrl}/api/family-conferences/${conferenceId}/plan.csv`, {
      headers: { cookie: clientOf(key).cookieHeader },
    });
    const text = await res.text();
    note(key, text);
    return { status: res.status, text, type: res.headers.get('content-type') };
  };
  const url = (path = '') => `/api/family-conferences/${conferenceId}${path}`;
  const connect = async (key: string) => {
    const socket = t.connectLive({ cookie: clientOf(key).cookieHeader });
    sockets.set(key, socket);
    socket.onAny((name: string, payload: unknown) => {
      if (name !== 'presence:count') note(key, { name, payload });
    });
    if (!socket.connected) await nextEvent(socket, 'connect');
    return socket;
  };
  const join = async (key: string) => {
    const ack = (await must(sockets.get(key))
      .timeout(5000)
      .emitWithAck('conference:join', { conferenceId })) as LiveAck<SessionJoinResult>;
    note(key, ack);
    return ack;
  };
  const command = async (key: string, body: Record<string, unknown>) => {
    const ack = (await must(sockets.get(key))
      .timeout(5000)
      .emitWithAck('conference:command', {
        conferenceId,
        commandId: randomUUID(),
        ...body,
      } as never)) as LiveAck<{ seq: number }>;
    note(key, ack);
    return ack;
  };
  const phaseEvent = (key: string, to: string) =>
    pollUntil(
      () => bytesOf(key),
      (bytes) => bytes.includes(`"to":"${to}"`),
    );

  it('draws the circle from the household and its ecogram, strongest ties first, no professionals', async () => {
    const answer = await get<CircleSuggestion[]>(
      'professional',
      `/api/households/${householdId}/family-conference-circle`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.map((c) => [c.name, c.role, c.source])).toEqual([
      ['Noor Bakker', 'familie', 'huishouden'],
      ['Sara Bakker', 'familie', 'huishouden'],
      ['Oma Els', 'familie', 'netwerk'],
      ['Buurman Kees', 'netwerk', 'netwerk'],
    ]);
    expect(answer.body[2]).toMatchObject({ strength: 'sterk', codes: ['P', 'E'] });
  });

  it('prepares a conference: date and place, an independent coordinator, the circle, bottom lines', async () => {
    const pim = person('professional');
    const suggestions = (
      await get<CircleSuggestion[]>(
        'professional',
        `/api/households/${householdId}/family-conference-circle`,
      )
    ).body;
    const circleInput = suggestions
      .filter((s) => s.name !== 'Noor Bakker')
      .map((s) => ({
        name: s.name,
        role: s.role,
        relation: s.relation,
        personId: s.personId,
        networkPersonId: s.networkPersonId,
      }));
    const base = {
      question: 'Hoe zorgen we samen dat Noor veilig en rustig thuis kan opgroeien?',
      startsAt: '2026-03-20T18:30:00+01:00',
      place: 'Bij oma Els thuis (gekozen door de familie)',
      coordinatorId: person('coordinator').id,
      circle: circleInput,
      bottomLines: [
        'Noor is nooit alleen met vader zolang hij drinkt.',
        'Noor gaat elke dag naar school.',
      ],
    };
    // Not independent: the coordinator cannot be one of the professionals.
    const dependent = await pim.client.post(`/api/households/${householdId}/family-conferences`, {
      ...base,
      professionalIds: [pim.id, person('coordinator').id],
    });
    expect(dependent.status).toBe(400);
    const created = await send<ConferenceView>(
      'professional',
      'POST',
      `/api/households/${householdId}/family-conferences`,
      base,
    );
    expect(created.status).toBe(201);
    conferenceId = created.body.id;
    expect(created.body).toMatchObject({
      status: 'voorbereiding',
      phase: null,
      myRole: 'professional',
      householdLabel: 'Gezin Bakker',
      place: base.place,
    });
    expect(created.body.staff.map((s) => [s.displayName, s.role])).toEqual([
      ['Coby Coördinator', 'coordinator'],
      ['Pim Professional', 'professional'],
    ]);
    expect(created.body.circle.map((c) => [c.name, c.role, c.invitation])).toEqual([
      ['Sara Bakker', 'familie', 'niet-uitgenodigd'],
      ['Oma Els', 'familie', 'niet-uitgenodigd'],
      ['Buurman Kees', 'netwerk', 'niet-uitgenodigd'],
    ]);
    expect(created.body.bottomLines.map((l) => l.met)).toEqual([null, null]);
    // The circle is extendable before the start.
    const extended = await send<ConferenceView>('professional', 'POST', url('/circle'), {
      name: 'Tante Mira',
      role: 'familie',
      relation: 'tante',
    });
    expect(extended.status).toBe(201);
    expect(extended.body.circle.map((c) => c.name)).toContain('Tante Mira');
    // A second conference (another question): nobody invited to the first sees it.
    otherConferenceId = (
      await send<ConferenceView>(
        'professional',
        'POST',
        `/api/households/${householdId}/family-conferences`,
        { ...base, question: 'Een ander beraad over de schulden van het gezin', circle: [] },
      )
    ).body.id;
    const list = await get<ConferenceSummary[]>(
      'outsider',
      `/api/households/${householdId}/family-conferences`,
    );
    expect(list.body).toHaveLength(2);
  });

  it('invites the circle by link + one-time code; a network member takes part only with consent', async () => {
    const view = (await get<ConferenceView>('coordinator', url())).body;
    expect(view.myRole).toBe('coordinator');
    for (const c of view.circle.filter((x) => x.name !== 'Tante Mira')) {
      const answer = await send<CircleInvitationCreated>(
        'coordinator',
        'POST',
        url(`/circle/${c.id}/invitation`),
        { days: 30 },
      );
      expect(answer.status).toBe(201);
      expect(answer.body.code).toMatch(/^\d{6,}$/);
      invitations.set(c.name, answer.body);
    }
    const signInAs = async (key: string, name: string, consent?: boolean) => {
      const inv = must(invitations.get(name));
      const b = new BrowserClient(t.baseUrl);
      const answer = await b.post<ConferenceSessionView>('/api/conference/sign-in', {
        token: new URL(inv.link).hash.slice(1),
        code: inv.code,
        ...(consent === undefined ? {} : { consent }),
      });
      note(key, answer.body);
      if (answer.status === 200) circle.set(key, b);
      return answer;
    };
    const refused = await signInAs('kees', 'Buurman Kees');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'CONFERENCE_CONSENT_REQUIRED' });
    // The code was not spent by the refusal.
    const kees = await signInAs('kees', 'Buurman Kees', true);
    expect(kees.status).toBe(200);
    expect(kees.body).toMatchObject({ conferenceId, role: 'netwerk', name: 'Buurman Kees' });
    expect((await signInAs('sara', 'Sara Bakker')).status).toBe(200);
    expect((await signInAs('els', 'Oma Els')).status).toBe(200);
    // One-time: the same code again is refused.
    expect((await signInAs('again', 'Sara Bakker')).status).toBe(401);
    const after = (await get<ConferenceView>('professional', url())).body;
    const kc = must(after.circle.find((c) => c.name === 'Buurman Kees'));
    expect(kc.invitation).toBe('aangemeld');
    expect(kc.consentAt).not.toBeNull();
  });

  it('shows a network member their conference and nothing of the case file', async () => {
    const own = await get<ConferenceView>('kees', url());
    expect(own.status).toBe(200);
    // The shell knows a conference account (its only page is the conference).
    const me = await get<{ user: { conference?: boolean; guest: boolean } }>(
      'kees',
      '/api/auth/session',
    );
    expect(me.body.user).toMatchObject({ conference: true, guest: false, teams: [] });
    expect(own.body).toMatchObject({ myRole: 'netwerk', householdLabel: null });
    for (const path of [
      `/api/households/${householdId}`,
      `/api/cases/${caseId}`,
      `/api/households/${householdId}/support-plan`,
      `/api/households/${householdId}/family-conferences`,
      `/api/households/${householdId}/family-conference-circle`,
      `/api/family-conferences/${otherConferenceId}`,
      `/api/family-conferences/${otherConferenceId}/plan`,
      '/api/family/plan',
      `/api/teams/${teamId}/households`,
    ])
      expect([path, (await get('kees', path)).status]).toEqual([path, 403]);
    // Nor may they prepare, invite or add to the circle.
    expect(
      (await send('kees', 'POST', url('/circle'), { name: 'X Y', role: 'netwerk' })).status,
    ).toBe(403);
    expect((await send('kees', 'POST', url('/start'))).status).toBe(403);
    expect(bytesOf('kees')).not.toContain(CASE_CANARY);
    expect(bytesOf('kees')).not.toContain('Gezin Bakker');
  });

  it('withdraws an invitation at once: link, code and session stop; audited; a fresh one works again', async () => {
    const signInWith = async (key: string, inv: CircleInvitationCreated) => {
      const b = new BrowserClient(t.baseUrl);
      const answer = await b.post<ConferenceSessionView & { code?: string }>(
        '/api/conference/sign-in',
        { token: new URL(inv.link).hash.slice(1), code: inv.code },
      );
      note(key, answer.body);
      if (answer.status === 200) circle.set(key, b);
      return answer;
    };
    const mira = must(
      (await get<ConferenceView>('coordinator', url())).body.circle.find(
        (c) => c.name === 'Tante Mira',
      ),
    );
    // Nobody invited yet: nothing to withdraw.
    expect((await send('coordinator', 'DELETE', url(`/circle/${mira.id}/invitation`))).status).toBe(
      409,
    );
    const first = await send<CircleInvitationCreated>(
      'coordinator',
      'POST',
      url(`/circle/${mira.id}/invitation`),
      { days: 30 },
    );
    expect(first.status).toBe(201);
    expect((await signInWith('mira', first.body)).status).toBe(200);
    expect((await get('mira', url())).status).toBe(200);
    const socket = await connect('mira');
    // A circle member withdraws nobody's invitation.
    expect((await send('kees', 'DELETE', url(`/circle/${mira.id}/invitation`))).status).toBe(403);

    const withdrawn = await send<ConferenceView>(
      'professional',
      'DELETE',
      url(`/circle/${mira.id}/invitation`),
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.circle.find((c) => c.id === mira.id)).toMatchObject({
      invitation: 'ingetrokken',
      tookPart: true,
    });
    // Her session ended at once: REST refuses, the live socket is gone and cannot come back.
    expect((await get('mira', url())).status).toBe(401);
    await pollUntil(
      () => socket.connected,
      (connected) => !connected,
    );
    const again = t.connectLive({ cookie: member('mira').cookieHeader });
    const refused = await nextEvent<Error>(again, 'connect_error');
    expect(refused.message).toBe('UNAUTHENTICATED');
    again.disconnect();
    // The link and code no longer open anything, with a clear code.
    const stale = await signInWith('mira-stale', first.body);
    expect(stale.status).toBe(410);
    expect(stale.body).toMatchObject({ code: 'CONFERENCE_INVITATION_REVOKED' });
    // Withdrawing twice changes nothing; someone who took part is not removed from the circle.
    expect((await send('coordinator', 'DELETE', url(`/circle/${mira.id}/invitation`))).status).toBe(
      200,
    );
    expect((await send('coordinator', 'DELETE', url(`/circle/${mira.id}`))).status).toBe(409);
    const audit = (await dataSourceOf(t.app).query(
      `SELECT "object_id" FROM "audit_event" WHERE "action" = 'family-conference.revoke' AND "outcome" = 'allowed'`,
    )) as { object_id: string }[];
    expect(audit.map((a) => a.object_id)).toContain(mira.id);

    // A fresh invitation: a new link and code work, the withdrawn ones stay dead.
    const fresh = await send<CircleInvitationCreated>(
      'coordinator',
      'POST',
      url(`/circle/${mira.id}/invitation`),
      { days: 30 },
    );
    expect(fresh.status).toBe(201);
    expect(fresh.body.member.invitation).toBe('uitgenodigd');
    expect((await signInWith('mira-old-link', first.body)).status).toBe(401);
    expect((await signInWith('mira', fresh.body)).status).toBe(200);
    expect((await get('mira', url())).status).toBe(200);
    invitations.set('Tante Mira', fresh.body);

    // Someone who never signed in may be taken out of the circle; their link dies with them.
    const added = await send<ConferenceView>('coordinator', 'POST', url('/circle'), {
      name: 'Neef Ruben',
      role: 'familie',
      relation: 'neef',
    });
    const ruben = must(added.body.circle.find((c) => c.name === 'Neef Ruben'));
    const rubenLink = await send<CircleInvitationCreated>(
      'coordinator',
      'POST',
      url(`/circle/${ruben.id}/invitation`),
      { days: 30 },
    );
    expect(rubenLink.status).toBe(201);
    const removed = await send<ConferenceView>('coordinator', 'DELETE', url(`/circle/${ruben.id}`));
    expect(removed.status).toBe(200);
    expect(removed.body.circle.map((c) => c.name)).not.toContain('Neef Ruben');
    expect((await signInWith('ruben', rubenLink.body)).status).toBe(401);
    expect((await send('coordinator', 'DELETE', url(`/circle/${ruben.id}`))).status).toBe(404);
  });

  it('starts on the engine in the information phase; only the coordinator starts and moves on', async () => {
    expect((await send('professional', 'POST', url('/start'))).status).toBe(403);
    const started = await send<ConferenceView>('coordinator', 'POST', url('/start'));
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'bezig', phase: 'informatie' });
    sessionId = must(started.body.sessionId);
    // Invitations and the circle are fixed once it runs.
    expect(
      (await send('coordinator', 'POST', url('/circle'), { name: 'Laat Iemand', role: 'netwerk' }))
        .status,
    ).toBe(409);
    // A team member who is not in the conference does not follow it while it runs.
    expect((await get('outsider', url())).status).toBe(403);
    for (const key of ['professional', 'coordinator', 'sara', 'kees', 'els', 'mira']) {
      await connect(key);
      const ack = await join(key);
      expect(ack).toMatchObject({ ok: true });
    }
    expect(
      await command('professional', {
        type: 'contribution:add',
        text: 'Wat wij zien: Noor mist veel school.',
      }),
    ).toMatchObject({ ok: true });
    await pollUntil(
      () => bytesOf('kees'),
      (b) => b.includes('Noor mist veel school'),
    );
    expect(
      await command('kees', { type: 'contribution:add', text: 'Hoe vaak mist ze school?' }),
    ).toMatchObject({ ok: true });
    expect(await command('professional', { type: 'phase:advance' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await command('sara', { type: 'phase:advance' })).toMatchObject({ ok: false });
    // Withdrawn while it runs: out of the room at once, and not let back in.
    const miraId = must(
      (await get<ConferenceView>('coordinator', url())).body.circle.find(
        (c) => c.name === 'Tante Mira',
      ),
    ).id;
    const mira = must(sockets.get('mira'));
    expect((await send('coordinator', 'DELETE', url(`/circle/${miraId}/invitation`))).status).toBe(
      200,
    );
    await pollUntil(
      () => mira.connected,
      (connected) => !connected,
    );
    expect((await get('mira', url())).status).toBe(401);
    expect((await get('mira', url('/plan'))).status).toBe(401);
    const back = t.connectLive({ cookie: member('mira').cookieHeader });
    expect((await nextEvent<Error>(back, 'connect_error')).message).toBe('UNAUTHENTICATED');
    back.disconnect();
    // Everyone else is still in the room.
    expect(must(sockets.get('sara')).connected).toBe(true);
  });

  it('how many sockets the product holds (presence:count) reaches staff, never a family member', async () => {
    const counts = { staff: 0, family: 0 };
    const staff = t.connectLive({ cookie: clientOf('professional').cookieHeader });
    const family = t.connectLive({ cookie: clientOf('sara').cookieHeader });
    staff.on('presence:count', () => (counts.staff += 1));
    family.on('presence:count', () => (counts.family += 1));
    try {
      await Promise.all(
        [staff, family].map((s) => (s.connected ? undefined : nextEvent(s, 'connect'))),
      );
      // A third connection after both: a count goes out (throttled) to the staff room.
      const third = t.connectLive({ cookie: clientOf('coordinator').cookieHeader });
      if (!third.connected) await nextEvent(third, 'connect');
      await pollUntil(
        () => counts.staff,
        (n) => n > 0,
        8000,
      );
      third.disconnect();
      expect(counts.family).toBe(0);
    } finally {
      staff.disconnect();
      family.disconnect();
    }
  });

  it('besloten tijd: the professional receives nothing of the family’s work until the coordinator ends it', async () => {
    const before = seen('professional').length;
    expect(await command('coordinator', { type: 'phase:advance' })).toMatchObject({ ok: true });
    await phaseEvent('professional', 'besloten-tijd');
    // The family works: notes in the room, a draft plan over REST.
    expect(await command('sara', { type: 'contribution:add', text: CANARY_NOTE })).toMatchObject({
      ok: true,
    });
    const draft: SavePlan = {
      expectedRev: 0,
      entries: [
        {
          who: 'Oma Els',
          what: `Haalt Noor elke ochtend op ${CANARY_PLAN}`,
          when: 'elke schooldag',
          kind: 'familie',
        },
      ],
      familyLead: '',
      monitor: '',
      evaluationOn: null,
      ifDifferent: '',
    };
    expect((await send('sara', 'PUT', url('/plan'), draft)).status).toBe(200);
    await pollUntil(
      () => bytesOf('kees'),
      (b) => b.includes(CANARY_NOTE),
    );
    // The rest of the family hears that the plan changed (the room's event, no content).
    await pollUntil(
      () => bytesOf('kees'),
      (b) => b.includes('"type":"record:changed"'),
    );
    const fromKees = await get<FamilyGroupPlanView>('kees', url('/plan'));
    expect(fromKees.body.entries[0]?.what).toContain(CANARY_PLAN);
    // The professional: every REST call, the export and the engine's own read are refused.
    for (const path of [url(), url('/plan'), `/api/live-sessions/${sessionId}`])
      expect([path, (await get('professional', path)).status]).toEqual([path, 403]);
    expect((await csv('professional')).status).toBe(403);
    expect((await join('professional')).ok).toBe(false);
    expect(
      await command('professional', { type: 'contribution:add', text: 'mag ik iets zeggen?' }),
    ).toMatchObject({ ok: false });
    expect(
      (await send('professional', 'PUT', url('/plan'), { ...draft, expectedRev: 1 })).status,
    ).toBe(403);
    // The coordinator stays reachable (to end it) but reads neither the notes nor the draft plan.
    expect((await get('coordinator', url('/plan'))).status).toBe(403);
    expect(
      (await send('coordinator', 'PUT', url('/plan'), { ...draft, expectedRev: 1 })).status,
    ).toBe(403);
    expect(bytesOf('coordinator')).not.toContain(CANARY_NOTE);
    expect(bytesOf('coordinator')).not.toContain(CANARY_PLAN);
    const whileClosed = seen('professional').slice(before).join('\n');
    // Not even that the plan changed.
    expect(whileClosed).not.toContain('record:changed');
    expect(whileClosed).not.toContain(CANARY_NOTE);
    expect(whileClosed).not.toContain(CANARY_PLAN);
    expect(bytesOf('professional')).not.toContain(CANARY_NOTE);
    expect(bytesOf('professional')).not.toContain(CANARY_PLAN);

    expect(await command('coordinator', { type: 'phase:advance' })).toMatchObject({ ok: true });
    await phaseEvent('professional', 'planpresentatie');
    const rejoined = await join('professional');
    expect(rejoined).toMatchObject({ ok: true });
    // The family's notes stay theirs for good; the plan is what they present.
    expect(bytesOf('professional')).not.toContain(CANARY_NOTE);
    const presented = await get<FamilyGroupPlanView>('professional', url('/plan'));
    expect(presented.status).toBe(200);
    expect(presented.body.entries[0]?.what).toContain(CANARY_PLAN);
  });

  it('plan presentation: the coordinator records the plan and checks the bottom lines one by one', async () => {
    expect((await send('professional', 'POST', url('/accept'))).status).toBe(409);
    const current = (await get<FamilyGroupPlanView>('coordinator', url('/plan'))).body;
    const plan: SavePlan = {
      expectedRev: current.rev,
      entries: [
        {
          who: 'Oma Els',
          what: 'Haalt Noor elke ochtend op voor school',
          when: 'elke schooldag om 8.00',
          kind: 'familie',
        },
        {
          who: 'Buurman Kees',
          what: 'Is aanspreekpunt als het thuis onrustig is',
          when: 'dag en nacht',
          kind: 'netwerk',
        },
        {
          who: 'Wijkteam',
          what: 'Gesprek met vader over hulp bij drinken',
          when: 'binnen twee weken',
          kind: 'professioneel',
        },
      ],
      familyLead: 'Tante Mira',
      monitor: 'Buurman Kees',
      evaluationOn: '2026-06-01',
      ifDifferent: 'Tante Mira belt de coördinator en het wijkteam.',
    };
    const stale = await send('coordinator', 'PUT', url('/plan'), { ...plan, expectedRev: 0 });
    expect(stale.status).toBe(409);
    const listeners = ['professional', 'sara', 'kees'];
    const heardBefore = new Map(listeners.map((key) => [key, seen(key).length]));
    const recorded = await send<FamilyGroupPlanView>('coordinator', 'PUT', url('/plan'), plan);
    expect(recorded.status).toBe(200);
    // Everyone's page reads the plan again without a reload: the room says it changed.
    for (const key of listeners)
      await pollUntil(
        () => seen(key).slice(heardBefore.get(key)).join('\n'),
        (b) => b.includes('"record:changed"') && b.includes('"record":"plan"'),
      );
    expect(recorded.body).toMatchObject({ rev: current.rev + 1, issues: [] });
    expect(
      (await send('professional', 'PUT', url('/plan'), { ...plan, expectedRev: recorded.body.rev }))
        .status,
    ).toBe(403);
    const lines = (await get<ConferenceView>('coordinator', url())).body.bottomLines;
    const [first, second] = [must(lines[0]), must(lines[1])];
    expect(
      (await send('professional', 'POST', url(`/bottom-lines/${first.id}/check`), { met: true }))
        .status,
    ).toBe(403);
    const one = await send<ConferenceView>(
      'coordinator',
      'POST',
      url(`/bottom-lines/${first.id}/check`),
      {
        met: true,
        note: 'Oma en tante zijn er elke avond.',
      },
    );
    expect(one.status).toBe(200);
    expect(one.body.bottomLines[0]).toMatchObject({ met: true, checkedBy: 'Coby Coördinator' });
    await pollUntil(
      () => bytesOf('sara'),
      (b) => b.includes('"record":"bottom-lines"'),
    );
    expect(one.body.bottomLines[1]).toMatchObject({ met: null, checkedBy: null });
    const two = await send<ConferenceView>(
      'coordinator',
      'POST',
      url(`/bottom-lines/${second.id}/check`),
      {
        met: false,
        note: 'Vervoer op maandag nog niet geregeld.',
      },
    );
    expect(two.body.bottomLines[1]).toMatchObject({ met: false });
    const audit = (await dataSourceOf(t.app).query(
      `SELECT "action", "object_id" FROM "audit_event" WHERE "action" = 'family-conference.bottom-line' AND "outcome" = 'allowed'`,
    )) as { action: string; object_id: string }[];
    expect(audit.map((a) => a.object_id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(await command('coordinator', { type: 'phase:advance' })).toMatchObject({ ok: true });
    await phaseEvent('professional', 'acceptatie');
  });

  it('acceptance: refused while a bottom line is not met; then the plan leads the support plan', async () => {
    expect((await send('coordinator', 'POST', url('/accept'))).status).toBe(403);
    const refused = await send<{ code: string; details: { path: string; issue: string }[] }>(
      'professional',
      'POST',
      url('/accept'),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'CONFERENCE_PLAN_INCOMPLETE',
      details: [{ path: 'bottomLines.1', issue: 'bottom-line-not-met' }],
    });
    const second = must((await get<ConferenceView>('coordinator', url())).body.bottomLines[1]);
    expect(
      (
        await send('coordinator', 'POST', url(`/bottom-lines/${second.id}/check`), {
          met: true,
          note: 'Buurman Kees rijdt op maandag.',
        })
      ).status,
    ).toBe(200);
    const accepted = await send<ConferenceView>('professional', 'POST', url('/accept'));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'afgerond',
      acceptedBy: 'Pim Professional',
      followUpOn: '2026-03-30',
      evaluationOn: '2026-06-01',
    });
    await pollUntil(
      () => bytesOf('sara'),
      (b) => b.includes('Het familiegroepsplan is geaccepteerd.'),
    );
    const page = await person('professional').client.get<SupportPlanPage>(
      `/api/households/${householdId}/support-plan`,
    );
    const plan = must(page.body.plan);
    expect(plan.items.map((i) => [i.title, i.type, i.owner, i.source.kind])).toEqual([
      ['Haalt Noor elke ochtend op voor school', 'eigen-kracht', 'Oma Els', 'familieplan'],
      ['Is aanspreekpunt als het thuis onrustig is', 'netwerk', 'Buurman Kees', 'familieplan'],
      ['Gesprek met vader over hulp bij drinken', 'eerste-lijn', 'Wijkteam', 'familieplan'],
    ]);
    expect(plan.evaluationDate).toBe('2026-06-01');
    expect(plan.versions[0]?.change).toBe('familiegroepsplan.opgenomen');
    // Sources kept: every agreement of the family plan names the item it became.
    const familyPlan = (await get<FamilyGroupPlanView>('kees', url('/plan'))).body;
    expect(familyPlan.entries.map((e) => e.supportPlanItemId)).toEqual(plan.items.map((i) => i.id));
    // The family and network still see their plan, and still nothing of the support plan.
    expect((await get('kees', `/api/households/${householdId}/support-plan`)).status).toBe(403);
    const exported = await csv('professional');
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('text/csv');
    expect(exported.text).toContain('"Buurman Kees","Is aanspreekpunt als het thuis onrustig is"');
  });

  it('reminds the coordinator four weeks after acceptance, once', async () => {
    const jobs = t.app.get(JobsService);
    const reminders = () =>
      dataSourceOf(t.app).query(
        `SELECT "user_id", "params" FROM "notification" WHERE "kind" = 'conference-follow-up'`,
      ) as Promise<{ user_id: string; params: Record<string, string> }[]>;
    await jobs.runDue();
    expect(await reminders()).toHaveLength(0);
    clock.advance(27 * 86_400_000);
    await jobs.runDue();
    expect(await reminders()).toHaveLength(0);
    clock.advance(86_400_000);
    await jobs.runDue();
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      user_id: person('coordinator').id,
      params: { subjectId: conferenceId, due: '2026-03-30', teamName: 'Wijkteam Zuid' },
    });
    clock.advance(86_400_000);
    await jobs.runDue();
    expect(await reminders()).toHaveLength(1);
  });

  it('records the follow-up as done, once, by the coordinator or a professional', async () => {
    // Four weeks on: the staff sign in again.
    for (const key of ['outsider', 'coordinator', 'professional']) {
      const seat = person(key);
      staff.set(key, { ...seat, client: await seat.again() });
    }
    // A team member outside the conference may read it now it is done, but not record for it.
    expect((await send('outsider', 'POST', url('/follow-up'), { note: 'Gaat goed' })).status).toBe(
      403,
    );
    expect(
      (await send('coordinator', 'POST', url('/follow-up'), { note: 'x'.repeat(1001) })).status,
    ).toBe(400);
    const done = await send<ConferenceView>('coordinator', 'POST', url('/follow-up'), {
      note: 'Oma Els haalt Noor elke ochtend op; het plan loopt.',
    });
    expect(done.status).toBe(200);
    expect(done.body.followUp).toMatchObject({
      by: 'Coby Coördinator',
      note: 'Oma Els haalt Noor elke ochtend op; het plan loopt.',
    });
    const again = await send<{ code: string }>('professional', 'POST', url('/follow-up'), {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
    const read = await get<ConferenceView>('professional', url());
    expect(read.body.followUp?.at).toBe(done.body.followUp?.at);
  });
});
