import { describe, expect, it, beforeEach, afterEach, jest } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { TeamPageComponent } from './team-page.component';
import { appTranslation } from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');
const TEAM = '3e9c4f4b-ad88-4f4b-ac3d-4d5e6f7a8b93';

describe('TeamPageComponent', () => {
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

  async function open(): Promise<{
    root: HTMLElement;
    fixture: ReturnType<typeof TestBed.createComponent<TeamPageComponent>>;
  }> {
    const fixture = TestBed.createComponent(TeamPageComponent);
    fixture.componentRef.setInput('teamId', TEAM);
    await fixture.whenStable();
    return { root: fixture.nativeElement as HTMLElement, fixture };
  }

  it('shows members with discipline and roles in Dutch', async () => {
    const { root, fixture } = await open();
    http.expectOne(`/api/teams/${TEAM}`).flush({
      id: TEAM,
      name: 'Wijkteam Noord',
      type: 'jeugd',
      memberCount: 1,
      createdAt: '2026-01-05T08:00:00.000Z',
      members: [
        {
          userId: '2d8b3e3a-9c77-4e3a-9b2c-3c4d5e6f7a82',
          displayName: 'Jan de Vries',
          discipline: 'ggz',
          roles: ['member', 'team_leader'],
        },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
    expect(root.querySelector('h1')?.textContent).toContain('Wijkteam Noord');
    expect(root.querySelector('[data-testid="team-type"]')?.textContent).toContain('Jeugdteam');
    const row = root.querySelector(
      '[data-testid="member-row-2d8b3e3a-9c77-4e3a-9b2c-3c4d5e6f7a82"]',
    );
    expect(row?.textContent).toContain('GGZ-professional');
    expect(row?.textContent?.replace(/\s+/g, ' ')).toContain('Lid, Teamleider');
  });

  it('shows the "Geen toegang" page at the same address when the api refuses (403)', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await open();
    http
      .expectOne(`/api/teams/${TEAM}`)
      .flush(
        { code: 'FORBIDDEN', message: 'm', requestId: 'r' },
        { status: 403, statusText: 'Forbidden' },
      );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(navigate).toHaveBeenCalledWith(['/geen-toegang'], { skipLocationChange: true });
  });
});
