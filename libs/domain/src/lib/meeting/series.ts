import { RRule, type Options as RRuleOptions, Weekday } from 'rrule';
import * as z from 'zod';
import {
  localDateSchema,
  localDateTimeSchema,
  parseLocalDate,
  parseLocalDateTime,
  realDate,
} from './local-date';

/**
 * Meeting series: a recurring casuïstiekoverleg (e.g. every Tuesday 09:30 Europe/Amsterdam) as an
 * RFC 5545 RRULE plus a local start date-time, a duration, exception dates (EXDATE, e.g. school
 * holidays) and moved occurrences.
 *
 * Time zones. rrule's own `tzid` option returns dates that depend on the time zone of the process
 * that runs it (verified with rrule 2.8.1: the same rule gives 08:30Z under TZ=UTC and 04:30Z under
 * TZ=America/New_York). The api and the browsers run in different zones, so this module does NOT
 * rely on it. rrule is run in "floating" mode instead: local wall-clock times are encoded as UTC
 * dates (the UTC fields hold the local fields), and every occurrence is converted to a real instant
 * with `Intl` for the series' IANA zone. The result is the same in every process time zone and is
 * right on both sides of a DST change (09:30 is 08:30Z in winter and 07:30Z in summer).
 *
 * Local times that do not exist (the spring-forward gap) are read with the offset from before the
 * gap (02:30 → 03:30 CEST); ambiguous ones (fall back) take the first of the two, as RFC 5545 says.
 */

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

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

// ---------------------------------------------------------------------------------------------
// Time zone maths (Intl only; independent of the process time zone)

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `instant` (ms; +3600000 for CET). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    fields['year'] ?? 0,
    (fields['month'] ?? 1) - 1,
    fields['day'] ?? 1,
    (fields['hour'] ?? 0) % 24,
    fields['minute'] ?? 0,
    fields['second'] ?? 0,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Wall-clock time in `timeZone` at `instant`, encoded as a floating UTC timestamp. */
export function instantToWallTime(instant: number, timeZone: string): number {
  return instant + zoneOffsetMs(instant, timeZone);
}

