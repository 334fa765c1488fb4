import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { InsightComparison, InsightDashboard, InsightTeam } from '@casustafel/contracts';
import type { CostCategory, PlanItemType } from '@casustafel/domain';
import {
  type HistoryCase,
  type HistoryPlan,
  writeTeamHistory,
} from '../src/modules/insight/insight-history';
import { signIn } from './factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from './factories/identity.factory';
import type { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { must } from './support/must';
import { startTestApp, type TestApp } from './support/test-app';

const at = (iso: string) => new Date(`${iso}:00Z`);
const PERIOD = 'from=2026-01-01&to=2026-03-01';

/**
 * The fixed data set (hand-computed figures in the expectations below):
 * - 12 cases: c0–c5 registered 5 Jan (plan on 15 Jan: 10 days), of which c0–c2 closed 10 Feb
 *   (36 days); c6 registered 5 Jan and still aanmelding; c7–c11 registered 2 Feb, in
 *   vraagverheldering since 3 Feb.
 * - Meeting 12 Jan discusses c0–c5 (time box 15, used 20, 20, 10, 10, 15, 15 minutes); meeting
 *   9 Feb discusses c0, c1, c2, c7, c8 (time box 10, used 10 each).
 * - Decisions: January eigen kracht ×3, maatwerk ×2, 2e lijn ×1; February eigen kracht ×3,
 *   algemene voorziening ×2, opschalen ×1.
 * - Actions: January six due 26 Jan (four done 20 Jan, one done 30 Jan, one still open);
 *   February five due 23 Feb done 20 Feb and one cancelled.
 * - Support plans of c0–c5 made 15 Jan, agreed 20 Jan (15 days after aanmelding): items in
 *   January eigen kracht, netwerk, maatwerk Wmo; in February eigen kracht ×2, algemene voorziening,
 *   maatwerk Wmo ×4, 2e lijn. Costs per trajectory in taakveld 6.71: € 1,000 … € 5,000 (five
 *   plans); 6.1 and 6.82 one plan each. Evaluations: c0 on 20 Feb (due 25 Feb, on time), c1 on
 *   26 Feb (late), c2 due 25 Feb and not done (overdue).
 * - ZRM: c0–c5 assessed 6 Jan and 20 Feb: financiën 2 → 3 for c0–c4, 2 → 2 for c5; werk en opleiding 3 → 3.
 */
function fixedHistory(regisseurId: string) {
  const cases: HistoryCase[] = [];
  for (let i = 0; i < 12; i += 1) {
    const transitions: HistoryCase['transitions'] = [];
    if (i <= 6) transitions.push({ status: 'aanmelding', at: at('2026-01-05T09:00') });
    else {
      transitions.push({ status: 'aanmelding', at: at('2026-02-02T09:00') });
      transitions.push({ status: 'vraagverheldering', at: at('2026-02-03T09:00') });
    }
    if (i <= 5) {
      transitions.push({ status: 'vraagverheldering', at: at('2026-01-06T09:00') });
      transitions.push({ status: 'plan', at: at('2026-01-15T09:00') });
    }
    if (i <= 2) {
      transitions.push({ status: 'uitvoering', at: at('2026-01-20T09:00') });
      transitions.push({ status: 'afgesloten', at: at('2026-02-10T09:00') });
    }
    cases.push({
      regisseurId,
      transitions,
      zrm:
        i <= 5
          ? [
              { assessedAt: '2026-01-06', scores: { financien: 2, 'werk-en-opleiding': 3 } },
              {
                assessedAt: '2026-02-20',
                scores: { financien: i <= 4 ? 3 : 2, 'werk-en-opleiding': 3 },
              },
            ]
          : [],
    });
  }
  const january = [20, 20, 10, 10, 15, 15].map((used, caseIndex) => ({
    caseIndex,
    timeBoxMinutes: 15,
    usedMinutes: used,
    decisions: [
      {
        type:
          (
            [
              'inzet-eigen-kracht-netwerk',
              'inzet-eigen-kracht-netwerk',
              'inzet-eigen-kracht-netwerk',
              'maatwerkvoorziening',
              'maatwerkvoorziening',
              'verwijzing-2e-lijn',
            ] as const
          )[caseIndex] ?? 'overig',
        at: at('2026-01-12T10:00'),
      },
    ],
    actions: [
      caseIndex <= 3
        ? { due: '2026-01-26', status: 'gereed' as const, doneAt: at('2026-01-20T12:00') }
        : caseIndex === 4
          ? { due: '2026-01-26', status: 'gereed' as const, doneAt: at('2026-01-30T12:00') }
          : { due: '2026-01-26', status: 'open' as const },
    ],
  }));
  const february = [0, 1, 2, 7, 8].map((caseIndex, n) => ({
    caseIndex,
    timeBoxMinutes: 10,
    usedMinutes: 10,
    decisions: [
      {
        type:
          (
            [
              'inzet-eigen-kracht-netwerk',
              'inzet-eigen-kracht-netwerk',
              'inzet-eigen-kracht-netwerk',
              'algemene-voorziening',
              'algemene-voorziening',
            ] as const
          )[n] ?? 'overig',
        at: at('2026-02-09T10:00'),
      },
      ...(n === 0 ? [{ type: 'opschalen' as const, at: at('2026-02-09T10:30') }] : []),
    ],
    actions: [
      { due: '2026-02-23', status: 'gereed' as const, doneAt: at('2026-02-20T12:00') },
      ...(n === 0 ? [{ due: '2026-02-23', status: 'vervallen' as const }] : []),
    ],
  }));
  const item = (
    type: PlanItemType,
    startDate: string,
    costCents?: number,
    costCategory?: CostCategory,
  ) => ({
    type,
    startDate,
    ...(costCents ? { costCents, costCategory } : {}),
  });
  const plans: HistoryPlan[] = [
    {
      caseIndex: 0,
      items: [
        item('eigen-kracht', '2026-01-20'),
        item('maatwerk-wmo', '2026-01-20', 100_000, '6.71'),
      ],
      evaluations: [{ at: at('2026-02-20T10:00'), due: '2026-02-25' }],
      evaluationDate: '2026-08-20',
    },
    {
      caseIndex: 1,
      items: [item('netwerk', '2026-01-20'), item('maatwerk-wmo', '2026-02-01', 200_000, '6.71')],
      evaluations: [{ at: at('2026-02-26T10:00'), due: '2026-02-25' }],
      evaluationDate: '2026-08-26',
    },
    {
      caseIndex: 2,
      items: [
        item('eigen-kracht', '2026-02-01'),
        item('maatwerk-wmo', '2026-02-01', 300_000, '6.71'),
      ],
      evaluationDate: '2026-02-25',
    },
    {
      caseIndex: 3,
      items: [
        item('algemene-voorziening', '2026-02-01', 20_000, '6.1'),
        item('maatwerk-wmo', '2026-02-10', 400_000, '6.71'),
      ],
      evaluationDate: '2026-07-15',
    },
    {
      caseIndex: 4,
      items: [
        item('maatwerk-wmo', '2026-02-10', 500_000, '6.71'),
        item('tweede-lijn', '2026-02-10', 1_000_000, '6.82'),
      ],
      evaluationDate: '2026-07-15',
    },
    { caseIndex: 5, items: [item('eigen-kracht', '2026-02-15')], evaluationDate: '2026-07-15' },
  ].map((p) => ({ ...p, createdAt: at('2026-01-15T09:00'), agreedOn: '2026-01-20' }));
  return {
    cases,
    plans,
    meetings: [
      { startsAt: at('2026-01-12T09:00'), chairId: regisseurId, items: january },
      { startsAt: at('2026-02-09T09:00'), chairId: regisseurId, items: february },
    ],
  };
}

describe.each(testEngines())('team insight (%s)', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let teamId: string;
  let otherTeamId: string;
  let foreignTeamId: string;
  let leader: BrowserClient;
  let member: BrowserClient;
  let admin: BrowserClient;
  let foreignLeader: BrowserClient;
  let leaderId: string;
  let memberId: string;

  const table = (d: InsightDashboard, id: string) => must(d.indicators.find((i) => i.id === id));
  const row = (d: InsightDashboard, id: string, key: string) =>
    must(table(d, id).table?.rows.find((r) => r.key === key));

  async function rawGet(client: BrowserClient, path: string) {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { cookie: client.cookieHeader } });
    return {
      status: res.status,
      headers: res.headers,
      bytes: new Uint8Array(await res.arrayBuffer()),
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({
      ...db.env,
      DEMO_MODE: 'false',
      JOBS_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    const org = await createOrganisation(t.app, { name: 'Gemeente Rekenstad' });
    teamId = (await createTeam(t.app, org.id, { name: 'Wijkteam Oost' })).id;
    otherTeamId = (await createTeam(t.app, org.id, { name: 'Wijkteam West' })).id;
    const foreignOrg = await createOrganisation(t.app);
    foreignTeamId = (await createTeam(t.app, foreignOrg.id)).id;
    const l = await createUser(t.app, {
      organisationId: org.id,
      totp: true,
      teams: [[teamId, ['member', 'team_leader']]],
    });
    const m = await createUser(t.app, {
      organisationId: org.id,
      totp: true,
      teams: [[teamId, ['member', 'chair']]],
    });
    const a = await createUser(t.app, { organisationId: org.id, totp: true, orgAdmin: true });
    const f = await createUser(t.app, {
      organisationId: foreignOrg.id,
      totp: true,
      teams: [[foreignTeamId, ['member', 'team_leader']]],
    });
    leaderId = l.user.id;
    memberId = m.user.id;
    leader = await signIn(t, null, l.user.email, must(l.totpSecret));
    member = await signIn(t, null, m.user.email, must(m.totpSecret));
    admin = await signIn(t, null, a.user.email, must(a.totpSecret));
    foreignLeader = await signIn(t, null, f.user.email, must(f.totpSecret));
    await dataSourceOf(t.app).transaction((manager) =>
      writeTeamHistory(manager, { teamId, ...fixedHistory(m.user.id) }),
    );
    await writeConferences(org.id, m.user.id);
  }, 120_000);

  /**
   * Family group conferences of the team: accepted (held) 6 in January, 5 in February and one
   * in December (outside the period); follow-ups due in January 5 done; in February 5 done and
   * 1 not done; one due in March (outside).
   */
  async function writeConferences(organisationId: string, userId: string) {
    const ds = dataSourceOf(t.app);
    const [household] = (await ds.query(
      'SELECT "id" FROM "household" WHERE "team_id" = $1 LIMIT 1',
      [teamId],
    )) as { id: string }[];
    const rows: [string | null, string | null, boolean][] = [
      // accepted_at, follow_up_on, follow-up done
      ['2025-12-20T10:00:00Z', '2026-01-17', true],
      ...Array.from({ length: 4 }, (): [string, string, boolean] => [
        '2026-01-05T10:00:00Z',
        '2026-01-31',
        true,
      ]),
      ['2026-01-20T10:00:00Z', '2026-02-17', true],
      ['2026-01-21T10:00:00Z', '2026-02-18', false],
      ...Array.from({ length: 4 }, (): [string, string, boolean] => [
        '2026-02-02T10:00:00Z',
        '2026-02-28',
        true,
      ]),
      ['2026-02-27T10:00:00Z', '2026-03-27', false],
    ];
    for (const [acceptedAt, followUpOn, done] of rows)
      await ds.query(
        `INSERT INTO "family_conference" ("organisation_id", "household_id", "team_id", "status",
           "question", "place", "coordinator_id", "created_by", "accepted_at", "accepted_by",
           "follow_up_on", "follow_up_done_at", "follow_up_done_by", "created_at", "updated_at")
         VALUES ($1, $2, $3, 'afgerond', 'Hoe houden we het thuis veilig?', 'Buurthuis', $4, $4,
           $5, $4, $6, $7, $8, $5, $5)`,
        [
          organisationId,
          must(household).id,
          teamId,
          userId,
          acceptedAt,
          followUpOn,
          done ? `${followUpOn}T12:00:00Z` : null,
          done ? userId : null,
        ],
      );
  }

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('gives the team leader the hand-computed figures, small cells hidden', async () => {
    const res = await leader.get<InsightDashboard>(`/api/teams/${teamId}/insight?${PERIOD}`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.minCell).toBe(5);
    expect(d.team).toEqual({ id: teamId, name: 'Wijkteam Oost' });
    expect(res.headers.get('server-timing')).toMatch(/decisions;dur=\d/);

    // Status on 1 March: aanmelding 1, vraagverheldering 5, plan 3, afgesloten 3 (12).
    expect(row(d, 'cases-by-status', 'casussen')).toEqual({
      key: 'casussen',
      values: [null, 5, null, 0, 0, null],
      total: 12,
    });
    expect(row(d, 'case-flow', 'nieuw')).toEqual({ key: 'nieuw', values: [7, 5], total: 12 });
    expect(row(d, 'case-flow', 'afgesloten')).toEqual({
      key: 'afgesloten',
      values: [0, null],
      total: null,
    });
    expect(row(d, 'meetings', 'overleggen')).toEqual({
      key: 'overleggen',
      values: [1, 1],
      total: 2,
    });
    expect(row(d, 'meetings', 'casussen-besproken')).toEqual({
      key: 'casussen-besproken',
      values: [6, 5],
      total: 8,
    });
    // 11 items, 140 minutes used of 140 planned, 2 over their box.
    expect(row(d, 'time-box', 'per-casus').values).toEqual([11, 12.7, 12.7, 18.2]);

    // Decisions by type: only eigen kracht's total (6), the month totals and 12 stay visible.
    const decisions = must(table(d, 'decisions-by-type').table);
    expect(decisions.rows.find((r) => r.key === 'inzet-eigen-kracht-netwerk')).toEqual({
      key: 'inzet-eigen-kracht-netwerk',
      values: [null, null],
      total: 6,
    });
    expect(decisions.rows.find((r) => r.key === 'algemene-voorziening')?.values).toEqual([0, null]);
    expect(decisions.totals).toEqual([6, 6]);
    expect(decisions.total).toBe(12);
    // Informal = eigen kracht + algemene voorziening: a hidden part hides the sum and the share.
    expect(row(d, 'solution-mix', 'informeel').total).toBeNull();
    expect(row(d, 'informal-share', 'besluiten').total).toBeNull();
    expect(row(d, 'escalations', 'opschalen')).toEqual({
      key: 'opschalen',
      values: [0, null],
      total: null,
    });

    expect(row(d, 'lead-times', 'eerste-bespreking').values).toEqual([8, 7, 7]);
    expect(row(d, 'lead-times', 'plan').values).toEqual([6, 10, 10]);
    expect(row(d, 'lead-times', 'afsluiting').values).toEqual([null, null, null]);

    // financiën: 5 up, 1 same → the 1 is hidden and the 5 with it; mean 5/6 = 0.8 over 6 cases.
    expect(row(d, 'zrm-change', 'financien')).toEqual({
      key: 'financien',
      values: [null, null, 0],
      total: 6,
    });
    expect(row(d, 'zrm-change', 'werk-en-opleiding')).toEqual({
      key: 'werk-en-opleiding',
      values: [0, 6, 0],
      total: 6,
    });
    expect(row(d, 'zrm-mean-change', 'financien').values).toEqual([0.8]);
    expect(row(d, 'zrm-mean-change', 'werk-en-opleiding').values).toEqual([0]);

    // Actions: 9 on time, 1 late, 1 open and overdue, 0 open, 1 cancelled.
    expect(row(d, 'actions', 'acties')).toEqual({
      key: 'acties',
      values: [9, null, null, 0, null],
      total: 12,
    });

    // From the support plan.
    expect(row(d, 'costs', '6.71')).toEqual({
      key: '6.71',
      values: [5, 15000, 3000, 3000],
      total: null,
    });
    expect(row(d, 'costs', '6.1').values).toEqual([null, null, null, null]);
    expect(row(d, 'costs', '6.82').values).toEqual([null, null, null, null]);
    expect(row(d, 'evaluations', 'evaluaties')).toEqual({
      key: 'evaluaties',
      values: [null, null, null],
      total: null,
    });
    expect(row(d, 'lead-times', 'ingestemd-plan').values).toEqual([6, 15, 15]);
    // Plan items: maatwerk Wmo 1 + 4 = 5 in all; the informal group has small parts: hidden.
    expect(row(d, 'plan-mix', 'maatwerk').total).toBe(5);
    expect(row(d, 'plan-mix', 'informeel').total).toBeNull();
    expect(row(d, 'informal-share', 'planonderdelen').total).toBeNull();

    // Family conferences: held 6 + 5; followed up 5 + 5, not followed up 0 + 1 (hidden).
    const fgc = table(d, 'family-conferences');
    // Held 6 + 5 (January: 4 + 2; February: 4 + 1; the December one is outside); followed up
    // 5 + 5; not followed up 0 + 1: the 1 is hidden, and with it the row's total.
    expect(fgc.available).toBe(true);
    expect(fgc.table?.rows).toEqual([
      { key: 'gehouden', values: [6, 5], total: 11 },
      { key: 'opgevolgd', values: [5, 5], total: 10 },
      { key: 'niet-opgevolgd', values: [0, null], total: null },
    ]);
  });

  it('reads the status of a period reaching today from the stored status (the same figures)', async () => {
    const res = await leader.get<InsightDashboard>(
      `/api/teams/${teamId}/insight?from=2026-01-01&to=2099-01-01&granularity=quarter`,
    );
    expect(res.status).toBe(400);
    const now = new Date();
    const to = `${now.getUTCFullYear() + 1}-01-01`;
    const current = await leader.get<InsightDashboard>(
      `/api/teams/${teamId}/insight?from=2026-01-01&to=${to}&granularity=quarter`,
    );
    expect(current.status).toBe(200);
    expect(row(current.body, 'cases-by-status', 'casussen')).toEqual({
      key: 'casussen',
      values: [null, 5, null, 0, 0, null],
      total: 12,
    });
  });

  it('groups by quarter', async () => {
    const res = await leader.get<InsightDashboard>(
      `/api/teams/${teamId}/insight?${PERIOD}&granularity=quarter`,
    );
    expect(res.status).toBe(200);
    expect(row(res.body, 'case-flow', 'nieuw')).toEqual({ key: 'nieuw', values: [12], total: 12 });
    // Distinct cases in the quarter: c0–c5, c7, c8.
    expect(row(res.body, 'meetings', 'casussen-besproken').values).toEqual([8]);
  });

  it('refuses a member without the team leader role, another organisation’s team leader and bad periods', async () => {
    expect((await member.get(`/api/teams/${teamId}/insight?${PERIOD}`)).status).toBe(403);
    expect((await member.get(`/api/insight/compare?${PERIOD}`)).status).toBe(403);
    expect((await foreignLeader.get(`/api/teams/${teamId}/insight?${PERIOD}`)).status).toBe(403);
    expect((await foreignLeader.get(`/api/teams/${teamId}/insight/export?${PERIOD}`)).status).toBe(
      403,
    );
    expect((await leader.get(`/api/teams/${foreignTeamId}/insight?${PERIOD}`)).status).toBe(403);
    const bad = await leader.get<{ code: string }>(
      `/api/teams/${teamId}/insight?from=2026-03-01&to=2026-01-01`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(
      (await leader.get(`/api/teams/${teamId}/insight?from=2010-01-01&to=2026-01-01`)).status,
    ).toBe(400);
    // Whole months only: periods a week apart could be subtracted into a week's small count.
    for (const period of ['from=2026-01-08&to=2026-03-01', 'from=2026-01-01&to=2026-02-15']) {
      for (const path of [`/api/teams/${teamId}/insight`, '/api/insight/compare']) {
        const shifted = await leader.get<{ code: string; details: { path: string }[] }>(
          `${path}?${period}`,
        );
        expect(shifted.status).toBe(400);
        expect(shifted.body.code).toBe('VALIDATION_FAILED');
      }
    }
  });

  it('lets the organisation admin read aggregates of the own organisation’s teams', async () => {
    const teams = await admin.get<InsightTeam[]>('/api/insight/teams');
    expect(teams.body.map((x) => x.name)).toEqual(['Wijkteam Oost', 'Wijkteam West']);
    const res = await admin.get<InsightDashboard>(`/api/teams/${teamId}/insight?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(row(res.body, 'case-flow', 'nieuw').total).toBe(12);
    const own = await leader.get<InsightTeam[]>('/api/insight/teams');
    expect(own.body).toEqual([{ id: teamId, name: 'Wijkteam Oost' }]);
  });

  it('compares the teams of one organisation', async () => {
    const res = await leader.get<InsightComparison>(`/api/insight/compare?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.teams.map((x) => x.id)).toEqual([teamId, otherTeamId]);
    // Counts rounded to fives between teams (12 → 10, 8 → 10); the team's own dashboard is exact.
    expect(res.body.teams[0]?.headline).toEqual({
      newCases: 10,
      casesDiscussed: 10,
      informalShare: null,
      medianDaysToPlan: 10,
      actionsOnTimeShare: null,
      escalations: null,
    });
    expect(res.body.teams[1]?.headline.newCases).toBe(0);
  });

  it('exports CSV for Dutch Excel and the GMSD shape, hiding what the dashboard hides', async () => {
    const csv = await rawGet(leader, `/api/teams/${teamId}/insight/export?${PERIOD}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv.bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '"Team";"Periode";"Indicator";"Omschrijving";"Rij";"Kolom";"Waarde";"Eenheid"',
    );
    expect(text).toContain(
      '"time-box";"Bespreektijd per casus";"per-casus";"minuten-gebruikt";"12,7";"minuten"',
    );
    expect(text).toContain(
      '"case-flow";"Nieuwe en afgesloten casussen";"afgesloten";"2026-02";"verborgen";"aantal"',
    );
    expect(text).toContain(
      '"family-conferences";"Familienetwerkberaden";"niet-opgevolgd";"2026-02";"verborgen";"aantal"',
    );
    expect(text).toContain(
      '"family-conferences";"Familienetwerkberaden";"gehouden";"2026-01";"6";"aantal"',
    );

    const gmsd = await rawGet(
      leader,
      `/api/teams/${teamId}/insight/export?from=2026-01-01&to=2026-07-01&format=gmsd`,
    );
    expect(gmsd.status).toBe(200);
    const g = new TextDecoder().decode(gmsd.bytes).split('\r\n');
    expect(g[0]).toBe(
      '"Verslagperiode";"Gemeente";"Team";"Onderwerp (GMSD)";"Waarde";"Bron in Casustafel"',
    );
    expect(g[1]).toBe(
      '"2026-H1";"Gemeente Rekenstad";"Wijkteam Oost";"Beëindigde trajecten (lokale toegang)";"verborgen";"casusfase afgesloten"',
    );
    expect(g).toContain(
      '"2026-01-01 – 2026-07-01";"Gemeente Rekenstad";"Wijkteam Oost";"Kosten taakveld 6.71 (euro)";"15000";"kosten van inzet in ondersteuningsplannen"',
    );
  });

  it('audits every read and every refusal, without client ids', async () => {
    const rows = (await dataSourceOf(t.app).query(
      `SELECT actor_user_id AS "userId", action, outcome, client_id AS "clientId", purpose
         FROM audit_event WHERE action LIKE 'insight.%' ORDER BY seq`,
    )) as {
      userId: string;
      action: string;
      outcome: string;
      clientId: string | null;
      purpose: string;
    }[];
    expect(
      rows.some(
        (r) => r.userId === leaderId && r.action === 'insight.read' && r.outcome === 'allowed',
      ),
    ).toBe(true);
    expect(
      rows.some(
        (r) => r.userId === leaderId && r.action === 'insight.export' && r.outcome === 'allowed',
      ),
    ).toBe(true);
    expect(
      rows.some(
        (r) => r.userId === memberId && r.action === 'insight.read' && r.outcome === 'denied',
      ),
    ).toBe(true);
    expect(rows.every((r) => r.clientId === null)).toBe(true);
    expect(
      rows.filter((r) => r.outcome === 'allowed').every((r) => r.purpose === 'stuurinformatie'),
    ).toBe(true);
  });
});
