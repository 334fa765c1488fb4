import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { HouseholdStore } from '@casustafel/client/data-access';
import { AlertComponent, PageHeadingComponent, StatusBadgeComponent } from '@casustafel/client/ui';
import { consentSummary } from './case-file.rules';
import { ErasureRequestFormComponent } from './erasure-request-form.component';
import { FamilyLinkPanelComponent } from './family-link-panel.component';
import { HouseholdAccessLogComponent } from './household-access-log.component';
import { HouseholdConsentLedgerComponent } from './household-consent-ledger.component';
import { HouseholdMembersComponent } from './household-members.component';
import { HouseholdNetworkComponent } from './household-network.component';
import { TimelineComponent } from './timeline.component';

/**
 * `/huishoudens/:householdId`: members, network, consent ledger, an AVG art. 17 erasure request
 * and the AVG art. 15 log, each a section component of its own.
 */
@Component({
  selector: 'cst-household-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    ErasureRequestFormComponent,
    FamilyLinkPanelComponent,
    HouseholdAccessLogComponent,
    HouseholdConsentLedgerComponent,
    HouseholdMembersComponent,
    HouseholdNetworkComponent,
    PageHeadingComponent,
    StatusBadgeComponent,
    TimelineComponent,
  ],
  templateUrl: './household-page.component.html',
})
export class HouseholdPageComponent {
  readonly householdId = input.required<string>();
  protected readonly store = inject(HouseholdStore);
  readonly #router = inject(Router);
  /** The moment the page was opened: consent states are read at it (the domain's one rule). */
  protected readonly openedAt = new Date();
  protected readonly summary = computed(() =>
    consentSummary(this.store.household()?.consents ?? [], this.openedAt),
  );

  protected readonly erasureMembers = computed(() =>
    (this.store.household()?.members ?? []).map((p) => ({
      id: p.id,
      name: `${p.givenName} ${p.familyName}`,
    })),
  );

  constructor() {
    effect(() => {
      const id = this.householdId();
      untracked(() => {
        void this.store.load(id).then(() => {
          if (this.store.forbidden())
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
        });
      });
    });
  }
}
