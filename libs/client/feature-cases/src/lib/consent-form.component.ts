import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  CONSENT_PURPOSES,
  type ConsentRecipient,
  type CreateConsentRequest,
  DATA_CATEGORIES,
  type HouseholdDetail,
  LEGAL_BASES,
} from '@casustafel/contracts';
import { failureDetails, failureMessageKey, HouseholdStore } from '@casustafel/client/data-access';
import { AlertComponent, FIELD } from '@casustafel/client/ui';
import { CheckListComponent } from './check-list.component';
import { issueAt, today } from './case-file.rules';

type Basis = CreateConsentRequest['basis'];

/** Records consent (toestemming) or another legal basis in the household's ledger. */
@Component({
  selector: 'cst-consent-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, CheckListComponent, ...FIELD],
  templateUrl: './consent-form.component.html',
})
export class ConsentFormComponent {
  readonly household = input.required<HouseholdDetail>();
  readonly #store = inject(HouseholdStore);
  protected readonly purposes = CONSENT_PURPOSES;
  protected readonly categories = DATA_CATEGORIES;
  protected readonly legalBases = LEGAL_BASES;
  protected readonly basis = signal<Basis>('toestemming');
  protected readonly legalBasis = signal('');
  protected readonly personId = signal('');
  protected readonly grantedBy = signal('');
  protected readonly purpose = signal<CreateConsentRequest['purpose']>('mdo');
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly recipientTeam = signal(true);
  protected readonly organisations = signal('');
  protected readonly grantedAt = signal(today());
  protected readonly expiresAt = signal('');
  protected readonly note = signal('');
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly saved = signal(false);
  readonly #issues = signal<{ path: string; issue: string }[]>([]);

  protected readonly recipients = computed<ConsentRecipient[]>(() => [
    ...(this.recipientTeam() ? [{ kind: 'team' as const, teamId: this.household().teamId }] : []),
    ...this.organisations()
      .split(/[,;\n]/)
      .map((n) => n.trim())
      .filter((n) => n.length >= 2)
      .map((name) => ({ kind: 'organisatie' as const, name })),
  ]);

  protected readonly problems = computed(() => {
    const p: Record<string, string> = {};
    if (this.basis() === 'wettelijke-grondslag' && !this.legalBasis())
      p['legalBasis'] = 'consent.form.legalBasisRequired';
    if (this.basis() === 'toestemming' && !this.grantedBy())
      p['grantedByPersonId'] = 'consent.form.grantedByRequired';
    if (this.chosen().size === 0) p['dataCategories'] = 'consent.form.categoriesRequired';
    if (this.recipients().length === 0) p['recipients'] = 'consent.form.recipientsRequired';
    if (!this.grantedAt()) p['grantedAt'] = 'caseFile.issues.required';
    if (this.expiresAt() && this.expiresAt() < this.grantedAt())
      p['expiresAt'] = 'caseFile.issues.before-granted';
    return p;
  });

  protected problem(path: string): string | null {
    return (
      issueAt(this.#issues(), path) ?? (this.submitted() ? (this.problems()[path] ?? null) : null)
    );
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected toggle(category: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.chosen.update((set) => {
      const next = new Set(set);
      if (checked) next.add(category);
      else next.delete(category);
      return next;
    });
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.saved.set(false);
    this.errorKey.set(null);
    this.#issues.set([]);
    if (Object.keys(this.problems()).length > 0) {
      setTimeout(() =>
        document.querySelector<HTMLElement>('#consent-form [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const request: CreateConsentRequest = {
      basis: this.basis(),
      legalBasis:
        this.basis() === 'wettelijke-grondslag'
          ? (this.legalBasis() as CreateConsentRequest['legalBasis'])
          : null,
      personId: this.personId() || null,
      purpose: this.purpose(),
      dataCategories: DATA_CATEGORIES.filter((c) => this.chosen().has(c)),
      recipients: this.recipients(),
      grantedByPersonId: this.basis() === 'toestemming' ? this.grantedBy() : null,
      grantedAt: this.grantedAt(),
      expiresAt: this.expiresAt() || null,
      note: this.note(),
    };
    this.pending.set(true);
    const result = await this.#store.recordConsent(this.household().id, request);
    this.pending.set(false);
    if (!result.ok) {
      this.#issues.set(failureDetails(result.failure));
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.submitted.set(false);
    this.chosen.set(new Set());
    this.note.set('');
    this.expiresAt.set('');
    this.saved.set(true);
  }
}
