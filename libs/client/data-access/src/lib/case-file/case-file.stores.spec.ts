import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CaseDetail, HouseholdDetail } from '@casustafel/contracts';
import { failureDetails } from '../errors/api-failure';
import { buildTeamDetail, IDS } from '../testing/fixtures';
import { CaseListStore } from './case-list.store';
import { CaseStore } from './case.store';
import { HouseholdStore } from './household.store';

const HH = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const CASE = '6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const PERSON = '7c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f';
const PREP = '8d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f70';
const RECORD = '9e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a81';
const NOW = '2026-11-20T09:00:00.000Z';

function household(overrides: Partial<HouseholdDetail> = {}): HouseholdDetail {
  return {
    id: HH,
    teamId: IDS.team,
    label: 'Huishouden Jansen',
    memberCount: 0,
    createdAt: NOW,
    address: null,
    members: [],
    network: [],
    consents: [],
    ...overrides,
  };
}

function caseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: CASE,
    teamId: IDS.team,
    householdId: HH,
    householdLabel: 'Huishouden Jansen',
    title: 'Schulden en schooluitval',
    status: 'aanmelding',
    casusregisseur: { id: IDS.user, displayName: 'Fatima el Amrani' },
    safetyMarker: false,
    updatedAt: NOW,
    procesregisseur: null,
    casusregisseurAssignment: { since: null, assignedBy: null },
    procesregisseurAssignment: null,
    involved: [],
    statusHistory: [{ status: 'aanmelding', at: NOW, byUserId: IDS.user }],
    allowedTransitions: ['vraagverheldering', 'afgesloten'],
    leadTimes: { aanmeldingToPlan: null, aanmeldingToAfgesloten: null },
    consentCoverage: { mdo: 'ontbreekt', validConsentIds: [], expiredConsentIds: [] },
    zrm: [],
    meldcode: [],
    preparations: [],
    ...overrides,
  };
}

