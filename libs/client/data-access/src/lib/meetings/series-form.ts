import type { MeetingSeriesInput } from '@casustafel/domain';

/** RRULE weekday codes, Monday first (ISO weekday 1…7). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The friendly series form: "every Tuesday 9:30, 90 minutes, from 2026-12-01, 10 times". */
export interface SeriesForm {
  weekday: Weekday;
  /** Every n weeks (1 = weekly). */
  intervalWeeks: number;
  /** `HH:mm`. */
  time: string;
  durationMinutes: number;
  /** First date on or after which the series starts, `YYYY-MM-DD`. */
  fromDate: string;
  /** Number of meetings; null = open-ended. */
  count: number | null;
  timeZone?: string;
}

/** `FREQ=WEEKLY;BYDAY=TU` (+ INTERVAL, COUNT); the time of day lives in the series start. */
export function weeklyRrule(form: Pick<SeriesForm, 'weekday' | 'intervalWeeks' | 'count'>): string {
  const parts = ['FREQ=WEEKLY'];
  if (form.intervalWeeks > 1) parts.push(`INTERVAL=${form.intervalWeeks}`);
  parts.push(`BYDAY=${form.weekday}`);
  if (form.count !== null) parts.push(`COUNT=${form.count}`);
  return parts.join(';');
}

/** The first date on or after `fromDate` that falls on `weekday` (`YYYY-MM-DD`, calendar maths in UTC). */
export function firstOnWeekday(fromDate: string, weekday: Weekday): string {
  const date = new Date(`${fromDate}T00:00:00Z`);
  const want = WEEKDAYS.indexOf(weekday) + 1; // ISO
  const have = ((date.getUTCDay() + 6) % 7) + 1;
  date.setUTCDate(date.getUTCDate() + ((want - have + 7) % 7));
  return date.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The domain's series (RRULE, time zone, first local start, duration) from the friendly form. */
export function seriesFromForm(form: SeriesForm, now: Date = new Date()): MeetingSeriesInput {
  const time = /^\d:\d{2}$/.test(form.time) ? `0${form.time}` : form.time;
  let first = firstOnWeekday(form.fromDate, form.weekday);
  // A first meeting earlier today has passed: the series starts one period later, so that it
  // still holds as many meetings as asked for.
  if (new Date(`${first}T${time}`).getTime() <= now.getTime()) {
    first = firstOnWeekday(addDays(first, 7 * form.intervalWeeks), form.weekday);
  }
  return {
    rrule: weeklyRrule(form),
    timeZone: form.timeZone ?? 'Europe/Amsterdam',
    start: `${first}T${time}`,
    durationMinutes: form.durationMinutes,
    exdates: [],
    moved: [],
  };
}
