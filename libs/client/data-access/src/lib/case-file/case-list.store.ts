import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  CaseListQuery,
  CaseSummary,
  CreateCaseRequest,
  CreateHouseholdRequest,
  HouseholdSummary,
  PersonInput,
  RegisseurCandidate,
  TeamDetail,
} from '@casustafel/contracts';
import { type ApiFailure, type ApiResult } from '../errors/api-failure';
import { ReadState } from '../http/read-state';
import { TeamsApi } from '../teams/teams.api';
import { CaseFileApi, type Created } from './case-file.api';

/** Result of creating a household with its members: which member rows the api refused. */
export interface CreateHouseholdOutcome {
  result: ApiResult<Created>;
  /** Indexes of member rows that could not be saved, with the failure per row. */
  memberFailures: { index: number; failure: ApiFailure }[];
}

/** A team's cases (with filters), its households and members (for pickers), and creation. */
@Injectable({ providedIn: 'root' })
export class CaseListStore {
  readonly #api = inject(CaseFileApi);
  readonly #teams = inject(TeamsApi);
  readonly #teamId = signal<string | null>(null);
  readonly #cases = signal<CaseSummary[] | null>(null);
  readonly #households = signal<HouseholdSummary[] | null>(null);
  readonly #team = signal<TeamDetail | null>(null);
  readonly #query = signal<CaseListQuery>({});
  readonly #reads = new ReadState();
  readonly #candidates = signal<RegisseurCandidate[]>([]);
  /** Who the regisseur pickers offer: professionals of the team who may hold client data. */
  readonly regisseurCandidates = this.#candidates.asReadonly();

  readonly teamId = this.#teamId.asReadonly();
  readonly cases = this.#cases.asReadonly();
  readonly households = computed(() =>
    [...(this.#households() ?? [])].sort((a, b) => a.label.localeCompare(b.label, 'nl')),
  );
  readonly team = this.#team.asReadonly();
  /** Team members, by name: the casusregisseur and procesregisseur pickers. */
  readonly members = computed(() =>
    [...(this.#team()?.members ?? [])].sort((a, b) =>
      a.displayName.localeCompare(b.displayName, 'nl'),
    ),
  );
  readonly query = this.#query.asReadonly();
  readonly loading = this.#reads.loading;
  readonly failure = this.#reads.failure;
  readonly failureKey = this.#reads.failureKey;

  /** Opens a team: its cases with the given filters, its members and households. */
  async open(teamId: string, query: CaseListQuery = {}): Promise<void> {
    if (this.#teamId() !== teamId) {
      this.#cases.set(null);
      this.#households.set(null);
      this.#team.set(null);
    }
    this.#teamId.set(teamId);
    await Promise.all([this.search(query), this.loadTeam(), this.loadHouseholds()]);
  }

  /** Loads the cases again with these filters. */
  async search(query: CaseListQuery): Promise<void> {
    const teamId = this.#teamId();
    if (!teamId) return;
    this.#query.set(query);
    await this.#reads.into(this.#cases, this.#api.cases(teamId, query));
  }

  async loadTeam(): Promise<void> {
    const teamId = this.#teamId();
    if (!teamId) return;
    const [result, candidates] = await Promise.all([
      firstValueFrom(this.#teams.team(teamId)),
      firstValueFrom(this.#api.regisseurCandidates(teamId)),
    ]);
    if (result.ok) this.#team.set(result.data);
    this.#candidates.set(candidates.ok ? candidates.data : []);
  }

  async loadHouseholds(): Promise<void> {
    const teamId = this.#teamId();
    if (!teamId) return;
    const result = await firstValueFrom(this.#api.households(teamId));
    if (result.ok) this.#households.set(result.data);
  }

  async createCase(teamId: string, request: CreateCaseRequest): Promise<ApiResult<Created>> {
    const result = await firstValueFrom(this.#api.createCase(teamId, request));
    if (result.ok && this.#teamId() === teamId) void this.search(this.#query());
    return result;
  }

  /**
   * Creates the household, then its members one by one. A refused member does not undo the
   * household: the caller shows which rows failed and the household page lets them be added.
   */
  async createHousehold(
    teamId: string,
    household: CreateHouseholdRequest,
    members: PersonInput[],
  ): Promise<CreateHouseholdOutcome> {
    const result = await firstValueFrom(this.#api.createHousehold(teamId, household));
    const memberFailures: CreateHouseholdOutcome['memberFailures'] = [];
    if (!result.ok) return { result, memberFailures };
    for (const [index, member] of members.entries()) {
      const added = await firstValueFrom(this.#api.addPerson(result.data.id, member));
      if (!added.ok) memberFailures.push({ index, failure: added.failure });
    }
    if (this.#teamId() === teamId) void this.loadHouseholds();
    return { result, memberFailures };
  }
}
