import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import {
  type CreateTeamRequest,
  type InviteUserRequest,
  type InviteUserResponse,
  inviteUserResponseSchema,
  type OrganisationOverview,
  organisationOverviewSchema,
  type TeamDetail,
  teamDetailSchema,
  type TeamRole,
  type TeamSummary,
  teamSummarySchema,
  type UpdateTeamRequest,
  type UpdateUserRequest,
  type UserAdminView,
  userAdminViewSchema,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult, apiVoid } from '../http/api-call';

const id = encodeURIComponent;

/** Organisation administration: `/api/admin/*`. Never errors. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  readonly #http = inject(HttpClient);

  organisation(): Observable<ApiResult<OrganisationOverview>> {
    return apiResult(
      this.#http.get<unknown>('/api/admin/organisation'),
      organisationOverviewSchema,
    );
  }

  createTeam(request: CreateTeamRequest): Observable<ApiResult<TeamSummary>> {
    return apiResult(this.#http.post<unknown>('/api/admin/teams', request), teamSummarySchema);
  }

  updateTeam(teamId: string, request: UpdateTeamRequest): Observable<ApiResult<TeamSummary>> {
    return apiResult(
      this.#http.patch<unknown>(`/api/admin/teams/${id(teamId)}`, request),
      teamSummarySchema,
    );
  }

  team(teamId: string): Observable<ApiResult<TeamDetail>> {
    return apiResult(this.#http.get<unknown>(`/api/admin/teams/${id(teamId)}`), teamDetailSchema);
  }

  setMembership(
    teamId: string,
    userId: string,
    roles: TeamRole[],
  ): Observable<ApiResult<TeamDetail>> {
    return apiResult(
      this.#http.put<unknown>(`/api/admin/teams/${id(teamId)}/members/${id(userId)}`, { roles }),
      teamDetailSchema,
    );
  }

  removeMember(teamId: string, userId: string): Observable<ApiResult<TeamDetail>> {
    return apiResult(
      this.#http.delete<unknown>(`/api/admin/teams/${id(teamId)}/members/${id(userId)}`),
      teamDetailSchema,
    );
  }

  inviteUser(request: InviteUserRequest): Observable<ApiResult<InviteUserResponse>> {
    return apiResult(
      this.#http.post<unknown>('/api/admin/users', request),
      inviteUserResponseSchema,
    );
  }

  updateUser(userId: string, request: UpdateUserRequest): Observable<ApiResult<UserAdminView>> {
    return apiResult(
      this.#http.patch<unknown>(`/api/admin/users/${id(userId)}`, request),
      userAdminViewSchema,
    );
  }

  endSessions(userId: string): Observable<ApiResult<void>> {
    return apiVoid(this.#http.post(`/api/admin/users/${id(userId)}/sessions/end`, {}));
  }

  resetTotp(userId: string): Observable<ApiResult<void>> {
    return apiVoid(this.#http.post(`/api/admin/users/${id(userId)}/totp/reset`, {}));
  }

  newActivation(userId: string): Observable<ApiResult<InviteUserResponse>> {
    return apiResult(
      this.#http.post<unknown>(`/api/admin/users/${id(userId)}/activation`, {}),
      inviteUserResponseSchema,
    );
  }
}
