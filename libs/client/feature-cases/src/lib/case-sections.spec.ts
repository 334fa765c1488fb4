import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type Type } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CaseDetail, Preparation } from '@casustafel/contracts';
import { createZrmAssessmentSchema, zrmDomains } from '@casustafel/domain';
import { CaseStore } from '@casustafel/client/data-access';
import { BsnFieldComponent } from './bsn-field.component';
import { MeldcodeSectionComponent } from './meldcode-section.component';
import { PreparationSectionComponent } from './preparation-section.component';
import { ZrmSectionComponent } from './zrm-section.component';
import { appTranslation } from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');
const TEAM = '3e9c4f4b-ad88-4f4b-ac3d-4d5e6f7a8b93';
const USER = '1c7a2d2f-8b66-4d2f-8a1b-2b3c4d5e6f71';
const CASE = '6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const PREP = '8d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f70';
const RECORD = '9e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a81';
const NOW = '2026-11-20T09:00:00.000Z';

function preparation(overrides: Partial<Preparation> = {}): Preparation {
  return {
    id: PREP,
    caseId: CASE,
    status: 'draft',
    meetingDate: null,
    content: { vraag: '' },
    missingForReady: ['vraag'],
    zrmStale: false,
    author: { id: USER, displayName: 'Fatima el Amrani' },
    comments: [],
    updatedAt: NOW,
    readyAt: null,
    ...overrides,
  };
}

function caseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: CASE,
    teamId: TEAM,
    householdId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    householdLabel: 'Huishouden Jansen',
    title: 'Schulden',
    status: 'plan',
    casusregisseur: { id: USER, displayName: 'Fatima el Amrani' },
    safetyMarker: false,
    updatedAt: NOW,
    procesregisseur: null,
    casusregisseurAssignment: { since: null, assignedBy: null },
    procesregisseurAssignment: null,
    involved: [],
    statusHistory: [{ status: 'aanmelding', at: NOW, byUserId: USER }],
    allowedTransitions: ['uitvoering', 'afgesloten'],
    leadTimes: { aanmeldingToPlan: 3, aanmeldingToAfgesloten: null },
    consentCoverage: { mdo: 'gedekt', validConsentIds: [], expiredConsentIds: [] },
    zrm: [],
    meldcode: [],
    preparations: [preparation()],
    ...overrides,
  };
}

