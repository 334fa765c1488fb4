import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntervisionNewPageComponent } from './intervision-new-page.component';

const i18n = (file: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../../../apps/client/public/i18n', file), 'utf8'));
const nl = { ...i18n('nl.json'), intervision: i18n('intervision/nl.json') };
const CASE = '8d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f70';
const COPY = '6b1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('anonymise for intervision (new copy page)', () => {
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

  it('sends a reader without access to the case to the forbidden page', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(IntervisionNewPageComponent);
    fixture.componentRef.setInput('caseId', CASE);
    await settle(fixture);
    // The case store reads the case (title) and its team; answer what the page needs.
    const caseRequest = http.expectOne(`/api/cases/${CASE}`);
    caseRequest.flush(
      { code: 'FORBIDDEN', message: 'x', requestId: 'r' },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle(fixture);
    http.match(() => true).forEach((request) => request.flush([]));
    expect(navigate).toHaveBeenCalledWith(['/geen-toegang'], { skipLocationChange: true });
  }, 30_000);

  it('refuses a short reason before asking the api, then makes the copy and opens it', async () => {
    const fixture = TestBed.createComponent(IntervisionNewPageComponent);
    fixture.componentRef.setInput('caseId', CASE);
    await settle(fixture);
    const component = fixture.componentInstance as unknown as {
      reason: { set(value: string): void };
      submit(): Promise<void>;
      reasonError(): boolean;
    };
    http.match(() => true).forEach((request) => request.flush(null));
    component.reason.set('kort');
    await component.submit();
    await settle(fixture);
    expect(component.reasonError()).toBe(true);
    http.expectNone(`/api/cases/${CASE}/intervision-copies`);
    component.reason.set('Leerzame casus over schoolverzuim');
    const done = component.submit();
    await settle(fixture);
    const made = http.expectOne(`/api/cases/${CASE}/intervision-copies`);
    expect(made.request.body).toEqual({ reason: 'Leerzame casus over schoolverzuim' });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    made.flush({
      id: COPY,
      teamId: CASE,
      title: 'Zorgen om Noa',
      status: 'in-review',
      sections: [],
      openCandidates: 0,
      releasedAt: null,
      isCreator: true,
      mayRelease: false,
    });
    await done;
    expect(navigate).toHaveBeenCalledWith(['/intervisie', COPY]);
  }, 30_000);
});
