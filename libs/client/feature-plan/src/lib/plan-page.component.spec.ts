import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupportPlanPage, SupportPlanView } from '@casustafel/contracts';
import { euros, parseEuros } from './plan.format';
import { PlanPageComponent } from './plan-page.component';

const i18n = (file: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../../../apps/client/public/i18n', file), 'utf8'));
const nl = { ...i18n('nl.json'), plan: i18n('plan/nl.json') };
const HH = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PLAN = '7c1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TEAM = '3e9c4f4b-ad88-4f4b-ac3d-4d5e6f7a8b93';
const DECISION = '8d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f70';
const NOW = '2026-11-20T09:00:00.000Z';

function plan(overrides: Partial<SupportPlanView> = {}): SupportPlanView {
  return {
    id: PLAN,
    householdId: HH,
    teamId: TEAM,
    variant: 'licht',
    reviewCycleMonths: 6,
    casusregisseur: { id: 'u1', displayName: 'Fatima el Amrani' },
    evaluationDate: '2027-05-20',
    evaluationState: 'gepland',
    lastEvaluatedOn: null,
    krachten: 'Moeder is betrokken',
    zorgen: '',
    sectionRevs: { basis: 1, krachten: 1, zorgen: 1 },
    goals: [],
    items: [],
    version: 1,
    versions: [
      {
        number: 1,
        author: { id: 'u1', displayName: 'Fatima el Amrani' },
        createdAt: NOW,
        change: 'plan.gemaakt',
        subject: null,
      },
    ],
    agreements: [],
    agreementState: 'geen',
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

function page(overrides: Partial<SupportPlanPage> = {}): SupportPlanPage {
  return {
    householdId: HH,
    householdLabel: 'Huishouden Yılmaz',
    teamId: TEAM,
    plan: plan(),
    unprocessedDecisions: [],
    latestZrm: null,
    zrmCaseId: null,
    zrmPrompt: false,
    regisseurCandidates: [],
    ...overrides,
  };
}

describe('support plan page', () => {
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

  async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
    for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }

  async function open(answer: SupportPlanPage, besluit?: string) {
    const fixture = TestBed.createComponent(PlanPageComponent);
    fixture.componentRef.setInput('householdId', HH);
    if (besluit) fixture.componentRef.setInput('besluit', besluit);
    await settle(fixture);
    http.expectOne(`/api/households/${HH}/support-plan`).flush(answer);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const q = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    return { fixture, root, q };
  }

  it('keeps the user’s text on a conflict and re-applies it on the current revision', async () => {
    const { fixture, q } = await open(page());
    const area = q('plan-krachten') as HTMLTextAreaElement;
    expect(area.value).toBe('Moeder is betrokken');
    area.value = 'Moeder is betrokken; tante helpt mee';
    area.dispatchEvent(new Event('input'));
    q('plan-save-krachten')?.click();
    await settle(fixture);
    const first = http.expectOne(`/api/support-plans/${PLAN}/sections`);
    expect(first.request.body).toEqual({
      section: 'krachten',
      expectedRev: 1,
      text: 'Moeder is betrokken; tante helpt mee',
    });
    const current = plan({
      krachten: 'Moeder is betrokken; opa haalt de kinderen op',
      sectionRevs: { basis: 1, krachten: 2, zorgen: 1 },
      version: 2,
    });
    first.flush(
      { code: 'PLAN_CONFLICT', message: 'x', requestId: 'r', details: [], current },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(q('plan-conflict')?.textContent).toContain('Je invoer staat nog klaar');
    expect((q('plan-krachten') as HTMLTextAreaElement).value).toBe(
      'Moeder is betrokken; tante helpt mee',
    );
    expect(q('plan-version')?.textContent).toContain('2');
    q('plan-reapply')?.click();
    await settle(fixture);
    const second = http.expectOne(`/api/support-plans/${PLAN}/sections`);
    expect(second.request.body).toMatchObject({
      expectedRev: 2,
      text: 'Moeder is betrokken; tante helpt mee',
    });
    second.flush(plan({ krachten: 'Moeder is betrokken; tante helpt mee', version: 3 }));
    await settle(fixture);
    http.expectOne(`/api/households/${HH}/support-plan`).flush(page());
    await settle(fixture);
    expect(q('plan-conflict')).toBeNull();
  }, 30_000);

  it('opens a decision from the meeting pre-filled, and takes it into the plan in one step', async () => {
    const { fixture, q } = await open(
      page({
        plan: null,
        unprocessedDecisions: [
          {
            id: DECISION,
            type: 'maatwerkvoorziening',
            text: 'Ambulante gezinsbegeleiding aanvragen',
            decidedAt: NOW,
            meetingId: 'm1',
            meetingStartsAt: NOW,
            agendaItemId: 'a1',
            agendaItemTitle: 'Gezin Yılmaz',
            caseId: 'c1',
          },
        ],
      }),
      DECISION,
    );
    expect((q('decision-item-title') as HTMLInputElement).value).toBe(
      'Ambulante gezinsbegeleiding aanvragen',
    );
    expect((q('decision-item-type') as HTMLSelectElement).value).toBe('maatwerk-wmo');
    q('plan-decision-submit')?.click();
    await settle(fixture);
    const req = http.expectOne(`/api/decisions/${DECISION}/plan-items`);
    expect(req.request.body).toEqual({
      items: [
        expect.objectContaining({
          type: 'maatwerk-wmo',
          title: 'Ambulante gezinsbegeleiding aanvragen',
          costCategory: '6.71',
        }),
      ],
    });
    req.flush(plan());
    await settle(fixture);
    http.expectOne(`/api/households/${HH}/support-plan`).flush(page());
    await settle(fixture);
    expect(q('plan-decisions-empty')).not.toBeNull();
  }, 30_000);

  it('reads and writes Dutch amounts', () => {
    expect(parseEuros('4.500')).toBe(450_000);
    expect(parseEuros('€ 12,5')).toBe(1250);
    expect(parseEuros('1250,75')).toBe(125_075);
    expect(parseEuros('12.5')).toBeNull();
    expect(parseEuros('abc')).toBeNull();
    expect(euros(450_000).replace(/\s/g, ' ')).toBe('€ 4.500,00');
  });
});
