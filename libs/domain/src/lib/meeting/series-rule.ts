/** A meeting series' limits and its RRULE (the subset the product allows), parsed and checked. */
import { realDate } from './local-date';

export const SERIES_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type SeriesFrequency = (typeof SERIES_FREQUENCIES)[number];

/** Largest INTERVAL per frequency: every 31 days, every 12 weeks, every 12 months. */
export const SERIES_MAX_INTERVAL: Readonly<Record<SeriesFrequency, number>> = {
  DAILY: 31,
  WEEKLY: 12,
  MONTHLY: 12,
};
/** Ten years of weekly meetings. */
export const SERIES_MAX_COUNT = 520;
export const SERIES_MIN_DURATION_MINUTES = 15;
export const SERIES_MAX_DURATION_MINUTES = 480;
export const SERIES_MAX_EXCEPTIONS = 520;
/** `occurrences` returns at most this many (a bound on work for a caller-chosen window). */
export const SERIES_MAX_OCCURRENCES_PER_QUERY = 1000;
/** `nextOccurrence` looks at most this far ahead. */
export const SERIES_NEXT_HORIZON_YEARS = 10;
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

// ---------------------------------------------------------------------------------------------
// RRULE parsing (a safe subset)

export type SeriesRuleError =
  | 'syntax'
  | 'unknown-property'
  | 'duplicate-property'
  | 'freq-required'
  | 'freq-not-allowed'
  | 'interval-out-of-range'
  | 'byday-invalid'
  | 'bymonthday-invalid'
  | 'count-out-of-range'
  | 'until-invalid'
  | 'count-and-until'
  | 'wkst-invalid';

/** The rule, parsed; `until` is a floating local timestamp (inclusive) or null. */
export interface SeriesRule {
  freq: SeriesFrequency;
  interval: number;
  byDay: readonly { weekday: number; n: number | null }[];
  byMonthDay: readonly number[];
  count: number | null;
  until: { kind: 'utc' | 'local'; value: number } | null;
  wkst: number | null;
}

export type SeriesRuleResult =
  { ok: true; rule: SeriesRule } | { ok: false; error: SeriesRuleError };

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const ALLOWED_PROPERTIES = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST'];

function positiveInt(value: string): number | null {
  return /^\d{1,4}$/.test(value) ? Number(value) : null;
}

/**
 * Parses an RRULE value such as `FREQ=WEEKLY;BYDAY=TU` (an `RRULE:` prefix is accepted). Only
 * FREQ DAILY/WEEKLY/MONTHLY, INTERVAL within `SERIES_MAX_INTERVAL`, BYDAY (an ordinal such as
 * `2TU` or `-1FR` only with MONTHLY), BYMONTHDAY (MONTHLY only), COUNT 1–520, UNTIL and WKST.
 * Anything else (BYHOUR, BYSETPOS, SECONDLY, …) is refused rather than ignored.
 */
export function parseSeriesRule(text: string): SeriesRuleResult {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body.length === 0 || body.length > 300) return { ok: false, error: 'syntax' };
  const props = new Map<string, string>();
  for (const part of body.split(';')) {
    const m = /^([A-Za-z]+)=([A-Za-z0-9,+-]+)$/.exec(part);
    if (m === null) return { ok: false, error: 'syntax' };
    const key = (m[1] as string).toUpperCase();
    if (!ALLOWED_PROPERTIES.includes(key)) return { ok: false, error: 'unknown-property' };
    if (props.has(key)) return { ok: false, error: 'duplicate-property' };
    props.set(key, (m[2] as string).toUpperCase());
  }
  const freqText = props.get('FREQ');
  if (freqText === undefined) return { ok: false, error: 'freq-required' };
  if (!(SERIES_FREQUENCIES as readonly string[]).includes(freqText)) {
    return { ok: false, error: 'freq-not-allowed' };
  }
  const freq = freqText as SeriesFrequency;

  const intervalText = props.get('INTERVAL');
  const interval = intervalText === undefined ? 1 : positiveInt(intervalText);
  if (interval === null || interval < 1 || interval > SERIES_MAX_INTERVAL[freq]) {
    return { ok: false, error: 'interval-out-of-range' };
  }

  const byDay: { weekday: number; n: number | null }[] = [];
  const byDayText = props.get('BYDAY');
  if (byDayText !== undefined) {
    for (const entry of byDayText.split(',')) {
      const m = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(entry);
      if (m === null) return { ok: false, error: 'byday-invalid' };
      const n = m[1] === undefined ? null : Number(m[1]);
      if (n !== null && (freq !== 'MONTHLY' || n === 0 || Math.abs(n) > 5)) {
        return { ok: false, error: 'byday-invalid' };
      }
      const weekday = WEEKDAYS.indexOf(m[2] as (typeof WEEKDAYS)[number]);
      if (byDay.some((d) => d.weekday === weekday && d.n === n)) {
        return { ok: false, error: 'byday-invalid' };
      }
      byDay.push({ weekday, n });
    }
  }

  const byMonthDay: number[] = [];
  const byMonthDayText = props.get('BYMONTHDAY');
  if (byMonthDayText !== undefined) {
    if (freq !== 'MONTHLY') return { ok: false, error: 'bymonthday-invalid' };
    for (const entry of byMonthDayText.split(',')) {
      if (!/^[+-]?\d{1,2}$/.test(entry)) return { ok: false, error: 'bymonthday-invalid' };
      const day = Number(entry);
      if (day === 0 || Math.abs(day) > 31 || byMonthDay.includes(day)) {
        return { ok: false, error: 'bymonthday-invalid' };
      }
      byMonthDay.push(day);
    }
  }

  const countText = props.get('COUNT');
  const count = countText === undefined ? null : positiveInt(countText);
  if (countText !== undefined && (count === null || count < 1 || count > SERIES_MAX_COUNT)) {
    return { ok: false, error: 'count-out-of-range' };
  }

  let until: SeriesRule['until'] = null;
  const untilText = props.get('UNTIL');
  if (untilText !== undefined) {
    if (count !== null) return { ok: false, error: 'count-and-until' };
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(untilText);
    if (m === null) return { ok: false, error: 'until-invalid' };
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const value =
      m[4] === undefined
        ? realDate(y, mo, d, 23, 59, 59) // a date: the whole day is included
        : realDate(y, mo, d, Number(m[4]), Number(m[5]), Number(m[6]));
    if (value === null) return { ok: false, error: 'until-invalid' };
    until = { kind: m[7] === 'Z' ? 'utc' : 'local', value };
  }

  const wkstText = props.get('WKST');
  let wkst: number | null = null;
  if (wkstText !== undefined) {
    wkst = WEEKDAYS.indexOf(wkstText as (typeof WEEKDAYS)[number]);
    if (wkst < 0) return { ok: false, error: 'wkst-invalid' };
  }

  return { ok: true, rule: { freq, interval, byDay, byMonthDay, count, until, wkst } };
}
