import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable, InjectionToken } from '@angular/core';
import { catchError, map, type Observable, of, timeout } from 'rxjs';
import type * as z from 'zod';
import {
  type HealthResponse,
  healthResponseSchema,
  type ReadyResponse,
  readyResponseSchema,
} from '@casustafel/contracts';
import { type ApiResult, toApiFailure } from '../errors/api-failure';

/** How long a health request may take before the api counts as unreachable. */
export const HEALTH_REQUEST_TIMEOUT_MS = new InjectionToken<number>('HEALTH_REQUEST_TIMEOUT_MS', {
  providedIn: 'root',
  factory: () => 8_000,
});

function parsed<T>(schema: z.ZodType<T>, body: unknown, status: number): ApiResult<T> {
  const result = schema.safeParse(body);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, failure: { kind: 'invalid_response', status } };
}

/** `GET /api/health` and `GET /api/ready`, validated against the contracts. Never errors. */
@Injectable({ providedIn: 'root' })
export class HealthApi {
  readonly #http = inject(HttpClient);
  readonly #timeoutMs = inject(HEALTH_REQUEST_TIMEOUT_MS);

  health(): Observable<ApiResult<HealthResponse>> {
    return this.#http.get<unknown>('/api/health').pipe(
      timeout(this.#timeoutMs),
      map((body) => parsed(healthResponseSchema, body, 200)),
      catchError((error: unknown) =>
        of<ApiResult<HealthResponse>>({ ok: false, failure: toApiFailure(error) }),
      ),
    );
  }

  /** Readiness: a 503 carrying the readiness body is an answer (`not_ready`), not a failure. */
  ready(): Observable<ApiResult<ReadyResponse>> {
    return this.#http.get<unknown>('/api/ready').pipe(
      timeout(this.#timeoutMs),
      map((body) => parsed(readyResponseSchema, body, 200)),
      catchError((error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 503) {
          const body = readyResponseSchema.safeParse(error.error);
          if (body.success) return of<ApiResult<ReadyResponse>>({ ok: true, data: body.data });
        }
        return of<ApiResult<ReadyResponse>>({ ok: false, failure: toApiFailure(error) });
      }),
    );
  }
}
