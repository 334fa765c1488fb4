/**
 * Order statistics for lead times and period buckets for trends (Europe/Amsterdam calendar).
 */

/**
 * The p-quantile (0 ≤ p ≤ 1) with linear interpolation between closest ranks (PostgreSQL's
 * `percentile_cont`, Excel's `PERCENTIEL.INC`): position p·(n − 1) in the sorted values.
 * Null for no values. The input need not be sorted and is not changed.
 */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = Math.min(1, Math.max(0, p)) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

/** Rounded to one decimal (figures on a dashboard, not measurements). */
export function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

export const INSIGHT_GRANULARITIES = ['month', 'quarter'] as const;
export type InsightGranularity = (typeof INSIGHT_GRANULARITIES)[number];

/** The time zone in which months and quarters begin. */
export const INSIGHT_TIME_ZONE = 'Europe/Amsterdam';

/**
 * The bucket keys of a period `[from, to)` (calendar dates, `to` exclusive): `2026-03` per
 * month, `2026-Q1` per quarter — the keys PostgreSQL's `to_char(…, 'YYYY-MM')` and
 * `to_char(…, 'YYYY-"Q"Q')` produce.
 */
export function periodBuckets(from: string, to: string, granularity: InsightGranularity): string[] {
  const keys: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = lastDayBefore(to);
  const endYear = Number(last.slice(0, 4));
  const endMonth = Number(last.slice(5, 7));
  if (to <= from) return keys;
  while (year < endYear || (year === endYear && month <= endMonth)) {
    const key = bucketKey(year, month, granularity);
    if (keys.at(-1) !== key) keys.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return keys;
}

function bucketKey(year: number, month: number, granularity: InsightGranularity): string {
  return granularity === 'month'
    ? `${year}-${String(month).padStart(2, '0')}`
    : `${year}-Q${Math.ceil(month / 3)}`;
}

function lastDayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** Whole days between two calendar dates (`b − a`). */
export function daysBetweenDates(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
