/**
 * ZRM assessments: their schema (scores per domain, zwaartefactoren, sources, dates), staleness
 * and trend. The reference data (domains, score levels, sources) is in `zrm-reference.ts`.
 */
import * as z from 'zod';
import {
  ZRM_VERSIONS,
  ZRM_NOT_SCORED,
  zrmDomains,
  isValidZrmScore,
  NOG_TE_BEPALEN,
  ZRM_SOURCES,
} from './zrm-reference';
import type {
  ZrmVersion,
  ZrmDomainKey,
  ZrmScore,
  ZrmSource,
  ZrmIndicatorCatalogue,
} from './zrm-reference';
export * from './zrm-reference';

export const ZRM_MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
export const ZRM_EARLIEST_DATE = '2000-01-01';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The answer categories per zwaartefactor are not in the research document [verify against the
 * SSF], so each is recorded as a short free-text finding or "n.t.b."; language mastery per aspect.
 */
const zwaartefactorValue = z.union([z.literal(NOG_TE_BEPALEN), z.string().trim().min(1).max(500)]);
const zwaartefactorenSchema = z
  .strictObject({
    zorgverzekering: zwaartefactorValue,
    'cognitief-vermogen': zwaartefactorValue,
    'beheersing-nederlandse-taal': z.strictObject({
      spreken: zwaartefactorValue,
      lezen: zwaartefactorValue,
      schrijven: zwaartefactorValue,
      begrijpen: zwaartefactorValue,
    }),
    'digitale-vaardigheden': zwaartefactorValue,
    'bereiken-van-bestemmingen-buitenshuis': zwaartefactorValue,
    'vrijstelling-van-arbeid': zwaartefactorValue,
    'verantwoordelijkheid-voor-kinderen': zwaartefactorValue,
  })
  .partial();
export type ZrmZwaartefactoren = z.infer<typeof zwaartefactorenSchema>;

const domainScoreSchema = z.strictObject({
  score: z.union([z.literal(ZRM_NOT_SCORED), z.number().int().min(1).max(5)]),
  indicators: z.array(z.string().min(1).max(100)).max(50).default([]),
  sources: z.array(z.enum(ZRM_SOURCES)).max(ZRM_SOURCES.length).default([]),
});

export interface ZrmDomainScore {
  score: ZrmScore | typeof ZRM_NOT_SCORED;
  indicators: string[];
  sources: ZrmSource[];
}

export interface ZrmAssessment {
  version: ZrmVersion;
  /** Calendar date `YYYY-MM-DD`: the ZRM is a snapshot of one moment. */
  assessedAt: string;
  /** User id of the trained professional who scored (optional here; the api fills it). */
  assessedBy?: string;
  domains: Partial<Record<ZrmDomainKey, ZrmDomainScore>>;
  zwaartefactoren: ZrmZwaartefactoren;
}

export interface ZrmAssessmentSchemaOptions {
  /** Clock for the "not in the future" rule; defaults to the system clock at parse time. */
  now?: () => Date;
  indicators?: ZrmIndicatorCatalogue;
}

function dateOnlyToMs(value: string): number {
  return Date.parse(`${value}T00:00:00Z`);
}

/**
 * Builds the assessment schema. Rules: every domain of the version present and no other;
 * score 1–5 (integer) or `niet-gescoord`; a scored domain names at least one information source
 * and may carry indicators only from that domain's catalogue list (none for `niet-gescoord`);
 * no duplicates; `assessedAt` a real date, not before 2000-01-01 and at most one day ahead of now
 * (time-zone slack).
 */
