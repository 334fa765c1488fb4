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
import { HouseholdStore } from '@casustafel/client/data-access';
import { PageHeadingComponent } from '@casustafel/client/ui';
import { NetworkMapsComponent } from './network-maps.component';

/** `/huishoudens/:householdId/netwerk`: the household's genogram and ecogram. */
@Component({
  selector: 'cst-network-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, PageHeadingComponent, NetworkMapsComponent],
  template: `
    <p class="utrecht-paragraph cst-small">
      <a
        class="utrecht-link"
        [routerLink]="['/huishoudens', householdId()]"
        data-testid="network-back"
        >{{ 'network.back' | transloco }}</a
      >
    </p>
    <cst-page-heading
      [heading]="'network.pageTitle' | transloco: { label: household.household()?.label ?? '' }"
      data-testid="network-heading"
    />
    <p class="utrecht-paragraph">{{ 'network.intro' | transloco }}</p>
    <cst-network-maps [householdId]="householdId()" />
  `,
})
export class NetworkPageComponent {
  readonly householdId = input.required<string>();
  protected readonly household = inject(HouseholdStore);
  readonly #router = inject(Router);

  constructor() {
    effect(() => {
      const id = this.householdId();
      untracked(() => {
        void this.household.load(id).then(() => {
          if (this.household.forbidden())
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
        });
      });
    });
  }
}
