import {
  HttpErrorResponse,
  type HttpEvent,
  type HttpInterceptorFn,
  HttpResponse,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';
import { errorResponseSchema } from '@casustafel/contracts';
import { AuthStore } from '../auth/auth.store';
import { IdleStore } from '../auth/idle.store';

const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Header the api compares with the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

function isApi(url: string): boolean {
  return url.startsWith('/api/') || url === '/api';
}

/**
 * Every call to the api: sends the session cookie, adds the CSRF token to state-changing
 * requests while a session exists, counts answers as activity for the idle timer, and turns
 * a 401 UNAUTHENTICATED during a session into "your session ended".
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
  return next(withToken).pipe(
    tap({
      next: (event: HttpEvent<unknown>) => {
        if (event instanceof HttpResponse) idle.recordApiActivity();
      },
      error: (error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 401) return;
        const body = errorResponseSchema.safeParse(error.error);
        if (body.success && body.data.code === 'UNAUTHENTICATED' && auth.stage() !== 'anonymous') {
          void auth.sessionEnded();
        }
      },
    }),
  );
};
