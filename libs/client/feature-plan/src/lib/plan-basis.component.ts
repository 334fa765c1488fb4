import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SupportPlanPage, SupportPlanView } from '@casustafel/contracts';
import { FIELD, PluralKeyPipe, StatusBadgeComponent } from '@casustafel/client/ui';
import { PlanDatePipe } from './plan-date.pipe';
import { eventText } from './plan-item-form';
import { PlanPageState } from './plan-page.state';
import { PlanVariantFieldComponent } from './plan-variant-field.component';

/** The plan's basis (variant, casusregisseur, evaluation, agreement, version) and its strengths and worries. */
@Component({
  selector: 'cst-plan-basis',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    FIELD,
    PlanDatePipe,
    PlanVariantFieldComponent,
    PluralKeyPipe,
    StatusBadgeComponent,
  ],
  styles: ':host { display: contents; }',
  styleUrl: './plan.css',
  templateUrl: './plan-basis.component.html',
})
export class PlanBasisComponent {
  protected readonly state = inject(PlanPageState);
  readonly page = input.required<SupportPlanPage>();
  readonly plan = input.required<SupportPlanView>();
  protected readonly sections = ['krachten', 'zorgen'] as const;

  protected saveBasis(regisseurId: string): Promise<boolean> {
    const variant = this.state.variant();
    return this.state.run('basis', (plan) =>
      this.state.api.section(plan.id, {
        section: 'basis',
        expectedRev: plan.sectionRevs.basis,
        variant,
        casusregisseurId: regisseurId || null,
        evaluationDate: plan.variant === variant ? plan.evaluationDate : null,
      }),
    );
  }

  protected saveSection(section: 'krachten' | 'zorgen'): Promise<boolean> {
    const text = section === 'krachten' ? this.state.krachten() : this.state.zorgen();
    return this.state.run(section, (plan) =>
      this.state.api.section(plan.id, { section, expectedRev: plan.sectionRevs[section], text }),
    );
  }

  protected setText(section: 'krachten' | 'zorgen', event: Event): void {
    (section === 'krachten' ? this.state.krachten : this.state.zorgen).set(eventText(event));
  }
}
