import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SupportPlanPage } from '@casustafel/contracts';
import { DateTimePipe } from '@casustafel/client/ui';
import { PlanItemFieldsComponent } from './plan-item-fields.component';
import { PlanPageState } from './plan-page.state';

/** The decisions of meetings not yet in the plan, each to take in as an item. */
@Component({
  selector: 'cst-plan-decisions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, DateTimePipe, PlanItemFieldsComponent],
  styles: ':host { display: contents; }',
  styleUrl: './plan.css',
  template: `
    @let p = page();
    <section
      class="cst-section"
      aria-labelledby="plan-decisions-heading"
      data-testid="plan-decisions"
    >
      <h2 class="utrecht-heading-2" id="plan-decisions-heading">
        {{ 'plan.decisions.heading' | transloco }} ({{ p.unprocessedDecisions.length }})
      </h2>
      @for (d of p.unprocessedDecisions; track d.id) {
        <article class="cst-plan-card" [attr.data-testid]="'plan-decision-' + d.id">
          <p class="cst-small cst-muted">
            {{ 'plan.decisions.from' | transloco: { item: d.agendaItemTitle } }} ·
            {{ d.meetingStartsAt | cstDateTime: state.lang() }} ·
            {{ 'meetings.records.types.' + d.type | transloco }}
          </p>
          <p class="utrecht-paragraph">{{ d.text }}</p>
          @if (state.decisionOpen() !== d.id) {
            <button
              type="button"
              class="utrecht-button utrecht-button--primary-action cst-button--small"
              (click)="state.openDecision(d)"
              data-testid="plan-decision-open"
            >
              {{ 'plan.decisions.take' | transloco }}
            </button>
          } @else {
            <form
              class="cst-form cst-form--wide"
              (submit)="$event.preventDefault(); state.takeDecision(d.id)"
              [attr.aria-label]="'plan.decisions.formLabel' | transloco"
              data-testid="plan-decision-form"
            >
              <cst-plan-item-fields [(form)]="state.decisionItem" prefix="decision-item" />
              <div class="cst-actions">
                <button
                  type="submit"
                  class="utrecht-button utrecht-button--primary-action"
                  [disabled]="state.busy()"
                  data-testid="plan-decision-submit"
                >
                  {{ 'plan.decisions.submit' | transloco }}
                </button>
                <button
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action"
                  (click)="state.decisionOpen.set(null)"
                >
                  {{ 'plan.cancel' | transloco }}
                </button>
              </div>
            </form>
          }
        </article>
      } @empty {
        <p class="utrecht-paragraph cst-muted" data-testid="plan-decisions-empty">
          {{ 'plan.decisions.none' | transloco }}
        </p>
      }
    </section>
  `,
})
export class PlanDecisionsComponent {
  protected readonly state = inject(PlanPageState);
  readonly page = input.required<SupportPlanPage>();
}
