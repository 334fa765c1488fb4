import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuditEventView } from '@casustafel/contracts';
import { apiError, IDS } from '../testing/fixtures';
import { AuditStore } from './audit.store';

function event(seq: number): AuditEventView {
  return {
    seq,
    id: `5b0f9a4e-3d43-4c4f-9a55-0d1f7e2b8c${String(seq).padStart(2, '0')}`,
    occurredAt: '2026-11-22T10:00:00.000Z',
    actor: { userId: IDS.user, role: 'org-admin', onBehalfOf: null, organisationId: IDS.org },
    action: 'team.read',
    object: { type: 'team', id: IDS.team },
    clientId: null,
    purpose: null,
    context: null,
    outcome: 'allowed',
    channel: 'http',
    source: { ip: '127.0.0.1', requestId: 'r' },
    legalBasis: null,
  };
}

describe('AuditStore', () => {
  let store: AuditStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(AuditStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('searches with the filters, then loads older events with the cursor', async () => {
    const search = store.search(
      { userId: IDS.user, action: 'auth.', outcome: 'denied', clientId: '' },
      2,
    );
    const first = http.expectOne((r) => r.url === '/api/audit-events');
    expect(first.request.params.get('userId')).toBe(IDS.user);
    expect(first.request.params.get('action')).toBe('auth.');
    expect(first.request.params.get('outcome')).toBe('denied');
    expect(first.request.params.has('clientId')).toBe(false);
    expect(first.request.params.get('limit')).toBe('2');
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({ events: [event(12), event(11)], nextCursor: '11' });
    await search;
    expect(store.events().map((e) => e.seq)).toEqual([12, 11]);
    expect(store.hasMore()).toBe(true);

    const more = store.loadMore(2);
    const second = http.expectOne((r) => r.url === '/api/audit-events');
    expect(second.request.params.get('cursor')).toBe('11');
    expect(second.request.params.get('userId')).toBe(IDS.user);
    second.flush({ events: [event(10)], nextCursor: null });
    await more;
    expect(store.events().map((e) => e.seq)).toEqual([12, 11, 10]);
    expect(store.hasMore()).toBe(false);
  });

  it('shows a refusal as its error code', async () => {
    const search = store.search({});
    http
      .expectOne((r) => r.url === '/api/audit-events')
      .flush(...apiError('SECOND_FACTOR_REQUIRED', 403));
    await search;
    expect(store.failureKey()).toBe('errors.SECOND_FACTOR_REQUIRED');
    expect(store.events()).toEqual([]);
  });
});