export function createZrmAssessmentSchema(options: ZrmAssessmentSchemaOptions = {}) {
  const now = options.now ?? (() => new Date());
  const catalogue = options.indicators ?? {};
  return z
    .strictObject({
      version: z.enum(ZRM_VERSIONS),
      assessedAt: z.iso.date(),
      assessedBy: z.string().min(1).max(100).optional(),
      domains: z.record(z.string(), domainScoreSchema),
      zwaartefactoren: zwaartefactorenSchema.default({}),
    })
    .superRefine((value, ctx) => {
      const at = dateOnlyToMs(value.assessedAt);
      if (at < dateOnlyToMs(ZRM_EARLIEST_DATE)) {
        ctx.addIssue({ code: 'custom', path: ['assessedAt'], message: 'before-2000' });
      }
      if (at > now().getTime() + ZRM_MAX_FUTURE_MS) {
        ctx.addIssue({ code: 'custom', path: ['assessedAt'], message: 'in-the-future' });
      }
      const expected = zrmDomains(value.version).map((x) => x.key as string);
      for (const key of expected) {
        if (!(key in value.domains)) {
          ctx.addIssue({ code: 'custom', path: ['domains', key], message: 'missing-domain' });
        }
      }
      for (const [key, entry] of Object.entries(value.domains)) {
        const path = ['domains', key];
        if (!expected.includes(key)) {
          ctx.addIssue({ code: 'custom', path, message: 'unknown-domain' });
          continue;
        }
        const allowed = catalogue[value.version]?.[key as ZrmDomainKey] ?? [];
        if (entry.score === ZRM_NOT_SCORED && entry.indicators.length > 0) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'indicators'],
            message: 'indicators-without-score',
          });
        }
        if (entry.score !== ZRM_NOT_SCORED && entry.sources.length === 0) {
          ctx.addIssue({ code: 'custom', path: [...path, 'sources'], message: 'source-required' });
        }
        if (new Set(entry.sources).size !== entry.sources.length) {
          ctx.addIssue({ code: 'custom', path: [...path, 'sources'], message: 'duplicate' });
        }
        if (new Set(entry.indicators).size !== entry.indicators.length) {
          ctx.addIssue({ code: 'custom', path: [...path, 'indicators'], message: 'duplicate' });
        }
        entry.indicators.forEach((indicator, i) => {
          if (!allowed.includes(indicator)) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'indicators', i],
              message: 'unknown-indicator',
            });
          }
        });
      }
    })
    .transform((value) => value as ZrmAssessment);
}

/** The assessment schema with the system clock and the built-in (empty) indicator catalogue. */
export const zrmAssessmentSchema = createZrmAssessmentSchema();

function toMs(value: string | Date): number {
  if (value instanceof Date) return value.getTime();
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? dateOnlyToMs(value) : Date.parse(value);
}

/**
 * The ZRM is a snapshot: information older than about 30 days is disregarded (zrmtraining.nl).
 * True when more than `maxDays` whole days lie between `assessedAt` (a date counts from 00:00
 * UTC) and `now`; exactly `maxDays` is still fresh. Unparseable dates count as stale.
 */
export function isZrmStale(assessedAt: string | Date, now: Date, maxDays = 30): boolean {
  const at = toMs(assessedAt);
  if (Number.isNaN(at)) return true;
  return now.getTime() - at > maxDays * DAY_MS;
}

export interface ZrmTrendPoint {
  assessedAt: string;
  score: ZrmScore;
  version: ZrmVersion;
}

/**
 * Chronological scores of one domain across assessments, for a chart. Assessments without that
 * domain (other version) or with `niet-gescoord` are skipped; each point keeps its version so a
 * chart can mark a change of version. Same-date assessments keep their input order.
 */
export function zrmTrend(
  history: readonly Pick<ZrmAssessment, 'version' | 'assessedAt' | 'domains'>[],
  domain: ZrmDomainKey,
): ZrmTrendPoint[] {
  const points: ZrmTrendPoint[] = [];
  for (const assessment of history) {
    const score = assessment.domains[domain]?.score;
    if (!isValidZrmScore(score)) continue;
    points.push({ assessedAt: assessment.assessedAt, score, version: assessment.version });
  }
  return points.sort((a, b) => toMs(a.assessedAt) - toMs(b.assessedAt));
}
