import { describe, expect, it, beforeEach, afterEach, jest } from '@jest/globals';
import { Location } from '@angular/common';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { BehaviorSubject } from 'rxjs';
import { apiInterceptor, AuthStore, ConnectionStore } from '@casustafel/client/data-access';
import { ActivatePageComponent } from './activate-page.component';
import { EnrolPageComponent, groupSecret } from './enrol-page.component';
import { LoginPageComponent } from './login-page.component';
import { SecondFactorPageComponent } from './second-factor-page.component';
import { appTranslation } from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');

const USER = {
  id: '1c7a2d2f-8b66-4d2f-8a1b-2b3c4d5e6f71',
  displayName: 'Fatima el Amrani',
  email: 'fatima@voorbeeldstad.nl',
  discipline: 'generalist',
  organisationId: '0b6f1c1e-7a55-4c1e-9f0a-1a2b3c4d5e60',
  organisationName: 'Gemeente Voorbeeldstad',
  orgAdmin: false,
  totpEnabled: false,
  teams: [],
  guest: false,
};

function session(stage: string, extra: object = {}): object {
  return {
    stage,
    user: stage === 'anonymous' ? null : USER,
    csrfToken: stage === 'anonymous' ? null : 'tok',
    demo: false,
    idleTimeoutSeconds: 900,
    expiresAt: null,
    sso: { enabled: false, label: null },
    ...extra,
  };
}

