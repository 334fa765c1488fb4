import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  PlanGoalView,
  PlanItemView,
  SupportPlanPage,
  SupportPlanView,
} from '@casustafel/contracts';
import { centsInput, euros, parseEuros } from './plan.format';
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

const GOAL = '9e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a81';
const ITEM = 'ae6f7a8b-9c0d-4f1a-9b2c-4d5e6f7a8b92';

function goal(overrides: Partial<PlanGoalView> = {}): PlanGoalView {
  return {
    id: GOAL,
    rev: 1,
    zrmDomain: 'financien',
    text: 'De schulden worden minder',
    baselineScore: 2,
    latestScore: 2,
    evaluationDate: '2027-05-20',
    ownEvaluationDate: false,
    evaluationState: 'gepland',
    status: 'open',
    ...overrides,
  };
}

function item(overrides: Partial<PlanItemView> = {}): PlanItemView {
  return {
    id: ITEM,
    rev: 1,
    goalId: GOAL,
    type: 'maatwerk-wmo',
    title: 'Schuldhulpverlening',
    owner: 'Stadsbank',
    startDate: '2026-12-01',
    endDate: '2027-06-01',
    status: 'gepland',
    costCents: 125_000,
    costCategory: '6.71',
    source: {
      kind: 'handmatig',
      decisionId: null,
      meetingId: null,
      agendaItemId: null,
      decision: null,
    },
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

  it('edits every field of an item, keeps the input on a conflict and re-applies it on the new revision', async () => {
    const { fixture, q } = await open(page({ plan: plan({ goals: [goal()], items: [item()] }) }));
    expect(q('plan-item-edit')).toBeNull();
    q(`item-edit-${ITEM}`)?.click();
    await settle(fixture);
    const field = <T extends HTMLElement>(id: string) => q(id) as T;
    expect(field<HTMLInputElement>('edit-item-title').value).toBe('Schuldhulpverlening');
    expect(field<HTMLSelectElement>('edit-item-type').value).toBe('maatwerk-wmo');
    expect(field<HTMLInputElement>('edit-item-owner').value).toBe('Stadsbank');
    expect(field<HTMLInputElement>('edit-item-start').value).toBe('2026-12-01');
    expect(field<HTMLInputElement>('edit-item-end').value).toBe('2027-06-01');
    expect(field<HTMLInputElement>('edit-item-cost').value).toBe('1250,00');
    expect(field<HTMLSelectElement>('edit-item-category').value).toBe('6.71');
    expect(field<HTMLSelectElement>('edit-item-goal').value).toBe(GOAL);
    expect(field<HTMLSelectElement>('edit-item-status').value).toBe('gepland');
    expect(document.activeElement).toBe(field('edit-item-title'));

    const type = (id: string, value: string, event = 'input') => {
      const el = field<HTMLInputElement>(id);
      el.value = value;
      el.dispatchEvent(new Event(event));
    };
    type('edit-item-title', 'Schuldhulp en budgetcoaching');
    type('edit-item-type', 'algemene-voorziening', 'change');
    type('edit-item-owner', 'Budgetcoach Stadsbank');
    type('edit-item-end', '2027-09-01');
    type('edit-item-cost', '1.300,50');
    type('edit-item-category', '', 'change');
    type('edit-item-goal', '', 'change');
    type('edit-item-status', 'lopend', 'change');
    await settle(fixture);
    q('edit-item-submit')?.click();
    await settle(fixture);
    const expected: Partial<PlanItemView> = {
      type: 'algemene-voorziening',
      title: 'Schuldhulp en budgetcoaching',
      owner: 'Budgetcoach Stadsbank',
      startDate: '2026-12-01',
      endDate: '2027-09-01',
      status: 'lopend',
      costCents: 130_050,
      costCategory: null,
      goalId: null,
    };
    const first = http.expectOne(`/api/support-plans/${PLAN}/items/${ITEM}`);
    expect(first.request.method).toBe('PATCH');
    expect(first.request.body).toEqual({ ...expected, expectedRev: 1 });
    const current = plan({
      goals: [goal()],
      items: [item({ rev: 2, owner: 'Stadsbank, team Oost' })],
      version: 2,
    });
    first.flush(
      { code: 'PLAN_CONFLICT', message: 'x', requestId: 'r', details: [], current },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(q('plan-conflict')).not.toBeNull();
    // The form stays open with what the user typed.
    expect(field<HTMLInputElement>('edit-item-title').value).toBe('Schuldhulp en budgetcoaching');
    expect(field<HTMLSelectElement>('edit-item-status').value).toBe('lopend');
    expect(field<HTMLInputElement>('edit-item-cost').value).toBe('1.300,50');
    q('plan-reapply')?.click();
    await settle(fixture);
    const second = http.expectOne(`/api/support-plans/${PLAN}/items/${ITEM}`);
    expect(second.request.body).toEqual({ ...expected, expectedRev: 2 });
    second.flush(
      plan({
        goals: [goal()],
        items: [item({ ...expected, rev: 3, costCategory: null })],
        version: 3,
      }),
    );
    await settle(fixture);
    http.expectOne(`/api/households/${HH}/support-plan`).flush(page());
    await settle(fixture);
    expect(q('plan-conflict')).toBeNull();
    expect(q('plan-item-edit')).toBeNull();
  }, 30_000);

  it('refuses an edit with an end before the start, and Escape closes the form unsaved', async () => {
    const { fixture, q } = await open(page({ plan: plan({ goals: [goal()], items: [item()] }) }));
    q(`item-edit-${ITEM}`)?.click();
    await settle(fixture);
    const end = q('edit-item-end') as HTMLInputElement;
    end.value = '2026-11-01';
    end.dispatchEvent(new Event('input'));
    q('edit-item-submit')?.click();
    await settle(fixture);
    expect(q('plan-error')?.textContent).toContain('De einddatum ligt voor de startdatum.');
    q('edit-item-title')?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
    );
    await settle(fixture);
    expect(q('plan-item-edit')).toBeNull();
    expect(document.activeElement).toBe(q(`item-edit-${ITEM}`));
  }, 30_000);

  it('removes a goal only after confirmation', async () => {
    const { fixture, q } = await open(
      page({ plan: plan({ goals: [goal({ rev: 4 })], items: [item()] }) }),
    );
    q(`goal-remove-${GOAL}`)?.click();
    await settle(fixture);
    expect(q('goal-remove-question')?.textContent).toContain('De schulden worden minder');
    q('goal-remove-cancel')?.click();
    await settle(fixture);
    expect(q('goal-remove-question')).toBeNull();
    http.expectNone(() => true);
    q(`goal-remove-${GOAL}`)?.click();
    await settle(fixture);
    q('goal-remove-confirm')?.click();
    await settle(fixture);
    const req = http.expectOne(`/api/support-plans/${PLAN}/goals/${GOAL}?expectedRev=4`);
    expect(req.request.method).toBe('DELETE');
    req.flush(plan({ goals: [], items: [item({ goalId: null, rev: 2 })], version: 2 }));
    await settle(fixture);
    http.expectOne(`/api/households/${HH}/support-plan`).flush(page());
    await settle(fixture);
    expect(q('goal-remove-question')).toBeNull();
    expect(q(`plan-goal-${GOAL}`)).toBeNull();
  }, 30_000);

  it('reads and writes Dutch amounts', () => {
    expect(parseEuros('4.500')).toBe(450_000);
    expect(parseEuros('€ 12,5')).toBe(1250);
    expect(parseEuros('1250,75')).toBe(125_075);
    expect(parseEuros('12.5')).toBeNull();
    expect(parseEuros('abc')).toBeNull();
    expect(euros(450_000).replace(/\s/g, ' ')).toBe('€ 4.500,00');
    expect(centsInput(130_050)).toBe('1300,50');
    expect(centsInput(null)).toBe('');
    expect(parseEuros(centsInput(125_075))).toBe(125_075);
  });
});
