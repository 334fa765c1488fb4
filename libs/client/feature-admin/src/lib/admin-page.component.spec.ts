import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { OrganisationOverview, UserAdminView } from '@casustafel/contracts';
import { AdminPageComponent } from './admin-page.component';
import { appTranslation } from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');
const TEAM = '3e9c4f4b-ad88-4f4b-ac3d-4d5e6f7a8b93';
const jan: UserAdminView = {
  id: '2d8b3e3a-9c77-4e3a-9b2c-3c4d5e6f7a82',
  displayName: 'Jan de Vries',
  email: 'jan@voorbeeldstad.nl',
  discipline: 'wmo-consulent',
  orgAdmin: false,
  status: 'active',
  totpEnabled: true,
  ssoLinked: false,
  lastLoginAt: null,
  activeSessions: 1,
  teams: [],
};
const overview: OrganisationOverview = {
  id: '0b6f1c1e-7a55-4c1e-9f0a-1a2b3c4d5e60',
  name: 'Gemeente Voorbeeldstad',
  kind: 'gemeente',
  teams: [
    {
      id: TEAM,
      name: 'Wijkteam Noord',
      type: 'integraal',
      memberCount: 1,
      createdAt: '2026-01-05T08:00:00.000Z',
    },
  ],
  users: [jan],
};

describe('AdminPageComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    }
  }

  async function open(): Promise<{
    root: HTMLElement;
    fixture: ReturnType<typeof TestBed.createComponent<AdminPageComponent>>;
  }> {
    const fixture = TestBed.createComponent(AdminPageComponent);
    await fixture.whenStable();
    http.expectOne('/api/admin/organisation').flush(overview);
    await settle(fixture);
    return { root: fixture.nativeElement as HTMLElement, fixture };
  }

  it('lists teams and users with their Dutch status', async () => {
    const { root } = await open();
    expect(root.querySelector('[data-testid="team-row-Wijkteam Noord"]')?.textContent).toContain(
      'Integraal wijkteam',
    );
    const row = root.querySelector('[data-testid="user-row-jan@voorbeeldstad.nl"]');
    expect(row?.querySelector('[data-testid="user-status"]')?.textContent).toContain('Actief');
    expect(row?.textContent).toContain('Wmo-consulent');
  });

  it('invites a user and shows the absolute activation link once, with a warning', async () => {
    const { root, fixture } = await open();
    const set = (id: string, value: string): void => {
      const input = root.querySelector<HTMLInputElement | HTMLSelectElement>(
        `[data-testid="${id}"]`,
      );
      if (!input) throw new Error(id);
      input.value = value;
      input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
    };
    set('invite-name', 'Noor Bakker');
    set('invite-email', 'Noor@Voorbeeldstad.nl');
    set('invite-team', TEAM);
    await fixture.whenStable();
    root.querySelector('[data-testid="invite-form"]')?.dispatchEvent(new Event('submit'));
    const request = http.expectOne('/api/admin/users');
    expect(request.request.body).toEqual({
      displayName: 'Noor Bakker',
      email: 'noor@voorbeeldstad.nl',
      discipline: 'generalist',
      orgAdmin: false,
      teamId: TEAM,
      roles: ['member'],
    });
    request.flush({
      user: {
        ...jan,
        id: '4fad5a5c-be99-4a5c-bd4e-5e6f7a8b9ca4',
        displayName: 'Noor Bakker',
        email: 'noor@voorbeeldstad.nl',
        status: 'invited',
      },
      activationPath: '/activeren#abc',
      activationExpiresAt: '2026-11-29T10:00:00.000Z',
    });
    await settle(fixture);
    expect(root.querySelector<HTMLInputElement>('[data-testid="invitation-link"]')?.value).toBe(
      `${location.origin}/activeren#abc`,
    );
    expect(root.querySelector('[data-testid="invitation-warning"]')?.textContent).toContain(
      'maar één keer',
    );
    root.querySelector<HTMLButtonElement>('[data-testid="invitation-dismiss"]')?.click();
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="invitation-link"]')).toBeNull();
  });

  it('asks for confirmation before ending sessions, then calls the api', async () => {
    const { root, fixture } = await open();
    const row = root.querySelector('[data-testid="user-row-jan@voorbeeldstad.nl"]');
    row?.querySelector<HTMLButtonElement>('[data-testid="user-end-sessions"]')?.click();
    await fixture.whenStable();
    http.expectNone('/api/admin/users/' + jan.id + '/sessions/end');
    expect(root.querySelector('[data-testid="user-confirm"]')?.textContent).toContain(
      'Sessies van Jan de Vries beëindigen?',
    );
    root.querySelector<HTMLButtonElement>('[data-testid="user-confirm-confirm"]')?.click();
    http
      .expectOne(`/api/admin/users/${jan.id}/sessions/end`)
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(root.querySelector('[data-testid="user-action-notice"]')?.textContent).toContain(
      'De sessies van Jan de Vries zijn beëindigd.',
    );
  });
});
