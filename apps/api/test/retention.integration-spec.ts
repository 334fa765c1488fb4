import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type {
  CaseDetail,
  Consent,
  ConferenceView,
  ErasureRequestView,
  HouseholdDetail,
  LiveAck,
  Person,
  SupportPlanView,
} from '@casustafel/contracts';
import { ConferencePlanEntity } from '../src/modules/family-conference/family-conference.entities';
import { verifyAuditChain } from '../src/modules/audit/audit-verify';
import { JobsService } from '../src/modules/jobs/jobs.service';
import { RETENTION_SWEEP_CRON, RETENTION_SWEEP_JOB } from '../src/modules/retention/retention.jobs';
import { RetentionService } from '../src/modules/retention/retention.service';
import { householdInput, personInput, signIn } from './factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from './factories/identity.factory';
import type { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { must } from './support/must';
import { FakeClock, nextEvent, startTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;

/** `date` moved by whole calendar years (UTC). */
function yearsLater(date: Date, years: number): Date {
  const moved = new Date(date.getTime());
  moved.setUTCFullYear(moved.getUTCFullYear() + years);
  return moved;
}

describe.each(testEngines())('retention and erasure (%s)', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-06-01T09:00:00.000Z'));
  const startedAt = clock.now();
  let teamId: string;
  let aliceId: string;
  let credentials: Record<'alice' | 'admin', { email: string; secret: string }>;
  let alice: BrowserClient;
  let admin: BrowserClient;

  async function relogin(): Promise<void> {
    alice = await signIn(t, clock, credentials.alice.email, credentials.alice.secret);
    admin = await signIn(t, clock, credentials.admin.email, credentials.admin.secret);
  }

  /** A household with one person and a case; the case closed when `close`. */
  async function caseFile(label: string, given: string, close: boolean) {
    const household = (
      await alice.post<HouseholdDetail>(`/api/teams/${teamId}/households`, {
        ...householdInput(label),
        address: { street: `${given}straat 7`, postcode: '1234 ab', city: 'Voorbeeldstad' },
      })
    ).body;
    const person = await alice.post<Person>(
      `/api/households/${household.id}/persons`,
      personInput({ givenName: given, familyName: `${given}sen`, bsn: '123456782' }),
    );
    expect(person.status).toBe(201);
    const created = await alice.post<CaseDetail>(`/api/teams/${teamId}/cases`, {
      householdId: household.id,
      title: `Casus ${given}`,
      casusregisseurId: aliceId,
    });
    expect(created.status).toBe(201);
    if (close) {
      const closed = await alice.post<CaseDetail>(`/api/cases/${created.body.id}/status`, {
        to: 'afgesloten',
      });
      expect(closed.body.status).toBe('afgesloten');
    }
    return { household, person: person.body, caseId: created.body.id };
  }

  const query = <T>(sql: string, params: unknown[] = []) =>
    dataSourceOf(t.app).query(sql, params) as Promise<T[]>;

  const personRow = async (id: string) =>
    must(
      (
        await query<{ given_name: string; family_name: string; bsn_sealed: string | null }>(
          'SELECT "given_name", "family_name", "bsn_sealed" FROM "person" WHERE "id" = $1',
          [id],
        )
      )[0],
    );

  /** Every text, varchar and json column of every table: where `needle` still occurs. */
  async function canarySearch(needles: string[]): Promise<string[]> {
    const columns = await query<{ table_name: string; column_name: string }>(
      `SELECT "table_name", "column_name" FROM "information_schema"."columns"
        WHERE "table_schema" = 'public'
          AND "data_type" IN ('text', 'character varying', 'jsonb', 'json', 'character')`,
    );
    expect(columns.length).toBeGreaterThan(40);
    const hits: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      for (const needle of needles) {
        const [row] = await query<{ n: number }>(
          `SELECT count(*)::int AS "n" FROM "${table}" WHERE "${column}"::text ILIKE $1`,
          [`%${needle}%`],
        );
        if (must(row).n > 0) hits.push(`${table}.${column} ~ ${needle}`);
      }
    }
    return hits;
  }

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    // No job poller: the tests call sweep() themselves (and run the queue once, at the end), so
    // a background run after the clock jumps cannot take their erasures.
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false', JOBS_ENABLED: 'false' }, { clock });
    const org = await createOrganisation(t.app);
    teamId = (await createTeam(t.app, org.id)).id;
    const a = await createUser(t.app, {
      organisationId: org.id,
      displayName: 'Alice Aalbers',
      totp: true,
      teams: [[teamId, ['member', 'chair']]],
    });
    const ad = await createUser(t.app, {
      organisationId: org.id,
      displayName: 'Ad Beheer',
      totp: true,
      orgAdmin: true,
    });
    aliceId = a.user.id;
    credentials = {
      alice: { email: a.user.email, secret: must(a.totpSecret) },
      admin: { email: ad.user.email, secret: must(ad.totpSecret) },
    };
    await relogin();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('erases a closed case file 20 years after its last change, not one day earlier; keeps younger and open files; purges expired sessions and guest invitations', async () => {
    const old = await caseFile('Huishouden Oud', 'Oudje', true);
    const younger = await caseFile('Huishouden Jonger', 'Jongere', true);
    const open = await caseFile('Huishouden Open', 'Openheid', false);
    // The younger file changed two days later (its last change starts the term).
    const later = new Date(startedAt.getTime() + 2 * DAY);
    await query('UPDATE "household" SET "updated_at" = $2 WHERE "id" = $1', [
      younger.household.id,
      later,
    ]);
    // An external specialist invited to a meeting tomorrow: the invitation expires after it.
    const meeting = await alice.post<{ id: string }>(`/api/teams/${teamId}/meetings`, {
      startsAt: new Date(clock.now().getTime() + DAY).toISOString(),
      durationMinutes: 60,
      chairId: aliceId,
    });
    expect(meeting.status).toBe(201);
    const agenda = await alice.post<{ agenda: { id: string }[] }>(
      `/api/meetings/${meeting.body.id}/agenda`,
      { kind: 'overig', title: 'Werkafspraken', presenterUserId: aliceId, timeBoxMinutes: 15 },
    );
    expect(agenda.status).toBe(201);
    const invited = await alice.post(`/api/meetings/${meeting.body.id}/guests`, {
      name: 'Gastvrouw Kanariepiet',
      email: 'kanariepiet@ggz.example',
      discipline: 'ggz',
      organisationName: 'GGZ Centraal',
      itemIds: [must(agenda.body.agenda[0]).id],
    });
    expect(invited.status).toBe(201);
    expect(await canarySearch(['Kanariepiet'])).not.toEqual([]);
    const sessionsBefore = await query<{ n: number }>('SELECT count(*)::int AS "n" FROM "session"');
    expect(must(sessionsBefore[0]).n).toBeGreaterThan(0);
    const retention = t.app.get(RetentionService);

    // One day short of 20 years: nothing goes.
    clock.advance(yearsLater(startedAt, 20).getTime() - DAY - clock.now().getTime());
    const first = await retention.sweep();
    expect(first.householdsErased).toBe(0);
    expect((await personRow(old.person.id)).given_name).toBe('Oudje');
    // Every session expired long ago: purged.
    expect(first.sessionsPurged).toBe(must(sessionsBefore[0]).n);
    const [left] = await query<{ n: number }>('SELECT count(*)::int AS "n" FROM "session"');
    expect(must(left).n).toBe(0);
    // The invitation expired long ago: removed, and the guest's account anonymised.
    expect(first).toMatchObject({ invitationsPurged: 1, guestAccountsAnonymised: 1 });
    expect(await canarySearch(['Kanariepiet'])).toEqual([]);

    // One day past: the old file is erased; the younger (last change 2 days later) stays.
    clock.advance(2 * DAY);
    const swept = await retention.sweep();
    expect(swept.householdsErased).toBe(1);
    expect(await personRow(old.person.id)).toEqual({
      given_name: 'Verwijderd',
      family_name: 'Verwijderd',
      bsn_sealed: null,
    });
    const [oldHousehold] = await query<{ label: string; address: unknown }>(
      'SELECT "label", "address" FROM "household" WHERE "id" = $1',
      [old.household.id],
    );
    expect(oldHousehold).toEqual({ label: 'Verwijderd', address: null });
    expect((await personRow(younger.person.id)).given_name).toBe('Jongere');
    expect((await personRow(open.person.id)).given_name).toBe('Openheid');
    expect((await personRow(younger.person.id)).bsn_sealed).toMatch(/^v1\./);
    expect(swept).toMatchObject({
      sessionsPurged: 0,
      invitationsPurged: 0,
      guestAccountsAnonymised: 0,
    });

    // Two more days: the younger one's turn. A second sweep finds nothing new (idempotent).
    clock.advance(2 * DAY);
    expect((await retention.sweep()).householdsErased).toBe(1);
    expect((await personRow(younger.person.id)).given_name).toBe('Verwijderd');
    expect((await retention.sweep()).householdsErased).toBe(0);
    expect((await personRow(open.person.id)).given_name).toBe('Openheid');

    // The erasure is in the audit log with ids only, and the chain (never rewritten) verifies.
    const events = await query<{ action: string; client_id: string; legal_basis: string }>(
      `SELECT "action", "client_id", "legal_basis" FROM "audit_event" WHERE "action" = 'retention.erase' ORDER BY "seq"`,
    );
    expect(events).toEqual([
      { action: 'retention.erase', client_id: old.household.id, legal_basis: 'jeugdwet.7.3.8' },
      { action: 'retention.erase', client_id: younger.household.id, legal_basis: 'jeugdwet.7.3.8' },
    ]);
    // Events about the erased household from 20 years ago are still there.
    const [kept] = await query<{ n: number }>(
      'SELECT count(*)::int AS "n" FROM "audit_event" WHERE "client_id" = $1 AND "occurred_at" < $2',
      [old.household.id, yearsLater(startedAt, 1)],
    );
    expect(must(kept).n).toBeGreaterThan(0);
    expect((await verifyAuditChain(dataSourceOf(t.app))).ok).toBe(true);
  }, 120_000);

  it('an executed erasure request leaves no personal data of the household in any table, and the audit chain verifies', async () => {
    await relogin();
    const canary = 'Kanarievogel';
    const file = await caseFile(`Huishouden ${canary}`, canary, false);
    await alice.request('PATCH', `/api/persons/${file.person.id}`, {
      email: 'kanarievogel@voorbeeld.test',
      phone: '06 11223344',
      dateOfBirth: '1999-09-09',
    });
    const second = await alice.post<Person>(
      `/api/households/${file.household.id}/persons`,
      personInput({ givenName: `${canary}kind`, familyName: canary, role: 'kind' }),
    );
    expect(second.status).toBe(201);
    expect(
      (
        await alice.post(`/api/households/${file.household.id}/network`, {
          name: `Oma ${canary}`,
          relation: 'familie',
        })
      ).status,
    ).toBe(201);
    const consent = await alice.post<Consent>(`/api/households/${file.household.id}/consents`, {
      basis: 'toestemming',
      purpose: 'mdo',
      dataCategories: ['identificatie'],
      recipients: [{ kind: 'team', teamId }],
      grantedByPersonId: file.person.id,
      // The api's date range is relative to the real year (the clock is 20 years ahead here).
      grantedAt: new Date().toISOString().slice(0, 10),
      note: `Mondeling gegeven door ${canary}`,
    });
    expect(consent.status).toBe(201);
    // The support plan (in its versions too) and the family's own page hold its words as well.
    const plan = await alice.post<SupportPlanView>(
      `/api/households/${file.household.id}/support-plan`,
      {},
    );
    expect(plan.status).toBe(201);
    const planId = plan.body.id;
    const planSteps = [
      await alice.request('PATCH', `/api/support-plans/${planId}/sections`, {
        section: 'krachten',
        expectedRev: plan.body.sectionRevs.krachten,
        text: `Oma ${canary} helpt elke dag`,
      }),
      await alice.post(`/api/support-plans/${planId}/goals`, {
        zrmDomain: 'financien',
        text: `${canary} heeft een betaalplan`,
      }),
      await alice.post(`/api/support-plans/${planId}/items`, {
        type: 'netwerk',
        title: `Oma ${canary} kookt op woensdag`,
        owner: `Oma ${canary}`,
      }),
      await alice.post(`/api/support-plans/${planId}/agreements`, {
        versionNumber: 1,
        agreedOn: new Date().toISOString().slice(0, 10),
        method: 'in-gesprek',
        byName: `Moeder ${canary}`,
        agreed: true,
        comment: `Akkoord, zegt ${canary}`,
      }),
      await alice.post(`/api/households/${file.household.id}/family-invitations`, {
        name: `Moeder ${canary}`,
      }),
    ];
    expect(planSteps.map((a) => a.status)).toEqual([200, 201, 201, 201, 201]);
    const [{ bsn_sealed: sealed }] = (await query<{ bsn_sealed: string }>(
      'SELECT "bsn_sealed" FROM "person" WHERE "id" = $1',
      [file.person.id],
    )) as [{ bsn_sealed: string }];
    const needles = [canary, 'kanarievogel@', '06 11223344', '1999-09-09', sealed];
    expect((await canarySearch(needles)).length).toBeGreaterThan(5);

    // Filed by a member of the household's team, assessed without exceptions, executed by an
    // administrator, who sees the team's name but not the household's label.
    const recorded = await alice.post<ErasureRequestView>(
      `/api/households/${file.household.id}/erasure-requests`,
      {
        scope: 'household',
        requestedBy: 'betrokkene',
        receivedOn: clock.now().toISOString().slice(0, 10),
      },
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ status: 'ontvangen', householdErased: false });
    expect(recorded.body.teamName).toBeTruthy();
    const listed = await admin.get<ErasureRequestView[]>('/api/admin/erasure-requests');
    expect(JSON.stringify(listed.body)).not.toContain(canary);
    const id = recorded.body.id;
    expect((await admin.post(`/api/admin/erasure-requests/${id}/execute`)).body).toMatchObject({
      code: 'CONFLICT',
    });
    const assessed = await admin.post<ErasureRequestView>(
      `/api/admin/erasure-requests/${id}/assess`,
      {
        decision: 'execute',
      },
    );
    expect(assessed.body).toMatchObject({ status: 'toegewezen', exceptions: [] });
    const executed = await admin.post<ErasureRequestView>(
      `/api/admin/erasure-requests/${id}/execute`,
    );
    expect(executed.status).toBe(200);
    expect(executed.body).toMatchObject({ status: 'uitgevoerd', householdErased: true });

    expect(await canarySearch(needles)).toEqual([]);
    // The plan's saved versions still open (their snapshots rewritten, not broken).
    await relogin();
    const version = await alice.get(`/api/support-plans/${planId}/versions/1`);
    expect(version.status).toBe(200);
    expect(JSON.stringify(version.body)).not.toContain(canary);
    // The rows are still there (ids resolve), anonymised.
    expect((await personRow(file.person.id)).given_name).toBe('Verwijderd');
    expect((await verifyAuditChain(dataSourceOf(t.app))).ok).toBe(true);
    const trail = await query<{ action: string; object_id: string }>(
      `SELECT "action", "object_id" FROM "audit_event" WHERE "action" LIKE 'erasure.%' AND "client_id" = $1 ORDER BY "seq"`,
      [file.household.id],
    );
    expect(trail.map((e) => e.action)).toEqual([
      'erasure.request',
      'erasure.execute',
      'erasure.assess',
      'erasure.execute',
    ]);
    expect(new Set(trail.map((e) => e.object_id))).toEqual(new Set([id]));
  }, 120_000);

  it('erases one person only, when the request is for that person', async () => {
    await relogin();
    const file = await caseFile('Huishouden Twee', 'Blijver', false);
    const leaver = await alice.post<Person>(
      `/api/households/${file.household.id}/persons`,
      personInput({ givenName: 'Vertrekker', familyName: 'Weg' }),
    );
    const recorded = await alice.post<ErasureRequestView>(
      `/api/households/${file.household.id}/erasure-requests`,
      {
        personId: leaver.body.id,
        scope: 'person',
        requestedBy: 'jongere-12-plus',
        receivedOn: clock.now().toISOString().slice(0, 10),
      },
    );
    expect(recorded.status).toBe(201);
    await admin.post(`/api/admin/erasure-requests/${recorded.body.id}/assess`, {
      decision: 'execute',
    });
    const executed = await admin.post<ErasureRequestView>(
      `/api/admin/erasure-requests/${recorded.body.id}/execute`,
    );
    expect(executed.body.status).toBe('uitgevoerd');
    expect((await personRow(leaver.body.id)).given_name).toBe('Verwijderd');
    expect((await personRow(file.person.id)).given_name).toBe('Blijver');
    expect(await canarySearch(['Vertrekker'])).toEqual([]);
  }, 60_000);

  it('erasing a household also clears its genogram, ecogram, saved versions and family conferences', async () => {
    await relogin();
    const canary = 'Merelnest';
    const file = await caseFile(`Huishouden ${canary}`, canary, false);
    const hid = file.household.id;
    const map = `/api/households/${hid}/network-map`;
    const oom = await alice.post<{ id: string }>(`${map}/persons`, {
      name: `Oom ${canary}`,
      relation: 'familie',
      relationDetail: `oom van ${canary}`,
    });
    expect(oom.status).toBe(201);
    expect(
      (await alice.post(`${map}/ties`, { category: 'school', label: `School ${canary}` })).status,
    ).toBe(201);
    expect(
      (await alice.post(`${map}/ties`, { category: 'familie', networkPersonId: oom.body.id }))
        .status,
    ).toBe(201);
    expect(
      (
        await alice.post(`${map}/links`, {
          kind: 'partnership',
          from: file.person.id,
          to: oom.body.id,
        })
      ).status,
    ).toBe(201);
    expect((await alice.post(`${map}/versions`, { name: `Stand ${canary}` })).status).toBe(201);

    // A conference with its circle, an invited member, a bottom line, a plan and a live session.
    const [coordinator] = await query<{ id: string }>(
      'SELECT "id" FROM "app_user" WHERE "email" = $1',
      [credentials.admin.email],
    );
    const conference = await alice.post<ConferenceView>(
      `/api/households/${hid}/family-conferences`,
      {
        question: `Hoe helpen we ${canary} verder?`,
        place: `Bij ${canary} thuis`,
        coordinatorId: must(coordinator).id,
        circle: [{ name: `Tante ${canary}`, role: 'familie', relation: `tante van ${canary}` }],
        bottomLines: [`Ondergrens voor ${canary}`],
      },
    );
    expect(conference.status).toBe(201);
    const cid = conference.body.id;
    const tante = must(conference.body.circle[0]);
    expect(
      (await alice.post(`/api/family-conferences/${cid}/circle/${tante.id}/invitation`, {})).status,
    ).toBe(201);
    await dataSourceOf(t.app)
      .getRepository(ConferencePlanEntity)
      .insert({
        conferenceId: cid,
        rev: 1,
        entries: [
          {
            who: `Oom ${canary}`,
            what: 'Haalt op',
            when: 'elke dag',
            kind: 'familie',
            supportPlanItemId: null,
          },
        ],
        familyLead: `Tante ${canary}`,
        monitor: '',
        evaluationOn: null,
        ifDifferent: '',
        updatedBy: aliceId,
        updatedAt: clock.now(),
      });
    expect((await admin.post(`/api/family-conferences/${cid}/start`)).status).toBe(200);
    const socket = t.connectLive({ cookie: admin.cookieHeader });
    if (!socket.connected) await nextEvent(socket, 'connect');
    const joined = (await socket
      .timeout(5000)
      .emitWithAck('conference:join', { conferenceId: cid })) as LiveAck<unknown>;
    expect(joined.ok).toBe(true);
    const said = (await socket.timeout(5000).emitWithAck('conference:command', {
      conferenceId: cid,
      commandId: randomUUID(),
      type: 'contribution:add',
      text: `Gezegd over ${canary}`,
    } as never)) as LiveAck<unknown>;
    expect(said.ok).toBe(true);
    socket.disconnect();
    const before = await canarySearch([canary]);
    for (const place of [
      'eco_tie.label',
      'network_map_version.name',
      'family_conference.question',
      'family_conference_participant.name',
      'family_conference_bottom_line.text',
      'family_conference_plan.entries',
      'live_session.state',
      'live_session_event.payload',
      'app_user.display_name',
    ])
      expect(before).toContain(`${place} ~ ${canary}`);

    const recorded = await alice.post<ErasureRequestView>(
      `/api/households/${hid}/erasure-requests`,
      {
        scope: 'household',
        requestedBy: 'betrokkene',
        receivedOn: clock.now().toISOString().slice(0, 10),
      },
    );
    const id = recorded.body.id;
    await admin.post(`/api/admin/erasure-requests/${id}/assess`, { decision: 'execute' });
    expect((await admin.post(`/api/admin/erasure-requests/${id}/execute`)).status).toBe(200);

    expect(await canarySearch([canary])).toEqual([]);
    // The conference stays as a row (figures), without its content; the ties and links are gone.
    const [row] = await query<{ question: string; status: string }>(
      'SELECT "question", "status" FROM "family_conference" WHERE "id" = $1',
      [cid],
    );
    expect(row).toEqual({ question: 'Verwijderd', status: 'bezig' });
    for (const table of ['eco_tie', 'genogram_link', 'network_map_version'])
      expect([
        table,
        (
          await query<{ n: number }>(
            `SELECT count(*)::int AS "n" FROM "${table}" WHERE "household_id" = $1`,
            [hid],
          )
        )[0]?.n,
      ]).toEqual([table, 0]);
    // The invited member's account is closed.
    const [account] = await query<{ disabled_at: Date | null }>(
      `SELECT u."disabled_at" FROM "app_user" u JOIN "family_conference_invitation" i ON i."user_id" = u."id" WHERE i."conference_id" = $1`,
      [cid],
    );
    expect(account?.disabled_at).not.toBeNull();
  }, 120_000);

  it('a refused request keeps the data and records the reason; an open Meldcode record forces a refusal', async () => {
    await relogin();
    const file = await caseFile('Huishouden Melding', 'Gemeld', false);
    expect((await alice.post(`/api/cases/${file.caseId}/meldcode`)).status).toBe(201);
    const recorded = await alice.post<ErasureRequestView>(
      `/api/households/${file.household.id}/erasure-requests`,
      {
        scope: 'household',
        requestedBy: 'ouder-met-gezag',
        receivedOn: clock.now().toISOString().slice(0, 10),
      },
    );
    const id = recorded.body.id;
    const forced = await admin.post(`/api/admin/erasure-requests/${id}/assess`, {
      decision: 'execute',
    });
    expect(forced.status).toBe(409);
    expect(forced.body).toMatchObject({
      code: 'CONFLICT',
      details: [{ path: 'exceptions', issue: 'exception-applies' }],
    });
    const refused = await admin.post<ErasureRequestView>(
      `/api/admin/erasure-requests/${id}/assess`,
      {
        decision: 'refuse',
        exceptions: ['rechtsvordering'],
        reason: 'Lopende procedure bij de rechtbank',
      },
    );
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      status: 'geweigerd',
      reason: 'Lopende procedure bij de rechtbank',
    });
    expect([...refused.body.exceptions].sort()).toEqual(['meldcode-open', 'rechtsvordering']);
    expect((await admin.post(`/api/admin/erasure-requests/${id}/execute`)).status).toBe(409);
    expect((await personRow(file.person.id)).given_name).toBe('Gemeld');
    const list = await admin.get<ErasureRequestView[]>('/api/admin/erasure-requests');
    expect(list.body.find((r) => r.id === id)).toMatchObject({
      status: 'geweigerd',
      householdErased: false,
    });
    expect(JSON.stringify(list.body)).not.toContain('Melding');
  }, 60_000);

  it('refuses bad input with 4xx codes; only the team files, only administrators decide', async () => {
    await relogin();
    const file = await caseFile('Huishouden Invoer', 'Invoer', false);
    const path = `/api/households/${file.household.id}/erasure-requests`;
    const bad = await alice.post(path, {
      scope: 'person',
      requestedBy: 'iemand',
      receivedOn: 'gisteren',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const request = { scope: 'household', requestedBy: 'betrokkene', receivedOn: '2026-06-01' };
    const unknown = await alice.post(
      '/api/households/00000000-0000-4000-8000-000000000000/erasure-requests',
      request,
    );
    expect(unknown.status).toBe(403);
    // The administrator reads no client data: she cannot file for a household (nor look one up).
    expect((await admin.post(path, request)).status).toBe(403);
    expect(
      (await admin.post('/api/admin/erasure-requests', request)).status,
    ).toBeGreaterThanOrEqual(404);
    const refuseWithoutReason = await admin.post(
      '/api/admin/erasure-requests/00000000-0000-4000-8000-000000000000/assess',
      { decision: 'refuse' },
    );
    expect(refuseWithoutReason.status).toBe(400);
    expect((await alice.get('/api/admin/erasure-requests')).status).toBe(403);
  }, 60_000);

  it('the sweep is the recurring job retention:sweep: queued once, run by the queue, queued again', async () => {
    const jobRows = () =>
      query<{ state: string; cron: string | null; singleton_key: string | null }>(
        `SELECT "state", "cron", "singleton_key" FROM "job" WHERE "name" = $1 ORDER BY "created_at", "state"`,
        [RETENTION_SWEEP_JOB],
      );
    expect(await jobRows()).toEqual([
      { state: 'queued', cron: RETENTION_SWEEP_CRON, singleton_key: 'cron' },
    ]);
    // A second schedule (another instance starting) adds nothing.
    expect(
      await t.app
        .get(JobsService)
        .schedule(RETENTION_SWEEP_JOB, {}, { cron: RETENTION_SWEEP_CRON }),
    ).toBeNull();
    const sweep = jest.spyOn(t.app.get(RetentionService), 'sweep');
    try {
      await t.app.get(JobsService).runDue();
      expect(sweep).toHaveBeenCalledTimes(1);
    } finally {
      sweep.mockRestore();
    }
    const after = await jobRows();
    expect(after.map((r) => r.state).sort()).toEqual(['done', 'queued']);
    const [next] = await query<{ run_at: Date }>(
      `SELECT "run_at" FROM "job" WHERE "name" = $1 AND "state" = 'queued'`,
      [RETENTION_SWEEP_JOB],
    );
    const runAt = new Date(must(next).run_at);
    expect(runAt.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(runAt.getTime() - clock.now().getTime()).toBeLessThanOrEqual(6 * 3600_000);
    expect(runAt.getUTCHours() % 6).toBe(0);
  }, 60_000);
});
