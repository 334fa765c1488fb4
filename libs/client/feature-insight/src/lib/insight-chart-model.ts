import type { InsightIndicatorView } from '@casustafel/contracts';
import type { ChartSeries } from './insight-chart.component';

/** A month (2026-03) or quarter (2026-Q1) key. */
export const BUCKET = /^\d{4}-(\d{2}|Q[1-4])$/;
/** Indicators drawn as stacked bars (parts of one whole per period). */
const STACKED = new Set(['decisions-by-type', 'solution-mix', 'zrm-change']);
/** Indicators whose figures are best read as a line over time. */
const LINES = new Set(['informal-share']);
/** Tables of mixed units: no chart, the table alone. */
const TABLE_ONLY = new Set(['time-box']);

export interface ChartModel {
  kind: 'bar' | 'line';
  stacked: boolean;
  labels: string[];
  series: ChartSeries[];
}

/**
 * What a chart of an indicator shows: over time (bucket columns, one series per row), or per
 * row (one series per column; counts such as `n` left out next to days or scores). Hidden values
 * stay null: a gap in the chart, never a 0.
 */
export function chartModel(
  indicator: InsightIndicatorView,
  word: (key: string) => string,
): ChartModel | null {
  const t = indicator.table;
  if (!t || TABLE_ONLY.has(indicator.id) || t.rows.length === 0) return null;
  const kind = LINES.has(indicator.id) ? 'line' : 'bar';
  const stacked = STACKED.has(indicator.id);
  if (t.rows.length === 1 || t.columns.every((c) => BUCKET.test(c)))
    return {
      kind,
      stacked,
      labels: t.columns.map(word),
      series: t.rows.map((r) => ({ label: word(r.key), values: r.values })),
    };
  const allCounts = t.units.every((u) => u === 'count');
  const columns = t.columns
    .map((c, j) => ({ c, j }))
    .filter(({ j }) => allCounts || t.units[j] !== 'count');
  return {
    kind,
    stacked,
    labels: t.rows.map((r) => word(r.key)),
    series: columns.map(({ c, j }) => ({
      label: word(c),
      values: t.rows.map((r) => r.values[j] ?? null),
    })),
  };
}
