import { describe, expect, it } from '@jest/globals';
import {
  createZrmAssessmentSchema,
  isValidZrmScore,
  isZrmStale,
  isZrmVersion,
  ZRM_SCORE_LEVELS,
  ZWAARTEFACTOREN,
  zrmAssessmentSchema,
  zrmDomains,
  zrmTrend,
  zrmVersion,
  type ZrmAssessment,
  type ZrmDomainKey,
  type ZrmVersion,
} from './zrm';

const NOW = new Date('2026-03-10T12:00:00Z');

function allDomains(version: ZrmVersion, score: number | 'niet-gescoord' = 3) {
  return Object.fromEntries(
    zrmDomains(version).map((dom) => [
      dom.key,
      { score, indicators: [], sources: score === 'niet-gescoord' ? [] : ['client'] },
    ]),
  );
}

function assessment(overrides: Record<string, unknown> = {}) {
  return { version: '2017', assessedAt: '2026-03-01', domains: allDomains('2017'), ...overrides };
}

const schema = createZrmAssessmentSchema({
  now: () => NOW,
  indicators: { '2017': { financien: ['fin-schulden', 'fin-inkomen'] } },
});

function issues(input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
}

describe('ZRM reference data', () => {
  it('has 13 domains in ZRM 2017 and 11 in ZRM 2013, in the official order', () => {
    expect(zrmDomains('2017').map((x) => x.key)).toEqual([
      'financien',
      'werk-en-opleiding',
      'tijdsbesteding',
      'huisvesting',
      'huiselijke-relaties',
      'geestelijke-gezondheid',
      'lichamelijke-gezondheid',
      'middelengebruik',
      'basale-adl',
      'instrumentele-adl',
      'sociaal-netwerk',
      'maatschappelijke-participatie',
      'justitie',
    ]);
    expect(zrmDomains('2013').map((x) => x.name)).toEqual([
      'Financiën',
      'Dagbesteding',
      'Huisvesting',
      'Huiselijke relaties',
      'Geestelijke gezondheid',
      'Lichamelijke gezondheid',
      'Verslaving',
      'ADL',
      'Sociaal netwerk',
      'Maatschappelijke participatie',
      'Justitie',
    ]);
  });

  it('keeps the official names, client labels and the status of the English names', () => {
    const byKey = new Map(zrmDomains('2017').map((x) => [x.key, x]));
    expect(byKey.get('werk-en-opleiding')?.name).toBe('Werk & Opleiding');
    expect(byKey.get('basale-adl')?.name).toBe('Basale ADL (Activiteiten Dagelijks Leven)');
    expect(byKey.get('financien')?.clientLabel).toBe('Geldzaken');
    expect(byKey.get('huisvesting')?.clientLabel).toBe('Woning');
    expect(byKey.get('middelengebruik')?.clientLabel).toBe('Verslaving');
    expect(zrmDomains('2017').every((x) => !x.englishNameOfficial)).toBe(true);
    expect(zrmDomains('2013').every((x) => x.englishNameOfficial && x.clientLabel === null)).toBe(
      true,
    );
    expect(zrmDomains('2013').find((x) => x.key === 'justitie')?.englishName).toBe('Judiciary');
    const keys = zrmDomains('2017').map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has the five score labels', () => {
    expect(ZRM_SCORE_LEVELS.map((x) => `${x.score} ${x.label}`)).toEqual([
      '1 acute problematiek',
      '2 niet zelfredzaam',
      '3 beperkt zelfredzaam',
      '4 voldoende zelfredzaam',
      '5 volledig zelfredzaam',
    ]);
    expect(zrmVersion('2013').scoreLevels).toBe(ZRM_SCORE_LEVELS);
  });

  it('keeps the seven zwaartefactoren apart from the domains', () => {
    expect(ZWAARTEFACTOREN).toHaveLength(7);
    const domainKeys = new Set<string>(zrmDomains('2017').map((x) => x.key));
    expect(ZWAARTEFACTOREN.some((z) => domainKeys.has(z.key))).toBe(false);
  });

  it('recognises versions and scores', () => {
    expect(isZrmVersion('2017')).toBe(true);
    expect(isZrmVersion('2010')).toBe(false);
    expect(isZrmVersion(2017)).toBe(false);
    expect([1, 2, 3, 4, 5].every(isValidZrmScore)).toBe(true);
    expect([0, 6, 2.5, '3', NaN, null].some(isValidZrmScore)).toBe(false);
  });
});

