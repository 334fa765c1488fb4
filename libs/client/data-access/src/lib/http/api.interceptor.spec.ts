import { describe, expect, it, beforeEach, afterEach, jest } from '@jest/globals';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthStore } from '../auth/auth.store';
import { interceptedApiProviders } from '../testing/api-test-providers';
import { buildSession } from '../testing/fixtures';

describe('apiInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: interceptedApiProviders(),
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
  });

  afterEach(() => http.verify());

  async function signIn(): Promise<void> {
    const load = TestBed.inject(AuthStore).load();
    http.expectOne('/api/auth/session').flush(buildSession({ csrfToken: 'tok-123' }));
    await load;
  }

  it('sends no CSRF header while there is no session, but always the cookie', () => {
    client.post('/api/auth/login', {}).subscribe();
    const request = http.expectOne('/api/auth/login');
    expect(request.request.headers.has('x-csrf-token')).toBe(false);
    expect(request.request.withCredentials).toBe(true);
    request.flush(buildSession({ stage: 'anonymous' }));
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'adds the token to %s during a session',
    async (method) => {
      await signIn();
      client.request(method, '/api/admin/teams/x', { body: {} }).subscribe();
      const request = http.expectOne('/api/admin/teams/x');
      expect(request.request.headers.get('x-csrf-token')).toBe('tok-123');
      expect(request.request.withCredentials).toBe(true);
      request.flush({});
    },
  );

  it('does not add the token to reads, nor to requests outside the api', async () => {
    await signIn();
    client.get('/api/teams').subscribe();
    const read = http.expectOne('/api/teams');
    expect(read.request.headers.has('x-csrf-token')).toBe(false);
    expect(read.request.withCredentials).toBe(true);
    read.flush([]);

    client.post('/i18n/nl.json', {}).subscribe();
    const other = http.expectOne('/i18n/nl.json');
    expect(other.request.headers.has('x-csrf-token')).toBe(false);
    expect(other.request.withCredentials).toBe(false);
    other.flush({});

    client.post('https://elsewhere.example/api/x', {}).subscribe();
    const foreign = http.expectOne('https://elsewhere.example/api/x');
    expect(foreign.request.headers.has('x-csrf-token')).toBe(false);
    foreign.flush({});
  });
  it('retries a read refused with 503, honouring retry-after, and delivers the answer', () => {
    jest.useFakeTimers();
    try {
      let body: unknown = null;
      client.get('/api/teams').subscribe((value) => (body = value));
      const unavailable = { code: 'SERVICE_UNAVAILABLE', message: 'x', requestId: 'req-12345678' };
      http.expectOne('/api/teams').flush(unavailable, {
        status: 503,
        statusText: 'Service Unavailable',
        headers: { 'retry-after': '2' },
      });
      jest.advanceTimersByTime(1_999);
      http.expectNone('/api/teams');
      jest.advanceTimersByTime(1);
      http
        .expectOne('/api/teams')
        .flush(unavailable, { status: 503, statusText: 'Service Unavailable' });
      jest.advanceTimersByTime(1_000);
      http.expectOne('/api/teams').flush([{ id: 't1' }]);
      expect(body).toEqual([{ id: 't1' }]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives up on a read after the back-off, and never retries a write', () => {
    jest.useFakeTimers();
    try {
      const unavailable = { code: 'SERVICE_UNAVAILABLE', message: 'x', requestId: 'req-12345678' };
      let failed: unknown = null;
      client.post('/api/auth/logout', {}).subscribe({ error: (e: unknown) => (failed = e) });
      http
        .expectOne('/api/auth/logout')
        .flush(unavailable, { status: 503, statusText: 'Service Unavailable' });
      jest.advanceTimersByTime(60_000);
      http.expectNone('/api/auth/logout');
      expect(failed).toBeInstanceOf(HttpErrorResponse);

      let readFailed: unknown = null;
      client.get('/api/teams').subscribe({ error: (e: unknown) => (readFailed = e) });
      let requests = 0;
      for (let i = 0; i < 20 && readFailed === null; i += 1) {
        for (const r of http.match('/api/teams')) {
          requests += 1;
          r.flush(unavailable, { status: 503, statusText: 'Service Unavailable' });
        }
        jest.advanceTimersByTime(16_000);
      }
      expect(readFailed).toBeInstanceOf(HttpErrorResponse);
      expect(requests).toBe(6);
    } finally {
      jest.useRealTimers();
    }
  });
});
