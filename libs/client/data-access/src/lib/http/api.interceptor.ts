import {
  HttpErrorResponse,
  type HttpEvent,
  type HttpInterceptorFn,
  HttpResponse,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { retry, tap, throwError, timer } from 'rxjs';
import { errorResponseCheck } from '@casustafel/contracts';
import { AuthStore } from '../auth/auth.store';
import { IdleStore } from '../auth/idle.store';
import { unavailableRetryDelay } from '../errors/retry-unavailable';

const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Requests that may be sent again without changing anything twice. */
const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** Header the api compares with the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

function isApi(url: string): boolean {
  return url.startsWith('/api/') || url === '/api';
}

/**
 * Every call to the api: sends the session cookie, adds the CSRF token to state-changing
 * requests while a session exists, counts answers as activity for the idle timer, and turns
 * a 401 UNAUTHENTICATED during a session into "your session ended". A read refused with 503
 * SERVICE_UNAVAILABLE (the database briefly gone) is sent again with back-off, honouring
 * `retry-after`; a write is not (the store shows the failure and the user decides).
 */
export const apiInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApi(request.url)) return next(request);
  const auth = inject(AuthStore);
  const idle = inject(IdleStore);
  const token = auth.csrfToken();
  const withToken =
    token && STATE_CHANGING.has(request.method.toUpperCase())
      ? request.clone({ withCredentials: true, setHeaders: { [CSRF_HEADER]: token } })
      : request.clone({ withCredentials: true });
  const idempotent = IDEMPOTENT.has(request.method.toUpperCase());
  return next(withToken).pipe(
    retry({
      delay: (error: unknown, retryCount: number) => {
        if (!idempotent || !(error instanceof HttpErrorResponse) || error.status !== 503)
          return throwError(() => error);
        const retryAfter = Number(error.headers?.get('retry-after'));
        const wait = unavailableRetryDelay(
          retryCount - 1,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
        );
        return wait === null ? throwError(() => error) : timer(wait);
      },
    }),
    tap({
      next: (event: HttpEvent<unknown>) => {
        if (event instanceof HttpResponse) idle.recordApiActivity();
      },
      error: (error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 401) return;
        const body = errorResponseCheck.safeParse(error.error);
        if (body.success && body.data.code === 'UNAUTHENTICATED' && auth.stage() !== 'anonymous') {
          void auth.sessionEnded();
        }
      },
    }),
  );
};
