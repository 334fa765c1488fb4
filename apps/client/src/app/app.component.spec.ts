import { describe, expect, it, beforeEach } from '@jest/globals';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthStore, ConnectionStore, LanguageStore } from '@casustafel/client/data-access';
import { AppComponent } from './app.component';

@Component({ selector: 'app-test-page', template: '<h1>Test</h1>' })
class TestPageComponent {}

const nl = JSON.parse(readFileSync(join(__dirname, '../../public/i18n/nl.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(__dirname, '../../public/i18n/en.json'), 'utf8'));

describe('AppComponent (shell)', () => {
  beforeEach(async () => {
    localStorage.clear();
    await TestBed.configureTestingModule({
      imports: [
        AppComponent,
        TranslocoTestingModule.forRoot({
          langs: { nl, en },
          translocoConfig: {
            availableLangs: ['nl', 'en'],
            defaultLang: 'nl',
            reRenderOnLangChange: true,
          },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', component: TestPageComponent },
          { path: 'status', component: TestPageComponent },
          { path: 'inloggen', component: TestPageComponent },
        ]),
      ],
    }).compileComponents();
  });

  async function render(url = '/'): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl(url);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('starts with a skip link to the main landmark', async () => {
    const root = await render();
    const focusable = root.querySelector<HTMLAnchorElement>('a[href], button');
    expect(focusable?.dataset['testid']).toBe('skip-link');
    expect(focusable?.getAttribute('href')).toBe('#main-content');
    expect(focusable?.textContent?.trim()).toBe('Direct naar de inhoud');
    expect(root.querySelector('main#main-content')).not.toBeNull();
  });

  it('moves focus to main when the skip link is used', async () => {
    const root = await render();
    root.querySelector<HTMLAnchorElement>('[data-testid="skip-link"]')?.click();
    expect(document.activeElement?.id).toBe('main-content');
  });

  it('has a labelled main navigation that marks the current page', async () => {
    const root = await render('/status');
    const nav = root.querySelector('nav');
    expect(nav?.getAttribute('aria-label')).toBe('Hoofdmenu');
    const start = root.querySelector('[data-testid="nav-login"]');
    const status = root.querySelector('[data-testid="nav-status"]');
    expect(start?.textContent?.trim()).toBe('Inloggen');
    expect(root.querySelector('[data-testid="nav-admin"]')).toBeNull();
    expect(root.querySelector('[data-testid="logout-button"]')).toBeNull();
    expect(status?.textContent?.trim()).toBe('Systeemstatus');
    expect(status?.getAttribute('aria-current')).toBe('page');
    expect(start?.hasAttribute('aria-current')).toBe(false);
  });

  it('shows the product name, a polite connection status and a footer', async () => {
    const root = await render();
    expect(root.querySelector('header')?.textContent).toContain('Casustafel');
    expect(root.querySelector('header')?.textContent).toContain('voor sociale wijkteams');
    const status = root.querySelector('[data-testid="connection-status"]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent).toContain('Geen verbinding');
    expect(root.querySelector('footer')).not.toBeNull();
  });

  it('switches the language from the header', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const en = root.querySelector<HTMLButtonElement>('[data-testid="lang-en"]');
    expect(en?.getAttribute('aria-pressed')).toBe('false');

    en?.click();
    await fixture.whenStable();

    expect(TestBed.inject(LanguageStore).lang()).toBe('en');
    expect(en?.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('casustafel.lang')).toBe('en');
    expect(root.querySelector('[data-testid="nav-status"]')?.textContent?.trim()).toBe(
      'System status',
    );
  });

  async function signIn(orgAdmin: boolean, demo: boolean, guest = false): Promise<void> {
    TestBed.overrideProvider(ConnectionStore, {
      useValue: {
        connect: () => undefined,
        disconnect: () => undefined,
        state: () => 'connected',
        statusKey: () => 'connection.connected',
      },
    });
    const load = TestBed.inject(AuthStore).load();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/session')
      .flush({
        stage: 'complete',
        user: {
          id: '1c7a2d2f-8b66-4d2f-8a1b-2b3c4d5e6f71',
          displayName: 'Fatima el Amrani',
          email: 'fatima@voorbeeldstad.nl',
          discipline: 'generalist',
          organisationId: '0b6f1c1e-7a55-4c1e-9f0a-1a2b3c4d5e60',
          organisationName: 'Gemeente Voorbeeldstad',
          orgAdmin,
          totpEnabled: true,
          teams: [],
          guest,
        },
        csrfToken: 't',
        demo,
        idleTimeoutSeconds: 900,
        expiresAt: null,
        sso: { enabled: false, label: null },
      });
    await load;
  }

  it('shows the signed-in user, a logout button and the admin pages to an admin', async () => {
    await signIn(true, false);
    const root = await render('/');
    expect(root.querySelector('[data-testid="user-name"]')?.textContent?.trim()).toBe(
      'Fatima el Amrani',
    );
    expect(root.querySelector('[data-testid="logout-button"]')?.textContent?.trim()).toBe(
      'Uitloggen',
    );
    expect(root.querySelector('[data-testid="nav-teams"]')?.textContent?.trim()).toBe('Mijn teams');
    expect(root.querySelector('[data-testid="nav-admin"]')?.textContent?.trim()).toBe('Beheer');
    expect(root.querySelector('[data-testid="nav-audit"]')?.textContent?.trim()).toBe('Auditlog');
    expect(root.querySelector('[data-testid="nav-login"]')).toBeNull();
    expect(root.querySelector('[data-testid="demo-banner"]')).toBeNull();
  });

  it('uses the system font while anonymous (no font download on the sign-in page)', async () => {
    document.documentElement.classList.add('cst-brand-font');
    await render('/inloggen');
    expect(document.documentElement.classList.contains('cst-brand-font')).toBe(false);
  });

  it('uses the brand font once signed in', async () => {
    document.documentElement.classList.remove('cst-brand-font');
    await signIn(false, false);
    await render('/');
    expect(document.documentElement.classList.contains('cst-brand-font')).toBe(true);
  });

  it('hides administration from a non-admin and marks demo data on every page', async () => {
    await signIn(false, true);
    const root = await render('/status');
    expect(root.querySelector('[data-testid="nav-admin"]')).toBeNull();
    expect(root.querySelector('[data-testid="nav-audit"]')).toBeNull();
    const banner = root.querySelector('[data-testid="demo-banner"]');
    expect(banner?.getAttribute('role')).toBe('note');
    expect(banner?.textContent).toContain('Demo — fictieve gegevens');
  });

  it('shows a guest only their meeting: no teams, administration or audit in the menu', async () => {
    await signIn(false, false, true);
    const root = await render('/status');
    expect(root.querySelector('[data-testid="nav-guest-meeting"]')?.textContent?.trim()).toBe(
      'Mijn overleg',
    );
    for (const id of ['nav-start', 'nav-teams', 'nav-admin', 'nav-audit', 'nav-login'])
      expect({ id, shown: root.querySelector(`[data-testid="${id}"]`) !== null }).toEqual({
        id,
        shown: false,
      });
    expect(root.querySelector('[data-testid="logout-button"]')).not.toBeNull();
  });
});
