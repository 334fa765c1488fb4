import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AlertComponent, PageHeadingComponent } from '@casustafel/client/ui';
import { PlanAgreementComponent } from './plan-agreement.component';
import { PlanBasisComponent } from './plan-basis.component';
import { PlanDecisionsComponent } from './plan-decisions.component';
import { PlanGoalsComponent } from './plan-goals.component';
import { PlanItemsComponent } from './plan-items.component';
import { PlanPageState } from './plan-page.state';
import { PlanVariantFieldComponent } from './plan-variant-field.component';
import { PlanVersionsComponent } from './plan-versions.component';

/** `/huishoudens/:householdId/plan`: the household's one support plan. */
@Component({
  selector: 'cst-plan-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    PageHeadingComponent,
    PlanAgreementComponent,
    PlanBasisComponent,
    PlanDecisionsComponent,
    PlanGoalsComponent,
    PlanItemsComponent,
    PlanVariantFieldComponent,
    PlanVersionsComponent,
  ],
  providers: [PlanPageState],
  templateUrl: './plan-page.component.html',
  styleUrl: './plan.css',
})
export class PlanPageComponent {
  readonly householdId = input.required<string>();
  /** `?besluit=<id>`: a decision to take into the plan, opened pre-filled. */
  readonly besluit = input<string | undefined>(undefined);
  protected readonly state = inject(PlanPageState);

  constructor() {
    effect(() => {
      const id = this.householdId();
      untracked(() => {
        this.state.householdId.set(id);
        void this.state.load(this.besluit());
      });
    });
  }
}
