import { describe, expect, it, beforeEach, afterEach, jest } from '@jest/globals';
import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { interceptedApiProviders } from '../testing/api-test-providers';
import { buildSession } from '../testing/fixtures';
import { AuthStore } from './auth.store';
import { IdleStore } from './idle.store';

const TIMEOUT_S = 300;

describe('IdleStore (idle timeout)', () => {
  let http: HttpTestingController;
  let idle: IdleStore;
  let auth: AuthStore;
  let navigate: jest.SpiedFunction<Router['navigate']>;

  beforeEach(async () => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: interceptedApiProviders(),
    });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    idle = TestBed.inject(IdleStore);
    const router = TestBed.inject(Router);
    navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const load = auth.load();
    http.expectOne('/api/auth/session').flush(buildSession({ idleTimeoutSeconds: TIMEOUT_S }));
    await load;
    TestBed.tick();
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  async function advance(seconds: number): Promise<void> {
    await jest.advanceTimersByTimeAsync(seconds * 1_000);
  }

  it('warns 60 seconds before the timeout, not earlier', async () => {
    await advance(TIMEOUT_S - 61);
    expect(idle.warning()).toBe(false);
    await advance(1);
    expect(idle.warning()).toBe(true);
  });

  it('restarts the clock on every api answer', async () => {
    await advance(TIMEOUT_S - 70);
    TestBed.inject(HttpClient).get('/api/teams').subscribe();
    http.expectOne('/api/teams').flush([]);
    await advance(30);
    expect(idle.warning()).toBe(false);
    await advance(TIMEOUT_S - 90);
    expect(idle.warning()).toBe(true);
  });

  it('"Blijf ingelogd" asks the api for the session and hides the warning', async () => {
    await advance(TIMEOUT_S - 60);
    expect(idle.warning()).toBe(true);
    const stay = idle.stayLoggedIn();
    expect(idle.warning()).toBe(false);
    http.expectOne('/api/auth/session').flush(buildSession({ idleTimeoutSeconds: TIMEOUT_S }));
    await stay;
    await advance(TIMEOUT_S - 61);
    expect(idle.warning()).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('at the timeout asks the api and, when the session is gone, goes to the login page', async () => {
    await advance(TIMEOUT_S + 2);
    http.expectOne('/api/auth/session').flush(buildSession({ stage: 'anonymous' }));
    await advance(0);
    expect(auth.stage()).toBe('anonymous');
    expect(navigate).toHaveBeenCalledWith(
      ['/inloggen'],
      expect.objectContaining({
        queryParams: expect.objectContaining({ reden: 'verlopen' }),
      }),
    );
  });

  it('extends the session quietly when the user was typing since the last api call', async () => {
    await advance(100);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    await advance(TIMEOUT_S - 160);
    const ping = http.expectOne('/api/auth/session');
    expect(idle.warning()).toBe(false);
    ping.flush(buildSession({ idleTimeoutSeconds: TIMEOUT_S }));
    await advance(0);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('stops when the session is no longer complete', async () => {
    const logout = auth.logout();
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    await logout;
    TestBed.tick();
    await advance(TIMEOUT_S * 2);
    expect(idle.warning()).toBe(false);
    http.expectNone('/api/auth/session');
  });
});