describe('case-file sections', () => {
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

  async function settle<T>(fixture?: ComponentFixture<T>): Promise<void> {
    for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture?.whenStable();
  }

  async function loadCase(detail: CaseDetail): Promise<void> {
    const store = TestBed.inject(CaseStore);
    const load = store.load(CASE);
    http.expectOne(`/api/cases/${CASE}`).flush(detail);
    await settle();
    http.expectOne(`/api/teams/${TEAM}`).flush({
      id: TEAM,
      name: 'Wijkteam Noord',
      type: 'integraal',
      memberCount: 1,
      createdAt: NOW,
      members: [
        {
          userId: USER,
          displayName: 'Fatima el Amrani',
          discipline: 'generalist',
          roles: ['member'],
        },
      ],
    });
    http
      .expectOne(`/api/teams/${TEAM}/regisseur-candidates`)
      .flush([{ id: USER, displayName: 'Fatima el Amrani' }]);
    await load;
  }

  async function render<T>(
    type: Type<T>,
    detail: CaseDetail,
  ): Promise<{ fixture: ComponentFixture<T>; root: HTMLElement }> {
    await loadCase(detail);
    const fixture = TestBed.createComponent(type);
    fixture.componentRef.setInput('detail', detail);
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  const q = (root: HTMLElement, id: string) =>
    root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  it('BSN field gives instant 11-proef feedback and says it is stored encrypted', async () => {
    const fixture = TestBed.createComponent(BsnFieldComponent);
    fixture.componentRef.setInput('fieldId', 'bsn');
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const input = q(root, 'bsn') as HTMLInputElement;
    expect(root.textContent).toContain('versleuteld');
    const type = async (value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    await type('123456789');
    expect(q(root, 'bsn-feedback')?.dataset['state']).toBe('invalid');
    expect(q(root, 'bsn-feedback')?.textContent).toContain('11-proef');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await type('123456782');
    expect(q(root, 'bsn-feedback')?.dataset['state']).toBe('valid');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(input.getAttribute('aria-describedby')).toContain('bsn-feedback');
  });

  it('ZRM form: one native radio group per domain with the Dutch labels, and a valid payload', async () => {
    const { fixture, root } = await render(ZrmSectionComponent, caseDetail());
    q(root, 'zrm-new')?.click();
    await fixture.whenStable();
    const domains = zrmDomains('2017');
    expect(root.querySelectorAll('[data-testid^="zrm-domain-"]')).toHaveLength(13);
    for (const d of domains) {
      const group = q(root, `zrm-domain-${d.key}`);
      expect(group?.tagName).toBe('FIELDSET');
      expect(group?.querySelector('legend')?.textContent).toContain(d.name);
      const radios = group?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [];
      expect(radios).toHaveLength(6);
      // one name per group: the browser moves between them with the arrow keys, Tab leaves the group
      expect(new Set([...radios].map((r) => r.name)).size).toBe(1);
    }
    expect(q(root, 'zrm-domain-financien')?.textContent).toContain('acute problematiek');
    expect(q(root, 'zrm-domain-financien')?.textContent).toContain('volledig zelfredzaam');
    expect(q(root, 'zrm-zwaartefactoren')?.textContent).toContain('geen scores');

    // submitting an incomplete form is refused with a message, nothing is sent
    q(root, 'zrm-submit')?.click();
    await fixture.whenStable();
    expect(q(root, 'zrm-error')?.textContent).toContain('Nog niet elk domein');

    for (const [i, d] of domains.entries()) {
      const choice = i === 12 ? 'niet-gescoord' : String((i % 5) + 1);
      const radio = q(root, `zrm-score-${d.key}-${choice}`) as HTMLInputElement;
      radio.checked = true;
      radio.dispatchEvent(new Event('change'));
      await fixture.whenStable();
      if (choice !== 'niet-gescoord') {
        const source = q(root, `zrm-source-${d.key}-client`) as HTMLInputElement;
        source.checked = true;
        source.dispatchEvent(new Event('change'));
      }
    }
    await fixture.whenStable();
    q(root, 'zrm-submit')?.click();
    await settle(fixture);
    const post = http.expectOne({ method: 'POST', url: `/api/cases/${CASE}/zrm` });
    const body = post.request.body as {
      version: string;
      domains: Record<string, { score: unknown }>;
    };
    expect(body.version).toBe('2017');
    expect(body.domains['financien'].score).toBe(1);
    expect(body.domains['justitie'].score).toBe('niet-gescoord');
    const parsed = createZrmAssessmentSchema({ now: () => new Date('2100-01-01') }).safeParse(body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    post.flush({ id: 'x' });
    await settle();
    http.expectOne(`/api/cases/${CASE}`).flush(caseDetail());
    await settle(fixture);
  });

  it('preparation: "gereed" is explained as unavailable without a question, and refused on click', async () => {
    const { fixture, root } = await render(PreparationSectionComponent, caseDetail());
    q(root, `preparation-open-${PREP}`)?.click();
    await fixture.whenStable();
    const ready = q(root, 'preparation-ready');
    expect(ready?.dataset['readyAllowed']).toBe('false');
    expect(ready?.getAttribute('aria-describedby')).toBe('prep-ready-explain');
    expect(q(root, 'preparation-ready-explain')?.textContent).toContain('vraag aan het team');
    ready?.click();
    await fixture.whenStable();
    // refused in the browser: no request, a Dutch message and the question marked
    expect(q(root, 'preparation-error')?.textContent).toContain('Niet gereed gemeld');
    expect(q(root, 'preparation-vraag-error')?.textContent).toContain('vraag aan het team');

    const vraag = q(root, 'preparation-vraag') as HTMLTextAreaElement;
    vraag.value = 'Welke hulp past bij dit gezin?';
    vraag.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(q(root, 'preparation-ready')?.dataset['readyAllowed']).toBe('true');
    expect(q(root, 'preparation-ready-explain')?.textContent).toContain('Alles wat nodig is');
  });

  it('preparation: shows the api refusal (400 required-for-ready) in Dutch', async () => {
    const { fixture, root } = await render(
      PreparationSectionComponent,
      caseDetail({
        preparations: [preparation({ content: { vraag: 'Welke hulp past hier het best?' } })],
      }),
    );
    q(root, `preparation-open-${PREP}`)?.click();
    await fixture.whenStable();
    q(root, 'preparation-ready')?.click();
    await settle();
    http.expectOne({ method: 'PUT', url: `/api/preparations/${PREP}` }).flush({ id: PREP });
    await settle();
    http.expectOne(`/api/cases/${CASE}`).flush(caseDetail());
    await settle();
    http.expectOne({ method: 'POST', url: `/api/preparations/${PREP}/ready` }).flush(
      {
        code: 'VALIDATION_FAILED',
        message: 'm',
        requestId: 'r',
        details: [{ path: 'vraag', issue: 'required-for-ready' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(q(root, 'preparation-error')?.textContent).toContain('Niet gereed gemeld');
  });

  it('Meldcode step 5 shows only the outcomes the afwegingskader allows for the answers', async () => {
    const record = {
      id: RECORD,
      caseId: CASE,
      openedAt: NOW,
      openedBy: USER,
      closedAt: null,
      entries: [
        { step: 1, decision: 'Signalen', by: USER, at: NOW, kindcheck: { kinderenAanwezig: true } },
        {
          step: 4,
          decision: 'Gewogen',
          by: USER,
          at: NOW,
          afwegingen: { '1': true, '2': false, '3': true },
        },
      ],
      nextAllowedSteps: [4, 5],
      safetyMarker: true,
    };
    const { fixture, root } = await render(
      MeldcodeSectionComponent,
      caseDetail({ meldcode: [record], safetyMarker: true }),
    );
    expect(root.querySelectorAll('[data-testid="meldcode-entry"]')).toHaveLength(2);
    expect(q(root, 'meldcode-step-1')?.textContent).toContain('er zijn kinderen');
    const step5 = q(root, 'meldcode-form-step-5') as HTMLInputElement;
    step5.checked = true;
    step5.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const outcomes = () =>
      [...root.querySelectorAll<HTMLElement>('[data-testid^="meldcode-outcome-"]')].map(
        (e) => e.dataset['testid'],
      );
    expect(outcomes()).toEqual([]);
    expect(q(root, 'meldcode-outcomes-none')).not.toBeNull();

    const answer = async (id: string) => {
      const radio = q(root, id) as HTMLInputElement;
      radio.checked = true;
      radio.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    await answer('meldcode-afweging-4-nee');
    expect(outcomes()).toEqual(['meldcode-outcome-melden']);
    await answer('meldcode-afweging-4-ja');
    expect(outcomes()).toEqual(['meldcode-outcome-hulp-organiseren']);
    await answer('meldcode-afweging-5-nee');
    expect(outcomes()).toEqual(['meldcode-outcome-melden', 'meldcode-outcome-beide']);

    // a refusal of the api is shown with the Dutch text for its issue
    await answer('meldcode-outcome-beide');
    const decision = q(root, 'meldcode-decision') as HTMLTextAreaElement;
    decision.value = 'Melden en hulp';
    decision.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    q(root, 'meldcode-submit')?.click();
    await settle();
    const post = http.expectOne({ method: 'POST', url: `/api/meldcode/${RECORD}/steps` });
    expect(post.request.body).toMatchObject({
      step: 5,
      outcome: 'beide',
      afwegingen: { '4': true, '5': false },
    });
    post.flush(
      {
        code: 'CONFLICT',
        message: 'm',
        requestId: 'r',
        details: [{ path: 'step', issue: 'outcome-not-allowed' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(q(root, 'meldcode-error')?.textContent).toContain('past niet bij de antwoorden');
  });
});
