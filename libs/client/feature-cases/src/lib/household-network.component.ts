import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type HouseholdDetail,
  NETWORK_RELATIONS,
  type NetworkPersonInput,
  networkPersonInputSchema,
} from '@casustafel/contracts';
import { failureDetails, failureMessageKey, HouseholdStore } from '@casustafel/client/data-access';
import { AlertComponent, FIELD, fieldIssues } from '@casustafel/client/ui';
import { issueAt } from './case-file.rules';

/** The household page's network: the people around the household and the form to add one. */
@Component({
  selector: 'cst-household-network',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, ...FIELD],
  styles: ':host { display: contents; }',
  templateUrl: './household-network.component.html',
})
export class HouseholdNetworkComponent {
  readonly household = input.required<HouseholdDetail>();
  protected readonly store = inject(HouseholdStore);
  protected readonly relations = NETWORK_RELATIONS;

  protected readonly networkName = signal('');
  protected readonly networkRelation = signal<NetworkPersonInput['relation']>('familie');
  protected readonly networkDetail = signal('');
  protected readonly networkPhone = signal('');
  protected readonly networkSubmitted = signal(false);
  protected readonly networkError = signal<string | null>(null);
  protected readonly networkIssues = signal<{ path: string; issue: string }[]>([]);

  protected readonly input = computed<NetworkPersonInput>(() => ({
    name: this.networkName().trim(),
    relation: this.networkRelation(),
    relationDetail: this.networkDetail().trim() || null,
    phone: this.networkPhone().trim() || null,
  }));

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  /** The api's issue with the name, else (after a first try) the contract's: empty is "required". */
  protected networkProblem(): string | null {
    const server = issueAt(this.networkIssues(), 'name');
    if (server || !this.networkSubmitted()) return server;
    if (this.networkName().trim() === '') return 'caseFile.issues.required';
    return issueAt(fieldIssues(networkPersonInputSchema.safeParse(this.input())), 'name');
  }

  protected async addNetwork(): Promise<void> {
    this.networkSubmitted.set(true);
    this.networkError.set(null);
    this.networkIssues.set([]);
    if (this.networkProblem()) return;
    const result = await this.store.addNetworkPerson(this.household().id, this.input());
    if (!result.ok) {
      this.networkIssues.set(failureDetails(result.failure));
      this.networkError.set(failureMessageKey(result.failure));
      return;
    }
    this.networkName.set('');
    this.networkDetail.set('');
    this.networkPhone.set('');
    this.networkSubmitted.set(false);
  }

  protected async removeNetwork(id: string): Promise<void> {
    const result = await this.store.removeNetworkPerson(this.household().id, id);
    this.networkError.set(result.ok ? null : failureMessageKey(result.failure));
  }
}
