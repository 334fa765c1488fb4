import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { MyActionsPageComponent } from './my-actions-page.component';

const ID = '1b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const CASE = '3b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const nl = {
  home: {
    myActions: {
      overdue: 'Over de deadline',
      onTime: 'Op tijd',
      done: 'Gereed melden',
      openCase: 'Casus openen',
      empty: 'U hebt geen openstaande acties.',
    },
  },
};

describe('MyActionsPageComponent', () => {
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

  it('lists my open actions with their due date, overdue marked; marking one done reloads', async () => {
    const fixture = TestBed.createComponent(MyActionsPageComponent);
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    };
    await fixture.whenStable();
    http.expectOne('/api/me/actions').flush([
      {
        id: ID,
        meetingId: MEETING,
        teamId: MEETING,
        agendaItemId: MEETING,
        decisionId: null,
        description: 'Schuldhulp bellen',
        ownerUserId: MEETING,
        due: '2026-03-04',
        status: 'open',
        createdByUserId: MEETING,
        createdAt: '2026-03-03T09:00:00.000Z',
        updatedAt: '2026-03-03T09:00:00.000Z',
        meetingStartsAt: '2026-03-03T08:30:00.000Z',
        caseId: CASE,
        overdue: true,
      },
    ]);
    await settle();
    const root = fixture.nativeElement as HTMLElement;
    const row = root.querySelector(`[data-testid="my-action-${ID}"]`);
    expect(row?.getAttribute('data-overdue')).toBe('true');
    expect(row?.textContent).toContain('Schuldhulp bellen');
    expect(row?.textContent).toContain('Over de deadline');
    expect(row?.querySelector(`a[href="/casussen/${CASE}"]`)).not.toBeNull();
    const button = root.querySelector<HTMLButtonElement>(`[data-testid="my-action-done-${ID}"]`);
    // The visible text is the start of the accessible name (WCAG 2.5.3).
    expect(button?.textContent?.trim().startsWith('Gereed melden')).toBe(true);
    button?.click();
    const patch = http.expectOne(`/api/actions/${ID}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toMatchObject({ status: 'gereed' });
    patch.flush({ seq: 3, duplicate: false, record: {} });
    await settle();
    http.expectOne('/api/me/actions').flush([]);
    await settle();
    expect(root.querySelector('[data-testid="my-actions-empty"]')?.textContent).toContain(
      'U hebt geen openstaande acties.',
    );
  });
});
