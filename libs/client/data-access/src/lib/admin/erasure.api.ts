import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import {
  type AssessErasureRequest,
  erasureRequestListSchema,
  type ErasureRequestView,
  erasureRequestViewSchema,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

const BASE = '/api/admin/erasure-requests';
const id = encodeURIComponent;

/**
 * AVG art. 17 erasure requests as the administrator decides on them:
 * `/api/admin/erasure-requests` (a team member files one from the household page,
 * `HouseholdStore.fileErasureRequest`). Never errors.
 */
@Injectable({ providedIn: 'root' })
export class ErasureApi {
  readonly #http = inject(HttpClient);

  list(): Observable<ApiResult<ErasureRequestView[]>> {
    return apiResult(this.#http.get<unknown>(BASE), erasureRequestListSchema);
  }

  assess(
    requestId: string,
    assessment: AssessErasureRequest,
  ): Observable<ApiResult<ErasureRequestView>> {
    return apiResult(
      this.#http.post<unknown>(`${BASE}/${id(requestId)}/assess`, assessment),
      erasureRequestViewSchema,
    );
  }

  execute(requestId: string): Observable<ApiResult<ErasureRequestView>> {
    return apiResult(
      this.#http.post<unknown>(`${BASE}/${id(requestId)}/execute`, {}),
      erasureRequestViewSchema,
    );
  }
}
