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
import * as z from 'zod';
import { RRule, Weekday } from 'rrule';
import type { Options as RRuleOptions } from 'rrule';
import {
  localDateSchema,
  localDateTimeSchema,
  parseLocalDate,
  parseLocalDateTime,
} from './local-date';
import {
  DEFAULT_TIME_ZONE,
  parseSeriesRule,
  SERIES_MAX_DURATION_MINUTES,
  SERIES_MAX_EXCEPTIONS,
  SERIES_MAX_OCCURRENCES_PER_QUERY,
  SERIES_MIN_DURATION_MINUTES,
  SERIES_NEXT_HORIZON_YEARS,
  type SeriesFrequency,
} from './series-rule';
import { instantToWallTime, isValidTimeZone, wallTimeToInstant } from './series-time-zone';

export * from './series-rule';
export * from './series-time-zone';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const FREQ_CODES: Record<SeriesFrequency, number> = {
  DAILY: RRule.DAILY,
  WEEKLY: RRule.WEEKLY,
  MONTHLY: RRule.MONTHLY,
};

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
    const key = wall.toISOString().slice(0, 10);
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
