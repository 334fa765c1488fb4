import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { IntervisionCase } from '@casustafel/contracts';
import { IntervisionStore, openCandidatesOf } from './intervision.store';

const COPY = '6b1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TEAM = '3e9c4f4b-ad88-4f4b-ac3d-4d5e6f7a8b93';
const CASE = '8d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f70';

function copy(overrides: Partial<IntervisionCase> = {}): IntervisionCase {
  return {
    id: COPY,
    teamId: TEAM,
    title: 'Zorgen om Noa',
    status: 'in-review',
    sections: [
      {
        key: 'zorgen',
        title: 'Zorgen',
        text: 'Noa verzuimt; Xhevat kwam langs.',
        spans: [
          { start: 0, end: 3, label: 'name_known', decision: null },
          { start: 14, end: 20, label: 'candidate', decision: 'open' },
        ],
      },
    ],
    openCandidates: 1,
    releasedAt: null,
    isCreator: false,
    mayRelease: true,
    ...overrides,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('IntervisionStore', () => {
  let http: HttpTestingController;
  let store: IntervisionStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), IntervisionStore],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(IntervisionStore);
  });

  afterEach(() => http.verify());

  it('lists the open candidates with their text, section and span index', () => {
    expect(openCandidatesOf(copy())).toEqual([
      { section: 'zorgen', sectionTitle: 'Zorgen', span: 1, text: 'Xhevat' },
    ]);
    expect(openCandidatesOf(null)).toEqual([]);
  });

  it('reads a copy; a reviewer does not ask for the source', async () => {
    const loading = store.load(COPY);
    http.expectOne(`/api/intervision-cases/${COPY}`).flush(copy());
    await loading;
    http.expectNone(`/api/intervision-cases/${COPY}/source`);
    expect(store.copy()?.title).toBe('Zorgen om Noa');
    expect(store.source()).toBeNull();
    expect(store.openCandidates()).toHaveLength(1);
  });

  it('the creator also gets the link to the source case', async () => {
    const loading = store.load(COPY);
    http.expectOne(`/api/intervision-cases/${COPY}`).flush(copy({ isCreator: true }));
    await settle();
    http.expectOne(`/api/intervision-cases/${COPY}/source`).flush({
      caseId: CASE,
      reason: 'Leerzame casus over schoolverzuim',
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    await loading;
    expect(store.source()?.caseId).toBe(CASE);
  });

  it('an answer that is not a copy is refused; a 403 marks the page forbidden', async () => {
    let loading = store.load(COPY);
    http.expectOne(`/api/intervision-cases/${COPY}`).flush({ id: COPY, caseId: CASE });
    await loading;
    expect(store.copy()).toBeNull();
    expect(store.failure()).toEqual({ kind: 'invalid_response', status: 200 });
    loading = store.load(COPY);
    http
      .expectOne(`/api/intervision-cases/${COPY}`)
      .flush(
        { code: 'FORBIDDEN', message: 'x', requestId: 'r' },
        { status: 403, statusText: 'Forbidden' },
      );
    await loading;
    expect(store.forbidden()).toBe(true);
  });

  it('sends one decision, then every open one, then a removal', async () => {
    const loading = store.load(COPY);
    http.expectOne(`/api/intervision-cases/${COPY}`).flush(copy());
    await loading;
    let done = store.decide('zorgen', 1, 'keep');
    let request = http.expectOne(`/api/intervision-cases/${COPY}/review`);
    expect(request.request.body).toEqual({
      decisions: [{ section: 'zorgen', span: 1, decision: 'keep' }],
    });
    request.flush(copy());
    expect(await done).toBe(true);
    done = store.redactAllOpen();
    request = http.expectOne(`/api/intervision-cases/${COPY}/review`);
    expect(request.request.body).toEqual({
      decisions: [{ section: 'zorgen', span: 1, decision: 'redact' }],
    });
    request.flush(copy({ openCandidates: 0, sections: [] }));
    expect(await done).toBe(true);
    expect(store.openCandidates()).toEqual([]);
    done = store.remove('  roos ');
    request = http.expectOne(`/api/intervision-cases/${COPY}/review`);
    expect(request.request.body).toEqual({ removals: ['roos'] });
    request.flush(copy({ openCandidates: 0, sections: [] }));
    expect(await done).toBe(true);
  });

  it('keeps the refusal of a release with its details, and the copy as it was', async () => {
    const loading = store.load(COPY);
    http.expectOne(`/api/intervision-cases/${COPY}`).flush(copy());
    await loading;
    const done = store.release();
    http.expectOne(`/api/intervision-cases/${COPY}/release`).flush(
      {
        code: 'CONFLICT',
        message: 'x',
        requestId: 'r',
        details: [{ path: 'sections', issue: 'open-candidates' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    expect(await done).toBe(false);
    expect(store.actionFailure()).toMatchObject({
      kind: 'error',
      code: 'CONFLICT',
      details: [{ path: 'sections', issue: 'open-candidates' }],
    });
    expect(store.copy()?.status).toBe('in-review');
  });

  it("lists a team's copies", async () => {
    const loading = store.loadTeam(TEAM);
    http.expectOne(`/api/teams/${TEAM}/intervision-cases`).flush([
      {
        id: COPY,
        title: 'Zorgen om Noa',
        status: 'released',
        openCandidates: 0,
        releasedAt: '2026-03-03T09:00:00.000Z',
        isCreator: false,
        mayRelease: false,
      },
    ]);
    await loading;
    expect(store.summaries()?.map((s) => s.status)).toEqual(['released']);
  });

  it('lists the caller’s own sessions, and none when the api cannot answer', async () => {
    const loading = store.loadMySessions();
    http.expectOne('/api/me/intervision-sessions').flush([
      {
        id: COPY,
        status: 'running',
        copyTitle: 'Zorgen om Noa',
        methodName: 'Incidentmethode',
        trainerName: 'Priya Ramdin',
        role: 'deelnemer',
        startedAt: '2026-12-07T09:00:00.000Z',
        endedAt: null,
      },
    ]);
    await loading;
    expect(store.mySessions()).toMatchObject([{ id: COPY, status: 'running' }]);
    const failing = store.loadMySessions();
    http
      .expectOne('/api/me/intervision-sessions')
      .flush({ code: 'UNAVAILABLE' }, { status: 503, statusText: 'Unavailable' });
    await failing;
    expect(store.mySessions()).toEqual([]);
  });
});
