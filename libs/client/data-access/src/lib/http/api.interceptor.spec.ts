import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '../auth/auth.store';
import { ConnectionStore } from '../realtime/connection.store';
import { buildSession } from '../testing/fixtures';
import { apiInterceptor } from './api.interceptor';

describe('apiInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: ConnectionStore,
          useValue: { connect: () => undefined, disconnect: () => undefined },
        },
      ],
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
});
