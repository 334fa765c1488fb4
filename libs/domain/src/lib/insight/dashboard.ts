import { CASE_STATUSES, type CaseStatus } from '../case-file/case-status';
import { DECISION_TYPES, type DecisionType } from '../meeting/decisions';
import { quantile, round1 } from './stats';
import {
  type SuppressedTable,
  measureOver,
  shareOf,
  suppressCounts,
  sumShown,
} from './suppression';

/**
 * Management information computed from the team's own work (issue 15, domain-research.md §3.8):
 * the api gathers grouped counts and lists of durations (`InsightRaw`); this turns them into the
 * tables a dashboard shows, with small cells suppressed. Pure and deterministic.
 */

export const INSIGHT_INDICATORS = [
  'cases-by-status',
  'case-flow',
  'meetings',
  'time-box',
  'decisions-by-type',
  'solution-mix',
  'informal-share',
  'escalations',
  'lead-times',
  'zrm-change',
  'zrm-mean-change',
  'actions',
  'plan-mix',
  'costs',
  'evaluations',
  'family-conferences',
] as const;
export type InsightIndicatorId = (typeof INSIGHT_INDICATORS)[number];

export const INSIGHT_UNITS = ['count', 'days', 'minutes', 'percent', 'euro', 'score'] as const;
export type InsightUnit = (typeof INSIGHT_UNITS)[number];

/** Where an indicator's figures come from (the work already recorded, never an extra form). */
export const INSIGHT_SOURCES = [
  'case-status',
  'meetings',
  'decisions',
  'actions',
  'zrm',
  'support-plan',
  'family-conference',
] as const;
export type InsightSource = (typeof INSIGHT_SOURCES)[number];

export interface InsightTable extends SuppressedTable {
  /** The unit of each column. */
  units: InsightUnit[];
}

export interface InsightIndicator {
  id: InsightIndicatorId;
  source: InsightSource;
  /** False when the product does not record the source yet: shown as "not available", never as 0. */
  available: boolean;
  table: InsightTable | null;
}

/** Decision types grouped by where the solution lies (the informal sphere vs the rest). */
export const SOLUTION_GROUPS = ['informeel', 'maatwerk', 'eerste-lijn', 'tweede-lijn'] as const;
export type SolutionGroup = (typeof SOLUTION_GROUPS)[number];
export const SOLUTION_GROUP_OF_DECISION: Readonly<Partial<Record<DecisionType, SolutionGroup>>> = {
  'inzet-eigen-kracht-netwerk': 'informeel',
  'algemene-voorziening': 'informeel',
  maatwerkvoorziening: 'maatwerk',
  'verwijzing-1e-lijn': 'eerste-lijn',
  'verwijzing-2e-lijn': 'tweede-lijn',
};

/** Arrangement types of support-plan items by group (informal sphere: eigen kracht … algemene voorziening). */
export const SOLUTION_GROUP_OF_PLAN_ITEM: Readonly<Record<string, SolutionGroup>> = {
  'eigen-kracht': 'informeel',
  netwerk: 'informeel',
  vrijwilliger: 'informeel',
  'algemene-voorziening': 'informeel',
  'maatwerk-wmo': 'maatwerk',
  'maatwerk-jeugdwet': 'maatwerk',
  'eerste-lijn': 'eerste-lijn',
  'tweede-lijn': 'tweede-lijn',
};

export const LEAD_TIME_SEGMENTS = ['eerste-bespreking', 'plan', 'afsluiting'] as const;
export type LeadTimeSegment = (typeof LEAD_TIME_SEGMENTS)[number];

export const ACTION_OUTCOMES = [
  'op-tijd',
  'te-laat',
  'open-verlopen',
  'open',
  'vervallen',
] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];

