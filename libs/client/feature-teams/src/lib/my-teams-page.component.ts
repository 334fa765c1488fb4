import { ChangeDetectionStrategy, Component, computed, inject, type OnInit } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, TeamsStore } from '@casustafel/client/data-access';
import { PageHeadingComponent } from '@casustafel/client/ui';
import { TeamListComponent } from './team-list.component';

/** `/teams`: "Mijn teams". */
@Component({
  selector: 'cst-my-teams-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, PageHeadingComponent, TeamListComponent],
  template: `
    <cst-page-heading
      [heading]="'teams.heading' | transloco"
      [lead]="'teams.lead' | transloco"
      data-testid="teams-heading"
    />
    <cst-team-list [roles]="roles()" />
  `,
})
export class MyTeamsPageComponent implements OnInit {
  readonly #teams = inject(TeamsStore);
  readonly #auth = inject(AuthStore);
  protected readonly roles = computed(() =>
    Object.fromEntries((this.#auth.user()?.teams ?? []).map((m) => [m.teamId, m.roles])),
  );

  ngOnInit(): void {
    void this.#teams.loadTeams();
  }
}
