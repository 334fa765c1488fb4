import { HttpException } from '@nestjs/common';
import { type ErrorCode, type ValidationIssue, httpStatusOf } from '@casustafel/contracts';
import {
  DATABASE_BUSY_RETRY_AFTER_SECONDS,
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseBusy,
  isDataException,
  isDatabaseUnavailable,
} from './database-outage';
import { DomainError } from './domain.error';

export interface MappedError {
  code: ErrorCode;
  status: number;
  message: string;
  details?: ValidationIssue[];
  retryAfterSeconds?: number;
  /** True for errors we did not expect: logged with their stack. */
  unexpected: boolean;
  /** True when the database could not be reached: logged once per outage, not per call. */
  databaseUnavailable?: boolean;
  /** True when the database gave up on a statement under contention or load: a warning. */
  databaseBusy?: boolean;
  /** True when the database refused a value (SQLSTATE class 22): a warning, without the value. */
  dataException?: boolean;
}

/** Generic English messages per code; specific messages come from DomainError. */
const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request payload is invalid',
  BAD_REQUEST: 'The request is malformed',
  UNAUTHENTICATED: 'Authentication is required',
  INVALID_CREDENTIALS: 'The e-mail address or password is incorrect',
  SECOND_FACTOR_REQUIRED: 'The second factor is required',
  SECOND_FACTOR_INVALID: 'The code is incorrect or has been used',
  PASSWORD_POLICY: 'The password does not meet the password policy',
  NOTE_UPDATE_REJECTED: 'The note update does not fit the note and was not stored',
  ACTIVATION_INVALID: 'The activation link is invalid or has expired',
  CSRF_INVALID: 'The request lacks a valid CSRF token or comes from another origin',
  PLAN_CONFLICT: 'The plan was changed meanwhile',
  FAMILY_PLAN_CHANGED: 'The plan was changed since you read it: read it again first',
  FORBIDDEN: 'You do not have access to this resource',
  NOT_FOUND: 'The resource does not exist',
  METHOD_NOT_ALLOWED: 'This method is not allowed here',
  CONFLICT: 'The request conflicts with the current state',
  GUEST_ACCESS_INVALID: 'The link or the code is not valid',
  GUEST_ACCESS_ENDED: 'This invitation was revoked or has expired',
  REGISSEUR_NOT_ELIGIBLE: 'This account cannot be a regisseur of this case',
  CONSENT_JUSTIFICATION_REQUIRED:
    'No valid consent or legal basis for this meeting: record a justification',
  PAYLOAD_TOO_LARGE: 'The request payload is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The request content type is not supported',
  RATE_LIMITED: 'Too many requests; try again later',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable',
  INTERNAL_ERROR: 'An unexpected error occurred',
  DOCUMENT_TOO_LARGE: 'The document is too large to render',
  DOCUMENT_BUSY: 'Documents are being rendered for others; try again shortly',
  SESSION_ENDED: 'The session has ended',
  SESSION_NOT_ENDED: 'The session has not ended yet',
  CONFERENCE_CONSENT_REQUIRED: 'Taking part needs your consent',
  CONFERENCE_PLAN_INCOMPLETE: 'The family plan is not complete or a bottom line is not met',
  CONFERENCE_INVITATION_REVOKED: 'This invitation to the family group conference was withdrawn',
};

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
  }
}

function mapped(
  code: ErrorCode,
  message?: string,
  details?: ValidationIssue[],
  unexpected = false,
): MappedError {
  return {
    code,
    status: httpStatusOf(code),
    message: message ?? DEFAULT_MESSAGES[code],
    details,
    unexpected,
  };
}

/**
 * Maps anything thrown into the api's error shape. Messages of framework and driver errors are
 * replaced by generic ones: they may echo input (and so personal data) or internals.
 */
export function mapError(exception: unknown): MappedError {
  if (exception instanceof DomainError) {
    const result = mapped(exception.code, exception.message, exception.details);
    return exception.retryAfterSeconds
      ? { ...result, retryAfterSeconds: exception.retryAfterSeconds }
      : result;
  }
  if (exception instanceof HttpException) {
    const code = codeForStatus(exception.getStatus());
    return mapped(code, undefined, undefined, code === 'INTERNAL_ERROR');
  }
  // The database is gone for a moment (restart, failover, network): 503, retry later.
  if (isDatabaseUnavailable(exception)) {
    return {
      ...mapped('SERVICE_UNAVAILABLE'),
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      databaseUnavailable: true,
    };
  }
  // Contention or load (deadlock, serialization failure, lock or statement timeout): not a bug
  // of the call, which may simply be sent again.
  if (isDatabaseBusy(exception)) {
    return {
      ...mapped('SERVICE_UNAVAILABLE'),
      retryAfterSeconds: DATABASE_BUSY_RETRY_AFTER_SECONDS,
      databaseBusy: true,
    };
  }
  // A value the database refused (class 22): the call's input, so a 400 without details (the
  // driver's message would echo the value). Flagged so the filters log that validation missed it.
  if (isDataException(exception)) return { ...mapped('VALIDATION_FAILED'), dataException: true };
  // Errors raised by Fastify itself before a handler runs (body parser, content type…).
  if (typeof exception === 'object' && exception !== null && 'statusCode' in exception) {
    const status = Number((exception as { statusCode: unknown }).statusCode);
    if (Number.isInteger(status) && status >= 400 && status < 500)
      return mapped(codeForStatus(status));
  }
  return mapped('INTERNAL_ERROR', undefined, undefined, true);
}
