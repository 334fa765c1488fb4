import * as z from 'zod';
import { ERROR_CODES } from './plain/errors';

// The codes, their types and `httpStatusOf` live in ./plain/errors (zod-free, for the client shell).

export const errorCodeSchema = z.enum(ERROR_CODES);

export const validationIssueSchema = z.object({
  /** Dotted path of the offending field, e.g. `members.0.dateOfBirth`; empty for the root. */
  path: z.string(),
  /** zod issue code, e.g. `too_big`, `invalid_type`. */
  issue: z.string(),
});

/** The one error shape of every 4xx/5xx response. Messages never contain personal data. */
export const errorResponseSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  requestId: z.string(),
  details: z.array(validationIssueSchema).optional(),
});
