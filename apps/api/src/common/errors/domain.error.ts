import type { ErrorCode, ValidationIssue } from '@casustafel/contracts';

/**
 * The one error type services throw. The message is English, for developers and logs; it
 * never contains personal data (ids at most). The client shows a Dutch text per `code`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ValidationIssue[],
    /** For RATE_LIMITED: seconds until a retry may succeed (sent as `retry-after`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
