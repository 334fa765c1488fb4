import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { PLAN_VARIANTS, type PlanVariant } from '@casustafel/domain';
import { FIELD } from '@casustafel/client/ui';
import { PlanPageState } from './plan-page.state';

/** The plan's variant (light or heavy), for a new plan and for changing the basis. */
@Component({
  selector: 'cst-plan-variant-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, FIELD],
  styles: ':host { display: contents; }',
  template: `
    <cst-field [fieldId]="fieldId()" [label]="'plan.basis.variant' | transloco">
      <select
        cstControl
        class="utrecht-select utrecht-select--html-select"
        (change)="state.variant.set($any($event.target).value)"
      >
        @for (v of variants; track v) {
          <option [value]="v" [selected]="state.variant() === v">
            {{ 'plan.variants.' + v | transloco }}
          </option>
        }
      </select>
    </cst-field>
  `,
})
export class PlanVariantFieldComponent {
  protected readonly state = inject(PlanPageState);
  readonly fieldId = input.required<string>();
  protected readonly variants: readonly PlanVariant[] = PLAN_VARIANTS;
}
