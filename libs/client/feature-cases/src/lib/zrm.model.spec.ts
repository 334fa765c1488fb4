import { describe, expect, it } from '@jest/globals';
import { createZrmAssessmentSchema as contractSchema } from '@casustafel/contracts';
import { createZrmAssessmentSchema, zrmDomains } from '@casustafel/domain';
import { hasProblems, type ZrmDraft, zrmPayload, zrmProblems, zrmSeries } from './zrm.model';

const now = () => new Date('2026-11-20T12:00:00Z');

function fullDraft(): ZrmDraft {
  const domains: ZrmDraft['domains'] = {};
  for (const [i, d] of zrmDomains('2017').entries()) {
    domains[d.key] =
      i === 12
        ? { score: 'niet-gescoord', sources: [] }
        : { score: ((i % 5) + 1) as 1, sources: ['client'] };
  }
  return {
    version: '2017',
    assessedAt: '2026-11-19',
    domains,
    zwaartefactoren: {
      zorgverzekering: 'Ja, basis',
      'beheersing-nederlandse-taal.lezen': 'matig',
    },
  };
}

describe('ZRM form model', () => {
  it('builds a payload the contract and the domain rules accept (13 domains of 2017)', () => {
    const payload = zrmPayload(fullDraft());
    expect(Object.keys(payload.domains)).toHaveLength(13);
    expect(contractSchema.safeParse(payload).success).toBe(true);
    const domain = createZrmAssessmentSchema({ now }).safeParse(payload);
    expect(domain.error?.issues ?? []).toEqual([]);
    expect(payload.domains['justitie']).toEqual({
      score: 'niet-gescoord',
      indicators: [],
      sources: [],
    });
    // zwaartefactoren are context, kept apart and only when filled in
    expect(payload.zwaartefactoren).toEqual({
      zorgverzekering: 'Ja, basis',
      'beheersing-nederlandse-taal': {
        spreken: 'n.t.b.',
        lezen: 'matig',
        schrijven: 'n.t.b.',
        begrijpen: 'n.t.b.',
      },
    });
  });

  it('reports unscored domains and scored domains without a source', () => {
    const draft = fullDraft();
    delete draft.domains['financien'];
    draft.domains['huisvesting'] = { score: 3, sources: [] };
    const problems = zrmProblems(draft);
    expect(problems.unscored).toEqual(['financien']);
    expect(problems.withoutSource).toEqual(['huisvesting']);
    expect(hasProblems(problems)).toBe(true);
    expect(hasProblems(zrmProblems(fullDraft()))).toBe(false);
  });

  it('builds one chart series per domain of the version, oldest first, skipping other versions', () => {
    const base = {
      caseId: 'c',
      assessor: { id: 'u', displayName: 'A' },
      zwaartefactoren: {},
      stale: false,
      createdAt: '2026-01-01T00:00:00Z',
    };
    const series = zrmSeries(
      [
        {
          ...base,
          id: '2',
          version: '2017',
          assessedAt: '2026-10-01',
          domains: { financien: { score: 3, indicators: [], sources: [], toelichting: '' } },
        },
        {
          ...base,
          id: '1',
          version: '2017',
          assessedAt: '2026-06-01',
          domains: { financien: { score: 1, indicators: [], sources: [], toelichting: '' } },
        },
        {
          ...base,
          id: '0',
          version: '2013',
          assessedAt: '2025-06-01',
          domains: { financien: { score: 5, indicators: [], sources: [], toelichting: '' } },
        },
      ],
      '2017',
    );
    expect(series).toHaveLength(13);
    expect(series[0].points.map((p) => p.score)).toEqual([1, 3]);
  });
});
