import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SupportPlanPage, SupportPlanView } from '@casustafel/contracts';
import { PLAN_GOAL_STATUSES, ZRM_DOMAIN_KEYS_2017 } from '@casustafel/domain';
import { AlertComponent, FIELD, StatusBadgeComponent } from '@casustafel/client/ui';
import { PlanDatePipe } from './plan-date.pipe';
import { eventText } from './plan-item-form';
import { GONE, PlanPageState } from './plan-page.state';

/** The plan's goals: their scores and status, removing one (confirmed) and adding one. */
@Component({
  selector: 'cst-plan-goals',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, AlertComponent, FIELD, PlanDatePipe, StatusBadgeComponent],
  styles: ':host { display: contents; }',
  styleUrl: './plan.css',
  templateUrl: './plan-goals.component.html',
})
export class PlanGoalsComponent {
  protected readonly state = inject(PlanPageState);
  readonly page = input.required<SupportPlanPage>();
  readonly plan = input.required<SupportPlanView>();
  protected readonly goalStatuses = PLAN_GOAL_STATUSES;
  protected readonly domains = ZRM_DOMAIN_KEYS_2017;
  protected readonly text = eventText;

  /** The goal whose removal waits for confirmation. */
  protected readonly confirmGoalId = signal<string | null>(null);
  protected readonly goalDomain = signal<string>('financien');
  protected readonly goalText = signal('');
  protected readonly goalDate = signal('');

  protected askRemoveGoal(goalId: string): void {
    this.confirmGoalId.set(goalId);
    this.state.focusAfterRender('goal-remove-confirm');
  }

  protected cancelRemoveGoal(): void {
    const goalId = this.confirmGoalId();
    this.confirmGoalId.set(null);
    if (goalId) this.state.focusAfterRender(`goal-remove-${goalId}`);
  }

  /** Removes the confirmed goal; its items stay, without a goal. */
  protected async removeGoal(): Promise<void> {
    const goalId = this.confirmGoalId();
    if (!goalId) return;
    await this.state.run(
      'goal',
      (plan) => {
        const goal = plan.goals.find((g) => g.id === goalId);
        if (!goal) return Promise.resolve(GONE);
        return this.state.api.removeGoal(plan.id, goalId, goal.rev);
      },
      'plan.saved',
      () => {
        this.confirmGoalId.set(null);
        this.state.focusAfterRender('plan-goals-heading');
      },
    );
  }

  protected async addGoal(): Promise<void> {
    if (!this.goalText().trim()) {
      this.state.error.set('plan.goals.textRequired');
      return;
    }
    const ok = await this.state.run('goal', (plan) =>
      this.state.api.addGoal(plan.id, {
        zrmDomain: this.goalDomain(),
        text: this.goalText(),
        evaluationDate: this.goalDate() || null,
      }),
    );
    if (ok) {
      this.goalText.set('');
      this.goalDate.set('');
    }
  }

  protected evaluateGoal(goalId: string, status: string): Promise<boolean> {
    return this.state.run(
      'evaluation',
      (plan) =>
        this.state.api.evaluate(plan.id, {
          goalId,
          goalStatus: status as (typeof PLAN_GOAL_STATUSES)[number],
        }),
      'plan.evaluation.done',
    );
  }
}
