import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { TeamDetail, TeamSummary } from '@casustafel/contracts';
import { type ApiFailure, failureCode, failureMessageKey } from '../errors/api-failure';
import { TeamsApi } from './teams.api';

/** The signed-in user's teams, and the one team being looked at. */
@Injectable({ providedIn: 'root' })
export class TeamsStore {
  readonly #api = inject(TeamsApi);
  readonly #teams = signal<TeamSummary[] | null>(null);
  readonly #team = signal<TeamDetail | null>(null);
  readonly #loading = signal(false);
  readonly #failure = signal<ApiFailure | null>(null);

  /** My teams, by name; null until loaded. */
  readonly teams = computed(() => {
    const teams = this.#teams();
    return teams ? [...teams].sort((a, b) => a.name.localeCompare(b.name, 'nl')) : null;
  });
  readonly team = this.#team.asReadonly();
  readonly loading = this.#loading.asReadonly();
  readonly failure = this.#failure.asReadonly();
  readonly failureKey = computed(() => {
    const failure = this.#failure();
    return failure ? failureMessageKey(failure) : null;
  });
  /** The api refused the team (need-to-know): show the "Geen toegang" page. */
  readonly forbidden = computed(() => failureCode(this.#failure()) === 'FORBIDDEN');

  async loadTeams(): Promise<void> {
    this.#loading.set(true);
    this.#failure.set(null);
    const result = await firstValueFrom(this.#api.myTeams());
    this.#loading.set(false);
    if (result.ok) this.#teams.set(result.data);
    else this.#failure.set(result.failure);
  }

  async loadTeam(teamId: string): Promise<void> {
    this.#loading.set(true);
    this.#failure.set(null);
    if (this.#team()?.id !== teamId) this.#team.set(null);
    const result = await firstValueFrom(this.#api.team(teamId));
    this.#loading.set(false);
    if (result.ok) this.#team.set(result.data);
    else this.#failure.set(result.failure);
  }
}
