import type { CreateZrmAssessmentRequest, ZrmAssessment } from '@casustafel/contracts';
import {
  NOG_TE_BEPALEN,
  TAALBEHEERSING_ASPECTEN,
  ZRM_NOT_SCORED,
  type ZrmDomainKey,
  zrmDomains,
  zrmTrend,
  type ZrmSource,
  type ZrmVersion,
  ZWAARTEFACTOREN,
} from '@casustafel/domain';

export type ZrmScoreChoice = 1 | 2 | 3 | 4 | 5 | typeof ZRM_NOT_SCORED;

export interface ZrmDomainDraft {
  score: ZrmScoreChoice | null;
  sources: ZrmSource[];
}

export interface ZrmDraft {
  version: ZrmVersion;
  assessedAt: string;
  domains: Partial<Record<string, ZrmDomainDraft>>;
  /** Free text per zwaartefactor; language mastery per aspect as `beheersing-nederlandse-taal.lezen`. */
  zwaartefactoren: Record<string, string>;
}

export interface ZrmDraftProblems {
  /** Domains without a choice (a score or "niet gescoord"). */
  unscored: string[];
  /** Scored domains without an information source. */
  withoutSource: string[];
  dateMissing: boolean;
}

export function zrmProblems(draft: ZrmDraft): ZrmDraftProblems {
  const unscored: string[] = [];
  const withoutSource: string[] = [];
  for (const domain of zrmDomains(draft.version)) {
    const entry = draft.domains[domain.key];
    if (!entry || entry.score === null) unscored.push(domain.key);
    else if (entry.score !== ZRM_NOT_SCORED && entry.sources.length === 0)
      withoutSource.push(domain.key);
  }
  return { unscored, withoutSource, dateMissing: !/^\d{4}-\d{2}-\d{2}$/.test(draft.assessedAt) };
}

export function hasProblems(p: ZrmDraftProblems): boolean {
  return p.unscored.length > 0 || p.withoutSource.length > 0 || p.dateMissing;
}

/**
 * The request for `POST /cases/:id/zrm`: every domain of the version, and only the
 * zwaartefactoren that were filled in (context, never scores).
 */
export function zrmPayload(draft: ZrmDraft): CreateZrmAssessmentRequest {
  const domains: CreateZrmAssessmentRequest['domains'] = {};
  for (const domain of zrmDomains(draft.version)) {
    const entry = draft.domains[domain.key];
    const score = entry?.score ?? ZRM_NOT_SCORED;
    domains[domain.key] = {
      score,
      indicators: [],
      sources: score === ZRM_NOT_SCORED ? [] : [...(entry?.sources ?? [])],
    };
  }
  const zwaartefactoren: Record<string, unknown> = {};
  const text = (key: string) => (draft.zwaartefactoren[key] ?? '').trim();
  for (const factor of ZWAARTEFACTOREN) {
    if (factor.key === 'beheersing-nederlandse-taal') {
      const aspects = Object.fromEntries(
        TAALBEHEERSING_ASPECTEN.map((a) => [a, text(`${factor.key}.${a}`) || NOG_TE_BEPALEN]),
      );
      if (TAALBEHEERSING_ASPECTEN.some((a) => text(`${factor.key}.${a}`) !== ''))
        zwaartefactoren[factor.key] = aspects;
    } else if (text(factor.key) !== '') {
      zwaartefactoren[factor.key] = text(factor.key);
    }
  }
  return { version: draft.version, assessedAt: draft.assessedAt, domains, zwaartefactoren };
}

export interface ZrmSeries {
  key: ZrmDomainKey;
  name: string;
  points: { assessedAt: string; score: number; version: ZrmVersion }[];
}

/** One series per domain of the version, for the small-multiples chart and its table. */
export function zrmSeries(history: readonly ZrmAssessment[], version: ZrmVersion): ZrmSeries[] {
  const typed = history.map((a) => ({
    version: a.version,
    assessedAt: a.assessedAt,
    domains: a.domains as Parameters<typeof zrmTrend>[0][number]['domains'],
  }));
  return zrmDomains(version).map((d) => ({
    key: d.key,
    name: d.name,
    points: zrmTrend(
      typed.filter((a) => a.version === version),
      d.key,
    ),
  }));
}
