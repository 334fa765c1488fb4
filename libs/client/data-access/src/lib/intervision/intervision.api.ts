import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import * as z from 'zod';
import {
  type CreateIntervisionCopyRequest,
  type IntervisionCase,
  type IntervisionCaseSummary,
  type IntervisionReviewRequest,
  type IntervisionSource,
  intervisionCaseSchema,
  intervisionCaseSummarySchema,
  intervisionSourceSchema,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

const id = encodeURIComponent;
const summariesSchema = z.array(intervisionCaseSummarySchema);

/** Intervision copies of cases (issue 14 §3): make, list, read, review, release. Never errors. */
@Injectable({ providedIn: 'root' })
export class IntervisionApi {
  readonly #http = inject(HttpClient);

  create(
    caseId: string,
    input: CreateIntervisionCopyRequest,
  ): Observable<ApiResult<IntervisionCase>> {
    return apiResult(
      this.#http.post<unknown>(`/api/cases/${id(caseId)}/intervision-copies`, input),
      intervisionCaseSchema,
    );
  }

  list(teamId: string): Observable<ApiResult<IntervisionCaseSummary[]>> {
    return apiResult(
      this.#http.get<unknown>(`/api/teams/${id(teamId)}/intervision-cases`),
      summariesSchema,
    );
  }

  read(copyId: string): Observable<ApiResult<IntervisionCase>> {
    return apiResult(
      this.#http.get<unknown>(`/api/intervision-cases/${id(copyId)}`),
      intervisionCaseSchema,
    );
  }

  review(copyId: string, input: IntervisionReviewRequest): Observable<ApiResult<IntervisionCase>> {
    return apiResult(
      this.#http.post<unknown>(`/api/intervision-cases/${id(copyId)}/review`, input),
      intervisionCaseSchema,
    );
  }

  release(copyId: string): Observable<ApiResult<IntervisionCase>> {
    return apiResult(
      this.#http.post<unknown>(`/api/intervision-cases/${id(copyId)}/release`, {}),
      intervisionCaseSchema,
    );
  }

  /** The creator only: where the copy came from (403 for everyone else). */
  source(copyId: string): Observable<ApiResult<IntervisionSource>> {
    return apiResult(
      this.#http.get<unknown>(`/api/intervision-cases/${id(copyId)}/source`),
      intervisionSourceSchema,
    );
  }
}
