import { describe, expect, it, beforeEach, afterEach, jest } from '@jest/globals';
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { apiInterceptor } from '../http/api.interceptor';
import { ConnectionStore } from '../realtime/connection.store';
import { apiError, buildSession } from '../testing/fixtures';
import { AuthStore } from './auth.store';

describe('AuthStore', () => {
  let store: AuthStore;
  let http: HttpTestingController;
  let router: Router;
  let connect: jest.SpiedFunction<ConnectionStore['connect']>;
  let disconnect: jest.SpiedFunction<ConnectionStore['disconnect']>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    const connection = TestBed.inject(ConnectionStore);
    connect = jest.spyOn(connection, 'connect').mockImplementation(() => undefined);
    disconnect = jest.spyOn(connection, 'disconnect').mockImplementation(() => undefined);
    store = TestBed.inject(AuthStore);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }

  it('is anonymous until the api says otherwise, and shares one session request', async () => {
    expect(store.stage()).toBe('anonymous');
    expect(store.user()).toBeNull();
    const first = store.load();
    const second = store.ensureLoaded();
    http.expectOne('/api/auth/session').flush(buildSession({ stage: 'anonymous', demo: true }));
    await Promise.all([first, second]);
    expect(store.stage()).toBe('anonymous');
    expect(store.demo()).toBe(true);
    expect(store.csrfToken()).toBeNull();
    expect(connect).not.toHaveBeenCalled();
  });

  it('goes login → second factor → complete, and opens the live socket only then', async () => {
    const login = store.login(' fatima@voorbeeldstad.nl ', 'a long passphrase');
    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      email: 'fatima@voorbeeldstad.nl',
      password: 'a long passphrase',
    });
    expect(store.pending()).toBe(true);
    request.flush(buildSession({ stage: 'second-factor' }));
    expect(await login).toBe(true);
    expect(store.stage()).toBe('second-factor');
    expect(store.isSignedIn()).toBe(false);
    expect(connect).not.toHaveBeenCalled();

    const verify = store.verifySecondFactor('123 456');
    const code = http.expectOne('/api/auth/second-factor');
    expect(code.request.body).toEqual({ code: '123456' });
    expect(code.request.headers.get('x-csrf-token')).toBe('csrf-token-1');
    code.flush(buildSession({ stage: 'complete', csrfToken: 'csrf-token-2' }));
    expect(await verify).toBe(true);
    expect(store.stage()).toBe('complete');
    expect(store.isSignedIn()).toBe(true);
    expect(store.csrfToken()).toBe('csrf-token-2');
    expect(store.user()?.displayName).toBe('Fatima el Amrani');
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('keeps the error code of a refused login and its retry-after', async () => {
    const login = store.login('x@voorbeeldstad.nl', 'wrong');
    http.expectOne('/api/auth/login').flush(...apiError('INVALID_CREDENTIALS', 401));
    expect(await login).toBe(false);
    expect(store.failureKey()).toBe('errors.INVALID_CREDENTIALS');
    expect(store.stage()).toBe('anonymous');

    const again = store.login('x@voorbeeldstad.nl', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush(
        { code: 'RATE_LIMITED', message: 'm', requestId: 'r' },
        { status: 429, statusText: 'Too Many', headers: { 'retry-after': '42' } },
      );
    expect(await again).toBe(false);
    expect(store.failure()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 42 });
  });

  it('a wrong second factor keeps the stage and says why', async () => {
    const login = store.login('x@voorbeeldstad.nl', 'pw');
    http.expectOne('/api/auth/login').flush(buildSession({ stage: 'second-factor' }));
    await login;
    const verify = store.verifySecondFactor('000000');
    http.expectOne('/api/auth/second-factor').flush(...apiError('SECOND_FACTOR_INVALID', 401));
    expect(await verify).toBe(false);
    expect(store.stage()).toBe('second-factor');
    expect(store.failureKey()).toBe('errors.SECOND_FACTOR_INVALID');
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('enrols a second factor: secret, then recovery codes and a complete session', async () => {
    const load = store.load();
    http.expectOne('/api/auth/session').flush(buildSession({ stage: 'enrol-second-factor' }));
    await load;

    const start = store.startEnrolment();
    http.expectOne('/api/auth/totp/enrolment').flush({
      otpauthUri: 'otpauth://totp/Casustafel:fatima?secret=JBSWY3DPEHPK3PXP',
      qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
      secret: 'JBSWY3DPEHPK3PXP',
    });
    expect(await start).toBe(true);
    expect(store.enrolment()?.secret).toBe('JBSWY3DPEHPK3PXP');

    const codes = Array.from({ length: 10 }, (_, i) => `abcde-fghi${i}`);
    const confirm = store.confirmEnrolment('654321');
    const request = http.expectOne('/api/auth/totp/enrolment/confirm');
    expect(request.request.body).toEqual({ code: '654321' });
    request.flush({ recoveryCodes: codes, session: buildSession({ stage: 'complete' }) });
    expect(await confirm).toBe(true);
    expect(store.recoveryCodes()).toEqual(codes);
    expect(store.enrolment()).toBeNull();
    expect(store.stage()).toBe('complete');
    expect(connect).toHaveBeenCalled();

    store.acknowledgeRecoveryCodes();
    expect(store.recoveryCodes()).toBeNull();
  });

  it('activates an account, or reports the password policy', async () => {
    const token = 'a'.repeat(43);
    const refused = store.activate(token, 'short');
    const first = http.expectOne('/api/auth/activate');
    expect(first.request.body).toEqual({ token, password: 'short' });
    first.flush(...apiError('PASSWORD_POLICY', 422));
    expect(await refused).toBe(false);
    expect(store.failureKey()).toBe('errors.PASSWORD_POLICY');

    const accepted = store.activate(token, 'a good long passphrase');
    http.expectOne('/api/auth/activate').flush(buildSession({ stage: 'enrol-second-factor' }));
    expect(await accepted).toBe(true);
    expect(store.failure()).toBeNull();
    expect(store.stage()).toBe('enrol-second-factor');
  });

  it('logs out: api call with the CSRF token, anonymous, socket closed, to the login page', async () => {
    const load = store.load();
    http.expectOne('/api/auth/session').flush(buildSession({ demo: true }));
    await load;
    expect(store.isAdmin()).toBe(false);

    const logout = store.logout();
    const request = http.expectOne('/api/auth/logout');
    expect(request.request.headers.get('x-csrf-token')).toBe('csrf-token-1');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await logout;
    expect(store.stage()).toBe('anonymous');
    expect(store.csrfToken()).toBeNull();
    expect(store.demo()).toBe(true);
    expect(disconnect).toHaveBeenCalled();
    expect(router.navigateByUrl).toHaveBeenCalledWith('/inloggen');
  });

  it('a 401 UNAUTHENTICATED during a session sends the user to the login page ("verlopen")', async () => {
    const load = store.load();
    http.expectOne('/api/auth/session').flush(buildSession());
    await load;
    jest.spyOn(router, 'url', 'get').mockReturnValue('/teams/abc');

    TestBed.inject(HttpClient)
      .get('/api/teams')
      .subscribe({ error: () => undefined });
    http.expectOne('/api/teams').flush(...apiError('UNAUTHENTICATED', 401));
    await settle();

    expect(store.stage()).toBe('anonymous');
    expect(disconnect).toHaveBeenCalled();
    expect(router.navigate).toHaveBeenCalledWith(['/inloggen'], {
      queryParams: { reden: 'verlopen', terug: '/teams/abc' },
    });
  });

  it('a 401 INVALID_CREDENTIALS is a login failure, not an ended session', async () => {
    const login = store.login('x@voorbeeldstad.nl', 'wrong');
    http.expectOne('/api/auth/login').flush(...apiError('INVALID_CREDENTIALS', 401));
    await login;
    expect(router.navigate).not.toHaveBeenCalled();
  });
});
