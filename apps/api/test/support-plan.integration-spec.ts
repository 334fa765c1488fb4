import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  CaseDetail,
  DecisionPlanItems,
  DecisionView,
  GuestInvitationCreated,
  HouseholdDetail,
  MeetingDetail,
  OverdueEvaluationView,
  PlanConflictResponse,
  PlanDiffView,
  PlanVersionView,
  Preparation,
  RecordCommandResult,
  SharedPlanView,
  SupportPlanPage,
  SupportPlanView,
} from '@casustafel/contracts';
import type { Actor } from '../src/common/context/request-context';
import { SupportPlanAgreementEntity } from '../src/modules/support-plan/support-plan.entities';
import { SupportPlanService } from '../src/modules/support-plan/support-plan.service';
import { BrowserClient } from './support/browser-client';
import { testEngines, type TestDatabase, createTestDatabaseOnDisk } from './support/engines';
import { FakeClock, startTestApp, type TestApp } from './support/test-app';
import {
  householdInput,
  personInput,
  zrm2017,
  coverForMeetings,
} from './factories/case-file.factory';
import { dataSourceOf } from './factories/identity.factory';
import { must } from './support/must';
import { addAgendaItem, weeklySeries } from './factories/meeting.factory';
import { twoTeams } from './factories/team.factory';

const DAY = 86_400_000;

