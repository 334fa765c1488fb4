import * as z from 'zod';

/*
 * Local dates and date-times (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`): a module of their own so that
 * what needs only a date (an action's due date) does not pull the series' rrule into a bundle.
 */

/** `YYYY-MM-DD`, a real calendar date. */
export const localDateSchema = z
  .string()
  .refine((v) => parseLocalDate(v) !== null, { message: 'invalid-date' });

/** `YYYY-MM-DDTHH:mm`, a real local date-time (seconds not used). */
export const localDateTimeSchema = z
  .string()
  .refine((v) => parseLocalDateTime(v) !== null, { message: 'invalid-date-time' });

/** Milliseconds of a real calendar date-time (UTC arithmetic), or null when there is no such day. */
export function realDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(t);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
    ? t
    : null;
}

/** Floating timestamp of midnight of a `YYYY-MM-DD` date, or null. */
export function parseLocalDate(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m === null ? null : realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Floating timestamp of a `YYYY-MM-DDTHH:mm` date-time, or null. */
export function parseLocalDateTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  return m === null
    ? null
    : realDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}
