import { arrayOf, type Check, object, oneOf, optional, string } from './check';

/**
 * Every machine-readable error code the api can return, over HTTP or over a socket ack.
 * The client maps each code to a translated message (`errors.<CODE>` in the i18n files).
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SECOND_FACTOR_REQUIRED',
  'SECOND_FACTOR_INVALID',
  'PASSWORD_POLICY',
  'NOTE_UPDATE_REJECTED',
  'ACTIVATION_INVALID',
  'CSRF_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  /** A support plan's goal, item or section was changed by someone else meanwhile. */
  'PLAN_CONFLICT',
  'GUEST_ACCESS_INVALID',
  'GUEST_ACCESS_ENDED',
  'REGISSEUR_NOT_ELIGIBLE',
  'CONSENT_JUSTIFICATION_REQUIRED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  /** A document (PDF, export) whose input exceeds the render limit. */
  'DOCUMENT_TOO_LARGE',
  /** Every document worker is busy and the queue is full; retry after `retry-after`. */
  'DOCUMENT_BUSY',
  /** A live session that has ended takes no more commands (and ends once). */
  'SESSION_ENDED',
  /** What needs an ended session (an attendance record) while it still runs. */
  'SESSION_NOT_ENDED',
  /** A network member signs in to a family conference only with their consent. */
  'CONFERENCE_CONSENT_REQUIRED',
  /** The familiegroepsplan is not complete, or a bottom line is unchecked or not met. */
  'CONFERENCE_PLAN_INCOMPLETE',
  /** A circle member's invitation to a family conference was withdrawn (link and code stopped). */
  'CONFERENCE_INVITATION_REVOKED',
  'FAMILY_PLAN_CHANGED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `members.0.dateOfBirth`; empty for the root. */
  path: string;
  /** zod issue code, e.g. `too_big`, `invalid_type`. */
  issue: string;
}

/** The one error shape of every 4xx/5xx response. Messages never contain personal data. */
export interface ErrorResponse {
  code: ErrorCode;
  message: string;
  requestId: string;
  details?: ValidationIssue[];
}

/** Mirrors `errorResponseSchema` (zod-free, for the client shell). */
export const errorResponseCheck: Check<ErrorResponse> = object({
  code: oneOf(ERROR_CODES),
  message: string,
  requestId: string,
  details: optional(arrayOf(object({ path: string, issue: string }))),
});

/** HTTP status per error code: the single source of truth for the api's exception filter. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
    case 'ACTIVATION_INVALID':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'SECOND_FACTOR_INVALID':
    case 'GUEST_ACCESS_INVALID':
      return 401;
    case 'PASSWORD_POLICY':
    case 'REGISSEUR_NOT_ELIGIBLE':
    case 'CONSENT_JUSTIFICATION_REQUIRED':
    case 'NOTE_UPDATE_REJECTED':
    case 'CONFERENCE_CONSENT_REQUIRED':
    case 'CONFERENCE_PLAN_INCOMPLETE':
      return 422;
    case 'SECOND_FACTOR_REQUIRED':
    case 'CSRF_INVALID':
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'CONFLICT':
    case 'PLAN_CONFLICT':
    case 'SESSION_ENDED':
    case 'SESSION_NOT_ENDED':
    case 'FAMILY_PLAN_CHANGED':
      return 409;
    case 'GUEST_ACCESS_ENDED':
    case 'CONFERENCE_INVITATION_REVOKED':
      return 410;
    case 'PAYLOAD_TOO_LARGE':
    case 'DOCUMENT_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'SERVICE_UNAVAILABLE':
    case 'DOCUMENT_BUSY':
      return 503;
    case 'INTERNAL_ERROR':
      return 500;
  }
}
