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
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { OverdueEvaluationView } from '@casustafel/contracts';
import { zrmDomains } from '@casustafel/domain';
import { failureMessageKey, LanguageStore } from '@casustafel/client/data-access';
import { MessageRegionComponent, PageHeadingComponent, PluralKeyPipe } from '@casustafel/client/ui';
import { PlanDatePipe } from './plan-date.pipe';
import { PlanApi } from './plan.api';

const DOMAIN_NAMES = new Map(zrmDomains('2017').map((d) => [d.key as string, d.name]));

/** `/teams/:teamId/evaluaties`: overdue evaluations of the team's plans, the reader's own first. */
@Component({
  selector: 'cst-overdue-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    MessageRegionComponent,
    PageHeadingComponent,
    PlanDatePipe,
    PluralKeyPipe,
  ],
  template: `
    <div role="alert" cstMessage [message]="error() | transloco"></div>
    <cst-page-heading
      [heading]="'plan.overdue.title' | transloco"
      [lead]="'plan.overdue.lead' | transloco"
    />
    @if (list(); as rows) {
      @for (group of groups(); track group.key) {
        <section class="cst-section">
          <h2 class="utrecht-heading-2" [id]="'overdue-' + group.key">
            {{ 'plan.overdue.' + group.key | transloco }} ({{ group.rows.length }})
          </h2>
          @if (group.rows.length === 0) {
            <p class="utrecht-paragraph cst-muted">{{ 'plan.overdue.none' | transloco }}</p>
          } @else {
            <div
              class="cst-table-scroll"
              tabindex="0"
              role="region"
              [attr.aria-labelledby]="'overdue-' + group.key"
            >
              <table class="cst-table" [attr.data-testid]="'overdue-' + group.key">
                <thead>
                  <tr>
                    @for (
                      col of [
                        'overdue.household',
                        'overdue.what',
                        'overdue.due',
                        'overdue.late',
                        'basis.regisseur',
                      ];
                      track col
                    ) {
                      <th scope="col">{{ 'plan.' + col | transloco }}</th>
                    }
                  </tr>
                </thead>
                <tbody>
                  @for (o of group.rows; track o.planId + (o.goalId ?? '')) {
                    <tr>
                      <td>
                        <a
                          class="utrecht-link"
                          [routerLink]="['/huishoudens', o.householdId, 'plan']"
                          >{{ o.householdLabel }}</a
                        >
                      </td>
                      <td>
                        @if (o.kind === 'plan') {
                          {{ 'plan.overdue.planEvaluation' | transloco }}
                        } @else {
                          {{
                            'plan.overdue.goal' | transloco: { domain: domainName(o.zrmDomain) }
                          }}: {{ o.goalText }}
                        }
                      </td>
                      <td>{{ o.dueDate | cstPlanDate: lang() }}</td>
                      <td>
                        {{
                          'plan.overdue.days'
                            | cstPlural: o.daysOverdue
                            | transloco: { count: o.daysOverdue }
                        }}
                      </td>
                      <td>{{ o.casusregisseurName ?? '—' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
        </section>
      }
    }
  `,
})
export class OverduePageComponent {
  readonly teamId = input.required<string>();
  readonly #api = inject(PlanApi);
  protected readonly lang = inject(LanguageStore).lang;
  protected readonly list = signal<OverdueEvaluationView[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly groups = computed(() => {
    const rows = this.list() ?? [];
    return [
      { key: 'mine', rows: rows.filter((r) => r.mine) },
      { key: 'team', rows: rows.filter((r) => !r.mine) },
    ];
  });

  constructor() {
    effect(() => {
      const teamId = this.teamId();
      untracked(async () => {
        const result = await this.#api.overdue(teamId);
        if (result.ok) this.list.set(result.data);
        else this.error.set(failureMessageKey(result.failure));
      });
    });
  }

  protected domainName(key: string | null): string {
    return key ? (DOMAIN_NAMES.get(key) ?? key) : '';
  }
}
