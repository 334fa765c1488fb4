import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  AccessLog,
  CaseDetail,
  GuestInvitationCreated,
  HouseholdDetail,
  LiveAck,
  MeetingDetail,
  NoteJoinResult,
  Preparation,
  RegisseurCandidate,
  SessionState,
} from '@casustafel/contracts';
import { ACTION_WORDS } from '../src/modules/case-file/access-log-words';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { FakeClock, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { householdInput, signIn } from './factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from './factories/identity.factory';
import { must } from './support/must';

const GUEST_ORG = 'GGZ Centraal Oost';
const JUSTIFICATION =
  'Acute zorgen over de veiligheid van de kinderen; bespreken kan niet wachten.';

/**
 * Issue 10, points 4, 7 and 8: who may be a case's regisseur (and what an ineligible one
 * already in the data reads), the consent check when a case goes on a meeting's agenda, and
 * the citizen's access overview (AVG art. 15) with guests, plain words and a CSV for Excel.
 */
describe.each(testEngines())('case file hardening on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let teamA: string;
  let alice: BrowserClient; // member and chair of A
  let anna: BrowserClient; // member of A, casusregisseur
  let bob: BrowserClient; // member of B
  let admin: BrowserClient; // organisation admin, no team
  const ids: Record<
    'alice' | 'anna' | 'tina' | 'bob' | 'admin' | 'adminMember' | 'dora' | 'guest',
    string
  > = { alice: '', anna: '', tina: '', bob: '', admin: '', adminMember: '', dora: '', guest: '' };
  let householdId: string;
  let coveredHouseholdId: string;
  let caseId: string;
  let preparationId: string;
  let coveredPreparationId: string;
  let meetingId: string;
  let caseItemId: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const org = await createOrganisation(t.app);
    teamA = (await createTeam(t.app, org.id, { name: 'Wijkteam Noord' })).id;
    const teamB = (await createTeam(t.app, org.id, { name: 'Wijkteam Zuid' })).id;
    const make = async (
      displayName: string,
      teams: [string, ('member' | 'chair' | 'trainer')[]][],
      orgAdmin = false,
    ) => {
      const u = await createUser(t.app, {
        organisationId: org.id,
        displayName,
        totp: true,
        orgAdmin,
        teams,
      });
      return { id: u.user.id, email: u.user.email, secret: must(u.totpSecret) };
    };
    const a = await make('Alice Aalbers', [[teamA, ['member', 'chair']]]);
    const n = await make('Anna Noordhoek', [[teamA, ['member']]]);
    const tr = await make('Tina Trainer', [[teamA, ['trainer']]]);
    const b = await make('Bob Buitenteam', [[teamB, ['member']]]);
    const ad = await make('Ad Beheer', [], true);
    const am = await make('Adje Beheerlid', [[teamA, ['member']]], true);
    const d = await make('Dora Dicht', [[teamA, ['member']]]);
    Object.assign(ids, {
      alice: a.id,
      anna: n.id,
      tina: tr.id,
      bob: b.id,
      admin: ad.id,
      adminMember: am.id,
      dora: d.id,
    });
    alice = await signIn(t, clock, a.email, a.secret);
    anna = await signIn(t, clock, n.email, n.secret);
    bob = await signIn(t, clock, b.email, b.secret);
    admin = await signIn(t, clock, ad.email, ad.secret);
    await dataSourceOf(t.app).query('UPDATE "app_user" SET "disabled_at" = now() WHERE "id" = $1', [
      d.id,
    ]);

    const caseFor = async (label: string) => {
      const household = await alice.post<HouseholdDetail>(
        `/api/teams/${teamA}/households`,
        householdInput(label),
      );
      expect(household.status).toBe(201);
      const created = await alice.post<CaseDetail>(`/api/teams/${teamA}/cases`, {
        householdId: household.body.id,
        title: 'Zorgen om het gezin',
        casusregisseurId: ids.anna,
      });
      expect(created.status).toBe(201);
      const prep = await anna.post<Preparation>(`/api/cases/${created.body.id}/preparations`, {
        content: { vraag: 'Welke hulp past het best bij dit gezin?' },
      });
      expect((await anna.post(`/api/preparations/${prep.body.id}/ready`)).status).toBe(200);
      return { householdId: household.body.id, caseId: created.body.id, prepId: prep.body.id };
    };
    const uncovered = await caseFor('Huishouden Zonder');
    householdId = uncovered.householdId;
    caseId = uncovered.caseId;
    preparationId = uncovered.prepId;
    const covered = await caseFor('Huishouden Met');
    coveredHouseholdId = covered.householdId;
    coveredPreparationId = covered.prepId;

    const meeting = await alice.post<MeetingDetail>(`/api/teams/${teamA}/meetings`, {
      startsAt: '2026-03-03T09:30:00Z',
      durationMinutes: 90,
      chairId: ids.alice,
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const auditRows = (action: string) =>
    dataSourceOf(t.app).query(
      'SELECT "outcome", "actor_user_id", "client_id", "legal_basis", "context" FROM "audit_event" WHERE "action" = $1 ORDER BY "seq"',
      [action],
    ) as Promise<
      {
        outcome: string;
        actor_user_id: string | null;
        client_id: string | null;
        legal_basis: string | null;
        context: Record<string, string> | null;
      }[]
    >;
  const consent = (household: string, expiresAt: string | null, grantedAt = '2026-01-05') =>
    alice.post(`/api/households/${household}/consents`, {
      basis: 'wettelijke-grondslag',
      legalBasis: 'wettelijke-taak-wmo',
      purpose: 'mdo',
      dataCategories: ['identificatie'],
      recipients: [{ kind: 'team', teamId: teamA }],
      grantedAt,
      expiresAt,
    });
  const addCase = (prepId: string, extra: Record<string, unknown> = {}) =>
    alice.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
      kind: 'casusbespreking',
      title: 'Casus',
      presenterUserId: ids.anna,
      timeBoxMinutes: 20,
      preparationId: prepId,
      ...extra,
    });

  /* ---------- point 4: regisseur ---------- */

  describe('regisseur', () => {
    it('offers only professionals of the team who may hold client data', async () => {
      const res = await anna.get<RegisseurCandidate[]>(`/api/teams/${teamA}/regisseur-candidates`);
      expect(res.status).toBe(200);
      // The policy lets every team role (trainers too) read the team's client data.
      expect(res.body.map((c) => c.id).sort()).toEqual([ids.alice, ids.anna, ids.tina].sort());
      expect((await bob.get(`/api/teams/${teamA}/regisseur-candidates`)).status).toBe(403);
    });

    it('refuses each kind of account that may not hold the case file, with a code', async () => {
      // A guest account as the invitation makes it (no team, kind guest).
      const org = (
        (await dataSourceOf(t.app).query(
          'SELECT "organisation_id" FROM "app_user" WHERE "id" = $1',
          [ids.alice],
        )) as { organisation_id: string }[]
      )[0]?.organisation_id;
      const g = await createUser(t.app, {
        organisationId: must(org),
        displayName: 'Gast Account',
        password: null,
      });
      await dataSourceOf(t.app).query('UPDATE "app_user" SET "kind" = \'guest\' WHERE "id" = $1', [
        g.user.id,
      ]);
      const refusals: [string, string][] = [
        [g.user.id, 'guest'],
        [ids.admin, 'org-admin'],
        [ids.adminMember, 'org-admin'],
        [ids.dora, 'disabled'],
        [ids.bob, 'not-a-member'],
      ];
      for (const [userId, issue] of refusals) {
        for (const path of ['procesregisseurId', 'casusregisseurId'] as const) {
          const res = await anna.request('PATCH', `/api/cases/${caseId}`, { [path]: userId });
          expect(res.status).toBe(422);
          expect(res.body).toMatchObject({
            code: 'REGISSEUR_NOT_ELIGIBLE',
            details: [{ path, issue }],
          });
        }
      }
      const detail = await anna.get<CaseDetail>(`/api/cases/${caseId}`);
      expect(detail.body.procesregisseur).toBeNull();
      expect(detail.body.casusregisseur.id).toBe(ids.anna);
    });

    it('accepts a professional of the team, audits who assigned whom, shows since when', async () => {
      clock.advance(60_000);
      const res = await anna.request<CaseDetail>('PATCH', `/api/cases/${caseId}`, {
        procesregisseurId: ids.alice,
      });
      expect(res.status).toBe(200);
      expect(res.body.procesregisseur).toEqual({ id: ids.alice, displayName: 'Alice Aalbers' });
      expect(res.body.procesregisseurAssignment).toEqual({
        since: clock.now().toISOString(),
        assignedBy: { id: ids.anna, displayName: 'Anna Noordhoek' },
      });
      const updates = (await auditRows('case.update')).filter((r) => r.outcome === 'allowed');
      expect(updates.at(-1)).toMatchObject({
        actor_user_id: ids.anna,
        client_id: householdId,
        context: { caseId, procesregisseurId: ids.alice },
      });
    });

    it('lets an ineligible regisseur already in the data read nothing', async () => {
      const ds = dataSourceOf(t.app);
      for (const [regisseur, client] of [
        [ids.admin, admin],
        [ids.bob, bob],
      ] as const) {
        await ds.query('UPDATE "client_case" SET "procesregisseur_id" = $1 WHERE "id" = $2', [
          regisseur,
          caseId,
        ]);
        const read = await client.get(`/api/cases/${caseId}`);
        expect(read.status).toBe(403);
        expect(JSON.stringify(read.body)).not.toContain('Welke hulp');
        expect(
          (
            await client.request('PATCH', `/api/cases/${caseId}`, {
              title: 'Overgenomen door iemand buiten het team',
            })
          ).status,
        ).toBe(403);
        expect(
          (await client.post(`/api/cases/${caseId}/preparations`, { content: {} })).status,
        ).toBe(403);
      }
      await ds.query('UPDATE "client_case" SET "procesregisseur_id" = $1 WHERE "id" = $2', [
        ids.alice,
        caseId,
      ]);
    });
  });

  /* ---------- point 7: consent for the meeting ---------- */

  describe('consent for the meeting', () => {
    it('refuses a case without cover unless the chair records why', async () => {
      const missing = await addCase(preparationId);
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({
        code: 'CONSENT_JUSTIFICATION_REQUIRED',
        details: [{ path: 'consentJustification', issue: 'ontbreekt' }],
      });
      // An expired legal basis does not cover the meeting either.
      expect((await consent(householdId, '2026-02-01')).status).toBe(201);
      const expired = await addCase(preparationId);
      expect(expired.status).toBe(422);
      expect(expired.body).toMatchObject({
        details: [{ path: 'consentJustification', issue: 'verlopen' }],
      });
      expect((await addCase(preparationId, { consentJustification: 'kort' })).status).toBe(400);
      const detail = await alice.get<MeetingDetail>(`/api/meetings/${meetingId}`);
      expect(detail.body.agenda).toHaveLength(0);
    });

    it('keeps and audits the justification and shows the state on the agenda', async () => {
      clock.advance(60_000);
      const res = await addCase(preparationId, { consentJustification: `  ${JUSTIFICATION}  ` });
      expect(res.status).toBe(201);
      const item = must(res.body.agenda[0]);
      caseItemId = item.id;
      expect(item.consent).toEqual({
        state: 'verlopen',
        validUntil: null,
        justification: JUSTIFICATION,
        justifiedBy: ids.alice,
        justifiedAt: clock.now().toISOString(),
      });
      const stored = (await dataSourceOf(t.app).query(
        'SELECT "consent_justification" FROM "agenda_item" WHERE "id" = $1',
        [caseItemId],
      )) as { consent_justification: string }[];
      expect(stored).toEqual([{ consent_justification: JUSTIFICATION }]);
      const audited = (await auditRows('agenda.create')).filter((r) => r.outcome === 'allowed');
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ client_id: householdId, legal_basis: 'motivering' });
      // The two refusals by the ledger name the household (the malformed one never got that far).
      const denied = (await auditRows('agenda.create')).filter(
        (r) => r.outcome !== 'allowed' && r.client_id === householdId,
      );
      expect(denied).toHaveLength(2);
    });

    it('puts a covered case on the agenda without a justification, until the last valid day', async () => {
      expect((await consent(coveredHouseholdId, '2026-12-31')).status).toBe(201);
      const res = await addCase(coveredPreparationId);
      expect(res.status).toBe(201);
      const item = must(res.body.agenda.find((i) => i.preparationId === coveredPreparationId));
      expect(item.consent).toEqual({
        state: 'gedekt',
        validUntil: '2026-12-31',
        justification: null,
        justifiedBy: null,
        justifiedAt: null,
      });
      const audited = (await auditRows('agenda.create')).filter((r) => r.outcome === 'allowed');
      expect(audited.at(-1)).toMatchObject({ client_id: coveredHouseholdId });
      expect(audited.at(-1)?.legal_basis).toMatch(/^[0-9a-f-]{36}$/);
      // A consent that ends before the meeting's day does not count for it.
      const mediator = await alice.post<MeetingDetail>(`/api/teams/${teamA}/meetings`, {
        startsAt: '2027-01-12T09:30:00Z',
        durationMinutes: 60,
        chairId: ids.alice,
      });
      const later = await alice.post(`/api/meetings/${mediator.body.id}/agenda`, {
        kind: 'casusbespreking',
        presenterUserId: ids.anna,
        timeBoxMinutes: 20,
        preparationId: coveredPreparationId,
      });
      expect(later.status).toBe(422);
    });
  });

  /* ---------- point 8: the access overview ---------- */

  describe('access overview (AVG art. 15)', () => {
    let guestClient: BrowserClient;

    it('lists a guest specialist who viewed the notes, under their organisation and role', async () => {
      const invited = await alice.post<GuestInvitationCreated>(
        `/api/meetings/${meetingId}/guests`,
        {
          name: 'Gerrit de Graaf',
          email: 'gerrit@ggz-centraal.example',
          discipline: 'ggz',
          organisationName: GUEST_ORG,
          itemIds: [caseItemId],
          justification: JUSTIFICATION,
        },
      );
      expect(invited.status).toBe(201);
      guestClient = new BrowserClient(t.baseUrl);
      const signedIn = await guestClient.post<SessionState>('/api/guest/sign-in', {
        token: must(new URL(invited.body.link).hash.slice(1)),
        code: invited.body.code,
      });
      expect(signedIn.status).toBe(200);
      ids.guest = must(signedIn.body.user).id;
      const socket = t.connectLive({ cookie: guestClient.cookieHeader });
      try {
        if (!socket.connected) await nextEvent(socket, 'connect');
        expect((await socket.timeout(5000).emitWithAck('guest:join', { meetingId })).ok).toBe(true);
        const note = (await socket
          .timeout(5000)
          .emitWithAck('note:join', { itemId: caseItemId })) as LiveAck<NoteJoinResult>;
        expect(note.ok).toBe(true);
      } finally {
        socket.disconnect();
      }
      // The guest, made procesregisseur in the data, still reads no case file.
      await dataSourceOf(t.app).query(
        'UPDATE "client_case" SET "procesregisseur_id" = $1 WHERE "id" = $2',
        [ids.guest, caseId],
      );
      expect((await guestClient.get(`/api/cases/${caseId}`)).status).toBe(403);
      await dataSourceOf(t.app).query(
        'UPDATE "client_case" SET "procesregisseur_id" = $1 WHERE "id" = $2',
        [ids.alice, caseId],
      );

      const log = await anna.get<AccessLog>(`/api/households/${householdId}/access-log`);
      expect(log.status).toBe(200);
      expect(log.body.lang).toBe('nl');
      const guestEntries = log.body.entries.filter((e) => e.codes.role === 'guest');
      expect(guestEntries.map((e) => e.codes.action)).toEqual(
        expect.arrayContaining(['guest.join', 'note.read']),
      );
      const noteRead = must(guestEntries.find((e) => e.codes.action === 'note.read'));
      expect(noteRead).toMatchObject({
        role: 'Externe specialist (gast)',
        organisation: GUEST_ORG,
        action: 'Gespreksaantekeningen bekeken',
        data: 'Gespreksaantekeningen',
        outcome: 'Toegestaan',
      });
      // The invitation of the guest is there too, in words.
      expect(log.body.entries.map((e) => e.action)).toContain('Externe specialist uitgenodigd');
      // No raw code anywhere in what the citizen reads.
      for (const e of log.body.entries) {
        for (const text of [e.role, e.action, e.data, e.purpose, e.outcome]) {
          if (text === null) continue;
          expect(text).not.toMatch(/^[a-z-]+\.[a-z-]+$/);
          expect(['allowed', 'denied', 'failed']).not.toContain(text);
        }
      }
      const english = await anna.get<AccessLog>(
        `/api/households/${householdId}/access-log?lang=en`,
      );
      expect(english.body.entries.find((e) => e.codes.action === 'note.read')).toMatchObject({
        role: 'External specialist (guest)',
        action: 'Meeting notes viewed',
        outcome: 'Allowed',
      });
    });

    it('serves a CSV that Dutch Excel opens: BOM, semicolons, CRLF, quoted, no formulas', async () => {
      const res = await fetch(`${t.baseUrl}/api/households/${householdId}/access-log?format=csv`, {
        headers: { cookie: anna.cookieHeader },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(text.endsWith('\r\n')).toBe(true);
      const lines = text.slice(0, -2).split('\r\n');
      expect(lines[0]).toBe(
        '"Datum en tijd";"Wie (rol)";"Organisatie";"Wat";"Welke gegevens";"Doel";"Resultaat"',
      );
      for (const line of lines) expect(line).toMatch(/^"(?:[^"]|"")*"(?:;"(?:[^"]|"")*"){6}$/);
      expect(text).toContain(
        `"Externe specialist (gast)";"${GUEST_ORG}";"Gespreksaantekeningen bekeken"`,
      );
      expect(text).not.toMatch(/"(?:case|note|guest|household)\.[a-z-]+"/);
      expect(text).not.toContain('"allowed"');
      const english = await fetch(
        `${t.baseUrl}/api/households/${householdId}/access-log?format=csv`,
        { headers: { cookie: anna.cookieHeader, 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' } },
      );
      expect((await english.text()).split('\r\n')[0]).toContain('"Date and time";"Who (role)"');
    });

    it('neutralises a formula in a field (an organisation named by a guest)', async () => {
      await dataSourceOf(t.app).query(
        'UPDATE "guest_invitation" SET "organisation_name" = $1 WHERE "guest_user_id" = $2',
        ['=HYPERLINK("http://x")', ids.guest],
      );
      const res = await fetch(`${t.baseUrl}/api/households/${householdId}/access-log?format=csv`, {
        headers: { cookie: anna.cookieHeader },
      });
      const text = await res.text();
      expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(text).not.toContain(';"=HYPERLINK');
    });

    it('has words for every audit action in both languages', () => {
      for (const [code, words] of Object.entries(ACTION_WORDS)) {
        expect(words.nl.trim().length).toBeGreaterThan(3);
        expect(words.en.trim().length).toBeGreaterThan(3);
        expect(words.nl).not.toBe(code);
      }
    });
  });
});
