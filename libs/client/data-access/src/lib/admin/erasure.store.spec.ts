import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ErasureRequestView } from '@casustafel/contracts';
import { apiError } from '../testing/fixtures';
import { HouseholdStore } from '../case-file/household.store';
import { ErasureStore } from './erasure.store';

const REQUEST_ID = '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const HOUSEHOLD_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

function buildRequest(overrides: Partial<ErasureRequestView> = {}): ErasureRequestView {
  return {
    id: REQUEST_ID,
    householdId: HOUSEHOLD_ID,
    personId: null,
    scope: 'household',
    requestedBy: 'betrokkene',
    receivedOn: '2026-12-01',
    status: 'ontvangen',
    teamName: 'Wijkteam Noord',
    householdErased: false,
    exceptions: [],
    reason: null,
    recordedAt: '2026-12-01T10:00:00.000Z',
    assessedAt: null,
    executedAt: null,
    ...overrides,
  };
}

describe('ErasureStore', () => {
  let store: ErasureStore;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(ErasureStore);
    http = TestBed.inject(HttpTestingController);
    const load = store.load();
    http.expectOne('/api/admin/erasure-requests').flush([buildRequest()]);
    await load;
  });

  afterEach(() => http.verify());

  it('loads the requests', () => {
    expect(store.loaded()).toBe(true);
    expect(store.requests().map((r) => r.status)).toEqual(['ontvangen']);
  });

  it('assesses and executes, replacing the request in the list', async () => {
    const assess = store.assess(REQUEST_ID, { decision: 'execute', exceptions: [] });
    const assessing = http.expectOne({
      method: 'POST',
      url: `/api/admin/erasure-requests/${REQUEST_ID}/assess`,
    });
    expect(assessing.request.body).toEqual({ decision: 'execute', exceptions: [] });
    assessing.flush(buildRequest({ status: 'toegewezen', assessedAt: '2026-12-02T10:00:00.000Z' }));
    expect((await assess).ok).toBe(true);
    const execute = store.execute(REQUEST_ID);
    http
      .expectOne({ method: 'POST', url: `/api/admin/erasure-requests/${REQUEST_ID}/execute` })
      .flush(
        buildRequest({
          status: 'uitgevoerd',
          householdErased: true,
          executedAt: '2026-12-02T10:05:00.000Z',
        }),
      );
    expect((await execute).ok).toBe(true);
    expect(store.requests()).toHaveLength(1);
    expect(store.requests()[0]).toMatchObject({ status: 'uitgevoerd', householdErased: true });
  });

  it('answers a refused assessment with the api code and keeps the list as it was', async () => {
    const assess = store.assess(REQUEST_ID, { decision: 'execute', exceptions: [] });
    http
      .expectOne(`/api/admin/erasure-requests/${REQUEST_ID}/assess`)
      .flush(...apiError('CONFLICT', 409));
    const result = await assess;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure).toMatchObject({ kind: 'error', code: 'CONFLICT' });
    expect(store.requests()[0]?.status).toBe('ontvangen');
  });

  it('a team member files a request from the household (HouseholdStore), not the administrator', async () => {
    const households = TestBed.inject(HouseholdStore);
    const file = households.fileErasureRequest(HOUSEHOLD_ID, {
      scope: 'person',
      personId: REQUEST_ID,
      requestedBy: 'ouder-met-gezag',
      receivedOn: '2026-12-03',
    });
    const filing = http.expectOne({
      method: 'POST',
      url: `/api/households/${HOUSEHOLD_ID}/erasure-requests`,
    });
    expect(filing.request.body).toMatchObject({ scope: 'person', personId: REQUEST_ID });
    filing.flush(buildRequest({ scope: 'person', personId: REQUEST_ID }));
    const result = await file;
    expect(result.ok).toBe(true);
    // The administrator's store has no way to record one.
    expect('record' in store).toBe(false);
  });
});
