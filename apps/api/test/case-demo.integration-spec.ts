import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ConferenceSummary,
  CaseDetail,
  CaseSummary,
  ErasureRequestView,
  HouseholdDetail,
  MeetingDetail,
  NotificationList,
  HouseholdSummary,
  IntervisionCase,
  IntervisionCaseSummary,
  NetworkMap,
  OverdueEvaluationView,
  PlanDiffView,
  SupportPlanPage,
  SupportPlanView,
  TeamSummary,
} from '@casustafel/contracts';
import type { InsightDashboard } from '@casustafel/contracts';
import { B1_FLESCH_DOUMA_MIN, dutchReadability, layoutGenogram } from '@casustafel/domain';
import { DEMO_PASSWORD, DemoSeedService } from '../src/modules/demo/demo-seed.service';
import { FamilyDemoService } from '../src/modules/household-story/family-demo.service';
import { familyPlanPdfDefinition } from '../src/modules/household-story/family-plan';
import { FamilyService } from '../src/modules/household-story/family.service';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { startTestApp, type TestApp } from './support/test-app';
import { signIn } from './factories/case-file.factory';
import { dataSourceOf } from './factories/identity.factory';

describe.each(testEngines())('demo case file on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let fatima: BrowserClient;
  let noord: string;
  let zuid: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'true' });
    fatima = await signIn(t, null, 'fatima@voorbeeldstad.nl', null, DEMO_PASSWORD);
    const teams = (await fatima.get<TeamSummary[]>('/api/teams')).body;
    noord = teams.find((x) => x.name === 'Wijkteam Noord')?.id as string;
    const rows = (await dataSourceOf(t.app).query(
      `SELECT "id" FROM "team" WHERE "name" = 'Wijkteam Zuid'`,
    )) as { id: string }[];
    zuid = rows[0]?.id as string;
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('gives the demo family a working link and a plan that reads at B1 (Flesch-Douma ≥ 60)', async () => {
    const demo = await t.app.get(FamilyDemoService).freshDemoLink();
    expect(demo?.link).toMatch(/\/gezin#[A-Za-z0-9_-]{40,}$/);
    const token = (demo?.link ?? '').split('#')[1];
    const signedIn = await new BrowserClient(t.baseUrl).post('/api/family/sign-in', {
      token,
      code: demo?.code,
    });
    expect(signedIn.status).toBe(200);
    const rows = (await dataSourceOf(t.app).query(
      `SELECT "id" FROM "household" WHERE "label" = 'Huishouden Yılmaz'`,
    )) as { id: string }[];
    const view = await t.app.get(FamilyService).planOf(rows[0]?.id as string, 'nl');
    expect(view.afspraken.map((a) => a.what)).toContain('Afspraak maken bij het werkplein');
    // Every text of the rendered page/PDF, headings and the family's content together.
    const texts: string[] = [];
    const collect = (node: unknown): void => {
      if (typeof node === 'string') texts.push(node);
      else if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object')
        for (const [key, value] of Object.entries(node))
          if (['text', 'ul', 'table', 'body', 'content'].includes(key)) collect(value);
    };
    collect(familyPlanPdfDefinition({ view, language: 'nl' }).content);
    const score = dutchReadability(texts.join('\n'));
    expect(score.words).toBeGreaterThan(100);
    expect(score.fleschDouma).toBeGreaterThanOrEqual(B1_FLESCH_DOUMA_MIN);
  });

  it('seeds households with members, network and consent in Noord and one in Zuid', async () => {
    const households = (await fatima.get<HouseholdSummary[]>(`/api/teams/${noord}/households`))
      .body;
    expect(households.map((h) => h.label).sort()).toEqual([
      'Huishouden De Boer',
      'Huishouden El Idrissi',
      'Huishouden Jansen',
      'Huishouden Yılmaz',
    ]);
    const jansen = households.find((h) => h.label === 'Huishouden Jansen') as HouseholdSummary;
    const detail = (await fatima.get<HouseholdDetail>(`/api/households/${jansen.id}`)).body;
    expect(detail.members).toHaveLength(3);
    expect(detail.members.map((m) => m.bsnMasked)).toContain('*****2333');
    // Two network persons, and two drawn only in the genogram (one list: grandfather, ex-partner).
    expect(detail.network).toHaveLength(4);
    const map = (await fatima.get<NetworkMap>(`/api/households/${jansen.id}/network-map`)).body;
    expect(
      map.persons
        .filter((p) => p.mapOnly)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['Dennis de Wit', 'Henk Jansen']);
    expect(
      layoutGenogram(map)
        .persons.map((p) => p.generation)
        .sort(),
    ).toEqual([0, 0, 1, 1, 2, 2]);
    expect(map.ties).toHaveLength(7);
    expect(detail.consents.map((c) => c.state)).toEqual(['geldig']);
    // A prepared familienetwerkberaad, with an independent coordinator from Wijkteam Zuid.
    const conferences = await fatima.get<ConferenceSummary[]>(
      `/api/households/${jansen.id}/family-conferences`,
    );
    expect(conferences.body.map((c) => [c.status, c.coordinator])).toEqual([
      ['voorbereiding', 'Lotte Janssen'],
    ]);
    const idrissi = households.find((h) => h.label === 'Huishouden El Idrissi') as HouseholdSummary;
    const expired = (await fatima.get<HouseholdDetail>(`/api/households/${idrissi.id}`)).body;
    expect(expired.consents.map((c) => c.state)).toEqual(['verlopen']);

    const sealed = JSON.stringify(
      await dataSourceOf(t.app).query('SELECT "bsn_sealed" FROM "person"'),
    );
    expect(sealed).not.toContain('111222333');
    expect((await fatima.get(`/api/teams/${zuid}/households`)).status).toBe(403);
    const lotte = await signIn(t, null, 'lotte@voorbeeldstad.nl', null, DEMO_PASSWORD);
    expect(
      (await lotte.get<HouseholdSummary[]>(`/api/teams/${zuid}/households`)).body,
    ).toHaveLength(1);
  });

  it('seeds cases in several statuses with history, ZRM, an open Meldcode record and preparations', async () => {
    const cases = (await fatima.get<CaseSummary[]>(`/api/teams/${noord}/cases`)).body;
    expect(cases.map((c) => c.status).sort()).toEqual(['aanmelding', 'plan', 'plan', 'uitvoering']);
    expect(cases.filter((c) => c.safetyMarker).map((c) => c.householdLabel)).toEqual([
      'Huishouden El Idrissi',
    ]);

    const jansenId = cases.find((c) => c.householdLabel === 'Huishouden Jansen')?.id as string;
    const jansen = (await fatima.get<CaseDetail>(`/api/cases/${jansenId}`)).body;
    expect(jansen.casusregisseur.displayName).toBe('Fatima El Amrani');
    expect(jansen.statusHistory.map((s) => s.status)).toEqual([
      'aanmelding',
      'vraagverheldering',
      'plan',
      'uitvoering',
    ]);
    expect(jansen.leadTimes.aanmeldingToPlan).toBe(30);
    expect(jansen.consentCoverage.mdo).toBe('gedekt');
    expect(jansen.zrm).toHaveLength(3);
    expect(jansen.zrm.map((z) => z.version)).toEqual(['2017', '2017', '2017']);
    expect(jansen.zrm.map((z) => z.stale)).toEqual([true, true, false]);
    // The newest ready preparation (an older one was discussed in the demo's past meeting).
    const ready = jansen.preparations.filter((p) => p.status === 'ready').at(-1);
    expect(ready).toMatchObject({ missingForReady: [], zrmStale: false });
    expect(String(ready?.content['vraag']).length).toBeGreaterThan(20);
    expect(ready?.comments).toHaveLength(1);

    const idrissiId = cases.find((c) => c.householdLabel === 'Huishouden El Idrissi')?.id as string;
    const idrissi = (await fatima.get<CaseDetail>(`/api/cases/${idrissiId}`)).body;
    expect(idrissi.consentCoverage.mdo).toBe('verlopen');
    expect(idrissi.meldcode).toHaveLength(1);
    expect(idrissi.meldcode[0]).toMatchObject({
      closedAt: null,
      safetyMarker: true,
      nextAllowedSteps: [2, 3],
    });
    expect(idrissi.meldcode[0]?.entries.map((e) => e['step'])).toEqual([1, 2]);
    expect(idrissi.preparations.map((p) => p.status)).toEqual(['draft']);
  });

  it('seeds a support plan with items from decisions, versions, an agreement and an overdue evaluation', async () => {
    const households = (await fatima.get<HouseholdSummary[]>(`/api/teams/${noord}/households`))
      .body;
    const jansen = households.find((h) => h.label === 'Huishouden Jansen')?.id as string;
    const page = (await fatima.get<SupportPlanPage>(`/api/households/${jansen}/support-plan`)).body;
    const plan = page.plan as SupportPlanView;
    expect(plan.version).toBe(6);
    expect(plan.agreementState).toBe('akkoord');
    expect(plan.items.filter((i) => i.source.kind === 'besluit')).toHaveLength(2);
    expect(plan.items[0]?.source.decision?.agendaItemTitle).toBe('Schulden en opvoedvragen');
    expect(page.unprocessedDecisions.map((d) => d.type)).toEqual(['maatwerkvoorziening']);
    const overdue = (
      await fatima.get<OverdueEvaluationView[]>(
        `/api/teams/${noord}/support-plans/overdue-evaluations`,
      )
    ).body;
    expect(overdue).toEqual([
      expect.objectContaining({ kind: 'doel', householdId: jansen, mine: true }),
    ]);
    // Five days ago in UTC; four to six in Dutch calendar days, whatever the hour.
    expect(overdue[0]?.daysOverdue).toBeGreaterThanOrEqual(4);
    const diff = (await fatima.get<PlanDiffView>(`/api/support-plans/${plan.id}/diff?from=1&to=6`))
      .body;
    expect(diff.diff.items).toHaveLength(2);
  });

  it('seeds the next meeting of Noord and its "agenda published" on every member\'s bell', async () => {
    const list = (await fatima.get<NotificationList>('/api/notifications')).body;
    expect(list.unread).toBe(1);
    const [notification] = list.notifications;
    expect(notification).toMatchObject({ kind: 'agenda-published', readAt: null });
    expect(notification?.params.teamName).toBe('Wijkteam Noord');
    // The link leads to a meeting she can open: published, in the future, with an agenda.
    const meeting = await fatima.get<MeetingDetail>(
      `/api/meetings/${notification?.params.meetingId}`,
    );
    expect(meeting.status).toBe(200);
    expect(meeting.body).toMatchObject({ published: true, status: 'gepland' });
    expect(Date.parse(meeting.body.startsAt)).toBeGreaterThan(Date.now());
    expect(meeting.body.agenda.map((i) => i.kind)).toEqual([
      'opvolging-acties',
      'casusbespreking',
      'mededeling',
    ]);
    const sanne = await signIn(t, null, 'sanne@voorbeeldstad.nl', null, DEMO_PASSWORD);
    expect((await sanne.get<NotificationList>('/api/notifications')).body.unread).toBe(1);
    const mehmet = await signIn(t, null, 'mehmet@voorbeeldstad.nl', null, DEMO_PASSWORD);
    expect((await mehmet.get<NotificationList>('/api/notifications')).body.unread).toBe(0);
  });

  it("seeds two erasure requests awaiting the administrator's decision", async () => {
    const admin = await signIn(t, null, 'beheer@voorbeeldstad.nl', null, DEMO_PASSWORD);
    const requests = (await admin.get<ErasureRequestView[]>('/api/admin/erasure-requests')).body;
    expect(requests.map((r) => [r.scope, r.requestedBy, r.status]).sort()).toEqual([
      ['household', 'betrokkene', 'ontvangen'],
      ['person', 'wettelijk-vertegenwoordiger', 'ontvangen'],
    ]);
    expect(requests.find((r) => r.scope === 'person')?.personId).toBeTruthy();
  });

  it('seeds two intervision copies in Noord: one released, one awaiting a second pair of eyes', async () => {
    const list = await fatima.get<IntervisionCaseSummary[]>(
      `/api/teams/${noord}/intervision-cases`,
    );
    expect(list.status).toBe(200);
    // Fatima (chair, no trainer role) sees the released copy only; it leads nowhere back.
    expect(list.body.map((c) => c.status)).toEqual(['released']);
    const released = await fatima.get<IntervisionCase>(
      `/api/intervision-cases/${list.body[0]?.id}`,
    );
    expect(released.body.isCreator).toBe(true);
    const text = JSON.stringify(released.body);
    for (const value of ['Marieke', 'Jansen', 'Lindelaan', '9999ZZ', '111222333', 'Riet', 'Smit'])
      expect(text).not.toContain(value);
    // Its title is its own: the case's title would lead back to the case.
    expect(released.body.title).not.toContain('Schulden en opvoedvragen');
    const priya = await signIn(t, null, 'priya@voorbeeldstad.nl', null, DEMO_PASSWORD);
    const forTrainer = (
      await priya.get<IntervisionCaseSummary[]>(`/api/teams/${noord}/intervision-cases`)
    ).body;
    const open = forTrainer.find((c) => c.status === 'in-review');
    expect(open).toMatchObject({ isCreator: false, mayRelease: true });
    expect(open?.openCandidates).toBeGreaterThan(0);
  });

  it('gives Centrum’s history family conferences that show per quarter, followed up or not', async () => {
    const sanne = await signIn(t, null, 'sanne@voorbeeldstad.nl', null, DEMO_PASSWORD);
    const [centrum] = (await dataSourceOf(t.app).query(
      `SELECT "id" FROM "team" WHERE "name" = 'Wijkteam Centrum'`,
    )) as { id: string }[];
    // Whole months: the twelve months up to and including this one.
    const now = new Date();
    const monthStart = (months: number) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1))
        .toISOString()
        .slice(0, 10);
    const from = monthStart(-11);
    const today = monthStart(1);
    const res = await sanne.get<InsightDashboard>(
      `/api/teams/${centrum?.id}/insight?from=${from}&to=${today}&granularity=quarter`,
    );
    expect(res.status).toBe(200);
    const fgc = res.body.indicators.find((i) => i.id === 'family-conferences');
    expect(fgc?.available).toBe(true);
    const held = fgc?.table?.rows.find((r) => r.key === 'gehouden');
    // A year of a team that works with conferences: at least one quarter shows its count.
    expect(held?.values.some((v) => v !== null && v >= 5)).toBe(true);
    const [counts] = (await dataSourceOf(t.app).query(
      `SELECT count(*) FILTER (WHERE "follow_up_done_at" IS NOT NULL)::int AS "done",
              count(*) FILTER (WHERE "follow_up_done_at" IS NULL AND "follow_up_on" <= CURRENT_DATE)::int AS "missed",
              count(*) FILTER (WHERE "follow_up_done_at" > "follow_up_on"::timestamp + interval '1 day')::int AS "early"
       FROM "family_conference" WHERE "team_id" = $1`,
      [centrum?.id],
    )) as { done: number; missed: number; early: number }[];
    expect(counts?.done).toBeGreaterThan(0);
    expect(counts?.missed).toBeGreaterThan(0);
    expect(counts?.early).toBe(0);
  });

  it('seeds only once', async () => {
    expect(await t.app.get(DemoSeedService).seed()).toBe(false);
  });
});
