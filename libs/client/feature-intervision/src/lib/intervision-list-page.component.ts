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
import { failureMessageKey, IntervisionStore, LanguageStore } from '@casustafel/client/data-access';
import {
  AlertComponent,
  DateTimePipe,
  PageHeadingComponent,
  StatusBadgeComponent,
} from '@casustafel/client/ui';

/** `/teams/:teamId/intervisie`: the team's intervision cases, in review and released. */
@Component({
  selector: 'cst-intervision-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
    StatusBadgeComponent,
  ],
  providers: [IntervisionStore],
  template: `
    <p class="utrecht-paragraph cst-small">
      <a class="utrecht-link" [routerLink]="['/teams', teamId()]" data-testid="intervision-back">{{
        'intervision.list.back' | transloco
      }}</a>
    </p>
    <cst-page-heading
      [heading]="'intervision.list.heading' | transloco"
      [lead]="'intervision.list.lead' | transloco"
      data-testid="intervision-list-heading"
    />
    <p class="utrecht-paragraph">
      {{ 'intervision.list.howTo' | transloco }}
      <a class="utrecht-link" [routerLink]="['/teams', teamId(), 'casussen']">{{
        'intervision.list.toCases' | transloco
      }}</a>
    </p>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" routerLink="/intervisie/aanwezigheid" data-testid="iv-own-link">{{
        'intervision.attendance.link' | transloco
      }}</a>
    </p>
    @if (store.mySessions(); as sessions) {
      @if (sessions.length > 0) {
        <section class="cst-section" aria-labelledby="iv-my-sessions" data-testid="iv-my-sessions">
          <h2 class="utrecht-heading-3" id="iv-my-sessions">
            {{ 'intervision.mySessions.heading' | transloco }}
          </h2>
          <ul class="utrecht-unordered-list">
            @for (s of sessions; track s.id) {
              <li class="utrecht-unordered-list__item" [attr.data-testid]="'iv-my-session-' + s.id">
                <a class="utrecht-link" [routerLink]="['/intervisie/sessies', s.id]">{{
                  s.copyTitle
                }}</a>
                —
                {{
                  'intervision.mySessions.line'
                    | transloco
                      : {
                          method: s.methodName,
                          trainer: s.trainerName,
                          role: ('intervision.roles.' + s.role | transloco),
                        }
                }}
                <cst-status-badge [tone]="s.status === 'running' ? 'success' : 'neutral'">{{
                  'intervision.mySessions.' + s.status | transloco
                }}</cst-status-badge>
              </li>
            }
          </ul>
        </section>
      }
    }
    @if (store.failure(); as failure) {
      <div role="alert">
        <cst-alert type="error"
          ><p class="utrecht-paragraph" data-testid="intervision-list-error">
            {{ message(failure) | transloco }}
          </p></cst-alert
        >
      </div>
    } @else if (store.summaries(); as rows) {
      @if (rows.length === 0) {
        <p class="utrecht-paragraph cst-muted" data-testid="intervision-list-empty">
          {{ 'intervision.list.empty' | transloco }}
        </p>
      } @else {
        <div
          class="cst-table-scroll cst-section"
          tabindex="0"
          role="region"
          aria-labelledby="intervision-list-caption"
        >
          <table class="cst-table" data-testid="intervision-list">
            <caption id="intervision-list-caption" class="app-visually-hidden">
              {{
                'intervision.list.caption' | transloco
              }}
            </caption>
            <thead>
              <tr>
                @for (
                  col of ['colTitle', 'colStatus', 'colOpen', 'colMade', 'colReleased'];
                  track col
                ) {
                  <th scope="col">{{ 'intervision.list.' + col | transloco }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (row of rows; track row.id) {
                <tr [attr.data-testid]="'intervision-row-' + row.id">
                  <td>
                    <a
                      class="utrecht-link"
                      [routerLink]="['/intervisie', row.id]"
                      data-testid="intervision-row-link"
                      >{{ row.title }}</a
                    >
                  </td>
                  <td>
                    <cst-status-badge
                      [tone]="row.status === 'released' ? 'success' : 'warning'"
                      data-testid="intervision-row-status"
                      >{{ 'intervision.status.' + row.status | transloco }}</cst-status-badge
                    >
                  </td>
                  <td>{{ row.status === 'released' ? '—' : row.openCandidates }}</td>
                  <td>
                    {{
                      (row.isCreator ? 'intervision.list.you' : 'intervision.list.colleague')
                        | transloco
                    }}
                  </td>
                  <td>
                    @if (row.releasedAt; as at) {
                      <time [attr.datetime]="at">{{ at | cstDateTime: language.lang() }}</time>
                    } @else {
                      {{ 'intervision.list.notYet' | transloco }}
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    } @else {
      <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class IntervisionListPageComponent {
  readonly teamId = input.required<string>();
  protected readonly store = inject(IntervisionStore);
  protected readonly language = inject(LanguageStore);
  readonly #router = inject(Router);
  protected readonly message = failureMessageKey;

  constructor() {
    effect(() => {
      const teamId = this.teamId();
      untracked(() => {
        void this.store.loadMySessions();
        void this.store.loadTeam(teamId).then(() => {
          if (this.store.forbidden())
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
        });
      });
    });
  }
}