describe('case-file stores', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  }

  describe('CaseListStore', () => {
    it('opens a team: cases with filters as query, members and households', async () => {
      const store = TestBed.inject(CaseListStore);
      const open = store.open(IDS.team, { status: 'plan', safety: 'ja', q: 'jansen' });
      const list = http.expectOne(
        (r) => r.method === 'GET' && r.url === `/api/teams/${IDS.team}/cases`,
      );
      expect(list.request.params.get('status')).toBe('plan');
      expect(list.request.params.get('safety')).toBe('ja');
      expect(list.request.params.get('q')).toBe('jansen');
      expect(list.request.params.has('regisseurId')).toBe(false);
      list.flush([]);
      http.expectOne(`/api/teams/${IDS.team}`).flush(buildTeamDetail());
      http
        .expectOne(`/api/teams/${IDS.team}/regisseur-candidates`)
        .flush([{ id: IDS.user, displayName: 'Fatima el Amrani' }]);
      http.expectOne(`/api/teams/${IDS.team}/households`).flush([household()]);
      await open;
      expect(store.cases()).toEqual([]);
      expect(store.households().map((h) => h.label)).toEqual(['Huishouden Jansen']);
      expect(store.members()).toHaveLength(1);
      // The regisseur pickers offer only whom the api accepts as regisseur.
      expect(store.regisseurCandidates()).toEqual([
        { id: IDS.user, displayName: 'Fatima el Amrani' },
      ]);
    });

    it('creates a household, then each member with POST /households/:id/persons', async () => {
      const store = TestBed.inject(CaseListStore);
      const create = store.createHousehold(
        IDS.team,
        { label: 'Huishouden Jansen', address: null },
        [
          { givenName: 'Anna', familyName: 'Jansen', role: 'ouder', bsn: '111222333' },
          { givenName: 'Tim', familyName: 'Jansen', role: 'kind' },
        ],
      );
      const post = http.expectOne({ method: 'POST', url: `/api/teams/${IDS.team}/households` });
      expect(post.request.body).toEqual({ label: 'Huishouden Jansen', address: null });
      post.flush(household());
      await settle();
      const first = http.expectOne({ method: 'POST', url: `/api/households/${HH}/persons` });
      expect(first.request.body).toMatchObject({ givenName: 'Anna', bsn: '111222333' });
      first.flush({ id: PERSON });
      await settle();
      http.expectOne({ method: 'POST', url: `/api/households/${HH}/persons` }).flush(
        {
          code: 'VALIDATION_FAILED',
          message: 'm',
          requestId: 'r',
          details: [{ path: 'bsn', issue: 'invalid-bsn' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      const outcome = await create;
      expect(outcome.result.ok).toBe(true);
      expect(outcome.memberFailures.map((f) => f.index)).toEqual([1]);
      expect(failureDetails(outcome.memberFailures[0].failure)).toEqual([
        { path: 'bsn', issue: 'invalid-bsn' },
      ]);
    });

    it('creates a case with POST /teams/:teamId/cases', async () => {
      const store = TestBed.inject(CaseListStore);
      const create = store.createCase(IDS.team, {
        householdId: HH,
        title: 'Schulden',
        casusregisseurId: IDS.user,
      });
      const post = http.expectOne({ method: 'POST', url: `/api/teams/${IDS.team}/cases` });
      expect(post.request.body).toMatchObject({ householdId: HH, title: 'Schulden' });
      post.flush({ id: CASE });
      const result = await create;
      expect(result.ok && result.data.id).toBe(CASE);
    });
  });

  describe('HouseholdStore', () => {
    let store: HouseholdStore;

    beforeEach(async () => {
      store = TestBed.inject(HouseholdStore);
      const load = store.load(HH);
      http.expectOne({ method: 'GET', url: `/api/households/${HH}` }).flush(household());
      await load;
    });

    async function thenReload(): Promise<void> {
      await settle();
      http.expectOne({ method: 'GET', url: `/api/households/${HH}` }).flush(household());
    }

    it('sends every household intent to its endpoint and reloads afterwards', async () => {
      const calls: [Promise<unknown>, string, string][] = [];
      const expectCall = async (
        run: () => Promise<unknown>,
        method: string,
        url: string,
        answer: object | null = { id: PERSON },
      ): Promise<unknown> => {
        const pending = run();
        const request = http.expectOne({ method, url });
        request.flush(answer, method === 'DELETE' ? { status: 204, statusText: 'No Content' } : {});
        await thenReload();
        calls.push([pending, method, url]);
        return request.request.body;
      };
      await expectCall(
        () => store.update(HH, { label: 'Gezin Jansen' }),
        'PATCH',
        `/api/households/${HH}`,
      );
      await expectCall(
        () => store.addPerson(HH, { givenName: 'Anna', familyName: 'Jansen', role: 'ouder' }),
        'POST',
        `/api/households/${HH}/persons`,
      );
      await expectCall(
        () => store.updatePerson(HH, PERSON, { phone: '0612345678' }),
        'PATCH',
        `/api/persons/${PERSON}`,
      );
      await expectCall(
        () => store.addNetworkPerson(HH, { name: 'Oma Jansen', relation: 'familie' }),
        'POST',
        `/api/households/${HH}/network`,
      );
      await expectCall(
        () => store.removeNetworkPerson(HH, PERSON),
        'DELETE',
        `/api/network/${PERSON}`,
        null,
      );
      const consent = await expectCall(
        () =>
          store.recordConsent(HH, {
            basis: 'toestemming',
            purpose: 'mdo',
            dataCategories: ['identificatie'],
            recipients: [{ kind: 'team', teamId: IDS.team }],
            grantedByPersonId: PERSON,
            grantedAt: '2026-11-01',
          }),
        'POST',
        `/api/households/${HH}/consents`,
      );
      expect(consent).toMatchObject({ basis: 'toestemming', purpose: 'mdo' });
      await expectCall(
        () => store.withdrawConsent(HH, PERSON),
        'POST',
        `/api/consents/${PERSON}/withdraw`,
      );
      for (const [pending] of calls) expect(((await pending) as { ok: boolean }).ok).toBe(true);
    });

    it('loads the access log in the UI language, as JSON and as a CSV download', async () => {
      const log = store.loadAccessLog(HH, 'en');
      const json = http.expectOne(
        (r) => r.method === 'GET' && r.url === `/api/households/${HH}/access-log`,
      );
      expect(json.request.params.get('lang')).toBe('en');
      json.flush({ householdId: HH, generatedAt: NOW, lang: 'en', entries: [] });
      expect((await log).ok).toBe(true);
      expect(store.accessLog()?.entries).toEqual([]);

      const csv = store.accessLogCsv(HH);
      const request = http.expectOne(
        (r) =>
          r.url === `/api/households/${HH}/access-log` &&
          r.params.get('format') === 'csv' &&
          r.params.get('lang') === 'nl',
      );
      expect(request.request.responseType).toBe('blob');
      request.flush(new Blob(['at;role\n'], { type: 'text/csv' }));
      expect((await csv).ok).toBe(true);
    });

    it('keeps the household when a change is refused and reports the field issues', async () => {
      const add = store.addPerson(HH, { givenName: 'A', familyName: 'B', role: 'kind' });
      http.expectOne(`/api/households/${HH}/persons`).flush(
        {
          code: 'VALIDATION_FAILED',
          message: 'm',
          requestId: 'r',
          details: [{ path: 'dateOfBirth', issue: 'out-of-range' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      const result = await add;
      expect(!result.ok && failureDetails(result.failure)).toEqual([
        { path: 'dateOfBirth', issue: 'out-of-range' },
      ]);
      expect(store.household()?.label).toBe('Huishouden Jansen');
    });
  });

  describe('CaseStore', () => {
    let store: CaseStore;

    beforeEach(async () => {
      store = TestBed.inject(CaseStore);
      const load = store.load(CASE);
      http.expectOne({ method: 'GET', url: `/api/cases/${CASE}` }).flush(caseDetail());
      await settle();
      http.expectOne(`/api/teams/${IDS.team}`).flush(buildTeamDetail());
      http.expectOne(`/api/teams/${IDS.team}/regisseur-candidates`).flush([]);
      await load;
    });

    async function call(
      run: () => Promise<unknown>,
      method: string,
      url: string,
    ): Promise<unknown> {
      const pending = run();
      const request = http.expectOne({ method, url });
      request.flush({ id: PREP });
      await settle();
      http.expectOne({ method: 'GET', url: `/api/cases/${CASE}` }).flush(caseDetail());
      expect(((await pending) as { ok: boolean }).ok).toBe(true);
      return request.request.body;
    }

    it('loads the case and the team members for the pickers', () => {
      expect(store.case()?.title).toBe('Schulden en schooluitval');
      expect(store.members()).toHaveLength(1);
    });

    it('sends every case intent to its endpoint and reloads the case', async () => {
      expect(
        await call(() => store.update(CASE, { title: 'Nieuw' }), 'PATCH', `/api/cases/${CASE}`),
      ).toEqual({ title: 'Nieuw' });
      expect(
        await call(
          () => store.transition(CASE, 'vraagverheldering'),
          'POST',
          `/api/cases/${CASE}/status`,
        ),
      ).toEqual({ to: 'vraagverheldering' });
      await call(
        () => store.addZrm(CASE, { version: '2017', assessedAt: '2026-11-19', domains: {} }),
        'POST',
        `/api/cases/${CASE}/zrm`,
      );
      await call(() => store.openMeldcodeRecord(CASE), 'POST', `/api/cases/${CASE}/meldcode`);
      expect(
        await call(
          () =>
            store.addMeldcodeStep(CASE, RECORD, {
              step: 1,
              decision: 'Signalen vastgelegd',
              kindcheck: { kinderenAanwezig: true },
            }),
          'POST',
          `/api/meldcode/${RECORD}/steps`,
        ),
      ).toMatchObject({ step: 1 });
      await call(
        () => store.createPreparation(CASE, { meetingDate: null, content: {} }),
        'POST',
        `/api/cases/${CASE}/preparations`,
      );
      expect(
        await call(
          () => store.savePreparation(CASE, PREP, { vraag: 'Wat is nodig?' }),
          'PUT',
          `/api/preparations/${PREP}`,
        ),
      ).toEqual({ content: { vraag: 'Wat is nodig?' } });
      await call(() => store.markReady(CASE, PREP), 'POST', `/api/preparations/${PREP}/ready`);
      await call(() => store.backToDraft(CASE, PREP), 'POST', `/api/preparations/${PREP}/draft`);
      expect(
        await call(
          () => store.addComment(CASE, PREP, 'Goed punt'),
          'POST',
          `/api/preparations/${PREP}/comments`,
        ),
      ).toEqual({ text: 'Goed punt' });
    });

    it('reports a refused transition (409 not-allowed) without reloading', async () => {
      const move = store.transition(CASE, 'afgesloten');
      http.expectOne(`/api/cases/${CASE}/status`).flush(
        {
          code: 'CONFLICT',
          message: 'm',
          requestId: 'r',
          details: [{ path: 'to', issue: 'not-allowed' }],
        },
        { status: 409, statusText: 'Conflict' },
      );
      const result = await move;
      expect(!result.ok && failureDetails(result.failure)[0]?.issue).toBe('not-allowed');
    });
  });
});
