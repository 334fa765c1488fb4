import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { TeamSummary } from '@casustafel/contracts';
import { TeamsStore } from '@casustafel/client/data-access';
import { AlertComponent } from '@casustafel/client/ui';

/** The signed-in user's teams as a list of links (start page and "Mijn teams"). */
@Component({
  selector: 'cst-team-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, AlertComponent],
  template: `
    @if (store.failureKey(); as key) {
      <cst-alert type="error" data-testid="teams-error">
        <p class="utrecht-paragraph">{{ key | transloco }}</p>
      </cst-alert>
    } @else if (store.teams(); as teams) {
      @if (teams.length === 0) {
        <p class="utrecht-paragraph" data-testid="teams-empty">{{ 'teams.empty' | transloco }}</p>
      } @else {
        <ul class="cst-team-list" data-testid="teams-list">
          @for (team of teams; track team.id) {
            <li class="cst-team-list__item" [attr.data-testid]="'team-item-' + team.id">
              <a
                class="utrecht-link cst-team-list__link"
                [routerLink]="['/teams', team.id]"
                [attr.data-testid]="'team-link-' + team.id"
                >{{ team.name }}</a
              >
              <span class="cst-small cst-muted">
                {{ 'teamTypes.' + team.type | transloco }} ·
                {{ 'teams.memberCount' | transloco: { count: team.memberCount } }}
                @if (rolesOf(team); as roles) {
                  · {{ 'teams.myRoles' | transloco }}:
                  @for (role of roles; track role; let last = $last) {
                    {{ 'teamRoles.' + role | transloco }}{{ last ? '' : ', ' }}
                  }
                }
              </span>
              <a
                class="utrecht-link cst-small"
                [routerLink]="['/teams', team.id, 'casussen']"
                [attr.data-testid]="'team-cases-link-' + team.id"
                >{{ 'teams.casesOf' | transloco: { team: team.name } }}</a
              >
            </li>
          }
        </ul>
      }
    } @else {
      <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
    }
  `,
  styles: `
    .cst-team-list {
      display: grid;
      gap: var(--basis-space-row-sm, 6px);
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .cst-team-list__item {
      border-block-end: 1px solid var(--basis-color-default-border-subtle, #ddd);
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding-block: var(--basis-space-block-md, 8px);
    }
    .cst-team-list__item:last-child {
      border-block-end: 0;
    }
    .cst-team-list__link {
      font-size: var(--basis-text-font-size-lg, 1.125rem);
      font-weight: var(--basis-text-font-weight-bold, bold);
    }
  `,
})
export class TeamListComponent {
  protected readonly store = inject(TeamsStore);
  /** My roles per team id (from the session's user), to show next to each team. */
  readonly roles = input<Record<string, readonly string[]>>({});

  protected rolesOf(team: TeamSummary): readonly string[] | null {
    const roles = this.roles()[team.id];
    return roles && roles.length > 0 ? roles : null;
  }
}
