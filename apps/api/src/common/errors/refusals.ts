import type { RefusalCode, ValidationIssue } from '@casustafel/contracts';
import type { z } from 'zod';
import { DomainError } from './domain.error';

/**
 * The one set of small error factories services throw through. Messages are English, for logs;
 * they name what was refused (the thing, never personal data). The client shows a text per
 * error code and, for refusals, per `issue` in the details: a {@link RefusalCode} (its texts are
 * `refusals.<code>`), or one of zod's own issue codes.
 */

/** zod's own issue codes (`too_big`, `invalid_type` …), for checks zod would make itself. */
export type ZodIssueCode = z.core.$ZodIssue['code'];

/** 403. The same answer for "does not exist" and "not yours" (need-to-know). */
export function forbidden(what = 'this record'): DomainError {
  return new DomainError('FORBIDDEN', `You do not have access to ${what}`);
}

/** 404, for records whose existence the caller may know of. */
export function notFound(what = 'record'): DomainError {
  return new DomainError('NOT_FOUND', `No such ${what}`);
}

/** 400 with the issues found (each names its field path). */
export function invalid(details: ValidationIssue[]): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The request payload is invalid', details);
}

/** 400 for one field. */
export function invalidAt(path: string, issue: RefusalCode | ZodIssueCode): DomainError {
  return invalid([{ path, issue }]);
}

/** 409: the request is valid but the record's state refuses it; `issue` says why. */
export function conflict(issue: RefusalCode, path = ''): DomainError {
  return new DomainError('CONFLICT', `Refused: ${issue}`, [{ path, issue }]);
}
