import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { CircleSuggestion, ConferenceSummary, TeamMember } from '@casustafel/contracts';
import {
  type ApiFailure,
  AuthStore,
  FamilyConferenceApi,
  HouseholdStore,
  TeamsApi,
} from '@casustafel/client/data-access';
import { FIELD, PageHeadingComponent } from '@casustafel/client/ui';
import { fromLocalInput, localDateTime } from './conference-format';
import { ConferenceRefusalComponent } from './refusal.component';

/**
 * `/huishoudens/:householdId/beraden`: the household's familienetwerkberaden and the
 * preparation of a new one — the question, date and place as the family chose them, an
 * independent coordinator, the circle drawn from the household and its ecogram (more people
 * can be added on the conference's page), and the bottom lines.
 */
@Component({
  selector: 'cst-conference-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, FIELD, PageHeadingComponent, ConferenceRefusalComponent],
  styleUrl: './conference.css',
  templateUrl: './conference-list-page.component.html',
})
export class ConferenceListPageComponent {
  readonly householdId = input.required<string>();
  protected readonly household = inject(HouseholdStore);
  readonly #api = inject(FamilyConferenceApi);
  readonly #teams = inject(TeamsApi);
  readonly #auth = inject(AuthStore);
  readonly #router = inject(Router);

  protected readonly conferences = signal<ConferenceSummary[] | null>(null);
  protected readonly suggestions = signal<CircleSuggestion[]>([]);
  protected readonly chosen = signal<ReadonlySet<number>>(new Set());
  protected readonly colleagues = signal<TeamMember[]>([]);
  protected readonly loadFailure = signal<ApiFailure | null>(null);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly pending = signal(false);
  protected readonly question = signal('');
  protected readonly startsAt = signal('');
  protected readonly place = signal('');
  protected readonly coordinatorId = signal('');
  protected readonly bottomLines = signal('');
  protected readonly formatted = computed(() =>
    (this.conferences() ?? []).map((c) => ({ ...c, when: localDateTime(c.startsAt) })),
  );

  constructor() {
    effect(() => {
      const id = this.householdId();
      untracked(() => void this.#load(id));
    });
  }

  async #load(householdId: string): Promise<void> {
    await this.household.load(householdId);
    if (this.household.forbidden()) {
      void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
      return;
    }
    const [list, circle] = await Promise.all([
      firstValueFrom(this.#api.list(householdId)),
      firstValueFrom(this.#api.suggestedCircle(householdId)),
    ]);
    if (!list.ok) {
      this.loadFailure.set(list.failure);
      return;
    }
    this.conferences.set(list.data);
    if (circle.ok) {
      this.suggestions.set(circle.data);
      this.chosen.set(new Set(circle.data.map((_, i) => i)));
    }
    await this.#loadColleagues();
  }

  /** Colleagues of the caller's teams (not the caller: the coordinator is independent). */
  async #loadColleagues(): Promise<void> {
    const me = this.#auth.user()?.id;
    const teamIds = (this.#auth.user()?.teams ?? []).map((t) => t.teamId);
    const details = await Promise.all(teamIds.map((id) => firstValueFrom(this.#teams.team(id))));
    const byId = new Map<string, TeamMember>();
    for (const d of details)
      if (d.ok) for (const m of d.data.members) if (m.userId !== me) byId.set(m.userId, m);
    this.colleagues.set(
      [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl')),
    );
  }

  protected toggle(index: number, on: boolean): void {
    this.chosen.update((set) => {
      const next = new Set(set);
      if (on) next.add(index);
      else next.delete(index);
      return next;
    });
  }

  protected async create(event: Event): Promise<void> {
    event.preventDefault();
    if (this.pending()) return;
    const chosen = this.chosen();
    this.pending.set(true);
    const result = await firstValueFrom(
      this.#api.create(this.householdId(), {
        question: this.question().trim(),
        startsAt: fromLocalInput(this.startsAt()),
        place: this.place().trim(),
        coordinatorId: this.coordinatorId(),
        circle: this.suggestions()
          .filter((_, i) => chosen.has(i))
          .map((s) => ({
            name: s.name,
            role: s.role,
            relation: s.relation,
            personId: s.personId,
            networkPersonId: s.networkPersonId,
          })),
        bottomLines: this.bottomLines()
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l.length > 0),
      }),
    );
    this.pending.set(false);
    if (!result.ok) {
      this.failure.set(result.failure);
      return;
    }
    await this.#router.navigate(['/beraden', result.data.id]);
  }
}
