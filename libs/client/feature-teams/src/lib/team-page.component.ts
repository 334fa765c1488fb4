import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, LanguageStore, TeamsStore } from '@casustafel/client/data-access';
import { AlertComponent, DateTimePipe, PageHeadingComponent } from '@casustafel/client/ui';

/** `/teams/:teamId`: who is in the team, with discipline and roles. */
@Component({
  selector: 'cst-team-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, AlertComponent, DateTimePipe, PageHeadingComponent],
  template: `
    <p class="utrecht-paragraph cst-small">
      <a class="utrecht-link" routerLink="/teams" data-testid="team-back">{{
        'team.back' | transloco
      }}</a>
    </p>
    @if (store.team(); as team) {
      <cst-page-heading [heading]="team.name" data-testid="team-heading" />
      <p class="utrecht-paragraph">
        <a
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
          [routerLink]="['/teams', team.id, 'casussen']"
          data-testid="team-cases-link"
          >{{ 'team.cases' | transloco }}</a
        >
        <a
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
          [routerLink]="['/teams', team.id, 'overleggen']"
          data-testid="team-meetings-link"
          >{{ 'team.meetings' | transloco }}</a
        >
        <a
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
          [routerLink]="['/teams', team.id, 'intervisie']"
          data-testid="team-intervision-link"
          >{{ 'team.intervision' | transloco }}</a
        >
      </p>
      <dl class="utrecht-data-list utrecht-data-list--rows cst-narrow">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{{ 'team.type' | transloco }}</dt>
          <dd
            class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd"
            data-testid="team-type"
          >
            {{ 'teamTypes.' + team.type | transloco }}
          </dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{{ 'team.since' | transloco }}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
            <time [attr.datetime]="team.createdAt">{{
              team.createdAt | cstDateTime: language.lang()
            }}</time>
          </dd>
        </div>
      </dl>
      <div class="cst-section">
        <h2 class="utrecht-heading-2" id="team-members-heading">
          {{ 'team.members' | transloco: { count: team.members.length } }}
        </h2>
        <div
          class="cst-table-scroll"
          tabindex="0"
          role="region"
          aria-labelledby="team-members-heading"
        >
          <table class="cst-table" data-testid="team-members">
            <thead>
              <tr>
                @for (col of ['name', 'discipline', 'roles']; track col) {
                  <th scope="col">{{ 'team.' + col | transloco }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (member of team.members; track member.userId) {
                <tr [attr.data-testid]="'member-row-' + member.userId">
                  <th scope="row">
                    {{ member.displayName }}
                    @if (member.userId === auth.user()?.id) {
                      <span class="cst-muted cst-small">({{ 'team.you' | transloco }})</span>
                    }
                  </th>
                  <td>{{ 'disciplines.' + member.discipline | transloco }}</td>
                  <td>
                    @for (role of member.roles; track role; let last = $last) {
                      {{ 'teamRoles.' + role | transloco }}{{ last ? '' : ', ' }}
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </div>
    } @else if (store.failureKey(); as key) {
      <cst-page-heading [heading]="'team.title' | transloco" />
      <cst-alert type="error" data-testid="team-error"
        ><p class="utrecht-paragraph">{{ key | transloco }}</p></cst-alert
      >
    } @else {
      <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class TeamPageComponent {
  /** Route parameter (component input binding). */
  readonly teamId = input.required<string>();
  protected readonly store = inject(TeamsStore);
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageStore);
  readonly #router = inject(Router);

  constructor() {
    effect(() => {
      const teamId = this.teamId();
      untracked(() => {
        void this.store.loadTeam(teamId).then(() => {
          // Need-to-know: another team's page is refused; show why, at the same address.
          if (this.store.forbidden()) {
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
          }
        });
      });
    });
  }
}
