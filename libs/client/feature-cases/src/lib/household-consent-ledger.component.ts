import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Consent, HouseholdDetail } from '@casustafel/contracts';
import { failureMessageKey, HouseholdStore, LanguageStore } from '@casustafel/client/data-access';
import {
  MessageRegionComponent,
  ConfirmDialogComponent,
  StatusBadgeComponent,
  type StatusTone,
} from '@casustafel/client/ui';
import { consentState, consentSummary, type ConsentState } from './case-file.rules';
import { ConsentFormComponent } from './consent-form.component';
import { DatePipe } from './date.pipe';

/** The household page's consent ledger: the summary, every consent, withdrawing and a new one. */
@Component({
  selector: 'cst-household-consent-ledger',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    MessageRegionComponent,
    ConfirmDialogComponent,
    ConsentFormComponent,
    DatePipe,
    StatusBadgeComponent,
  ],
  styles: ':host { display: contents; }',
  templateUrl: './household-consent-ledger.component.html',
})
export class HouseholdConsentLedgerComponent {
  readonly household = input.required<HouseholdDetail>();
  /** The moment the page was opened: consent states are read at it (the domain's one rule). */
  readonly openedAt = input.required<Date>();
  protected readonly store = inject(HouseholdStore);
  protected readonly language = inject(LanguageStore);
  protected readonly summary = computed(() =>
    consentSummary(this.household().consents, this.openedAt()),
  );
  protected readonly personName = computed(() => {
    const names = new Map<string, string>();
    for (const p of this.household().members) names.set(p.id, `${p.givenName} ${p.familyName}`);
    return names;
  });

  protected readonly withdrawing = signal<Consent | null>(null);
  protected readonly ledgerError = signal<string | null>(null);
  private readonly withdrawDialog = viewChild.required<ConfirmDialogComponent>('withdrawDialog');

  protected stateOf(consent: Consent): ConsentState {
    return consentState(consent, this.openedAt());
  }

  protected tone(state: ConsentState): StatusTone {
    return state === 'geldig' ? 'success' : state === 'verlopen' ? 'warning' : 'neutral';
  }

  protected recipientKey(r: Consent['recipients'][number]): { key: string; name: string } {
    switch (r.kind) {
      case 'team':
        return { key: 'consent.recipient.team', name: '' };
      case 'organisatie':
        return { key: 'consent.recipient.organisatie', name: r.name };
      case 'discipline':
        return { key: 'consent.recipient.discipline', name: r.discipline };
    }
  }

  protected askWithdraw(consent: Consent): void {
    this.withdrawing.set(consent);
    this.withdrawDialog().open();
  }

  protected async withdraw(): Promise<void> {
    const consent = this.withdrawing();
    if (!consent) return;
    const result = await this.store.withdrawConsent(this.household().id, consent.id);
    this.ledgerError.set(result.ok ? null : failureMessageKey(result.failure));
    this.withdrawing.set(null);
  }
}
