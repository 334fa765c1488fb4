import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  EcoTie,
  GenogramLink,
  GuestInvitationCreated,
  HouseholdDetail,
  LiveAck,
  MapPerson,
  MapVersion,
  MapVersionSummary,
  NetworkChangedEvent,
  NetworkJoinResult,
  NetworkMap,
  NetworkPerson,
  Person,
} from '@casustafel/contracts';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { must } from './support/must';
import { FakeClock, startTestApp, type TestApp, connectedLive } from './support/test-app';
import { householdInput, personInput } from './factories/case-file.factory';
import { dataSourceOf } from './factories/identity.factory';
import { addAgendaItem, weeklySeries } from './factories/meeting.factory';
import { twoTeams } from './factories/team.factory';

describe.each(testEngines())('network maps on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let alice: BrowserClient; // member + chair of team A
  let anna: BrowserClient; // member of team A
  let bob: BrowserClient; // member of team B
  let admin: BrowserClient; // organisation admin
  let guest: BrowserClient; // external specialist invited to a meeting of team A
  let householdId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const cast = await twoTeams(t, clock);
    const { teamA, chair: a } = cast;
    [alice, anna, bob] = [a.client, cast.member.client, cast.outsider.client];
    admin = (await cast.add('Ad Beheer', [], true)).client;

    const household = await alice.post<HouseholdDetail>(
      `/api/teams/${teamA}/households`,
      householdInput('Gezin De Vries'),
    );
    householdId = household.body.id;

    // A guest of a meeting of team A (invited to an announcement).
    const meetingId = must((await weeklySeries(alice, teamA, a.id)).meetings[0]).id;
    const item = await addAgendaItem(alice, meetingId, {
      kind: 'mededeling',
      title: 'Nieuws',
      presenterUserId: a.id,
      timeBoxMinutes: 10,
    });
    const invitation = await alice.post<GuestInvitationCreated>(
      `/api/meetings/${meetingId}/guests`,
      {
        name: 'Gerrit de Graaf',
        email: 'gerrit@ggz.example',
        discipline: 'ggz',
        organisationName: 'GGZ Centraal',
        itemIds: [must(item.agenda[0]).id],
      },
    );
    expect(invitation.status).toBe(201);
    guest = new BrowserClient(t.baseUrl);
    const signedIn = await guest.post('/api/guest/sign-in', {
      token: new URL(invitation.body.link).hash.slice(1),
      code: invitation.body.code,
    });
    expect(signedIn.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const connect = (client: BrowserClient) => connectedLive(t, client);
  const url = (path = '') => `/api/households/${householdId}/network-map${path}`;
  const map = async (client: BrowserClient = alice) => {
    const res = await client.get<NetworkMap>(url());
    expect(res.status).toBe(200);
    return res.body;
  };
  const addPerson = async (body: Record<string, unknown>) => {
    const res = await alice.post<MapPerson>(url('/persons'), body);
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const link = async (body: Record<string, unknown>) => {
    const res = await alice.post<GenogramLink>(url('/links'), body);
    expect(res.status).toBe(201);
    return res.body.id;
  };

  it('draws the household’s own people: members and network persons, one list', async () => {
    const member = async (givenName: string, role: string, dateOfBirth: string) => {
      const res = await alice.post<Person>(
        `/api/households/${householdId}/persons`,
        personInput({ givenName, familyName: 'de Vries', role, dateOfBirth }),
      );
      expect(res.status).toBe(201);
      return res.body.id;
    };
    ids.mark = await member('Mark', 'ouder', '1965-04-01');
    ids.sandra = await member('Sandra', 'ouder', '1966-08-12');
    ids.tim = await member('Tim', 'kind', '2010-01-05');
    ids.lisa = await member('Lisa', 'kind', '2013-06-30');
    const ans = await alice.post<NetworkPerson>(`/api/households/${householdId}/network`, {
      name: 'Ans Jansen',
      relation: 'buur',
      relationDetail: 'buurvrouw',
    });
    ids.ans = ans.body.id;

    const first = await map();
    expect(first.revision).toBe(0);
    expect(
      first.persons
        .map((p) => [p.name, p.kind, p.birthYear, p.gender])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['Ans Jansen', 'network', null, 'onbekend'],
      ['Lisa de Vries', 'member', 2013, 'onbekend'],
      ['Mark de Vries', 'member', 1965, 'onbekend'],
      ['Sandra de Vries', 'member', 1966, 'onbekend'],
      ['Tim de Vries', 'member', 2010, 'onbekend'],
    ]);

    // A grandparent drawn only in the genogram is a network person of the household (map-only).
    ids.opa = await addPerson({ name: 'Opa Jan', gender: 'man', birthYear: 1940 });
    ids.oma = await addPerson({ name: 'Oma Riet', gender: 'vrouw', birthYear: 1942 });
    const detail = await alice.get<HouseholdDetail>(`/api/households/${householdId}`);
    expect(detail.body.network.map((n) => n.name).sort()).toEqual([
      'Ans Jansen',
      'Oma Riet',
      'Opa Jan',
    ]);
  });

  it('asks before marking someone deceased, and keeps one index person', async () => {
    const unconfirmed = await alice.request('PATCH', url(`/persons/${ids.opa}`), {
      deceased: true,
      deathYear: 2019,
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'deceasedConfirmed', issue: 'confirm-deceased' }],
    });
    expect(
      (
        await alice.request('PATCH', url(`/persons/${ids.opa}`), {
          deceased: true,
          deathYear: 2019,
          deceasedConfirmed: true,
        })
      ).status,
    ).toBe(204);
    for (const [id, gender] of [
      [ids.mark, 'man'],
      [ids.sandra, 'vrouw'],
      [ids.tim, 'man'],
      [ids.lisa, 'vrouw'],
    ] as const)
      expect((await alice.request('PATCH', url(`/persons/${id}`), { gender })).status).toBe(204);
    await alice.request('PATCH', url(`/persons/${ids.mark}`), { indexPerson: true });
    await alice.request('PATCH', url(`/persons/${ids.tim}`), { indexPerson: true });
    // A member's name is changed in the member form, not in the map.
    const named = await alice.request('PATCH', url(`/persons/${ids.mark}`), { name: 'X' });
    expect(named.status).toBe(400);
    const now = await map();
    const opa = must(now.persons.find((p) => p.id === ids.opa));
    expect(opa).toMatchObject({ deceased: true, deathYear: 2019, mapOnly: true, gender: 'man' });
    expect(now.persons.filter((p) => p.indexPerson).map((p) => p.id)).toEqual([ids.tim]);
  });

  it('records partnerships, children and emotional relations between the household’s people', async () => {
    const grandparents = await link({
      kind: 'partnership',
      from: ids.opa,
      to: ids.oma,
      status: 'getrouwd',
      startYear: 1962,
    });
    const parents = await link({ kind: 'partnership', from: ids.mark, to: ids.sandra });
    await link({ kind: 'child', from: grandparents, to: ids.mark });
    await link({ kind: 'child', from: parents, to: ids.tim });
    ids.lisaChild = await link({ kind: 'child', from: parents, to: ids.lisa, childType: 'pleeg' });
    await link({ kind: 'emotional', from: ids.mark, to: ids.opa, emotion: 'verbroken' });
    ids.parents = parents;

    const self = await alice.post(url('/links'), {
      kind: 'partnership',
      from: ids.mark,
      to: ids.mark,
    });
    expect(self.status).toBe(400);
    const foreign = await alice.post(url('/links'), {
      kind: 'child',
      from: parents,
      to: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreign.body).toMatchObject({ details: [{ path: 'to', issue: 'not-in-household' }] });
    const twice = await alice.post(url('/links'), { kind: 'child', from: parents, to: ids.tim });
    expect(twice.body).toMatchObject({ details: [{ path: 'to', issue: 'already-a-child' }] });
    const wrongField = await alice.request('PATCH', url(`/links/${parents}`), {
      childType: 'pleeg',
    });
    expect(wrongField.status).toBe(400);
    const divorced = await alice.request<GenogramLink>('PATCH', url(`/links/${parents}`), {
      status: 'gescheiden',
      endYear: 2020,
    });
    expect(divorced.body).toMatchObject({
      kind: 'partnership',
      status: 'gescheiden',
      endYear: 2020,
    });

    const now = await map();
    expect(now.links.map((l) => l.kind).sort()).toEqual([
      'child',
      'child',
      'child',
      'emotional',
      'partnership',
      'partnership',
    ]);
  });

  it('refuses another team, an organisation admin and a guest, over REST and socket; audited', async () => {
    for (const client of [bob, admin, guest]) {
      expect((await client.get(url())).status).toBe(403);
      expect((await client.post(url('/persons'), { name: 'Indringer' })).status).toBe(403);
      expect((await client.get(url('/export.svg?kind=genogram'))).status).toBe(403);
      expect((await client.get(url('/versions'))).status).toBe(403);
      const socket = await connect(client);
      const joined = (await socket.emitWithAck('network:join', {
        householdId,
      })) as LiveAck<NetworkJoinResult>;
      expect(joined).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const denied = (await dataSourceOf(t.app).query(
      `SELECT count(*)::int AS "n" FROM "audit_event" WHERE "action" LIKE 'network-map.%' AND "outcome" = 'denied' AND "client_id" = $1`,
      [householdId],
    )) as { n: number }[];
    expect(must(denied[0]).n).toBeGreaterThanOrEqual(9);
    const maps = await map(bob).catch(() => null);
    expect(maps).toBeNull();
  });

  it('lets two colleagues edit the ecogram at once over two sockets: both changes land', async () => {
    const aliceSocket = await connect(alice);
    const annaSocket = await connect(anna);
    const before = (await map()).revision;
    for (const s of [aliceSocket, annaSocket]) {
      const joined = (await s.emitWithAck('network:join', {
        householdId,
      })) as LiveAck<NetworkJoinResult>;
      expect(joined).toEqual({ ok: true, data: { householdId, revision: before } });
    }
    const seenByAlice: number[] = [];
    const seenByAnna: number[] = [];
    aliceSocket.on('network:changed', (e: NetworkChangedEvent) => seenByAlice.push(e.revision));
    annaSocket.on('network:changed', (e: NetworkChangedEvent) => seenByAnna.push(e.revision));
    const [school, neighbour] = await Promise.all([
      alice.post<EcoTie>(url('/ties'), {
        category: 'school',
        label: 'De Regenboog',
        strength: 'sterk',
        energy: 'naar-huishouden',
        codes: ['P', 'A'],
      }),
      anna.post<EcoTie>(url('/ties'), {
        category: 'buren',
        networkPersonId: ids.ans,
        strength: 'wankel',
        energy: 'wederzijds',
        codes: ['G', 'E', 'G'],
      }),
    ]);
    expect([school.status, neighbour.status]).toEqual([201, 201]);
    expect(neighbour.body).toMatchObject({ label: 'Ans Jansen', codes: ['G', 'E'] });
    const deadline = Date.now() + 5000;
    while ((seenByAlice.length < 2 || seenByAnna.length < 2) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(seenByAlice.sort()).toEqual([before + 1, before + 2]);
    expect(seenByAnna.sort()).toEqual([before + 1, before + 2]);
    const after = await map(anna);
    expect(after.revision).toBe(before + 2);
    expect(after.ties.map((x) => x.label).sort()).toEqual(['Ans Jansen', 'De Regenboog']);
    ids.school = school.body.id;

    // A tie needs a name or a network person of this household.
    expect((await alice.post(url('/ties'), { category: 'werk' })).status).toBe(400);
    const stressed = await anna.request('PATCH', url(`/ties/${ids.school}`), {
      strength: 'stressvol',
    });
    expect(stressed.status).toBe(204);
  });

  it('saves named versions that keep the map as it was; lists and shows them', async () => {
    const saved = await alice.post<MapVersionSummary>(url('/versions'), { name: 'Voor het MDO' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      name: 'Voor het MDO',
      createdBy: { name: 'Alice Aalbers' },
    });
    // Change after the version: Lisa's line goes.
    expect((await alice.request('DELETE', url(`/links/${ids.lisaChild}`))).status).toBe(204);
    const list = await anna.get<MapVersionSummary[]>(url('/versions'));
    expect(list.body.map((v) => v.name)).toEqual(['Voor het MDO']);
    const version = await anna.get<MapVersion>(url(`/versions/${saved.body.id}`));
    expect(version.body.map.links.filter((l) => l.kind === 'child')).toHaveLength(3);
    expect((await map()).links.filter((l) => l.kind === 'child')).toHaveLength(2);
    ids.version = saved.body.id;
  });

  it('exports both maps as SVG, now and as a saved version', async () => {
    const res = await fetch(`${t.baseUrl}${url('/export.svg?kind=genogram')}`, {
      headers: { cookie: anna.cookieHeader },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>Genogram — Gezin De Vries</title>');
    expect(svg).toContain('Opa Jan');
    expect(svg).toContain('1940–2019');
    const eco = await fetch(`${t.baseUrl}${url('/export.svg?kind=ecogram')}`, {
      headers: { cookie: anna.cookieHeader },
    });
    const ecoSvg = await eco.text();
    expect(ecoSvg).toContain('De Regenboog');
    expect(ecoSvg).toContain('>PA</text>');
    const old = await fetch(
      `${t.baseUrl}${url(`/export.svg?kind=genogram&version=${ids.version}`)}`,
      { headers: { cookie: anna.cookieHeader } },
    );
    expect(old.status).toBe(200);
    // The version still has Lisa's foster line (dotted).
    expect(await old.text()).toContain('stroke-dasharray="2 3"');
    expect((await alice.get(url('/export.svg?kind=kaart'))).status).toBe(400);
  });

  it('removes a map-only person with their lines, but never a member', async () => {
    expect((await alice.request('DELETE', url(`/persons/${ids.mark}`))).status).toBe(400);
    expect((await alice.request('DELETE', url(`/persons/${ids.oma}`))).status).toBe(204);
    const now = await map();
    expect(now.persons.some((p) => p.id === ids.oma)).toBe(false);
    // The grandparents' partnership went, and with it Mark's child line.
    expect(now.links.some((l) => l.kind === 'partnership' && l.to === ids.oma)).toBe(false);
    expect(now.links.some((l) => l.kind === 'child' && l.to === ids.mark)).toBe(false);
  });
});
