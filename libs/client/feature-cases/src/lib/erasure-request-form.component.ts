import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ERASURE_REQUESTERS,
  ERASURE_SCOPES,
  type ErasureRequester,
  type ErasureScope,
} from '@casustafel/contracts';
import { failureMessageKey, HouseholdStore } from '@casustafel/client/data-access';
import { MessageRegionComponent, FIELD } from '@casustafel/client/ui';
import { today } from './case-file.rules';

/**
 * On the household page: a member of the household's team files an AVG art. 17 erasure request
 * (who asked, when, the household or one member). The organisation administrator assesses and
 * executes it on /beheer/verwijderverzoeken without seeing the household's name or members
 * (an administrator reads no client data), so the request starts here, where the team knows
 * whom it concerns.
 */
@Component({
  selector: 'cst-erasure-request-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, MessageRegionComponent, ...FIELD],
  template: `
    <h2 class="utrecht-heading-2" id="hh-erasure-heading">
      {{ 'household.erasure.heading' | transloco }}
    </h2>
    <p class="utrecht-paragraph cst-muted">{{ 'household.erasure.lead' | transloco }}</p>
    <div
      role="status"
      data-testid="hh-erasure-notice"
      cstMessage="ok"
      [message]="filed() ? ('household.erasure.filed' | transloco) : null"
    ></div>
    <div
      role="alert"
      data-testid="hh-erasure-error"
      cstMessage
      [message]="errorKey() | transloco"
    ></div>
    <form class="cst-form" novalidate (submit)="file($event)" data-testid="hh-erasure-form">
      <div class="cst-form-grid">
        <cst-field fieldId="hh-erasure-scope" [label]="'household.erasure.scope' | transloco">
          <select
            cstControl
            #scopeSelect
            class="utrecht-select utrecht-select--html-select"
            (change)="choose(scopeSelect.value)"
            data-testid="hh-erasure-scope"
          >
            <option value="household" [selected]="personId() === null">
              {{ 'household.erasure.wholeHousehold' | transloco }}
            </option>
            @for (member of members(); track member.id) {
              <option [value]="member.id" [selected]="personId() === member.id">
                {{ member.name }}
              </option>
            }
          </select>
        </cst-field>
        <cst-field
          fieldId="hh-erasure-requested-by"
          [label]="'household.erasure.requestedBy' | transloco"
        >
          <select
            cstControl
            #requesterSelect
            class="utrecht-select utrecht-select--html-select"
            (change)="chooseRequester(requesterSelect.value)"
            data-testid="hh-erasure-requested-by"
          >
            @for (requester of requesters; track requester) {
              <option [value]="requester" [selected]="requestedBy() === requester">
                {{ 'household.erasure.requesters.' + requester | transloco }}
              </option>
            }
          </select>
        </cst-field>
        <cst-field
          fieldId="hh-erasure-received-on"
          [label]="'household.erasure.receivedOn' | transloco"
        >
          <input
            cstControl
            #receivedInput
            class="utrecht-textbox utrecht-textbox--html-input"
            type="date"
            [max]="today"
            [value]="receivedOn()"
            (input)="receivedOn.set(receivedInput.value)"
            data-testid="hh-erasure-received-on"
          />
        </cst-field>
      </div>
      <div class="cst-actions">
        <button
          type="submit"
          class="utrecht-button utrecht-button--secondary-action"
          [attr.aria-disabled]="pending()"
          data-testid="hh-erasure-submit"
        >
          {{ 'household.erasure.submit' | transloco }}
        </button>
      </div>
    </form>
  `,
})
export class ErasureRequestFormComponent {
  readonly householdId = input.required<string>();
  readonly members = input.required<readonly { id: string; name: string }[]>();
  readonly #store = inject(HouseholdStore);
  protected readonly requesters = ERASURE_REQUESTERS;
  protected readonly today = today();
  /** null: the whole household; otherwise the member it concerns. */
  protected readonly personId = signal<string | null>(null);
  protected readonly requestedBy = signal<ErasureRequester>('betrokkene');
  protected readonly receivedOn = signal(today());
  protected readonly pending = signal(false);
  protected readonly filed = signal(false);
  protected readonly errorKey = signal<string | null>(null);

  protected choose(value: string): void {
    this.personId.set(value === 'household' ? null : value);
  }

  protected chooseRequester(value: string): void {
    const requester = ERASURE_REQUESTERS.find((r) => r === value);
    if (requester) this.requestedBy.set(requester);
  }

  protected async file(event: Event): Promise<void> {
    event.preventDefault();
    if (this.pending()) return;
    this.filed.set(false);
    this.errorKey.set(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.receivedOn())) {
      this.errorKey.set('household.erasure.dateRequired');
      return;
    }
    const personId = this.personId();
    const scope: ErasureScope = personId === null ? ERASURE_SCOPES[0] : ERASURE_SCOPES[1];
    this.pending.set(true);
    const result = await this.#store.fileErasureRequest(this.householdId(), {
      scope,
      personId,
      requestedBy: this.requestedBy(),
      receivedOn: this.receivedOn(),
    });
    this.pending.set(false);
    if (!result.ok) {
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.filed.set(true);
    this.personId.set(null);
    this.requestedBy.set('betrokkene');
    this.receivedOn.set(today());
  }
}
