import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  CreateTeamRequest,
  InviteUserRequest,
  InviteUserResponse,
  OrganisationOverview,
  TeamDetail,
  TeamRole,
  TeamSummary,
  UpdateTeamRequest,
  UserAdminView,
} from '@casustafel/contracts';
import { type ApiResult } from '../errors/api-failure';
import { ReadState } from '../http/read-state';
import { AdminApi } from './admin.api';

/**
 * Organisation administration: teams, accounts and memberships. Intents answer with the
 * api's result (so a form can show its own error) and keep the overview up to date.
 */
@Injectable({ providedIn: 'root' })
export class AdminStore {
  readonly #api = inject(AdminApi);
  readonly #overview = signal<OrganisationOverview | null>(null);
  readonly #team = signal<TeamDetail | null>(null);
  readonly #reads = new ReadState();
  readonly #invitation = signal<InviteUserResponse | null>(null);

  readonly overview = this.#overview.asReadonly();
  readonly teams = computed(() =>
    [...(this.#overview()?.teams ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'nl')),
  );
  readonly users = computed(() =>
    [...(this.#overview()?.users ?? [])].sort((a, b) =>
      a.displayName.localeCompare(b.displayName, 'nl'),
    ),
  );
  /** The team opened on the team administration page. */
  readonly team = this.#team.asReadonly();
  readonly loading = this.#reads.loading;
  /** Why the overview or the team could not be loaded. */
  readonly failure = this.#reads.failure;
  readonly failureKey = this.#reads.failureKey;
  /** The last invitation (or new activation link), shown once to the admin. */
  readonly invitation = this.#invitation.asReadonly();

  async loadOverview(): Promise<void> {
    await this.#reads.into(this.#overview, this.#api.organisation());
  }

  async loadTeam(teamId: string): Promise<void> {
    if (this.#team()?.id !== teamId) this.#team.set(null);
    await this.#reads.into(this.#team, this.#api.team(teamId));
  }

  async createTeam(request: CreateTeamRequest): Promise<ApiResult<TeamSummary>> {
    const result = await firstValueFrom(this.#api.createTeam(request));
    if (result.ok) this.#patchOverview((o) => ({ ...o, teams: [...o.teams, result.data] }));
    return result;
  }

  async updateTeam(teamId: string, request: UpdateTeamRequest): Promise<ApiResult<TeamSummary>> {
    const result = await firstValueFrom(this.#api.updateTeam(teamId, request));
    if (result.ok) {
      this.#patchOverview((o) => ({
        ...o,
        teams: o.teams.map((t) => (t.id === teamId ? result.data : t)),
      }));
      this.#team.update((team) => (team?.id === teamId ? { ...team, ...result.data } : team));
    }
    return result;
  }

  async setRoles(
    teamId: string,
    userId: string,
    roles: TeamRole[],
  ): Promise<ApiResult<TeamDetail>> {
    return this.#teamChange(await firstValueFrom(this.#api.setMembership(teamId, userId, roles)));
  }

  async removeMember(teamId: string, userId: string): Promise<ApiResult<TeamDetail>> {
    return this.#teamChange(await firstValueFrom(this.#api.removeMember(teamId, userId)));
  }

  async inviteUser(request: InviteUserRequest): Promise<ApiResult<InviteUserResponse>> {
    const result = await firstValueFrom(this.#api.inviteUser(request));
    if (result.ok) {
      this.#invitation.set(result.data);
      this.#patchOverview((o) => ({
        ...o,
        users: [...o.users.filter((u) => u.id !== result.data.user.id), result.data.user],
        teams: o.teams.map((t) =>
          t.id === request.teamId ? { ...t, memberCount: t.memberCount + 1 } : t,
        ),
      }));
    }
    return result;
  }

  async setDisabled(userId: string, disabled: boolean): Promise<ApiResult<UserAdminView>> {
    const result = await firstValueFrom(this.#api.updateUser(userId, { disabled }));
    if (result.ok) this.#replaceUser(result.data);
    return result;
  }

  async setOrgAdmin(userId: string, orgAdmin: boolean): Promise<ApiResult<UserAdminView>> {
    const result = await firstValueFrom(this.#api.updateUser(userId, { orgAdmin }));
    if (result.ok) this.#replaceUser(result.data);
    return result;
  }

  async endSessions(userId: string): Promise<ApiResult<void>> {
    const result = await firstValueFrom(this.#api.endSessions(userId));
    if (result.ok) this.#patchUser(userId, { activeSessions: 0 });
    return result;
  }

  async resetTotp(userId: string): Promise<ApiResult<void>> {
    const result = await firstValueFrom(this.#api.resetTotp(userId));
    if (result.ok) this.#patchUser(userId, { totpEnabled: false, activeSessions: 0 });
    return result;
  }

  async newActivationLink(userId: string): Promise<ApiResult<InviteUserResponse>> {
    const result = await firstValueFrom(this.#api.newActivation(userId));
    if (result.ok) {
      this.#invitation.set(result.data);
      this.#replaceUser(result.data.user);
    }
    return result;
  }

  /** The admin has passed the link on: it is not shown again. */
  dismissInvitation(): void {
    this.#invitation.set(null);
  }

  #teamChange(result: ApiResult<TeamDetail>): ApiResult<TeamDetail> {
    if (result.ok) {
      this.#team.set(result.data);
      const { members: _members, ...summary } = result.data;
      this.#patchOverview((o) => ({
        ...o,
        teams: o.teams.map((t) => (t.id === summary.id ? summary : t)),
      }));
    }
    return result;
  }

  #replaceUser(user: UserAdminView): void {
    this.#patchOverview((o) => ({
      ...o,
      users: o.users.map((u) => (u.id === user.id ? user : u)),
    }));
  }

  #patchUser(userId: string, patch: Partial<UserAdminView>): void {
    this.#patchOverview((o) => ({
      ...o,
      users: o.users.map((u) => (u.id === userId ? { ...u, ...patch } : u)),
    }));
  }

  #patchOverview(change: (overview: OrganisationOverview) => OrganisationOverview): void {
    this.#overview.update((overview) => (overview ? change(overview) : overview));
  }
}
