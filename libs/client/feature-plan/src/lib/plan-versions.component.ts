import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PlanDiffView, SupportPlanView } from '@casustafel/contracts';
import { failureMessageKey } from '@casustafel/client/data-access';
import { DateTimePipe, FIELD, StatusBadgeComponent } from '@casustafel/client/ui';
import { eventText } from './plan-item-form';
import { PlanPageState } from './plan-page.state';

/** The plan's versions, and what changed between two of them. */
@Component({
  selector: 'cst-plan-versions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, DateTimePipe, FIELD, StatusBadgeComponent],
  styles: ':host { display: contents; }',
  styleUrl: './plan.css',
  templateUrl: './plan-versions.component.html',
})
export class PlanVersionsComponent {
  protected readonly state = inject(PlanPageState);
  readonly plan = input.required<SupportPlanView>();
  protected readonly diff = signal<PlanDiffView | null>(null);

  protected number(event: Event): number {
    return Number(eventText(event));
  }

  protected async showDiff(): Promise<void> {
    const plan = this.plan();
    const [from, to] = [this.state.diffFrom(), this.state.diffTo()].sort((a, b) => a - b) as [
      number,
      number,
    ];
    const result = await this.state.api.diff(plan.id, from, to);
    if (result.ok) this.diff.set(result.data);
    else this.state.error.set(failureMessageKey(result.failure));
  }
}
