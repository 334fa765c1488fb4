import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SupportPlanView } from '@casustafel/contracts';
import { AGREEMENT_METHODS } from '@casustafel/domain';
import { FIELD, PluralKeyPipe } from '@casustafel/client/ui';
import { PlanDatePipe } from './plan-date.pipe';
import { eventText } from './plan-item-form';
import { PlanPageState } from './plan-page.state';

/** The plan's evaluation and the family's agreement with a version of it. */
@Component({
  selector: 'cst-plan-agreement',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, FIELD, PlanDatePipe, PluralKeyPipe],
  styles: ':host { display: contents; }',
  styleUrl: './plan.css',
  templateUrl: './plan-agreement.component.html',
})
export class PlanAgreementComponent {
  protected readonly state = inject(PlanPageState);
  readonly plan = input.required<SupportPlanView>();
  protected readonly methods = AGREEMENT_METHODS;
  protected readonly text = eventText;

  protected number(event: Event): number {
    return Number(eventText(event));
  }

  protected evaluatePlan(): Promise<boolean> {
    return this.state.run(
      'evaluation',
      (plan) => this.state.api.evaluate(plan.id, {}),
      'plan.evaluation.done',
    );
  }

  protected async recordAgreement(): Promise<void> {
    const a = this.state.agreement();
    if (!a.byName.trim()) {
      this.state.error.set('plan.agreement.byNameRequired');
      return;
    }
    const ok = await this.state.run(
      'agreement',
      (plan) => this.state.api.agree(plan.id, a),
      'plan.agreement.saved',
    );
    if (ok) this.state.agreement.update((x) => ({ ...x, byName: '', comment: '' }));
  }

  protected setAgreement(field: string, value: string | boolean | number): void {
    this.state.agreement.update((a) => ({ ...a, [field]: value }));
  }
}
