import { computed, inject, Injectable, signal } from '@angular/core';
import type { TeamDetail, TeamSummary } from '@casustafel/contracts';
import { ReadState } from '../http/read-state';
import { TeamsApi } from './teams.api';

/** The signed-in user's teams, and the one team being looked at. */
@Injectable({ providedIn: 'root' })
export class TeamsStore {
  readonly #api = inject(TeamsApi);
  readonly #teams = signal<TeamSummary[] | null>(null);
  readonly #team = signal<TeamDetail | null>(null);
  readonly #reads = new ReadState();

  /** My teams, by name; null until loaded. */
  readonly teams = computed(() => {
    const teams = this.#teams();
    return teams ? [...teams].sort((a, b) => a.name.localeCompare(b.name, 'nl')) : null;
  });
  readonly team = this.#team.asReadonly();
  readonly loading = this.#reads.loading;
  readonly failure = this.#reads.failure;
  readonly failureKey = this.#reads.failureKey;
  /** The api refused the team (need-to-know): show the "Geen toegang" page. */
  readonly forbidden = this.#reads.forbidden;

  async loadTeams(): Promise<void> {
    await this.#reads.into(this.#teams, this.#api.myTeams());
  }

  async loadTeam(teamId: string): Promise<void> {
    if (this.#team()?.id !== teamId) this.#team.set(null);
    await this.#reads.into(this.#team, this.#api.team(teamId));
  }
}
