/**
 * Management information computed from the team's own work (issue 15, domain-research.md §3.8):
 * the api gathers grouped counts and lists of durations (`InsightRaw`); this turns them into the
 * tables a dashboard shows, with small cells suppressed. Pure and deterministic.
 */
import { CASE_STATUSES } from '../case-file/case-status';
import { DECISION_TYPES } from '../meeting/decisions';
import { quantile, round1 } from './stats';
import { measureOver, shareOf, suppressCounts, sumShown } from './suppression';
import type { SuppressedTable } from './suppression';
import {
  SOLUTION_GROUPS,
  SOLUTION_GROUP_OF_DECISION,
  SOLUTION_GROUP_OF_PLAN_ITEM,
  LEAD_TIME_SEGMENTS,
  ACTION_OUTCOMES,
  EVALUATION_OUTCOMES,
} from './indicators';
import type {
  InsightIndicatorId,
  InsightUnit,
  InsightSource,
  InsightTable,
  InsightIndicator,
  SolutionGroup,
  InsightRaw,
} from './indicators';
export * from './indicators';
export * from './headline';

const bucketValues = (
  buckets: readonly string[],
  counts: Readonly<Record<string, number>> | undefined,
) => buckets.map((b) => counts?.[b] ?? 0);

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
