import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntervisionCase } from '@casustafel/contracts';
import { IntervisionCasePageComponent } from './intervision-case-page.component';
import { segments } from './intervision-words';

const i18n = (file: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../../../apps/client/public/i18n', file), 'utf8'));
const nl = {
  ...i18n('nl.json'),
  intervision: i18n('intervision/nl.json'),
  refusals: i18n('refusals/nl.json'),
};
const COPY = '6b1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TEAM = '3e9c4f4b-ad88-4f4b-ac3d-4d5e6f7a8b93';
const CASE = '8d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f70';
const URL = `/api/intervision-cases/${COPY}`;

function copy(overrides: Partial<IntervisionCase> = {}): IntervisionCase {
  return {
    id: COPY,
    teamId: TEAM,
    title: 'Zorgen om Noa de Groot',
    status: 'in-review',
    sections: [
      {
        key: 'zorgen',
        title: 'Zorgen',
        text: 'Noa (BSN [BSN]) woont [adres]. Xhevat kwam langs.',
        spans: [
          { start: 0, end: 3, label: 'name_known', decision: null },
          { start: 9, end: 14, label: 'bsn', decision: null },
          { start: 22, end: 29, label: 'address', decision: null },
          { start: 31, end: 37, label: 'candidate', decision: 'open' },
        ],
      },
    ],
    openCandidates: 1,
    releasedAt: null,
    isCreator: false,
    mayRelease: true,
    ...overrides,
  };
}

describe('intervision case page', () => {
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

  async function open(answer: IntervisionCase) {
    const fixture = TestBed.createComponent(IntervisionCasePageComponent);
    fixture.componentRef.setInput('copyId', COPY);
    await settle(fixture);
    http.expectOne(URL).flush(answer);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const q = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const all = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
    return { fixture, root, q, all };
  }

  it('cuts a text at its spans', () => {
    const parts = segments(copy().sections[0] as IntervisionCase['sections'][number]);
    expect(parts.map((p) => [p.text, p.mark?.label ?? null])).toEqual([
      ['Noa', 'name_known'],
      [' (BSN ', null],
      ['[BSN]', 'bsn'],
      [') woont ', null],
      ['[adres]', 'address'],
      ['. ', null],
      ['Xhevat', 'candidate'],
      [' kwam langs.', null],
    ]);
  });

  it('marks every span by category, and the reviewer decides the flagged word and releases', async () => {
    const { fixture, q, all } = await open(copy());
    expect(all('intervision-mark').map((m) => m.getAttribute('data-label'))).toEqual([
      'name_known',
      'bsn',
      'address',
      'candidate',
    ]);
    expect(q('intervision-section-zorgen')?.textContent).toContain('naam uit het dossier');
    expect(q('intervision-four-eyes')).toBeNull();
    expect(q('intervision-source')).toBeNull();
    expect(q('intervision-release-open')?.textContent).toContain('1 gemarkeerd woord');
    expect(q('intervision-candidate-word')?.textContent).toBe('Xhevat');

    q('intervision-redact')?.click();
    await settle(fixture);
    const review = http.expectOne(`${URL}/review`);
    expect(review.request.body).toEqual({
      decisions: [{ section: 'zorgen', span: 3, decision: 'redact' }],
    });
    review.flush(
      copy({
        openCandidates: 0,
        sections: [
          {
            key: 'zorgen',
            title: 'Zorgen',
            text: 'Noa kwam. [naam] kwam langs.',
            spans: [
              { start: 0, end: 3, label: 'name_known', decision: null },
              { start: 10, end: 16, label: 'name', decision: 'redact' },
            ],
          },
        ],
      }),
    );
    await settle(fixture);
    expect(q('intervision-candidates-none')).not.toBeNull();
    expect(q('intervision-notice')?.textContent).toContain('Opgeslagen');

    q('intervision-release')?.click();
    await settle(fixture);
    http.expectOne(`${URL}/release`).flush(
      {
        code: 'CONFLICT',
        message: 'x',
        requestId: 'r',
        details: [{ path: 'sections.zorgen', issue: 'identifier-left' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    const error = q('intervision-error')?.textContent ?? '';
    expect(error).toContain(nl.errors.CONFLICT);
    expect(error).toContain('In ‘Zorgen’ staat nog een gegeven uit het dossier');

    q('intervision-release')?.click();
    await settle(fixture);
    http
      .expectOne(`${URL}/release`)
      .flush(
        copy({ status: 'released', releasedAt: '2026-03-03T09:00:00.000Z', mayRelease: false }),
      );
    await settle(fixture);
    expect(q('intervision-status')?.textContent).toContain('Vrijgegeven');
    expect(q('intervision-released-lead')).not.toBeNull();
    expect(q('intervision-error')).toBeNull();
  }, 30_000);

  it('tells the creator why they do not release, and links them to the source case', async () => {
    const fixture = TestBed.createComponent(IntervisionCasePageComponent);
    fixture.componentRef.setInput('copyId', COPY);
    await settle(fixture);
    http.expectOne(URL).flush(copy({ isCreator: true, mayRelease: false }));
    await settle(fixture);
    http.expectOne(`${URL}/source`).flush({
      caseId: CASE,
      reason: 'Leerzame casus over schoolverzuim',
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const q = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    expect(q('intervision-four-eyes')?.textContent).toContain('Je hebt deze kopie zelf gemaakt');
    expect(q('intervision-release')).toBeNull();
    expect(q('intervision-source-link')?.getAttribute('href')).toBe(`/casussen/${CASE}`);
    expect(q('intervision-source')?.textContent).toContain('Leerzame casus');
  }, 30_000);

  it('shows a released copy as plain text, with no marks and no way back to the source', async () => {
    const { q, all, root } = await open(
      copy({
        status: 'released',
        openCandidates: 0,
        mayRelease: false,
        releasedAt: '2026-03-03T09:00:00.000Z',
      }),
    );
    expect(all('intervision-mark')).toEqual([]);
    expect(q('intervision-section-zorgen')?.textContent?.trim()).toBe(
      'Noa (BSN [BSN]) woont [adres]. Xhevat kwam langs.',
    );
    expect(q('intervision-source')).toBeNull();
    expect(q('intervision-candidates')).toBeNull();
    expect(q('intervision-four-eyes')).toBeNull();
    expect(root.innerHTML).not.toContain('/casussen/');
  }, 30_000);
});
