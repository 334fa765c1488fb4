import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import * as z from 'zod';
import {
  type TeamDetail,
  teamDetailSchema,
  type TeamSummary,
  teamSummarySchema,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

/** `GET /api/teams` (my teams) and `GET /api/teams/:teamId`. Never errors. */
@Injectable({ providedIn: 'root' })
export class TeamsApi {
  readonly #http = inject(HttpClient);

  myTeams(): Observable<ApiResult<TeamSummary[]>> {
    return apiResult(this.#http.get<unknown>('/api/teams'), z.array(teamSummarySchema));
  }

  team(teamId: string): Observable<ApiResult<TeamDetail>> {
    return apiResult(
      this.#http.get<unknown>(`/api/teams/${encodeURIComponent(teamId)}`),
      teamDetailSchema,
    );
  }
}