describe('sign-in pages', () => {
  let http: HttpTestingController;
  let router: Router;
  let query: BehaviorSubject<ReturnType<typeof convertToParamMap>>;
  let fragment: string | null;

  beforeEach(() => {
    query = new BehaviorSubject(convertToParamMap({}));
    fragment = null;
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
        }),
      ],
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: ConnectionStore,
          useValue: { connect: () => undefined, disconnect: () => undefined },
        },
        {
          provide: ActivatedRoute,
          useFactory: () => ({
            queryParamMap: query.asObservable(),
            snapshot: {
              get fragment() {
                return fragment;
              },
              queryParamMap: query.value,
            },
          }),
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  function type(root: HTMLElement, testId: string, value: string): void {
    const input = root.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function click(root: HTMLElement, testId: string): void {
    root.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.click();
  }

  async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    }
  }

  it('login: says the session expired, then shows a generic Dutch error for wrong credentials', async () => {
    query.next(convertToParamMap({ reden: 'verlopen', terug: '/teams/x' }));
    const fixture = TestBed.createComponent(LoginPageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="login-expired-message"]')?.textContent).toContain(
      'Je sessie is verlopen. Log opnieuw in.',
    );

    type(root, 'login-email', 'fatima@voorbeeldstad.nl');
    type(root, 'login-password', 'verkeerd wachtwoord');
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    http
      .expectOne('/api/auth/login')
      .flush(
        { code: 'INVALID_CREDENTIALS', message: 'Invalid credentials', requestId: 'r' },
        { status: 401, statusText: 'x' },
      );
    await settle(fixture);
    const error = root.querySelector('[data-testid="login-error"]')?.textContent ?? '';
    expect(error).toContain('Het e-mailadres of het wachtwoord klopt niet.');
    expect(error).not.toContain('Invalid credentials');
  });

  it('login: a rate limit says how many seconds to wait', async () => {
    const fixture = TestBed.createComponent(LoginPageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    type(root, 'login-email', 'fatima@voorbeeldstad.nl');
    type(root, 'login-password', 'x');
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    http
      .expectOne('/api/auth/login')
      .flush(
        { code: 'RATE_LIMITED', message: 'm', requestId: 'r' },
        { status: 429, statusText: 'x', headers: { 'retry-after': '30' } },
      );
    await settle(fixture);
    expect(root.querySelector('[data-testid="login-error"]')?.textContent).toContain(
      'probeer het over 30 seconden opnieuw'.replace('probeer', 'Probeer'),
    );
  });

  it('login: with a good password goes to the code step, keeping the way back', async () => {
    query.next(convertToParamMap({ terug: '/beheer' }));
    const fixture = TestBed.createComponent(LoginPageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    type(root, 'login-email', 'fatima@voorbeeldstad.nl');
    type(root, 'login-password', 'goed wachtwoord');
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    http.expectOne('/api/auth/login').flush(session('second-factor'));
    await settle(fixture);
    expect(router.navigate).toHaveBeenCalledWith(['/inloggen/code'], {
      queryParams: { terug: '/beheer' },
    });
  });

  it('login: validates the fields before asking the api', async () => {
    const fixture = TestBed.createComponent(LoginPageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="login-email-error"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="login-email"]')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
    http.expectNone('/api/auth/login');
  });

  it('login: refuses a malformed address after leaving the field and clears a refused password', async () => {
    const fixture = TestBed.createComponent(LoginPageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const email = root.querySelector<HTMLInputElement>('[data-testid="login-email"]');
    const password = root.querySelector<HTMLInputElement>('[data-testid="login-password"]');
    type(root, 'login-email', 'fatima@');
    email?.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="login-email-error"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="login-password-error"]')).toBeNull();
    type(root, 'login-email', 'Fatima@Voorbeeldstad.nl');
    type(root, 'login-password', 'verkeerd');
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="login-email-error"]')).toBeNull();
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    const request = http.expectOne('/api/auth/login');
    expect(request.request.body).toEqual({
      email: 'Fatima@Voorbeeldstad.nl',
      password: 'verkeerd',
    });
    request.flush(
      { code: 'INVALID_CREDENTIALS', message: 'Invalid credentials', requestId: 'r' },
      { status: 401, statusText: 'x' },
    );
    await settle(fixture);
    expect(password?.value).toBe('');
    expect(root.querySelector('[data-testid="login-password-error"]')).not.toBeNull();
  });

  it('login: offers SSO only when enabled, with its label', async () => {
    const auth = TestBed.inject(AuthStore);
    const load = auth.load();
    http
      .expectOne('/api/auth/session')
      .flush(session('anonymous', { sso: { enabled: true, label: 'Voorbeeldstad-account' } }));
    await load;
    const fixture = TestBed.createComponent(LoginPageComponent);
    await fixture.whenStable();
    const sso = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="login-sso"]');
    expect(sso?.textContent).toContain('Inloggen met Voorbeeldstad-account');
    expect(sso?.getAttribute('href')).toBe('/api/auth/oidc/start');
  });

  it('code page: numeric one-time-code input; recovery codes switch the keyboard', async () => {
    const fixture = TestBed.createComponent(SecondFactorPageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const input = root.querySelector('[data-testid="code-input"]');
    expect(input?.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input?.getAttribute('inputmode')).toBe('numeric');
    click(root, 'code-use-recovery');
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="code-input"]')?.getAttribute('inputmode')).toBe(
      'text',
    );

    type(root, 'code-input', 'ABCDE-FGH23');
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    const request = http.expectOne('/api/auth/second-factor');
    expect(request.request.body).toEqual({ code: 'abcde-fgh23' });
    request.flush(session('complete'));
    await settle(fixture);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('enrolment: QR with alt text, grouped secret, then recovery codes gated by the checkbox', async () => {
    const fixture = TestBed.createComponent(EnrolPageComponent);
    await fixture.whenStable();
    http.expectOne('/api/auth/totp/enrolment').flush({
      otpauthUri: 'otpauth://totp/x',
      qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
      secret: 'JBSWY3DPEHPK3PXP',
    });
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="enrol-qr"]')?.getAttribute('alt')).toContain(
      'QR-code',
    );
    expect(root.querySelector('[data-testid="enrol-secret"]')?.textContent?.trim()).toBe(
      'JBSW Y3DP EHPK 3PXP',
    );

    type(root, 'enrol-code', '123456');
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    http.expectOne('/api/auth/totp/enrolment/confirm').flush({
      recoveryCodes: Array.from({ length: 10 }, (_, i) => `abcde-fgh${i}${i}`),
      session: session('complete'),
    });
    await settle(fixture);
    expect(root.querySelectorAll('[data-testid="enrol-recovery-code"]')).toHaveLength(10);

    click(root, 'enrol-continue');
    await settle(fixture);
    expect(root.querySelector('[data-testid="enrol-codes-saved-error"]')).not.toBeNull();
    expect(router.navigateByUrl).not.toHaveBeenCalled();

    click(root, 'enrol-codes-saved');
    click(root, 'enrol-continue');
    await settle(fixture);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('groups a secret in blocks of four', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });

  it('activation: reads the token from the fragment, clears it, and shows live feedback', async () => {
    const token = 'T'.repeat(43);
    fragment = token;
    const replace = jest.spyOn(TestBed.inject(Location), 'replaceState');
    const fixture = TestBed.createComponent(ActivatePageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(replace).toHaveBeenCalled();
    expect(String(replace.mock.calls[0][0])).not.toContain(token);

    type(root, 'activate-password', 'kort');
    await fixture.whenStable();
    expect(
      root.querySelector('[data-testid="activate-rule-too_short"]')?.getAttribute('data-met'),
    ).toBe('false');
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    http.expectNone('/api/auth/activate');
    expect(root.querySelector('[data-testid="activate-error"]')?.textContent).toContain(
      'voldoet nog niet',
    );

    click(root, 'activate-toggle-password');
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="activate-password"]')?.getAttribute('type')).toBe(
      'text',
    );

    type(root, 'activate-password', 'paarse fiets onder de brug');
    await fixture.whenStable();
    expect(
      root.querySelector('[data-testid="activate-rule-too_short"]')?.getAttribute('data-met'),
    ).toBe('true');
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    const request = http.expectOne('/api/auth/activate');
    expect(request.request.body).toEqual({ token, password: 'paarse fiets onder de brug' });
    request.flush(session('enrol-second-factor'));
    await settle(fixture);
    expect(router.navigate).toHaveBeenCalledWith(['/inloggen/instellen'], { queryParams: {} });
  });

  it('activation: without a token says the link is invalid', async () => {
    const fixture = TestBed.createComponent(ActivatePageComponent);
    await fixture.whenStable();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="activate-invalid-link"]')
        ?.textContent,
    ).toContain('activatielink is ongeldig');
  });
});
