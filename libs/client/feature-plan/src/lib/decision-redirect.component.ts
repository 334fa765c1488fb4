import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { failureMessageKey } from '@casustafel/client/data-access';
import { MessageRegionComponent } from '@casustafel/client/ui';
import { PlanApi } from './plan.api';

/** Finds the household a decision is about and opens its plan with the decision pre-filled. */
@Component({
  selector: 'cst-decision-redirect',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, MessageRegionComponent],
  template: `
    <div role="alert" cstMessage [message]="error() | transloco"></div>
    @if (!error()) {
      <p class="utrecht-paragraph" role="status">{{ 'plan.opening' | transloco }}</p>
    }
  `,
})
export class DecisionRedirectComponent implements OnInit {
  readonly decisionId = input.required<string>();
  readonly #api = inject(PlanApi);
  readonly #router = inject(Router);
  protected readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    const result = await this.#api.decisionItems(this.decisionId());
    if (!result.ok) {
      this.error.set(failureMessageKey(result.failure));
      return;
    }
    await this.#router.navigate(['/huishoudens', result.data.householdId, 'plan'], {
      queryParams: { besluit: this.decisionId() },
      replaceUrl: true,
    });
  }
}
