import * as z from 'zod';

/**
 * Burgerservicenummer (BSN) checks. A BSN is 9 digits that pass the "11-proef": the digits
 * weighted 9, 8, 7, 6, 5, 4, 3, 2 and −1 sum to a multiple of 11. All zeros passes the sum
 * but is not a number anyone has, so it is refused.
 *
 * Eight-digit input: old sofinummers and spreadsheets that dropped the leading zero produce
 * 8-digit values. We never guess: an 8-digit value is refused unless the caller passes
 * `{ padEightDigits: true }`, in which case one leading zero is added before the check. The
 * BRP itself always records 9 digits, so only import code that knows its source lost the zero
 * should opt in.
 *
 * Privacy (AVG, data minimisation): show a BSN masked (`maskBsn`) wherever the full number is
 * not strictly needed, and never log it.
 */

export interface BsnOptions {
  /** Treat an 8-digit value as a 9-digit BSN with a lost leading zero. Default false. */
  padEightDigits?: boolean;
}

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

/** Removes whitespace and dots (`1234.56.782`, `123 456 782`); nothing else is changed. */
export function normaliseBsn(input: string): string {
  return input.replace(/[\s.]/g, '');
}

function toNineDigits(value: string, options?: BsnOptions): string | null {
  if (/^\d{9}$/.test(value)) return value;
  if (options?.padEightDigits === true && /^\d{8}$/.test(value)) return `0${value}`;
  return null;
}

/**
 * True when `value` is a valid BSN: exactly 9 ASCII digits (or 8 with `padEightDigits`),
 * not all zeros, passing the 11-proef. The value is not normalised here: call `normaliseBsn`
 * first for user input.
 */
export function isValidBsn(value: unknown, options?: BsnOptions): value is string {
  if (typeof value !== 'string') return false;
  const digits = toNineDigits(value, options);
  if (digits === null || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * WEIGHTS[i];
  return sum % 11 === 0;
}

/**
 * Masks a BSN for display: `123456782` → `*****6782`. The input is normalised first. Anything
 * that is not 9 digits after normalising (and optional padding) is masked completely
 * (`*********`), so a malformed value never leaks more than a valid one would.
 */
export function maskBsn(bsn: string, options?: BsnOptions): string {
  const digits = toNineDigits(normaliseBsn(bsn), options);
  if (digits === null) return '*********';
  return `*****${digits.slice(5)}`;
}

/** Parses user input into a normalised, valid 9-digit BSN (no padding of 8-digit input). */
export const bsnSchema = z
  .string()
  .transform(normaliseBsn)
  .refine((value) => isValidBsn(value), { message: 'Ongeldig BSN (11-proef)' });