export const EVALUATION_OUTCOMES = ['op-tijd', 'te-laat', 'verlopen'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export interface ZrmChange {
  improved: number;
  same: number;
  worse: number;
  sumDelta: number;
}

type PerBucket = Readonly<Record<string, number>>;

/** What the api gathers for one team and period. Buckets are month or quarter keys. */
export interface InsightRaw {
  buckets: readonly string[];
  /** Cases registered before the period's end, by their status at the end. */
  statusAtEnd: Readonly<Partial<Record<CaseStatus, number>>>;
  newCases: PerBucket;
  closedCases: PerBucket;
  meetingsHeld: PerBucket;
  /** Distinct cases discussed per bucket, and over the whole period. */
  casesDiscussed: PerBucket;
  casesDiscussedTotal: number;
  /** Case items discussed in the period: count, summed minutes used and planned, how many ran over. */
  timeBox: { items: number; usedMinutes: number; plannedMinutes: number; overTime: number };
  decisions: Readonly<Partial<Record<DecisionType, PerBucket>>>;
  /** Days from aanmelding, one per case whose milestone falls in the period. */
  leadTimes: Readonly<Record<LeadTimeSegment, readonly number[]>>;
  /**
   * Per ZRM domain, over the cases with two scored assessments (latest minus first): how many
   * went up, stayed and went down, and the summed change.
   */
  zrm: Readonly<Record<string, ZrmChange>>;
  /** Actions due in the period, by outcome. */
  actions: Readonly<Record<ActionOutcome, number>>;
  /** Null while the support plan is not recorded by the product. */
  plan: InsightPlanRaw | null;
  /** Null while family group conferences are not recorded (an api without them). */
  conferences: InsightConferenceRaw | null;
}

/** Family group conferences (familienetwerkberaden) of the team's households. */
export interface InsightConferenceRaw {
  /** Conferences held: their plan accepted in the bucket. */
  held: PerBucket;
  /** Follow-ups due in the bucket (four weeks after acceptance, up to today): done or not. */
  followedUp: PerBucket;
  notFollowedUp: PerBucket;
}

export interface InsightPlanRaw {
  /** Plan items started in the period by arrangement type, per bucket. */
  itemsByType: Readonly<Record<string, PerBucket>>;
  /** Per cost category: the summed cost in cents of each trajectory (plan) with costs in it. */
  costsPerTrajectory: Readonly<Record<string, readonly number[]>>;
  /**
   * Plan evaluations: recorded in the period on or before their date, after it, and plans whose
   * evaluation date fell in the period and passed without one.
   */
  evaluations: Readonly<Record<EvaluationOutcome, number>>;
  /** Days from the household's first aanmelding to the family's first agreement with the plan. */
  daysToAgreedPlan: readonly number[];
}

const bucketValues = (buckets: readonly string[], counts: PerBucket | undefined) =>
  buckets.map((b) => counts?.[b] ?? 0);

/** Every indicator of one team and period, suppressed with threshold k. */
export function buildInsightDashboard(raw: InsightRaw, k: number): InsightIndicator[] {
  const buckets = raw.buckets;
  const table = (units: InsightUnit | InsightUnit[], t: SuppressedTable): InsightTable => ({
    ...t,
    units: Array.isArray(units) ? units : t.columns.map(() => units),
  });
  const indicator = (
    id: InsightIndicatorId,
    source: InsightSource,
    t: InsightTable | null,
  ): InsightIndicator => ({ id, source, available: t !== null, table: t });

  const statuses = table(
    'count',
    suppressCounts(
      {
        columns: CASE_STATUSES,
        rows: [{ key: 'casussen', values: CASE_STATUSES.map((s) => raw.statusAtEnd[s] ?? 0) }],
        columnTotals: false,
      },
      k,
    ),
  );

  const flow = table(
    'count',
    suppressCounts(
      {
        columns: buckets,
        rows: [
          { key: 'nieuw', values: bucketValues(buckets, raw.newCases) },
          { key: 'afgesloten', values: bucketValues(buckets, raw.closedCases) },
        ],
        columnTotals: false,
      },
      k,
    ),
  );

  const meetings = table(
    'count',
    suppressCounts(
      {
        columns: buckets,
        rows: [
          { key: 'overleggen', values: bucketValues(buckets, raw.meetingsHeld), sensitive: false },
          {
            key: 'casussen-besproken',
            values: bucketValues(buckets, raw.casesDiscussed),
            distinctTotal: raw.casesDiscussedTotal,
          },
        ],
        columnTotals: false,
      },
      k,
    ),
  );

  const tb = raw.timeBox;
  const perItem = (minutes: number) => (tb.items === 0 ? null : round1(minutes / tb.items));
  const timeBox: InsightTable = {
    columns: ['besproken', 'minuten-gebruikt', 'minuten-gepland', 'over-tijd'],
    units: ['count', 'minutes', 'minutes', 'percent'],
    rows: [
      {
        key: 'per-casus',
        values: [
          measureOver(tb.items, tb.items, k) ?? (tb.items === 0 ? 0 : null),
          measureOver(perItem(tb.usedMinutes), tb.items, k),
          measureOver(perItem(tb.plannedMinutes), tb.items, k),
          measureOver(shareOf(tb.overTime, tb.items), tb.items, k),
        ],
        total: null,
      },
    ],
    totals: null,
    total: null,
    hidden: 0,
  };
  timeBox.hidden = timeBox.rows[0]?.values.filter((v) => v === null).length ?? 0;

  const decisionTable = suppressCounts(
    {
      columns: buckets,
      rows: DECISION_TYPES.map((type) => ({
        key: type,
        values: bucketValues(buckets, raw.decisions[type]),
      })),
      columnTotals: true,
    },
    k,
  );
  const decisions = table('count', decisionTable);
  const rowOf = (t: SuppressedTable, key: string) => t.rows.find((r) => r.key === key);

  // Group sums only from shown cells: they then add nothing to what the type table shows.
  const groupRows = (
    source: SuppressedTable,
    groupOf: Readonly<Partial<Record<string, SolutionGroup>>>,
  ) =>
    SOLUTION_GROUPS.map((group) => {
      const members = source.rows.filter((r) => groupOf[r.key] === group);
      return {
        key: group,
        values: source.columns.map((_, j) => sumShown(members.map((m) => m.values[j] ?? null))),
        total: sumShown(members.map((m) => m.total)),
      };
    });
  const decisionGroups = groupRows(decisionTable, SOLUTION_GROUP_OF_DECISION);
  const groupTotal = (rows: ReturnType<typeof groupRows>) => ({
    values: buckets.map((_, j) => sumShown(rows.map((r) => r.values[j] ?? null))),
    total: sumShown(rows.map((r) => r.total)),
  });
  const mixTable = (rows: ReturnType<typeof groupRows>): InsightTable => {
    const totals = groupTotal(rows);
    return {
      columns: [...buckets],
      units: buckets.map(() => 'count' as const),
      rows,
      totals: totals.values,
      total: totals.total,
      hidden: rows.reduce(
        (n, r) => n + r.values.filter((v) => v === null).length + (r.total === null ? 1 : 0),
        0,
      ),
    };
  };
  const solutionMix = mixTable(decisionGroups);
  const shareRow = (key: string, mix: InsightTable) => {
    const informal = mix.rows.find((r) => r.key === 'informeel');
    return {
      key,
      values: buckets.map((_, j) => shareOf(informal?.values[j] ?? null, mix.totals?.[j] ?? null)),
      total: shareOf(informal?.total ?? null, mix.total),
    };
  };

  const escalationRows = ['opschalen', 'afschalen'].map((key) => {
    const row = rowOf(decisionTable, key);
    return { key, values: row ? [...row.values] : [], total: row?.total ?? null };
  });
  const escalations: InsightTable = {
    columns: [...buckets],
    units: buckets.map(() => 'count' as const),
    rows: escalationRows,
    totals: null,
    total: null,
    hidden: escalationRows.reduce(
      (n, r) => n + r.values.filter((v) => v === null).length + (r.total === null ? 1 : 0),
      0,
    ),
  };

  const leadTimes = measuresTable(
    [
      ...LEAD_TIME_SEGMENTS.map((segment) => ({ key: segment, values: raw.leadTimes[segment] })),
      // From the support plan: the first plan the family agreed with.
      ...(raw.plan ? [{ key: 'ingestemd-plan', values: raw.plan.daysToAgreedPlan }] : []),
    ],
    k,
    'days',
  );

  const zrmDomains = Object.keys(raw.zrm);
  const zrmCounts = table(
    'count',
    suppressCounts(
      {
        columns: ['verbeterd', 'gelijk', 'verslechterd'],
        rows: zrmDomains.map((domain) => {
          const z = raw.zrm[domain];
          return { key: domain, values: [z?.improved ?? 0, z?.same ?? 0, z?.worse ?? 0] };
        }),
        columnTotals: false,
      },
      k,
    ),
  );
  const zrmMean: InsightTable = {
    columns: ['gemiddelde-verandering'],
    units: ['score'],
    rows: zrmDomains.map((domain) => {
      const z = raw.zrm[domain];
      const count = z ? z.improved + z.same + z.worse : 0;
      const mean = z && count > 0 ? round1(z.sumDelta / count) : null;
      const n = zrmCounts.rows.find((r) => r.key === domain)?.total ?? null;
      return { key: domain, values: [n === null ? null : measureOver(mean, count, k)], total: n };
    }),
    totals: null,
    total: null,
    hidden: 0,
  };
  zrmMean.hidden = zrmMean.rows.filter((r) => r.values[0] === null).length;

  const actions = table(
    'count',
    suppressCounts(
      {
        columns: ACTION_OUTCOMES,
        rows: [{ key: 'acties', values: ACTION_OUTCOMES.map((o) => raw.actions[o]) }],
        columnTotals: false,
      },
      k,
    ),
  );

  const plan = raw.plan;
  let planMix: InsightTable | null = null;
  let costs: InsightTable | null = null;
  let evaluations: InsightTable | null = null;
  let planShare: SuppressedRowLike | null = null;
  if (plan) {
    const itemTable = suppressCounts(
      {
        columns: buckets,
        rows: Object.keys(SOLUTION_GROUP_OF_PLAN_ITEM).map((type) => ({
          key: type,
          values: bucketValues(buckets, plan.itemsByType[type]),
        })),
        columnTotals: true,
      },
      k,
    );
    planMix = mixTable(groupRows(itemTable, SOLUTION_GROUP_OF_PLAN_ITEM));
    planShare = shareRow('planonderdelen', planMix);
    const categories = Object.keys(plan.costsPerTrajectory).sort();
    costs = {
      columns: ['trajecten', 'totaal', 'gemiddeld', 'mediaan'],
      units: ['count', 'euro', 'euro', 'euro'],
      rows: categories.map((category) => {
        const cents = plan.costsPerTrajectory[category] ?? [];
        const n = cents.length;
        const euro = (c: number | null) => (c === null ? null : Math.round(c) / 100);
        const sum = cents.reduce((a, b) => a + b, 0);
        return {
          key: category,
          values: [
            n > 0 && n < k ? null : n,
            measureOver(euro(sum), n, k),
            measureOver(n === 0 ? null : euro(sum / n), n, k),
            measureOver(euro(quantile(cents, 0.5)), n, k),
          ],
          total: null,
        };
      }),
      totals: null,
      total: null,
      hidden: 0,
    };
    costs.hidden = costs.rows.reduce((h, r) => h + r.values.filter((v) => v === null).length, 0);
    evaluations = table(
      'count',
      suppressCounts(
        {
          columns: EVALUATION_OUTCOMES,
          rows: [
            { key: 'evaluaties', values: EVALUATION_OUTCOMES.map((o) => plan.evaluations[o]) },
          ],
          columnTotals: false,
        },
        k,
      ),
    );
  }

  // Held, and followed up four weeks later — per month or quarter, small cells hidden.
  const conferences = raw.conferences
    ? table(
        'count',
        suppressCounts(
          {
            columns: buckets,
            rows: [
              { key: 'gehouden', values: bucketValues(buckets, raw.conferences.held) },
              { key: 'opgevolgd', values: bucketValues(buckets, raw.conferences.followedUp) },
              {
                key: 'niet-opgevolgd',
                values: bucketValues(buckets, raw.conferences.notFollowedUp),
              },
            ],
            columnTotals: false,
          },
          k,
        ),
      )
    : null;

  const shareRows = [shareRow('besluiten', solutionMix), ...(planShare ? [planShare] : [])];
  const informalShare: InsightTable = {
    columns: [...buckets],
    units: buckets.map(() => 'percent' as const),
    rows: shareRows,
    totals: null,
    total: null,
    hidden: shareRows.reduce((n, r) => n + r.values.filter((v) => v === null).length, 0),
  };

  return [
    indicator('cases-by-status', 'case-status', statuses),
    indicator('case-flow', 'case-status', flow),
    indicator('meetings', 'meetings', meetings),
    indicator('time-box', 'meetings', timeBox),
    indicator('decisions-by-type', 'decisions', decisions),
    indicator('solution-mix', 'decisions', solutionMix),
    indicator('informal-share', 'decisions', informalShare),
    indicator('escalations', 'decisions', escalations),
    indicator('lead-times', 'case-status', leadTimes),
    indicator('zrm-change', 'zrm', zrmCounts),
    indicator('zrm-mean-change', 'zrm', zrmMean),
    indicator('actions', 'actions', actions),
    indicator('plan-mix', 'support-plan', planMix),
    indicator('costs', 'support-plan', costs),
    indicator('evaluations', 'support-plan', evaluations),
    indicator('family-conferences', 'family-conference', conferences),
  ];
}

interface SuppressedRowLike {
  key: string;
  values: (number | null)[];
  total: number | null;
}

/** Median and P90 of durations with their n; figures over fewer than k cases are hidden. */
function measuresTable(
  rows: { key: string; values: readonly number[] }[],
  k: number,
  unit: InsightUnit,
): InsightTable {
  const shown = rows.map(({ key, values }) => {
    const n = values.length;
    return {
      key,
      values: [
        n > 0 && n < k ? null : n,
        measureOver(round1(quantile(values, 0.5)), n, k),
        measureOver(round1(quantile(values, 0.9)), n, k),
      ],
      total: null,
    };
  });
  return {
    columns: ['n', 'mediaan', 'p90'],
    units: ['count', unit, unit],
    rows: shown,
    totals: null,
    total: null,
    hidden: shown.reduce((h, r) => h + r.values.filter((v) => v === null).length, 0),
  };
}

/** The headline figures of a team for the comparison between teams (shown values only). */
export interface InsightHeadline {
  newCases: number | null;
  casesDiscussed: number | null;
  informalShare: number | null;
  medianDaysToPlan: number | null;
  actionsOnTimeShare: number | null;
  escalations: number | null;
}

export function insightHeadline(indicators: readonly InsightIndicator[]): InsightHeadline {
  const t = (id: InsightIndicatorId) => indicators.find((i) => i.id === id)?.table ?? null;
  const row = (id: InsightIndicatorId, key: string) =>
    t(id)?.rows.find((r) => r.key === key) ?? null;
  const actions = row('actions', 'acties');
  const onTime = actions?.values[0] ?? null;
  const late = actions?.values[1] ?? null;
  const overdue = actions?.values[2] ?? null;
  return {
    newCases: row('case-flow', 'nieuw')?.total ?? null,
    casesDiscussed: row('meetings', 'casussen-besproken')?.total ?? null,
    informalShare: row('informal-share', 'besluiten')?.total ?? null,
    medianDaysToPlan: row('lead-times', 'plan')?.values[1] ?? null,
    actionsOnTimeShare: shareOf(onTime, sumShown([onTime, late, overdue])),
    escalations: row('escalations', 'opschalen')?.total ?? null,
  };
}

/** The base to which the comparison between teams rounds its counts. */
export const COMPARISON_ROUNDING = 5;

/**
 * The headline as the comparison between teams shows it: counts rounded to the nearest multiple
 * of five (shares and medians as they are). Readers of the comparison see teams whose cases they
 * may not read; rounded counts of overlapping periods cannot be subtracted into an exact count
 * under the small-cell threshold.
 */
export function roundedForComparison(headline: InsightHeadline): InsightHeadline {
  const round = (n: number | null) =>
    n === null ? null : Math.round(n / COMPARISON_ROUNDING) * COMPARISON_ROUNDING;
  return {
    ...headline,
    newCases: round(headline.newCases),
    casesDiscussed: round(headline.casesDiscussed),
    escalations: round(headline.escalations),
  };
}