describe.each(testEngines())('support plan on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let teamA: string;
  let alice: BrowserClient; // chair of team A
  let anna: BrowserClient; // member of team A, casusregisseur
  let bob: BrowserClient; // member of team B
  let admin: BrowserClient; // organisation admin
  let annaId: string;
  let aliceId: string;
  let householdId: string;
  let otherHouseholdId: string;
  let caseId: string;
  let meetingId: string;
  let caseItemId: string;
  let planId: string;
  let decisionId: string;
  let secondDecisionId: string;
  let relogin: () => Promise<void>;

  beforeAll(async () => {
    db = await createTestDatabaseOnDisk(engine, 'cst-plan-');
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const cast = await twoTeams(t, clock);
    teamA = cast.teamA;
    const { chair: a, member: n, outsider: b } = cast;
    const ad = await cast.add('Ad Beheer', [], true);
    [alice, aliceId, anna, annaId, bob, admin] = [
      a.client,
      a.id,
      n.client,
      n.id,
      b.client,
      ad.client,
    ];
    relogin = async () => {
      alice = await a.signInAgain();
      anna = await n.signInAgain();
      bob = await b.signInAgain();
      admin = await ad.signInAgain();
    };
    const household = await alice.post<HouseholdDetail>(
      `/api/teams/${teamA}/households`,
      householdInput('Huishouden Yılmaz'),
    );
    householdId = household.body.id;
    expect(
      (
        await alice.post(
          `/api/households/${householdId}/persons`,
          personInput({ givenName: 'Şükrü', familyName: 'Yılmaz' }),
        )
      ).status,
    ).toBe(201);
    otherHouseholdId = (
      await alice.post<HouseholdDetail>(
        `/api/teams/${teamA}/households`,
        householdInput('Huishouden Ander'),
      )
    ).body.id;
    await coverForMeetings(alice, householdId, teamA, '2026-03-01');
    const created = await alice.post<CaseDetail>(`/api/teams/${teamA}/cases`, {
      householdId,
      title: 'Schulden en opvoeding',
      casusregisseurId: annaId,
    });
    caseId = created.body.id;
    expect((await anna.post(`/api/cases/${caseId}/zrm`, zrm2017('2026-03-01', 2))).status).toBe(
      201,
    );
    const prep = await anna.post<Preparation>(`/api/cases/${caseId}/preparations`, {
      content: { vraag: 'Welke hulp past bij dit gezin?' },
    });
    expect((await anna.post(`/api/preparations/${prep.body.id}/ready`)).status).toBe(200);
    meetingId = must((await weeklySeries(alice, teamA, aliceId)).meetings[0]).id;
    const withCase = await addAgendaItem(alice, meetingId, {
      kind: 'casusbespreking',
      presenterUserId: annaId,
      timeBoxMinutes: 30,
      preparationId: prep.body.id,
    });
    caseItemId = must(withCase.agenda[0]).id;
    const decide = async (type: string, text: string) => {
      const res = await alice.post<RecordCommandResult<DecisionView>>(
        `/api/meetings/${meetingId}/decisions`,
        {
          commandId: randomUUID(),
          itemId: caseItemId,
          type,
          text,
          rationale: 'Besproken met het gezin',
        },
      );
      expect(res.status).toBe(201);
      return res.body.record.id;
    };
    decisionId = await decide(
      'inzet-eigen-kracht-netwerk',
      'Tante Ayşe helpt met de administratie',
    );
    secondDecisionId = await decide('maatwerkvoorziening', 'Ambulante gezinsbegeleiding aanvragen');
    await decide('geen-actie', 'Geen verdere actie op wonen');
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const auditRows = (action: string) =>
    dataSourceOf(t.app).query(
      'SELECT "outcome", "client_id", "object_type", "object_id", "actor_role", "legal_basis" FROM "audit_event" WHERE "action" = $1 ORDER BY "seq"',
      [action],
    ) as Promise<
      {
        outcome: string;
        client_id: string | null;
        object_type: string | null;
        object_id: string | null;
        actor_role: string | null;
        legal_basis: string | null;
      }[]
    >;

  it('lists the decisions not yet in the plan (no plan yet; "geen actie" is not listed)', async () => {
    const page = await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`);
    expect(page.status).toBe(200);
    expect(page.body.plan).toBeNull();
    expect(page.body.householdLabel).toBe('Huishouden Yılmaz');
    expect(page.body.unprocessedDecisions.map((d) => d.id)).toEqual([decisionId, secondDecisionId]);
    expect(page.body.unprocessedDecisions[0]).toMatchObject({
      meetingId,
      agendaItemId: caseItemId,
      caseId,
      type: 'inzet-eigen-kracht-netwerk',
    });
    expect(page.body.latestZrm).toMatchObject({ caseId, assessedAt: '2026-03-01' });
    expect(page.body.regisseurCandidates.map((c) => c.displayName)).toEqual([
      'Alice Aalbers',
      'Anna Noordhoek',
    ]);
  });

  it('turns a decision into a plan item in one step, linked both ways; the plan is made on the way', async () => {
    const res = await anna.post<SupportPlanView>(`/api/decisions/${decisionId}/plan-items`, {});
    expect(res.status).toBe(201);
    const plan = res.body;
    planId = plan.id;
    expect(plan).toMatchObject({
      householdId,
      variant: 'licht',
      reviewCycleMonths: 6,
      casusregisseur: { id: annaId, displayName: 'Anna Noordhoek' },
      evaluationDate: '2026-09-02',
      version: 2,
    });
    expect(plan.items).toEqual([
      expect.objectContaining({
        type: 'netwerk',
        title: 'Tante Ayşe helpt met de administratie',
        status: 'gepland',
        source: expect.objectContaining({
          kind: 'besluit',
          decisionId,
          meetingId,
          agendaItemId: caseItemId,
          decision: expect.objectContaining({ type: 'inzet-eigen-kracht-netwerk' }),
        }),
      }),
    ]);
    expect(plan.versions.map((v) => v.change)).toEqual(['besluit.opgenomen', 'plan.gemaakt']);
    // The other direction: the decision shows its plan items.
    const back = await alice.get<DecisionPlanItems>(`/api/decisions/${decisionId}/plan-items`);
    expect(back.body).toMatchObject({
      decisionId,
      householdId,
      planId,
      items: [{ id: must(plan.items[0]).id, type: 'netwerk' }],
    });
    const page = await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`);
    expect(page.body.unprocessedDecisions.map((d) => d.id)).toEqual([secondDecisionId]);
    // Edited before it lands: two items from the second decision, Jeugdwet with a cost.
    const two = await anna.post<SupportPlanView>(`/api/decisions/${secondDecisionId}/plan-items`, {
      items: [
        {
          type: 'maatwerk-jeugdwet',
          title: 'Ambulante gezinsbegeleiding',
          owner: 'Jeugdhulp Voorbeeldstad',
          startDate: '2026-03-09',
          endDate: '2026-09-09',
          costCents: 450_000,
          costCategory: '6.72',
        },
        { type: 'eigen-kracht', title: 'Moeder belt zelf de school', owner: 'Moeder' },
      ],
    });
    expect(two.status).toBe(201);
    expect(two.body.items.map((i) => [i.type, i.costCents, i.costCategory])).toEqual([
      ['netwerk', null, null],
      ['maatwerk-jeugdwet', 450_000, '6.72'],
      ['eigen-kracht', null, null],
    ]);
    expect(two.body.version).toBe(3);
    const none = await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`);
    expect(none.body.unprocessedDecisions).toEqual([]);
    // A second plan for the household is refused.
    expect((await anna.post(`/api/households/${householdId}/support-plan`, {})).status).toBe(409);
  });

  it('adds goals per ZRM domain with the latest score; refuses bad input with 400', async () => {
    const res = await anna.post<SupportPlanView>(`/api/support-plans/${planId}/goals`, {
      zrmDomain: 'financien',
      text: 'De schulden zijn in beeld en er is een betaalplan',
    });
    expect(res.status).toBe(201);
    expect(res.body.goals).toEqual([
      expect.objectContaining({
        zrmDomain: 'financien',
        baselineScore: 2,
        latestScore: 2,
        evaluationDate: '2026-09-02',
        ownEvaluationDate: false,
      }),
    ]);
    for (const bad of [
      { zrmDomain: 'geluk', text: 'x' },
      { zrmDomain: 'financien', text: '   ' },
    ]) {
      const refused = await anna.post(`/api/support-plans/${planId}/goals`, bad);
      expect(refused.status).toBe(400);
    }
    const badItem = await anna.post(`/api/support-plans/${planId}/items`, {
      type: 'netwerk',
      title: 'x',
      startDate: '2026-05-01',
      endDate: '2026-04-01',
    });
    expect(badItem.status).toBe(400);
  });

  it('two professionals editing at once: different entities both land, the same one gets 409 with the current plan', async () => {
    const before = (await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`))
      .body;
    const plan = must(before.plan);
    const goal = must(plan.goals[0]);
    const item = must(plan.items[1]);
    const [krachten, zorgen, goalEdit, itemEdit] = await Promise.all([
      anna.request<SupportPlanView>('PATCH', `/api/support-plans/${planId}/sections`, {
        section: 'krachten',
        expectedRev: plan.sectionRevs.krachten,
        text: 'Moeder is zeer betrokken; tante helpt graag.',
      }),
      alice.request<SupportPlanView>('PATCH', `/api/support-plans/${planId}/sections`, {
        section: 'zorgen',
        expectedRev: plan.sectionRevs.zorgen,
        text: 'Oplopende schulden; zoon verzuimt school.',
      }),
      anna.request<SupportPlanView>('PATCH', `/api/support-plans/${planId}/goals/${goal.id}`, {
        expectedRev: goal.rev,
        zrmDomain: goal.zrmDomain,
        text: goal.text,
        evaluationDate: '2026-06-01',
        status: 'open',
      }),
      alice.request<SupportPlanView>('PATCH', `/api/support-plans/${planId}/items/${item.id}`, {
        expectedRev: item.rev,
        goalId: goal.id,
        type: item.type,
        title: item.title,
        owner: item.owner,
        startDate: item.startDate,
        endDate: item.endDate,
        status: 'lopend',
        costCents: item.costCents,
        costCategory: item.costCategory,
      }),
    ]);
    expect([krachten.status, zorgen.status, goalEdit.status, itemEdit.status]).toEqual([
      200, 200, 200, 200,
    ]);
    const after = must(
      (await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`)).body.plan,
    );
    expect(after.krachten).toContain('tante helpt graag');
    expect(after.zorgen).toContain('zoon verzuimt');
    expect(after.goals[0]).toMatchObject({ evaluationDate: '2026-06-01', ownEvaluationDate: true });
    expect(after.items[1]).toMatchObject({ status: 'lopend', goalId: goal.id });
    // Four changes, four versions, a gapless sequence.
    expect(after.version).toBe(plan.version + 4);
    expect(after.versions.map((v) => v.number)).toEqual(
      Array.from({ length: after.version }, (_, i) => after.version - i),
    );
    // The same item, edited by both from the same revision: the second one is refused.
    const edit = (client: BrowserClient, owner: string) =>
      client.request<SupportPlanView | PlanConflictResponse>(
        'PATCH',
        `/api/support-plans/${planId}/items/${item.id}`,
        {
          expectedRev: must(after.items[1]).rev,
          goalId: goal.id,
          type: item.type,
          title: item.title,
          owner,
          startDate: item.startDate,
          endDate: item.endDate,
          status: 'lopend',
          costCents: item.costCents,
          costCategory: item.costCategory,
        },
      );
    const first = await edit(anna, 'Jeugdhulp Voorbeeldstad, team Oost');
    const second = await edit(alice, 'Jeugdhulp Regio');
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    const conflict = second.body as PlanConflictResponse;
    expect(conflict.code).toBe('PLAN_CONFLICT');
    expect(conflict.details).toEqual([{ path: `items.${item.id}`, issue: 'stale-revision' }]);
    expect(conflict.current.items[1]).toMatchObject({
      owner: 'Jeugdhulp Voorbeeldstad, team Oost',
    });
    // A stale section and a stale delete are refused the same way.
    const staleSection = await alice.request('PATCH', `/api/support-plans/${planId}/sections`, {
      section: 'krachten',
      expectedRev: plan.sectionRevs.krachten,
      text: 'overschreven?',
    });
    expect(staleSection.status).toBe(409);
    const staleDelete = await alice.request(
      'DELETE',
      `/api/support-plans/${planId}/items/${item.id}?expectedRev=1`,
    );
    expect(staleDelete.status).toBe(409);
    const final = must(
      (await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`)).body.plan,
    );
    expect(final.krachten).toContain('tante helpt graag');
    expect(final.items).toHaveLength(3);
  });

  it('keeps every version viewable and diffs two of them readably; records the family agreement on a version', async () => {
    const plan = must(
      (await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`)).body.plan,
    );
    const v2 = await anna.get<PlanVersionView>(`/api/support-plans/${planId}/versions/2`);
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({
      number: 2,
      change: 'besluit.opgenomen',
      author: { id: annaId },
    });
    expect(v2.body.snapshot.items).toHaveLength(1);
    const diff = await anna.get<PlanDiffView>(
      `/api/support-plans/${planId}/diff?from=2&to=${plan.version}`,
    );
    expect(diff.status).toBe(200);
    const d = diff.body.diff;
    expect(d.same).toBe(false);
    expect(d.plan.map((f) => f.field).sort()).toEqual(['krachten', 'zorgen']);
    expect(d.goals).toEqual([expect.objectContaining({ change: 'toegevoegd' })]);
    expect(d.items.map((i) => [i.change, i.label])).toEqual([
      ['toegevoegd', 'Ambulante gezinsbegeleiding'],
      ['toegevoegd', 'Moeder belt zelf de school'],
    ]);
    expect(must(d.items[0]).fields).toEqual(
      expect.arrayContaining([
        { field: 'owner', before: null, after: 'Jeugdhulp Voorbeeldstad, team Oost' },
      ]),
    );
    const fromEmpty = await anna.get<PlanDiffView>(`/api/support-plans/${planId}/diff?from=0&to=1`);
    expect(fromEmpty.body.diff.items).toEqual([]);
    expect((await anna.get(`/api/support-plans/${planId}/versions/999`)).status).toBe(404);

    const agree = await anna.post<SupportPlanView>(`/api/support-plans/${planId}/agreements`, {
      versionNumber: plan.version,
      agreedOn: '2026-03-02',
      method: 'in-gesprek',
      byName: 'Şükrü Yılmaz',
      agreed: true,
      comment: 'Akkoord, wel graag hulp bij de brieven.',
    });
    expect(agree.status).toBe(201);
    expect(agree.body.agreementState).toBe('akkoord');
    expect(agree.body.agreements.at(-1)).toMatchObject({
      versionNumber: plan.version,
      method: 'in-gesprek',
      byName: 'Şükrü Yılmaz',
      recordedBy: { id: annaId },
    });
    const future = await anna.post(`/api/support-plans/${planId}/agreements`, {
      versionNumber: plan.version + 5,
      agreedOn: '2026-03-02',
      method: 'digitaal',
      byName: 'X',
      agreed: true,
    });
    expect(future.status).toBe(400);
    // A change afterwards: the agreement concerns an older version now.
    const goal = must(agree.body.goals[0]);
    const changed = await anna.request<SupportPlanView>(
      'PATCH',
      `/api/support-plans/${planId}/goals/${goal.id}`,
      {
        expectedRev: goal.rev,
        zrmDomain: goal.zrmDomain,
        text: 'Er is een betaalplan en de post wordt wekelijks geopend',
        evaluationDate: '2026-06-01',
        status: 'open',
      },
    );
    expect(changed.body.agreementState).toBe('akkoord-oudere-versie');
  });

  it('records the family’s own agreement through the plan module, on the current version', async () => {
    const plans = t.app.get(SupportPlanService);
    const before = must(
      (await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`)).body.plan,
    );
    const familyActor: Actor = {
      userId: annaId,
      sessionId: randomUUID(),
      organisationId: randomUUID(),
      orgAdmin: false,
      teams: new Map(),
      secondFactorPassed: true,
      guest: null,
      family: null,
      conference: null,
    };
    const [latest] = (await dataSourceOf(t.app).query(
      'SELECT "id" FROM "support_plan_version" WHERE "plan_id" = $1 ORDER BY "number" DESC LIMIT 1',
      [before.id],
    )) as { id: string }[];
    // An answer given on an older version is refused, and nothing is written.
    await expect(
      plans.recordFamilyAgreement(
        householdId,
        { agreed: true, comment: '', byName: 'Şükrü Yılmaz' },
        familyActor,
        undefined,
        randomUUID(),
      ),
    ).rejects.toMatchObject({ code: 'FAMILY_PLAN_CHANGED' });
    const recorded = await plans.recordFamilyAgreement(
      householdId,
      { agreed: false, comment: 'Eerst praten.', byName: '  Şükrü Yılmaz ' },
      familyActor,
      undefined,
      must(latest).id,
    );
    expect(recorded).toBe(before.version);
    const after = must(
      (await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`)).body.plan,
    );
    // Recording an agreement is not a change of the plan: no new version.
    expect(after.version).toBe(before.version);
    expect(after.agreements).toHaveLength(before.agreements.length + 1);
    expect(after.agreements.at(-1)).toMatchObject({
      versionNumber: before.version,
      agreedOn: '2026-03-02',
      method: 'digitaal',
      byName: 'Şükrü Yılmaz',
      agreed: false,
      comment: 'Eerst praten.',
    });
    expect(after.agreementState).toBe('niet-akkoord');
    // A household without a plan: nothing is written.
    const rows = () => dataSourceOf(t.app).manager.count(SupportPlanAgreementEntity);
    const count = await rows();
    expect(
      await plans.recordFamilyAgreement(
        otherHouseholdId,
        { agreed: true, comment: '', byName: 'X' },
        familyActor,
        undefined,
        null,
      ),
    ).toBeNull();
    expect(await rows()).toBe(count);
  });

  it('shares the plan with a guest specialist only under a valid consent entry', async () => {
    const series = await alice.get<MeetingDetail>(`/api/meetings/${meetingId}`);
    expect(series.status).toBe(200);
    const invited = await alice.post<GuestInvitationCreated>(`/api/meetings/${meetingId}/guests`, {
      name: 'Gerrit de Graaf',
      email: 'gerrit@schuldhulp.example',
      discipline: 'schuldhulpverlener',
      organisationName: 'Schuldhulp Voorbeeldstad',
      itemIds: [caseItemId],
      justification: 'Acuut huisuitzettingsrisico; de schuldhulpverlener moet nu meedenken.',
    });
    expect(invited.status).toBe(201);
    const guest = new BrowserClient(t.baseUrl);
    const signedIn = await guest.post('/api/guest/sign-in', {
      token: must(new URL(invited.body.link).hash.slice(1)),
      code: invited.body.code,
    });
    expect(signedIn.status).toBe(200);
    // Member endpoints refuse a guest outright.
    expect((await guest.get(`/api/households/${householdId}/support-plan`)).status).toBe(403);
    expect((await guest.get(`/api/support-plans/${planId}/versions`)).status).toBe(403);
    // The chair's justification covered the meeting, not the plan: refused.
    expect((await guest.get(`/api/guest/households/${householdId}/support-plan`)).status).toBe(403);
    // With consent for sharing with the organisation: the reduced view.
    const consent = await anna.post<{ id: string }>(`/api/households/${householdId}/consents`, {
      basis: 'toestemming',
      personId: null,
      purpose: 'delen-met-organisatie',
      dataCategories: ['financien'],
      recipients: [{ kind: 'organisatie', name: 'Schuldhulp Voorbeeldstad' }],
      grantedByPersonId: must(
        (await anna.get<HouseholdDetail>(`/api/households/${householdId}`)).body.members[0],
      ).id,
      grantedAt: '2026-03-02',
    });
    expect(consent.status).toBe(201);
    const shared = await guest.get<SharedPlanView>(
      `/api/guest/households/${householdId}/support-plan`,
    );
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({
      householdLabel: 'Huishouden Yılmaz',
      consentId: consent.body.id,
    });
    expect(shared.body.items).toHaveLength(3);
    expect(JSON.stringify(shared.body)).not.toContain('rationale');
    // Another household of the team is not reachable through the grant.
    expect((await guest.get(`/api/guest/households/${otherHouseholdId}/support-plan`)).status).toBe(
      403,
    );
    // Withdrawn: refused again.
    expect((await anna.post(`/api/consents/${consent.body.id}/withdraw`)).status).toBe(200);
    expect((await guest.get(`/api/guest/households/${householdId}/support-plan`)).status).toBe(403);
    const rows = await auditRows('support-plan.shared-read');
    expect(rows.map((r) => [r.outcome, r.actor_role])).toEqual([
      ['denied', 'guest'],
      ['allowed', 'guest'],
      ['denied', 'guest'],
      ['denied', 'guest'],
    ]);
    expect(rows[1]).toMatchObject({ client_id: householdId, legal_basis: consent.body.id });
  });
  it('lists overdue evaluations for the team with an injected clock, and prompts for a new ZRM', async () => {
    const none = await anna.get<OverdueEvaluationView[]>(
      `/api/teams/${teamA}/support-plans/overdue-evaluations`,
    );
    expect(none.status).toBe(200);
    expect(none.body).toEqual([]);
    // 2026-06-01 is the goal's date; on 2026-06-03 it is two days overdue, the plan not yet.
    clock.advance(Date.parse('2026-06-03T09:00:00Z') - clock.now().getTime());
    await relogin();
    const list = await alice.get<OverdueEvaluationView[]>(
      `/api/teams/${teamA}/support-plans/overdue-evaluations`,
    );
    expect(list.body).toEqual([
      expect.objectContaining({
        kind: 'doel',
        planId,
        householdId,
        householdLabel: 'Huishouden Yılmaz',
        dueDate: '2026-06-01',
        daysOverdue: 2,
        casusregisseurName: 'Anna Noordhoek',
        mine: false,
      }),
    ]);
    const page = await anna.get<SupportPlanPage>(`/api/households/${householdId}/support-plan`);
    expect(page.body.zrmPrompt).toBe(true);
    expect(page.body.zrmCaseId).toBe(caseId);
    expect(must(page.body.plan).goals[0]?.evaluationState).toBe('te-laat');
    // After the plan's own date both are listed, the most overdue first.
    clock.advance(100 * DAY);
    await relogin();
    const later = await anna.get<OverdueEvaluationView[]>(
      `/api/teams/${teamA}/support-plans/overdue-evaluations`,
    );
    expect(later.body.map((o) => [o.kind, o.mine])).toEqual([
      ['doel', true],
      ['plan', true],
    ]);
    // Evaluating the plan moves its date one review cycle on.
    const evaluated = await anna.post<SupportPlanView>(
      `/api/support-plans/${planId}/evaluations`,
      {},
    );
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.lastEvaluatedOn).toBe('2026-09-11');
    expect(evaluated.body.evaluationDate).toBe('2027-03-11');
    const goal = must(evaluated.body.goals[0]);
    const goalDone = await anna.post<SupportPlanView>(`/api/support-plans/${planId}/evaluations`, {
      goalId: goal.id,
      goalStatus: 'deels-behaald',
    });
    expect(goalDone.body.goals[0]).toMatchObject({ status: 'deels-behaald' });
    const after = await anna.get<OverdueEvaluationView[]>(
      `/api/teams/${teamA}/support-plans/overdue-evaluations`,
    );
    expect(after.body).toEqual([]);
  });

  it('refuses another team, an organisation admin and a guest; audits every call with the household as client', async () => {
    for (const client of [bob, admin]) {
      expect((await client.get(`/api/households/${householdId}/support-plan`)).status).toBe(403);
      expect((await client.get(`/api/support-plans/${planId}/versions`)).status).toBe(403);
      expect((await client.get(`/api/decisions/${decisionId}/plan-items`)).status).toBe(403);
      expect(
        (
          await client.post(`/api/support-plans/${planId}/goals`, {
            zrmDomain: 'financien',
            text: 'x',
          })
        ).status,
      ).toBe(403);
    }
    expect((await bob.get(`/api/teams/${teamA}/support-plans/overdue-evaluations`)).status).toBe(
      403,
    );
    // A plan id that does not exist answers like one that is not yours.
    expect((await anna.get(`/api/support-plans/${randomUUID()}/versions`)).status).toBe(403);
    const reads = await auditRows('support-plan.read');
    const allowedReads = reads.filter((r) => r.outcome === 'allowed');
    expect(allowedReads.length).toBeGreaterThan(3);
    for (const row of allowedReads) expect(row.client_id).toBe(householdId);
    // Bob (another team) is refused by the service, with the household recorded as the client.
    expect(
      reads.filter((r) => r.outcome === 'denied' && r.client_id === householdId).length,
    ).toBeGreaterThanOrEqual(1);
    const updates = await auditRows('support-plan.update');
    expect(updates.filter((r) => r.outcome === 'allowed').length).toBeGreaterThanOrEqual(5);
    for (const row of updates.filter((r) => r.outcome === 'allowed')) {
      expect(row.client_id).toBe(householdId);
      expect(row).toMatchObject({ object_type: 'support-plan', object_id: planId });
    }
    // The refused stale edits are recorded too, with the client.
    expect(
      updates.filter((r) => r.outcome !== 'allowed' && r.client_id === householdId).length,
    ).toBeGreaterThanOrEqual(3);
    const fromDecision = await auditRows('support-plan.from-decision');
    expect(fromDecision.map((r) => [r.outcome, r.client_id])).toEqual([
      ['allowed', householdId],
      ['allowed', householdId],
    ]);
    expect((await auditRows('support-plan.agreement')).map((r) => r.outcome)).toContain('allowed');
    // The other household has no plan and its page says so, audited with that household.
    const other = await anna.get<SupportPlanPage>(
      `/api/households/${otherHouseholdId}/support-plan`,
    );
    expect(other.body.plan).toBeNull();
    expect((await auditRows('support-plan.read')).at(-1)?.client_id).toBe(otherHouseholdId);
  });
});
