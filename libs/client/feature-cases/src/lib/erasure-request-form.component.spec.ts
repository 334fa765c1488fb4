import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ErasureRequestView } from '@casustafel/contracts';
import { ErasureRequestFormComponent } from './erasure-request-form.component';
import { appTranslation } from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');
const HOUSEHOLD = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PERSON = '6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';

function view(overrides: Partial<ErasureRequestView> = {}): ErasureRequestView {
  return {
    id: '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    householdId: HOUSEHOLD,
    personId: null,
    scope: 'household',
    requestedBy: 'betrokkene',
    receivedOn: '2026-12-01',
    status: 'ontvangen',
    teamName: 'Wijkteam Noord',
    householdErased: false,
    exceptions: [],
    reason: null,
    recordedAt: '2026-12-01T10:00:00.000Z',
    assessedAt: null,
    executedAt: null,
    ...overrides,
  };
}

describe('ErasureRequestFormComponent (household page)', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ErasureRequestFormComponent>;
  let root: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ErasureRequestFormComponent);
    fixture.componentRef.setInput('householdId', HOUSEHOLD);
    fixture.componentRef.setInput('members', [{ id: PERSON, name: 'Marieke Jansen' }]);
    await fixture.whenStable();
    root = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  const el = <T extends HTMLElement>(testId: string) =>
    root.querySelector<T>(`[data-testid="${testId}"]`) as T;

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    }
  }

  it('offers the whole household or one member, labelled in Dutch', () => {
    const options = [...el<HTMLSelectElement>('hh-erasure-scope').options].map((o) => [
      o.value,
      o.textContent?.trim(),
    ]);
    expect(options).toEqual([
      ['household', 'Het hele huishouden'],
      [PERSON, 'Marieke Jansen'],
    ]);
    expect(root.querySelector('label[for="hh-erasure-requested-by"]')?.textContent).toContain(
      'Aangevraagd door',
    );
  });

  it('files a request for one member and confirms it', async () => {
    const scope = el<HTMLSelectElement>('hh-erasure-scope');
    scope.value = PERSON;
    scope.dispatchEvent(new Event('change'));
    // A person's choices are separate events: the page renders in between.
    await settle();
    const requester = el<HTMLSelectElement>('hh-erasure-requested-by');
    requester.value = 'jongere-12-plus';
    requester.dispatchEvent(new Event('change'));
    const date = el<HTMLInputElement>('hh-erasure-received-on');
    date.value = '2026-12-02';
    date.dispatchEvent(new Event('input'));
    el<HTMLFormElement>('hh-erasure-form').dispatchEvent(new Event('submit'));
    const request = http.expectOne({
      method: 'POST',
      url: `/api/households/${HOUSEHOLD}/erasure-requests`,
    });
    expect(request.request.body).toEqual({
      scope: 'person',
      personId: PERSON,
      requestedBy: 'jongere-12-plus',
      receivedOn: '2026-12-02',
    });
    request.flush(view({ scope: 'person', personId: PERSON }), {
      status: 201,
      statusText: 'Created',
    });
    await settle();
    expect(el('hh-erasure-notice').textContent).toContain('Het verzoek is ingediend');
    // Back to the whole household for a next request.
    expect(el<HTMLSelectElement>('hh-erasure-scope').value).toBe('household');
  });

  it('shows the api refusal and files nothing without a date', async () => {
    const date = el<HTMLInputElement>('hh-erasure-received-on');
    date.value = '';
    date.dispatchEvent(new Event('input'));
    el<HTMLFormElement>('hh-erasure-form').dispatchEvent(new Event('submit'));
    await settle();
    http.expectNone(`/api/households/${HOUSEHOLD}/erasure-requests`);
    expect(el('hh-erasure-error').textContent).toContain('Vul de datum in');

    date.value = '2026-12-02';
    date.dispatchEvent(new Event('input'));
    el<HTMLFormElement>('hh-erasure-form').dispatchEvent(new Event('submit'));
    http
      .expectOne(`/api/households/${HOUSEHOLD}/erasure-requests`)
      .flush(
        { code: 'FORBIDDEN', message: 'No access', requestId: 'r' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    expect(el('hh-erasure-error').textContent?.trim().length).toBeGreaterThan(0);
    expect(el('hh-erasure-notice').textContent?.trim()).toBe('');
  });
});
