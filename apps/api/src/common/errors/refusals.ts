import type { ValidationIssue } from '@casustafel/contracts';
import { DomainError } from './domain.error';

/**
 * The one set of small error factories services throw through. Messages are English, for logs;
 * they name what was refused (the thing, never personal data). The client shows a text per
 * error code and, for refusals, per `issue` in the details.
 */

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
export function invalidAt(path: string, issue: string): DomainError {
  return invalid([{ path, issue }]);
}

/** 409: the request is valid but the record's state refuses it; `issue` says why. */
export function conflict(issue: string, path = ''): DomainError {
  return new DomainError('CONFLICT', `Refused: ${issue}`, [{ path, issue }]);
}
