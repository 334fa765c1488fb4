import { catchError, map, type Observable, of } from 'rxjs';
import type { Check } from '@casustafel/contracts';
import { type ApiResult, toApiFailure } from '../errors/api-failure';

/**
 * Validates an api answer against its contract (a zod schema, or a zod-free check of the shell);
 * never errors (failures become values).
 */
export function apiResult<T>(
  source: Observable<unknown>,
  schema: Check<T>,
): Observable<ApiResult<T>> {
  return source.pipe(
    map((body): ApiResult<T> => {
      const parsed = schema.safeParse(body);
      return parsed.success
        ? { ok: true, data: parsed.data }
        : { ok: false, failure: { kind: 'invalid_response', status: 200 } };
    }),
    catchError((error: unknown) => of<ApiResult<T>>({ ok: false, failure: toApiFailure(error) })),
  );
}

/** For answers without a body (204). */
export function apiVoid(source: Observable<unknown>): Observable<ApiResult<void>> {
  return source.pipe(
    map((): ApiResult<void> => ({ ok: true, data: undefined })),
    catchError((error: unknown) =>
      of<ApiResult<void>>({ ok: false, failure: toApiFailure(error) }),
    ),
  );
}