describe('zrmAssessmentSchema', () => {
  it('accepts a complete assessment with indicators from the catalogue and zwaartefactoren', () => {
    const input = assessment({
      domains: {
        ...allDomains('2017'),
        financien: { score: 2, indicators: ['fin-schulden'], sources: ['client', 'dossier'] },
        justitie: { score: 'niet-gescoord' },
      },
      zwaartefactoren: {
        zorgverzekering: 'verzekerd',
        'beheersing-nederlandse-taal': {
          spreken: 'goed',
          lezen: 'n.t.b.',
          schrijven: 'n.t.b.',
          begrijpen: 'goed',
        },
      },
    });
    const parsed = schema.parse(input);
    expect(parsed.domains.financien?.score).toBe(2);
    expect(parsed.domains.justitie).toEqual({
      score: 'niet-gescoord',
      indicators: [],
      sources: [],
    });
    expect(parsed.zwaartefactoren['beheersing-nederlandse-taal']?.lezen).toBe('n.t.b.');
  });

  it('refuses scores outside 1–5 and half scores', () => {
    for (const score of [0, 6, 3.5, '3']) {
      expect(
        issues(
          assessment({
            domains: { ...allDomains('2017'), financien: { score, sources: ['client'] } },
          }),
        ).length,
      ).toBeGreaterThan(0);
    }
  });

  it('requires exactly the domains of the version', () => {
    const { justitie: _omitted, ...missing } = allDomains('2017');
    expect(issues(assessment({ domains: missing }))).toContain('domains.justitie:missing-domain');
    expect(
      issues(
        assessment({
          domains: { ...allDomains('2017'), verslaving: { score: 3, sources: ['client'] } },
        }),
      ),
    ).toContain('domains.verslaving:unknown-domain');
    expect(
      issues({ version: '2013', assessedAt: '2026-03-01', domains: allDomains('2013') }),
    ).toEqual([]);
    expect(
      issues({ version: '2013', assessedAt: '2026-03-01', domains: allDomains('2017') }),
    ).toContain('domains.dagbesteding:missing-domain');
  });

  it('refuses indicators outside the domain list and on unscored domains', () => {
    const withIndicator = (key: ZrmDomainKey, indicators: string[], score: number | string = 2) =>
      assessment({
        domains: { ...allDomains('2017'), [key]: { score, indicators, sources: ['client'] } },
      });
    expect(issues(withIndicator('financien', ['fin-onbekend']))).toContain(
      'domains.financien.indicators.0:unknown-indicator',
    );
    expect(issues(withIndicator('huisvesting', ['fin-schulden']))).toContain(
      'domains.huisvesting.indicators.0:unknown-indicator',
    );
    expect(issues(withIndicator('financien', ['fin-schulden', 'fin-schulden']))).toContain(
      'domains.financien.indicators:duplicate',
    );
    expect(issues(withIndicator('financien', ['fin-schulden'], 'niet-gescoord'))).toContain(
      'domains.financien.indicators:indicators-without-score',
    );
    // the built-in catalogue is empty: no indicator passes the default schema
    expect(
      zrmAssessmentSchema.safeParse(withIndicator('financien', ['fin-schulden'])).success,
    ).toBe(false);
  });

  it('requires an information source for a scored domain, from the fixed list', () => {
    const sources = (s: unknown) =>
      assessment({ domains: { ...allDomains('2017'), financien: { score: 3, sources: s } } });
    expect(issues(sources([]))).toContain('domains.financien.sources:source-required');
    expect(issues(sources(['buurman'])).length).toBeGreaterThan(0);
    expect(issues(sources(['netwerk', 'professional']))).toEqual([]);
    expect(issues(sources(['client', 'client']))).toContain('domains.financien.sources:duplicate');
  });

  it('refuses dates before 2000, more than a day ahead, or not real', () => {
    expect(issues(assessment({ assessedAt: '1999-12-31' }))).toContain('assessedAt:before-2000');
    expect(issues(assessment({ assessedAt: '2000-01-01' }))).toEqual([]);
    expect(issues(assessment({ assessedAt: '2026-03-11' }))).toEqual([]);
    expect(issues(assessment({ assessedAt: '2026-03-12' }))).toContain('assessedAt:in-the-future');
    expect(issues(assessment({ assessedAt: '2026-02-30' })).length).toBeGreaterThan(0);
    expect(issues(assessment({ assessedAt: '2026-03-01T10:00:00Z' })).length).toBeGreaterThan(0);
  });

  it('refuses unknown versions, fields and zwaartefactoren', () => {
    expect(issues(assessment({ version: '2010' })).length).toBeGreaterThan(0);
    expect(issues(assessment({ extra: true })).length).toBeGreaterThan(0);
    expect(issues(assessment({ zwaartefactoren: { inkomen: 'laag' } })).length).toBeGreaterThan(0);
    expect(issues(assessment({ zwaartefactoren: { zorgverzekering: '' } })).length).toBeGreaterThan(
      0,
    );
  });
});

describe('isZrmStale', () => {
  it('warns after 30 days, counting a date from midnight UTC', () => {
    expect(isZrmStale('2026-02-08', new Date('2026-03-10T00:00:00Z'))).toBe(false); // exactly 30 days
    expect(isZrmStale('2026-02-08', new Date('2026-03-10T00:00:01Z'))).toBe(true);
    expect(isZrmStale('2026-03-01', NOW)).toBe(false);
    expect(isZrmStale(new Date('2026-01-01T00:00:00Z'), NOW)).toBe(true);
  });

  it('takes another maximum and treats nonsense as stale', () => {
    expect(isZrmStale('2026-03-01', NOW, 7)).toBe(true);
    expect(isZrmStale('2026-03-05', NOW, 7)).toBe(false);
    expect(isZrmStale('geen datum', NOW)).toBe(true);
  });
});

describe('zrmTrend', () => {
  const a = (
    version: ZrmVersion,
    assessedAt: string,
    financien: ZrmAssessment['domains']['financien'],
  ) => ({
    version,
    assessedAt,
    domains: { financien },
  });

  it('orders points chronologically and skips unscored and absent domains', () => {
    const history = [
      a('2017', '2025-06-01', { score: 4, indicators: [], sources: ['client'] }),
      a('2013', '2024-01-15', { score: 1, indicators: [], sources: ['client'] }),
      a('2017', '2025-01-01', { score: 'niet-gescoord', indicators: [], sources: [] }),
      a('2017', '2025-03-01', undefined),
      a('2017', '2024-09-01', { score: 2, indicators: [], sources: ['dossier'] }),
    ];
    expect(zrmTrend(history, 'financien')).toEqual([
      { assessedAt: '2024-01-15', score: 1, version: '2013' },
      { assessedAt: '2024-09-01', score: 2, version: '2017' },
      { assessedAt: '2025-06-01', score: 4, version: '2017' },
    ]);
    expect(zrmTrend(history, 'justitie')).toEqual([]);
    expect(history[0]?.assessedAt).toBe('2025-06-01'); // input not reordered
  });
});
