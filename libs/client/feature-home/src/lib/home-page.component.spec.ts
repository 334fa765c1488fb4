import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal, type WritableSignal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthStore } from '@casustafel/client/data-access';
import { HomePageComponent } from './home-page.component';

const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const ACTION = '1b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const LATE = '2b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const CASE = '3b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const PREP = '4b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const TEAM = '5b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';

const nl = {
  home: {
    welcome: 'Welkom, {{name}}',
    openAgenda: 'Agenda van {{team}}, {{when}}',
    roles: { chair: 'voorzitter' },
    actionsCount: '{{count}} open, waarvan {{overdue}} over de deadline.',
    preparationFor: 'Casus {{title}}',
    noMeetings: 'Geen overleggen in de komende zeven dagen.',
    myActions: { overdue: 'Over de deadline' },
  },
  meetings: { statuses: { gepland: 'Gepland' } },
};

const action = (id: string, due: string, overdue: boolean) => ({
  id,
  meetingId: MEETING,
  teamId: TEAM,
  agendaItemId: MEETING,
  decisionId: null,
  description: overdue ? 'Schuldhulp bellen' : 'Huisbezoek plannen',
  ownerUserId: TEAM,
  due,
  status: 'open',
  createdByUserId: TEAM,
  createdAt: '2026-03-03T09:00:00.000Z',
  updatedAt: '2026-03-03T09:00:00.000Z',
  meetingStartsAt: '2026-03-03T08:30:00.000Z',
  caseId: CASE,
  overdue,
});

describe('HomePageComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: AuthStore,
          useValue: {
            isSignedIn: signal(true),
            user: signal({
              id: TEAM,
              displayName: 'Carla',
              teams: [{ teamId: TEAM, teamName: 'Wijkteam West', roles: ['member'] }],
            }),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const settle = async (fixture: { whenStable(): Promise<unknown> }) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  };

  it('shows my meetings this week, my open actions and the preparations I owe; no system details', async () => {
    const fixture = TestBed.createComponent(HomePageComponent);
    await fixture.whenStable();
    http.expectOne('/api/teams').flush([]);
    http.expectOne('/api/me/meetings').flush([
      {
        id: MEETING,
        teamId: TEAM,
        seriesId: null,
        type: 'casuistiekoverleg',
        startsAt: '2026-03-03T08:30:00.000Z',
        endsAt: '2026-03-03T10:00:00.000Z',
        durationMinutes: 90,
        status: 'gepland',
        published: true,
        teamName: 'Wijkteam West',
        myRoles: ['chair'],
      },
    ]);
    http
      .expectOne('/api/me/actions')
      .flush([action(LATE, '2026-03-01', true), action(ACTION, '2026-03-20', false)]);
    http.expectOne('/api/me/preparations').flush([
      {
        preparationId: PREP,
        caseId: CASE,
        caseTitle: 'Gezin met schulden',
        teamId: TEAM,
        updatedAt: '2026-03-02T09:00:00.000Z',
      },
    ]);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const meeting = root.querySelector(`[data-testid="home-meeting-${MEETING}"]`);
    expect(meeting?.textContent).toContain('Agenda van Wijkteam West');
    expect(meeting?.textContent).toContain('voorzitter');
    expect(root.querySelector('[data-testid="home-actions-count"]')?.textContent?.trim()).toBe(
      '2 open, waarvan 1 over de deadline.',
    );
    expect(root.querySelector(`[data-testid="home-action-${LATE}"]`)?.textContent).toContain(
      'Over de deadline',
    );
    expect(root.querySelector('[data-testid="home-all-actions"]')?.getAttribute('href')).toBe(
      '/mijn-acties',
    );
    expect(root.querySelector('[data-testid="home-preparations-list"]')?.textContent).toContain(
      'Casus Gezin met schulden',
    );
    // Database and socket details belong on the status page.
    expect(root.querySelector('[data-testid="readiness-card"]')).toBeNull();
    expect(root.querySelector('[data-testid="connection-card"]')).toBeNull();
    expect(root.querySelector('[data-testid="home-status-link"]')).not.toBeNull();
  });

  it('keeps the other cards when one list is refused', async () => {
    const fixture = TestBed.createComponent(HomePageComponent);
    await fixture.whenStable();
    http.expectOne('/api/teams').flush([]);
    http.expectOne('/api/me/meetings').flush([]);
    http.expectOne('/api/me/actions').flush([]);
    http
      .expectOne('/api/me/preparations')
      .flush({ code: 'FORBIDDEN', message: 'x', requestId: 'r' }, { status: 403, statusText: 'x' });
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="home-meetings-empty"]')?.textContent).toContain(
      'Geen overleggen',
    );
    expect(root.querySelector('[data-testid="home-preparations-empty"]')).not.toBeNull();
  });

  it('asks nothing about meetings for an organisation admin without a team', async () => {
    const auth = TestBed.inject(AuthStore) as unknown as {
      user: WritableSignal<{ id: string; displayName: string; teams: unknown[] }>;
    };
    auth.user.set({ id: TEAM, displayName: 'Beheer', teams: [] });
    const fixture = TestBed.createComponent(HomePageComponent);
    await fixture.whenStable();
    http.expectOne('/api/teams').flush([]);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="home-meetings"]')).toBeNull();
    expect(root.querySelector('[data-testid="home-teams"]')).not.toBeNull();
  });
});
