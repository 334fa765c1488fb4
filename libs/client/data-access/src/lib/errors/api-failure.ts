import { HttpErrorResponse } from '@angular/common/http';
import { TimeoutError } from 'rxjs';
import { type ErrorCode, errorResponseCheck, type ValidationIssue } from '@casustafel/contracts';

/** Why a request to the api did not produce the expected answer. */
export type ApiFailure =
  /** No answer at all: network down, api not running, gateway could not reach it, timeout. */
  | { kind: 'unreachable' }
  /** The api answered with its error shape (`ErrorResponse`). */
  | {
      kind: 'error';
      code: ErrorCode;
      status: number;
      requestId: string;
      /** Seconds to wait before trying again (`retry-after` of a 429 or 503), when the api said so. */
      retryAfterSeconds?: number;
      /** Which fields were refused and why (validation errors, refused transitions). */
      details?: ValidationIssue[];
    }
  /** The api (or something in between) answered, but not with a shape of the contract. */
  | { kind: 'invalid_response'; status: number };

/** The outcome of one api call: never thrown, always a value the stores can hold. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; failure: ApiFailure };

/** Statuses a proxy or load balancer answers when the api itself did not. */
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([0, 502, 504]);

/** Translation key of an api error code: `errors.<CODE>` (present in every i18n file). */
export function errorMessageKey(code: ErrorCode): `errors.${ErrorCode}` {
  return `errors.${code}`;
}

/** Translation key for any failure, for display. */
export function failureMessageKey(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'unreachable':
      return 'failures.unreachable';
    case 'invalid_response':
      return 'failures.invalidResponse';
    case 'error':
      return errorMessageKey(failure.code);
  }
}

/** Maps whatever an HttpClient pipeline threw to an {@link ApiFailure}. */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof TimeoutError) return { kind: 'unreachable' };
  if (!(error instanceof HttpErrorResponse)) return { kind: 'invalid_response', status: 0 };
  const parsed = errorResponseCheck.safeParse(error.error);
  if (parsed.success) {
    const failure: ApiFailure = {
      kind: 'error',
      code: parsed.data.code,
      status: error.status,
      requestId: parsed.data.requestId,
    };
    if (parsed.data.details && parsed.data.details.length > 0)
      failure.details = parsed.data.details;
    const retryAfter = Number(error.headers?.get('retry-after'));
    if (Number.isInteger(retryAfter) && retryAfter > 0) failure.retryAfterSeconds = retryAfter;
    return failure;
  }
  if (GATEWAY_STATUSES.has(error.status)) return { kind: 'unreachable' };
  return { kind: 'invalid_response', status: error.status };
}

/** The api error code of a failure, or null when the api did not answer with its error shape. */
export function failureCode(failure: ApiFailure | null): ErrorCode | null {
  return failure?.kind === 'error' ? failure.code : null;
}

/** The field issues the api reported with a failure (empty when none). */
export function failureDetails(failure: ApiFailure | null): ValidationIssue[] {
  return failure?.kind === 'error' ? (failure.details ?? []) : [];
}
