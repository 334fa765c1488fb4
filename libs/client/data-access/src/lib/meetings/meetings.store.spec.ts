import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MeetingsStore } from './meetings.store';

const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const TEAM = '9f8e7d6c-5b4a-4321-8fed-cba987654321';
const ITEM = '1f8e7d6c-5b4a-4321-8fed-cba987654321';

const detail = (status: string) => ({
  id: MEETING,
  teamId: TEAM,
  seriesId: null,
  startsAt: '2026-03-03T08:30:00.000Z',
  status,
  chairId: TEAM,
  agenda: [],
});

/** Lets the store's awaited http answers run. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MeetingsStore: closing and cancelling', () => {
  let store: MeetingsStore;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(MeetingsStore);
    http = TestBed.inject(HttpTestingController);
    const open = store.openMeeting(MEETING);
    http.expectOne(`/api/meetings/${MEETING}`).flush(detail('gepland'));
    await tick();
    http.expectOne(`/api/teams/${TEAM}`).flush({ id: TEAM, members: [] });
    await open;
  });

  afterEach(() => http.verify());

  it('asks what closing would carry forward', async () => {
    const preview = store.closePreview();
    http.expectOne(`/api/meetings/${MEETING}/close-preview`).flush({
      undiscussedItemIds: [ITEM],
      destination: 'einde-reeks',
      nextMeeting: null,
    });
    const result = await preview;
    expect(result.ok && result.data.destination).toBe('einde-reeks');
  });

  it('cancels the open meeting and reloads the team’s list', async () => {
    const cancelled = store.cancel();
    const request = http.expectOne(`/api/meetings/${MEETING}/cancel`);
    expect(request.request.method).toBe('POST');
    request.flush(detail('geannuleerd'));
    await tick();
    http.expectOne(`/api/teams/${TEAM}/meetings`).flush([]);
    expect((await cancelled).ok).toBe(true);
    expect(store.meeting()?.status).toBe('geannuleerd');
  });

  it('changes time and roles with PATCH', async () => {
    const updated = store.update({ timekeeperId: ITEM, minuteTakerId: null });
    const request = http.expectOne(`/api/meetings/${MEETING}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ timekeeperId: ITEM, minuteTakerId: null });
    request.flush(detail('gepland'));
    await tick();
    http.expectOne(`/api/teams/${TEAM}/meetings`).flush([]);
    expect((await updated).ok).toBe(true);
  });
});

describe('MeetingsStore: the case files of the agenda (the live room)', () => {
  const CASE_A = '2a8e7d6c-5b4a-4321-8fed-cba987654321';
  const CASE_B = '3b8e7d6c-5b4a-4321-8fed-cba987654321';
  const item = (n: number, order: number, caseId: string | null) => ({
    id: `4c8e7d6c-5b4a-4321-8fed-cba98765432${n}`,
    kind: caseId ? 'casusbespreking' : 'mededeling',
    title: '',
    presenterUserId: TEAM,
    timeBoxMinutes: 10,
    order,
    status: 'gepland',
    preparationId: null,
    caseId,
    carriedFromItemId: null,
    consent: null,
    plannedStart: null,
    plannedEnd: null,
  });
  let store: MeetingsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(MeetingsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function open(agenda: unknown[]): Promise<void> {
    const opened = store.openMeeting(MEETING);
    http.expectOne(`/api/meetings/${MEETING}`).flush({ ...detail('live'), agenda });
    await tick();
    http.expectOne(`/api/teams/${TEAM}`).flush({ id: TEAM, members: [] });
    await opened;
  }

  it('asks only for the cases on the agenda, each once, never for the team’s case list', async () => {
    await open([item(1, 0, CASE_A), item(2, 1, null), item(3, 2, CASE_A)]);
    expect(store.agendaCasesLoaded()).toBe(false);
    const loading = store.loadAgendaCases();
    // A second call while the first is under way asks for nothing more.
    await store.loadAgendaCases();
    http
      .expectOne(`/api/cases/${CASE_A}`)
      .flush({ message: 'geen toegang' }, { status: 403, statusText: 'Forbidden' });
    await loading;
    http.expectNone(`/api/teams/${TEAM}/cases`);
    expect(store.agendaCasesLoaded()).toBe(true);
    // Refused: nothing to show, and the panel says so instead of waiting forever.
    expect(store.caseDetails().has(CASE_A)).toBe(false);
  });

  it('asks for a case added to the agenda later, not again for the ones it has', async () => {
    await open([item(1, 0, null)]);
    expect(store.agendaCasesLoaded()).toBe(true);
    await store.loadAgendaCases();
    const reopened = store.openMeeting(MEETING);
    http
      .expectOne(`/api/meetings/${MEETING}`)
      .flush({ ...detail('live'), agenda: [item(1, 0, null), item(2, 1, CASE_B)] });
    await tick();
    for (const team of http.match(`/api/teams/${TEAM}`)) team.flush({ id: TEAM, members: [] });
    await reopened;
    expect(store.agendaCasesLoaded()).toBe(false);
    const loading = store.loadAgendaCases();
    http
      .expectOne(`/api/cases/${CASE_B}`)
      .flush({ message: 'kapot' }, { status: 500, statusText: 'Error' });
    await loading;
    expect(store.agendaCasesLoaded()).toBe(true);
    await store.loadAgendaCases();
    http.expectNone(`/api/cases/${CASE_B}`);
  });
});
