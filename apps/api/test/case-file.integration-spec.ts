import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  AccessLog,
  CaseDetail,
  CaseSummary,
  Consent,
  HouseholdDetail,
  HouseholdSummary,
  MeldcodeRecordView,
  NetworkPerson,
  Person,
  Preparation,
  PreparationComment,
  ZrmAssessment,
  TeamRole,
} from '@casustafel/contracts';
import { AUDIT_SCOPE_ALL } from '../src/modules/audit/audit-scope';
import { AuditService } from '../src/modules/audit/audit.service';
import type { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { FakeClock, startTestApp, type TestApp } from './support/test-app';
import { householdInput, personInput, zrm2017 } from './factories/case-file.factory';
import { createOrganisation, createTeam, dataSourceOf } from './factories/identity.factory';
import { colleague } from './factories/team.factory';

const DAY = 86_400_000;
const BSN = '123456782';

describe.each(testEngines())('case file on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let orgName: string;
  let teamA: string;
  let teamB: string;
  let alice: BrowserClient; // member of A
  let anna: BrowserClient; // colleague in A
  let bob: BrowserClient; // member of B
  let admin: BrowserClient; // organisation admin, no team
  let procesregisseur: BrowserClient; // member of B, procesregisseur of one case of A
  let aliceId: string;
  let annaId: string;
  let bobId: string;
  let procesId: string;

  // Shared state of the walk-through.
  let household: HouseholdDetail;
  let person: Person;
  let caseId: string;
  let preparationId: string;
  let zrmId: string;
  let zrmAssessedAt: string;
  let consentId: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const org = await createOrganisation(t.app);
    orgName = org.name;
    teamA = (await createTeam(t.app, org.id, { name: 'Wijkteam Noord' })).id;
    teamB = (await createTeam(t.app, org.id, { name: 'Wijkteam Zuid' })).id;
    const make = (displayName: string, teams: [string, TeamRole[]][], orgAdmin = false) =>
      colleague(t, clock, org.id, displayName, teams, { orgAdmin });
    const a = await make('Alice Aalbers', [[teamA, ['member', 'chair']]]);
    const n = await make('Anna Noordhoek', [[teamA, ['member']]]);
    const b = await make('Bob Buitenteam', [[teamB, ['member']]]);
    const ad = await make('Ad Beheer', [], true);
    const p = await make('Paula Proces', [[teamB, ['member']]]);
    alice = a.client;
    aliceId = a.id;
    anna = n.client;
    annaId = n.id;
    bob = b.client;
    bobId = b.id;
    admin = ad.client;
    procesregisseur = p.client;
    procesId = p.id;
    relogin = async () => {
      alice = await a.signInAgain();
      anna = await n.signInAgain();
      bob = await b.signInAgain();
      admin = await ad.signInAgain();
      procesregisseur = await p.signInAgain();
    };
  });

  let relogin: () => Promise<void>;
  /** Moves the clock (days ahead: lead times, expiry, stale ZRM); sessions do not outlive that. */
  async function jump(ms: number): Promise<void> {
    clock.advance(ms);
    await relogin();
  }

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const audit = () => t.app.get(AuditService);
  const eventsFor = async (clientId: string) => audit().exportForClient(clientId, AUDIT_SCOPE_ALL);

  it('creates a household and lists it for the team', async () => {
    const created = await alice.post<HouseholdDetail>(
      `/api/teams/${teamA}/households`,
      householdInput(),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      teamId: teamA,
      label: 'Huishouden Testfamilie',
      address: { postcode: '1234AB' },
      members: [],
      memberCount: 0,
    });
    household = created.body;
    const list = await alice.get<HouseholdSummary[]>(`/api/teams/${teamA}/households`);
    expect(list.body.map((h) => h.id)).toEqual([household.id]);
    const patched = await alice.request<HouseholdDetail>(
      'PATCH',
      `/api/households/${household.id}`,
      {
        label: 'Huishouden Testgezin',
      },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.label).toBe('Huishouden Testgezin');
    expect(patched.body.address).not.toBeNull();
  });

  it('checks a BSN with the 11-proef, stores it sealed and returns it masked only', async () => {
    const path = `/api/households/${household.id}/persons`;
    for (const bad of ['123456781', '12345678', '1234567', '1234567820', '000000000']) {
      const answer = await alice.post(path, personInput({ bsn: bad }));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'bsn', issue: 'bsn-invalid' }],
      });
    }
    const created = await alice.post<Person>(
      path,
      personInput({ bsn: '1234.56.782', dateOfBirth: '1985-05-05' }),
    );
    expect(created.status).toBe(201);
    expect(created.body.bsnMasked).toBe('*****6782');
    expect(JSON.stringify(created.body)).not.toContain(BSN);
    person = created.body;

    const rows = (await dataSourceOf(t.app).query(
      'SELECT "bsn_sealed" FROM "person" WHERE "id" = $1',
      [person.id],
    )) as { bsn_sealed: string }[];
    expect(rows[0]?.bsn_sealed).toMatch(/^v1\./);
    expect(rows[0]?.bsn_sealed).not.toContain(BSN);

    // A partial update keeps the BSN; a new one is checked and sealed again.
    const phone = await alice.request<Person>('PATCH', `/api/persons/${person.id}`, {
      phone: '06 12345678',
    });
    expect(phone.body).toMatchObject({
      phone: '06 12345678',
      bsnMasked: '*****6782',
      givenName: 'Test',
    });
    const wrong = await alice.request('PATCH', `/api/persons/${person.id}`, { bsn: '111222334' });
    expect(wrong.body).toMatchObject({ details: [{ path: 'bsn', issue: 'bsn-invalid' }] });
    const other = await alice.request<Person>('PATCH', `/api/persons/${person.id}`, {
      bsn: '111222333',
    });
    expect(other.body.bsnMasked).toBe('*****2333');
    await alice.request('PATCH', `/api/persons/${person.id}`, { bsn: BSN });

    const detail = await alice.get<HouseholdDetail>(`/api/households/${household.id}`);
    expect(detail.body.members).toHaveLength(1);
    expect(detail.body.memberCount).toBe(1);
    expect(JSON.stringify(detail.body)).not.toContain(BSN);

    const logs = t.rawLogs.join('\n');
    expect(logs).not.toContain(BSN);
    expect(logs).not.toContain('111222333');
    const auditRows = JSON.stringify(
      await dataSourceOf(t.app).query('SELECT * FROM "audit_event"'),
    );
    expect(auditRows).not.toContain(BSN);
    expect(auditRows).not.toContain('111222333');
  });

  it('adds and removes network people', async () => {
    const added = await alice.post<NetworkPerson>(`/api/households/${household.id}/network`, {
      name: 'Oma Test',
      relation: 'familie',
      relationDetail: 'oma',
    });
    expect(added.status).toBe(201);
    const second = await alice.post<NetworkPerson>(`/api/households/${household.id}/network`, {
      name: 'Buurman',
      relation: 'buur',
    });
    expect((await alice.request('DELETE', `/api/network/${second.body.id}`)).status).toBe(204);
    const detail = await alice.get<HouseholdDetail>(`/api/households/${household.id}`);
    expect(detail.body.network.map((n) => n.name)).toEqual(['Oma Test']);
  });

  it('creates a case in aanmelding and refuses a regisseur outside the team or another team’s household', async () => {
    const outsider = await alice.post(`/api/teams/${teamA}/cases`, {
      householdId: household.id,
      title: 'Zorgen om het gezin',
      casusregisseurId: bobId,
    });
    expect(outsider.status).toBe(422);
    expect(outsider.body).toMatchObject({
      code: 'REGISSEUR_NOT_ELIGIBLE',
      details: [{ path: 'casusregisseurId', issue: 'not-a-member' }],
    });
    // A procesregisseur from another team reads the whole case file: refused too.
    const otherTeam = await alice.post(`/api/teams/${teamA}/cases`, {
      householdId: household.id,
      title: 'Zorgen om het gezin',
      casusregisseurId: annaId,
      procesregisseurId: procesId,
    });
    expect(otherTeam.status).toBe(422);
    expect(otherTeam.body).toMatchObject({
      code: 'REGISSEUR_NOT_ELIGIBLE',
      details: [{ path: 'procesregisseurId', issue: 'not-a-member' }],
    });
    const elsewhere = await bob.post<HouseholdDetail>(
      `/api/teams/${teamB}/households`,
      householdInput('Huishouden Zuid'),
    );
    const wrongHousehold = await alice.post(`/api/teams/${teamA}/cases`, {
      householdId: elsewhere.body.id,
      title: 'Zorgen om het gezin',
      casusregisseurId: aliceId,
    });
    expect(wrongHousehold.body).toMatchObject({
      details: [{ path: 'householdId', issue: 'not-in-team' }],
    });

    const created = await alice.post<CaseDetail>(`/api/teams/${teamA}/cases`, {
      householdId: household.id,
      title: 'Zorgen om het gezin',
      casusregisseurId: annaId,
      procesregisseurId: aliceId,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'aanmelding',
      householdLabel: 'Huishouden Testgezin',
      casusregisseur: { id: annaId, displayName: 'Anna Noordhoek' },
      procesregisseur: { id: aliceId },
      procesregisseurAssignment: {
        since: clock.now().toISOString(),
        assignedBy: { id: aliceId, displayName: 'Alice Aalbers' },
      },
      statusHistory: [{ status: 'aanmelding', at: clock.now().toISOString(), byUserId: aliceId }],
      allowedTransitions: expect.arrayContaining(['vraagverheldering', 'afgesloten']),
      safetyMarker: false,
      consentCoverage: { mdo: 'ontbreekt', validConsentIds: [], expiredConsentIds: [] },
    });
    caseId = created.body.id;
  });

  it('records every transition with time and user, computes lead times and refuses a skip with 409', async () => {
    const start = new Date(
      (await anna.get<CaseDetail>(`/api/cases/${caseId}`)).body.statusHistory[0]?.at as string,
    );
    await jump(3 * DAY);
    const atVraag = clock.now();
    const v = await anna.post<CaseDetail>(`/api/cases/${caseId}/status`, {
      to: 'vraagverheldering',
    });
    expect(v.status).toBe(200);
    const skip = await anna.post(`/api/cases/${caseId}/status`, { to: 'uitvoering' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({
      code: 'CONFLICT',
      details: [{ path: 'to', issue: 'not-allowed' }],
    });
    await jump(10 * DAY);
    const atPlan = clock.now();
    const plan = await anna.post<CaseDetail>(`/api/cases/${caseId}/status`, { to: 'plan' });
    expect(plan.body.status).toBe('plan');
    expect(plan.body.statusHistory).toEqual([
      { status: 'aanmelding', at: start.toISOString(), byUserId: aliceId },
      {
        status: 'vraagverheldering',
        at: atVraag.toISOString(),
        byUserId: annaId,
      },
      { status: 'plan', at: atPlan.toISOString(), byUserId: annaId },
    ]);
    expect(plan.body.leadTimes).toEqual({ aanmeldingToPlan: 13, aanmeldingToAfgesloten: null });
    expect(plan.body.allowedTransitions.sort()).toEqual(['afgesloten', 'uitvoering']);
    const back = await anna.post(`/api/cases/${caseId}/status`, { to: 'aanmelding' });
    expect(back.status).toBe(409);

    const updated = await anna.request<CaseDetail>('PATCH', `/api/cases/${caseId}`, {
      title: 'Zorgen om het gezin (herzien)',
      involved: [{ organisation: 'GGD Voorbeeldstad', discipline: 'jeugdverpleegkundige' }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.involved).toEqual([
      { organisation: 'GGD Voorbeeldstad', discipline: 'jeugdverpleegkundige', contactName: null },
    ]);
  });

  it('keeps the consent ledger: valid, expired with the clock, withdrawn; coverage and the audit legal basis follow', async () => {
    const today = clock.now().toISOString().slice(0, 10);
    const expires = new Date(clock.now().getTime() + 10 * DAY).toISOString().slice(0, 10);
    const missingGiver = await alice.post(`/api/households/${household.id}/consents`, {
      basis: 'toestemming',
      purpose: 'mdo',
      dataCategories: ['identificatie'],
      recipients: [{ kind: 'team', teamId: teamA }],
      grantedAt: today,
    });
    expect(missingGiver.status).toBe(400);
    const created = await alice.post<Consent>(`/api/households/${household.id}/consents`, {
      basis: 'toestemming',
      purpose: 'mdo',
      dataCategories: ['identificatie', 'financien'],
      recipients: [{ kind: 'team', teamId: teamA }],
      grantedByPersonId: person.id,
      grantedAt: today,
      expiresAt: expires,
      note: '<b>mondeling</b> & schriftelijk',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'geldig',
      recordedByUserId: aliceId,
      note: '<b>mondeling</b> & schriftelijk',
    });
    consentId = created.body.id;
    const covered = await anna.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(covered.body.consentCoverage).toEqual({
      mdo: 'gedekt',
      validConsentIds: [consentId],
      expiredConsentIds: [],
    });
    const reads = (await eventsFor(household.id)).filter((e) => e.action === 'case.read');
    expect(reads.at(-1)?.legalBasis).toBe(consentId);

    await jump(10 * DAY - 10 * 60_000); // the expiry date itself is still covered
    expect((await anna.get<CaseDetail>(`/api/cases/${caseId}`)).body.consentCoverage.mdo).toBe(
      'gedekt',
    );
    await jump(1 * DAY);
    const expired = await alice.get<HouseholdDetail>(`/api/households/${household.id}`);
    expect(expired.body.consents.find((c) => c.id === consentId)?.state).toBe('verlopen');
    const coverage = (await anna.get<CaseDetail>(`/api/cases/${caseId}`)).body.consentCoverage;
    expect(coverage).toEqual({
      mdo: 'verlopen',
      validConsentIds: [],
      expiredConsentIds: [consentId],
    });
    const lastRead = (await eventsFor(household.id)).filter((e) => e.action === 'case.read').at(-1);
    expect(lastRead?.legalBasis).toBeNull();

    const renewed = await alice.post<Consent>(`/api/households/${household.id}/consents`, {
      basis: 'wettelijke-grondslag',
      legalBasis: 'wettelijke-taak-jeugdwet',
      purpose: 'mdo',
      dataCategories: ['jeugdhulp'],
      recipients: [{ kind: 'discipline', discipline: 'jeugdprofessional' }],
      grantedAt: clock.now().toISOString().slice(0, 10),
    });
    expect(renewed.body.state).toBe('geldig');
    const withdrawn = await alice.post<Consent>(`/api/consents/${renewed.body.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      state: 'ingetrokken',
      withdrawnAt: clock.now().toISOString(),
    });
    expect((await anna.get<CaseDetail>(`/api/cases/${caseId}`)).body.consentCoverage.mdo).toBe(
      'verlopen',
    );
  });

  it('validates a ZRM assessment in full with the domain rules; the caller is the assessor', async () => {
    const today = clock.now().toISOString().slice(0, 10);
    const six = zrm2017(today);
    (six.domains['financien'] as { score: number }).score = 6;
    expect((await anna.post(`/api/cases/${caseId}/zrm`, six)).status).toBe(400);
    const future = await anna.post(`/api/cases/${caseId}/zrm`, zrm2017('2200-01-01'));
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({
      details: [{ path: 'assessedAt', issue: 'in-the-future' }],
    });
    const missing = zrm2017(today);
    delete missing.domains['justitie'];
    const refused = await anna.post(`/api/cases/${caseId}/zrm`, missing);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      details: [{ path: 'domains.justitie', issue: 'missing-domain' }],
    });
    const noSource = zrm2017(today);
    noSource.domains['financien'] = { score: 2 };
    expect((await anna.post(`/api/cases/${caseId}/zrm`, noSource)).status).toBe(400);

    const created = await anna.post<ZrmAssessment>(`/api/cases/${caseId}/zrm`, zrm2017(today));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: '2017',
      assessedAt: today,
      assessor: { id: annaId, displayName: 'Anna Noordhoek' },
      stale: false,
    });
    expect(created.body.domains['financien']).toMatchObject({
      score: 3,
      toelichting: 'toelichting financien',
    });
    zrmId = created.body.id;
    zrmAssessedAt = created.body.assessedAt;
  });

  it('refuses a preparation as ready without a question, then marks it ready; editing returns it to draft', async () => {
    const created = await anna.post<Preparation>(`/api/cases/${caseId}/preparations`, {
      content: {
        krachten: 'score < 3 maar <script>alert(1)</script> blijft tekst',
        zrmAssessmentId: zrmId,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      missingForReady: ['vraag'],
      zrmStale: false,
      readyAt: null,
    });
    expect(created.body.content['krachten']).toBe(
      'score < 3 maar <script>alert(1)</script> blijft tekst',
    );
    preparationId = created.body.id;

    const refused = await anna.post(`/api/preparations/${preparationId}/ready`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'vraag', issue: 'required-for-ready' }],
    });
    const edited = await anna.request<Preparation>('PUT', `/api/preparations/${preparationId}`, {
      content: { vraag: 'Welke hulp past het best bij dit gezin?', zrmAssessmentId: zrmId },
    });
    expect(edited.body.missingForReady).toEqual([]);
    const ready = await anna.post<Preparation>(`/api/preparations/${preparationId}/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', readyAt: clock.now().toISOString() });
    const again = await anna.request<Preparation>('PUT', `/api/preparations/${preparationId}`, {
      content: {
        vraag: 'Welke hulp past het best bij dit gezin, en wie doet wat?',
        zrmAssessmentId: zrmId,
      },
    });
    expect(again.body).toMatchObject({ status: 'draft', readyAt: null });
    await anna.post(`/api/preparations/${preparationId}/ready`);
    const draft = await anna.post<Preparation>(`/api/preparations/${preparationId}/draft`);
    expect(draft.body.status).toBe('draft');
    await anna.post(`/api/preparations/${preparationId}/ready`);
  });

  it('lets colleagues of the team comment; text is stored verbatim', async () => {
    const comment = await alice.post<PreparationComment>(
      `/api/preparations/${preparationId}/comments`,
      {
        text: '<img src=x onerror=alert(1)> kan ik aansluiten?',
      },
    );
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({
      author: { id: aliceId, displayName: 'Alice Aalbers' },
      text: '<img src=x onerror=alert(1)> kan ik aansluiten?',
    });
    const detail = await anna.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(detail.body.preparations[0]?.comments.map((c) => c.text)).toEqual([
      '<img src=x onerror=alert(1)> kan ik aansluiten?',
    ]);
  });

  it('flags the preparation’s ZRM snapshot as stale after 30 days', async () => {
    // Stale counts from the assessment date's midnight (UTC): just under 30 days is still fresh.
    await jump(
      Date.parse(`${zrmAssessedAt}T00:00:00Z`) + 30 * DAY - 3_600_000 - clock.now().getTime(),
    );
    let detail = await anna.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(detail.body.preparations[0]?.zrmStale).toBe(false);
    await jump(2 * 3_600_000);
    detail = await anna.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(detail.body.preparations[0]?.zrmStale).toBe(true);
    expect(detail.body.zrm[0]?.stale).toBe(true);
  });

  it('guides the Meldcode record: steps in order, one open record, a safety marker in the case list', async () => {
    const opened = await anna.post<MeldcodeRecordView>(`/api/cases/${caseId}/meldcode`);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      nextAllowedSteps: [1],
      safetyMarker: false,
      closedAt: null,
      openedBy: annaId,
    });
    expect((await anna.post(`/api/cases/${caseId}/meldcode`)).status).toBe(409);
    const recordId = opened.body.id;
    const outOfOrder = await anna.post(`/api/meldcode/${recordId}/steps`, {
      step: 2,
      decision: 'Overlegd',
      consulted: ['aandachtsfunctionaris'],
    });
    expect(outOfOrder.status).toBe(409);
    expect(outOfOrder.body).toMatchObject({
      code: 'CONFLICT',
      details: [{ path: 'step', issue: 'step-out-of-order' }],
    });
    const step1 = await anna.post<MeldcodeRecordView>(`/api/meldcode/${recordId}/steps`, {
      step: 1,
      decision: 'Signalen vastgelegd',
      kindcheck: { kinderenAanwezig: true },
    });
    expect(step1.status).toBe(200);
    expect(step1.body).toMatchObject({ safetyMarker: true, nextAllowedSteps: [1, 2] });
    expect(step1.body.entries[0]).toMatchObject({
      step: 1,
      by: annaId,
      at: clock.now().toISOString(),
    });
    const special = await anna.post(`/api/meldcode/${recordId}/steps`, {
      step: 2,
      decision: 'Overlegd',
      consulted: ['aandachtsfunctionaris'],
      specialForms: ['huwelijksdwang'],
    });
    expect(special.body).toMatchObject({
      details: [{ path: 'step', issue: 'veilig-thuis-required' }],
    });

    // A second case without a record, to see the filter work.
    const quiet = await alice.post<CaseDetail>(`/api/teams/${teamA}/cases`, {
      householdId: household.id,
      title: 'Tweede vraag: WONINGAANPASSING',
      casusregisseurId: aliceId,
    });
    const all = await alice.get<CaseSummary[]>(`/api/teams/${teamA}/cases`);
    expect(all.body).toHaveLength(2);
    expect(all.body.find((c) => c.id === caseId)?.safetyMarker).toBe(true);
    const safety = await alice.get<CaseSummary[]>(`/api/teams/${teamA}/cases?safety=ja`);
    expect(safety.body.map((c) => c.id)).toEqual([caseId]);
    const search = await alice.get<CaseSummary[]>(`/api/teams/${teamA}/cases?q=woningaanpassing`);
    expect(search.body.map((c) => c.id)).toEqual([quiet.body.id]);
    const byLabel = await alice.get<CaseSummary[]>(`/api/teams/${teamA}/cases?q=TESTGEZIN`);
    expect(byLabel.body).toHaveLength(2);
    const byStatus = await alice.get<CaseSummary[]>(`/api/teams/${teamA}/cases?status=aanmelding`);
    expect(byStatus.body.map((c) => c.id)).toEqual([quiet.body.id]);
    const byRegisseur = await alice.get<CaseSummary[]>(
      `/api/teams/${teamA}/cases?regisseurId=${annaId}`,
    );
    expect(byRegisseur.body.map((c) => c.id)).toEqual([caseId]);
    expect((await alice.get(`/api/teams/${teamA}/cases?q=%25`)).body).toEqual([]);
    const detail = await anna.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(detail.body.safetyMarker).toBe(true);
    expect(detail.body.meldcode).toHaveLength(1);
  });

  it('refuses a member of another team everywhere with 403, audited as denied with the clientId', async () => {
    const answers = [
      await bob.get(`/api/households/${household.id}`),
      await bob.request('PATCH', `/api/households/${household.id}`, { label: 'Overgenomen' }),
      await bob.post(`/api/households/${household.id}/persons`, personInput()),
      await bob.get(`/api/cases/${caseId}`),
      await bob.post(`/api/cases/${caseId}/status`, { to: 'uitvoering' }),
      await bob.request('PUT', `/api/preparations/${preparationId}`, { content: {} }),
      await bob.post(`/api/preparations/${preparationId}/comments`, { text: 'meekijken' }),
      await bob.get(`/api/households/${household.id}/access-log`),
      await bob.get(`/api/teams/${teamA}/cases`),
      await bob.get(`/api/teams/${teamA}/households`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ code: 'FORBIDDEN' });
    }
    // Same answer for an object that does not exist.
    const unknown = await bob.get(`/api/households/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(403);
    expect((unknown.body as { message: string }).message).toBe(
      (answers[0]?.body as { message: string }).message,
    );

    const denied = (await eventsFor(household.id)).filter(
      (e) => e.actor.userId === bobId && e.outcome === 'denied',
    );
    expect(denied.map((e) => e.action).sort()).toEqual(
      [
        'access-log.export',
        'case.read',
        'case.status',
        'household.read',
        'household.update',
        'person.create',
        'preparation.comment',
        'preparation.update',
      ].sort(),
    );
    const unchanged = await alice.get<HouseholdDetail>(`/api/households/${household.id}`);
    expect(unchanged.body.label).toBe('Huishouden Testgezin');
  });

  it('refuses an organisation admin who is no member, audited as denied', async () => {
    for (const path of [
      `/api/households/${household.id}`,
      `/api/cases/${caseId}`,
      `/api/teams/${teamA}/cases`,
      `/api/households/${household.id}/access-log`,
    ]) {
      const answer = await admin.get(path);
      expect(answer.status).toBe(403);
    }
    const denied = await audit().query(
      { outcome: 'denied', action: 'case.read' },
      { limit: 50 },
      AUDIT_SCOPE_ALL,
    );
    expect(denied.events.some((e) => e.actor.role === 'org-admin')).toBe(true);
  });

  it('does not open a case to a procesregisseur from another team set before the rule', async () => {
    // A case file that already names a member of another team (assigned before the rule).
    await dataSourceOf(t.app).query(
      'UPDATE "client_case" SET "procesregisseur_id" = $1 WHERE "id" = $2',
      [procesId, caseId],
    );
    expect((await procesregisseur.get(`/api/cases/${caseId}`)).status).toBe(403);
    expect((await procesregisseur.get(`/api/households/${household.id}`)).status).toBe(403);
    await dataSourceOf(t.app).query(
      'UPDATE "client_case" SET "procesregisseur_id" = $1 WHERE "id" = $2',
      [aliceId, caseId],
    );
  });

  it('audits every read and write with the household as clientId', async () => {
    const events = await eventsFor(household.id);
    const allowed = new Set(events.filter((e) => e.outcome === 'allowed').map((e) => e.action));
    for (const action of [
      'household.create',
      'household.read',
      'household.update',
      'person.create',
      'person.update',
      'network.update',
      'consent.create',
      'consent.withdraw',
      'case.create',
      'case.read',
      'case.update',
      'case.status',
      'zrm.create',
      'meldcode.open',
      'meldcode.step',
      'preparation.create',
      'preparation.update',
      'preparation.ready',
      'preparation.comment',
    ]) {
      expect([action, allowed.has(action)]).toEqual([action, true]);
    }
    const failed = events.filter((e) => e.outcome === 'failed').map((e) => e.action);
    expect(failed).toEqual(expect.arrayContaining(['case.status', 'meldcode.step', 'zrm.create']));
    for (const e of events) expect(e.clientId).toBe(household.id);
    const read = events.find((e) => e.action === 'case.read');
    expect(read?.context).toMatchObject({ teamId: teamA, caseId });
    expect(read?.object).toEqual({ type: 'case', id: caseId });
    // Alice (chair of team A) commented: the team stays in the context, so her team role is
    // recorded (the comment's context used to replace the team's, and "member" was recorded).
    const comment = events.find(
      (e) => e.action === 'preparation.comment' && e.outcome === 'allowed',
    );
    expect(comment?.context).toMatchObject({ teamId: teamA, caseId, preparationId });
    expect(comment?.actor.role).toBe('chair');
  });

  it('exports the access log (AVG art. 15) as JSON and CSV, by role and organisation, without names', async () => {
    const json = await alice.get<AccessLog>(`/api/households/${household.id}/access-log`);
    expect(json.status).toBe(200);
    expect(json.body.householdId).toBe(household.id);
    const reads = json.body.entries.filter(
      (e) => e.codes.action === 'household.read' && e.codes.outcome === 'allowed',
    );
    expect(reads.length).toBeGreaterThan(0);
    // In words a citizen understands (Dutch by default), the codes beside them.
    expect(reads[0]).toMatchObject({
      role: 'Voorzitter van het overleg',
      organisation: orgName,
      action: 'Gegevens van het huishouden bekeken',
      data: 'Gegevens van het huishouden',
      purpose: 'Regie op de hulp',
      outcome: 'Toegestaan',
      codes: { role: 'chair', data: 'household', purpose: 'casusregie' },
    });
    expect(json.body.entries.some((e) => e.outcome === 'Geweigerd')).toBe(true);
    const text = JSON.stringify(json.body);
    for (const name of ['Alice', 'Anna', 'Bob', 'Paula', aliceId, annaId, bobId])
      expect(text).not.toContain(name);

    const res = await fetch(`${t.baseUrl}/api/households/${household.id}/access-log?format=csv`, {
      headers: { cookie: alice.cookieHeader },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="inzageverzoek-${household.id}.csv"`,
    );
    const csv = await res.text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '"Datum en tijd";"Wie (rol)";"Organisatie";"Wat";"Welke gegevens";"Doel";"Resultaat"',
    );
    expect(
      lines.some(
        (l) => l.includes('"Gegevens van het huishouden bekeken"') && l.includes(`"${orgName}"`),
      ),
    ).toBe(true);
    expect(csv).not.toContain('household.read');
    for (const name of ['Alice', 'Anna', 'Bob', aliceId]) expect(csv).not.toContain(name);

    const exports = (await eventsFor(household.id)).filter(
      (e) => e.action === 'access-log.export' && e.outcome === 'allowed',
    );
    expect(exports).toHaveLength(2);
  });

  it('refuses a 5 MB text field with 413 and stays well', async () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const answer = await alice.post(`/api/preparations/${preparationId}/comments`, { text: huge });
    expect(answer.status).toBe(413);
    const tooLong = await alice.post(`/api/preparations/${preparationId}/comments`, {
      text: 'x'.repeat(2001),
    });
    expect(tooLong.status).toBe(400);
    expect((await alice.get(`/api/cases/${caseId}`)).status).toBe(200);
  });
});