/** The instant at which the wall clock in `timeZone` shows `wall` (floating UTC timestamp). */
export function wallTimeToInstant(wall: number, timeZone: string): number {
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((t) => t + zoneOffsetMs(t, timeZone) === wall);
  // Ambiguous (fall back): the earlier instant. Nonexistent (spring forward): the offset before the gap.
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

/** `YYYY-MM-DD` of a floating timestamp. */
function floatingDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/** The local calendar date (`YYYY-MM-DD`) in `timeZone` at `instant`. */
export function localDateAt(instant: Date, timeZone: string): string {
  return floatingDate(instantToWallTime(instant.getTime(), timeZone));
}

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
const FREQ_CODES: Record<SeriesFrequency, number> = {
  DAILY: RRule.DAILY,
  WEEKLY: RRule.WEEKLY,
  MONTHLY: RRule.MONTHLY,
};

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

// ---------------------------------------------------------------------------------------------
// The series

const movedOccurrenceSchema = z.strictObject({
  /** Local date of the occurrence as the rule produces it (its identity, RFC 5545 RECURRENCE-ID). */
  original: localDateSchema,
  /** New local start date-time. */
  start: localDateTimeSchema,
  /** New duration; the series duration when absent. */
  durationMinutes: z
    .number()
    .int()
    .min(SERIES_MIN_DURATION_MINUTES)
    .max(SERIES_MAX_DURATION_MINUTES)
    .optional(),
});
export type MovedOccurrence = z.infer<typeof movedOccurrenceSchema>;

export const meetingSeriesSchema = z
  .strictObject({
    /** RFC 5545 RRULE value, e.g. `FREQ=WEEKLY;BYDAY=TU`. */
    rrule: z.string().max(300),
    /** IANA time zone of `start` and of all local dates. */
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine(isValidTimeZone, { message: 'invalid-time-zone' })
      .default(DEFAULT_TIME_ZONE),
    /** Local start of the first meeting (DTSTART), `YYYY-MM-DDTHH:mm`; must be an occurrence. */
    start: localDateTimeSchema,
    durationMinutes: z
      .number()
      .int()
      .min(SERIES_MIN_DURATION_MINUTES)
      .max(SERIES_MAX_DURATION_MINUTES),
    /** Local dates whose occurrence is cancelled (EXDATE), e.g. the school holidays. */
    exdates: z.array(localDateSchema).max(SERIES_MAX_EXCEPTIONS).default([]),
    moved: z.array(movedOccurrenceSchema).max(SERIES_MAX_EXCEPTIONS).default([]),
  })
  .superRefine((series, ctx) => {
    const parsed = parseSeriesRule(series.rrule);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['rrule'], message: parsed.error });
      return;
    }
    if (!isValidTimeZone(series.timeZone) || parseLocalDateTime(series.start) === null) return;
    const rule = buildRule(series.rrule, series.timeZone, series.start);
    const startWall = parseLocalDateTime(series.start) as number;
    if (!ruleHasOccurrenceOn(rule, startWall)) {
      ctx.addIssue({ code: 'custom', path: ['start'], message: 'start-not-an-occurrence' });
    }
    const seen = new Set<string>();
    series.moved.forEach((m, i) => {
      const originalWall = parseLocalDate(m.original);
      if (originalWall === null) return;
      if (seen.has(m.original)) {
        ctx.addIssue({ code: 'custom', path: ['moved', i, 'original'], message: 'duplicate' });
      }
      seen.add(m.original);
      if (series.exdates.includes(m.original)) {
        ctx.addIssue({ code: 'custom', path: ['moved', i, 'original'], message: 'cancelled' });
      } else if (!ruleHasOccurrenceOnDate(rule, originalWall)) {
        ctx.addIssue({
          code: 'custom',
          path: ['moved', i, 'original'],
          message: 'not-an-occurrence',
        });
      }
    });
  });
export type MeetingSeriesInput = z.input<typeof meetingSeriesSchema>;
export type MeetingSeries = z.output<typeof meetingSeriesSchema>;

export interface MeetingOccurrence {
  /** Local date of the occurrence as the rule produced it; stable when the meeting is moved. */
  key: string;
  start: Date;
  end: Date;
  moved: boolean;
}

function buildRule(rrule: string, timeZone: string, start: string): RRule {
  const parsed = parseSeriesRule(rrule);
  const dtstart = parseLocalDateTime(start);
  if (!parsed.ok || dtstart === null) {
    throw new RangeError('meeting series is not valid; parse it with meetingSeriesSchema first');
  }
  const r = parsed.rule;
  const options: Partial<RRuleOptions> = {
    freq: FREQ_CODES[r.freq],
    interval: r.interval,
    dtstart: new Date(dtstart),
  };
  if (r.byDay.length > 0) {
    options.byweekday = r.byDay.map((d) => new Weekday(d.weekday, d.n ?? undefined));
  }
  if (r.byMonthDay.length > 0) options.bymonthday = [...r.byMonthDay];
  if (r.count !== null) options.count = r.count;
  if (r.until !== null) {
    options.until = new Date(
      r.until.kind === 'utc' ? instantToWallTime(r.until.value, timeZone) : r.until.value,
    );
  }
  if (r.wkst !== null) options.wkst = r.wkst;
  return new RRule(options);
}

function ruleHasOccurrenceOn(rule: RRule, wall: number): boolean {
  return rule.between(new Date(wall), new Date(wall), true).length > 0;
}

function ruleHasOccurrenceOnDate(rule: RRule, dayWall: number): boolean {
  return rule.between(new Date(dayWall), new Date(dayWall + DAY_MS - 1), true).length > 0;
}

/**
 * The meetings of `series` that start in `[from, to)`, in order of start: the rule's occurrences
 * minus the exdates, with moved occurrences at their new time (included when their new start lies
 * in the window, wherever the original was). At most `SERIES_MAX_OCCURRENCES_PER_QUERY`. COUNT
 * counts the rule's occurrences before exdates are removed (RFC 5545). Throws a RangeError for a
 * series that did not pass `meetingSeriesSchema`.
 */
export function occurrences(series: MeetingSeries, from: Date, to: Date): MeetingOccurrence[] {
  const rule = buildRule(series.rrule, series.timeZone, series.start);
  const tz = series.timeZone;
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!(fromMs < toMs)) return [];
  const exdates = new Set(series.exdates);
  const moved = new Map(series.moved.map((m) => [m.original, m]));
  const result: MeetingOccurrence[] = [];
  const durationMs = series.durationMinutes * MINUTE_MS;

  // Local times are at most a day away from UTC; a two-day margin catches every occurrence.
  const wallFrom = new Date(instantToWallTime(fromMs, tz) - 2 * DAY_MS);
  const wallTo = new Date(instantToWallTime(toMs, tz) + 2 * DAY_MS);
  rule.between(wallFrom, wallTo, true, (wall) => {
    const key = floatingDate(wall.getTime());
    if (exdates.has(key) || moved.has(key)) return true;
    const start = wallTimeToInstant(wall.getTime(), tz);
    if (start >= fromMs && start < toMs) {
      result.push({ key, start: new Date(start), end: new Date(start + durationMs), moved: false });
    }
    return result.length < SERIES_MAX_OCCURRENCES_PER_QUERY;
  });
  for (const m of series.moved) {
    const start = wallTimeToInstant(parseLocalDateTime(m.start) as number, tz);
    if (start < fromMs || start >= toMs || exdates.has(m.original)) continue;
    const duration = (m.durationMinutes ?? series.durationMinutes) * MINUTE_MS;
    result.push({
      key: m.original,
      start: new Date(start),
      end: new Date(start + duration),
      moved: true,
    });
  }
  result.sort((a, b) => a.start.getTime() - b.start.getTime() || a.key.localeCompare(b.key));
  return result.slice(0, SERIES_MAX_OCCURRENCES_PER_QUERY);
}

/**
 * The first meeting that starts strictly after `after`, or null when the series has ended (or has
 * none within `SERIES_NEXT_HORIZON_YEARS`).
 */
export function nextOccurrence(series: MeetingSeries, after: Date): MeetingOccurrence | null {
  const yearMs = 366 * DAY_MS;
  let windowStart = after.getTime() + 1;
  for (let year = 0; year < SERIES_NEXT_HORIZON_YEARS; year++) {
    const windowEnd = windowStart + yearMs;
    const found = occurrences(series, new Date(windowStart), new Date(windowEnd))[0];
    if (found !== undefined) return found;
    windowStart = windowEnd;
  }
  return null;
}

/**
 * The meetings to create for a new series at `now`: a series that ends (COUNT or UNTIL) gets every
 * one of its remaining meetings, however far ahead (a series asked for four meetings makes four,
 * even every fourth week); an open-ended series gets those within `horizonMs`. Meetings that start
 * before `now` are not made; `past` counts them so the caller can say so.
 */
export function plannedOccurrences(
  series: MeetingSeries,
  now: Date,
  horizonMs: number,
): { occurrences: MeetingOccurrence[]; past: number } {
  const parsed = parseSeriesRule(series.rrule);
  const ends = parsed.ok && (parsed.rule.count !== null || parsed.rule.until !== null);
  const to = ends
    ? new Date(now.getTime() + SERIES_NEXT_HORIZON_YEARS * 366 * DAY_MS)
    : new Date(now.getTime() + horizonMs);
  const start = wallTimeToInstant(parseLocalDateTime(series.start) as number, series.timeZone);
  const past = start < now.getTime() ? occurrences(series, new Date(start), now).length : 0;
  return { occurrences: occurrences(series, now, to), past };
}
