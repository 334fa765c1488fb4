import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { createHouseholdSchema, HOUSEHOLD_ROLES, type PersonInput } from '@casustafel/contracts';
import { normaliseBsn } from '@casustafel/domain';
import { CaseListStore, failureDetails, failureMessageKey } from '@casustafel/client/data-access';
import { AlertComponent, FIELD, fieldIssues, PageHeadingComponent } from '@casustafel/client/ui';
import { BsnFieldComponent } from './bsn-field.component';
import { bsnFeedback, issueAt, today } from './case-file.rules';

type Role = (typeof HOUSEHOLD_ROLES)[number];

export interface MemberRow {
  key: number;
  givenName: string;
  familyName: string;
  role: Role;
  dateOfBirth: string;
  phone: string;
  email: string;
  bsn: string;
}

const NAME = /^[\p{L}\p{M}' .-]+$/u;
const POSTCODE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/;
const PHONE = /^[+0-9 ()-]{6,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

let nextRow = 0;
function emptyRow(role: Role = 'ouder'): MemberRow {
  return {
    key: nextRow++,
    givenName: '',
    familyName: '',
    role,
    dateOfBirth: '',
    phone: '',
    email: '',
    bsn: '',
  };
}

/** Which member fields are wrong (translation keys), for one row. */
export function memberProblems(
  row: MemberRow,
  on = today(),
): Partial<Record<keyof MemberRow, string>> {
  const p: Partial<Record<keyof MemberRow, string>> = {};
  if (!NAME.test(row.givenName.trim())) p.givenName = 'household.person.nameInvalid';
  if (!NAME.test(row.familyName.trim())) p.familyName = 'household.person.nameInvalid';
  if (row.dateOfBirth && (row.dateOfBirth < '1900-01-01' || row.dateOfBirth > on))
    p.dateOfBirth = 'caseFile.issues.out-of-range';
  if (row.phone.trim() && !PHONE.test(row.phone.trim())) p.phone = 'household.person.phoneInvalid';
  if (row.email.trim() && !EMAIL.test(row.email.trim())) p.email = 'household.person.emailInvalid';
  if (row.bsn.trim() && bsnFeedback(row.bsn) !== 'valid') p.bsn = 'household.person.bsnInvalid';
  return p;
}

export function toPersonInput(row: MemberRow): PersonInput {
  return {
    givenName: row.givenName.trim(),
    familyName: row.familyName.trim(),
    role: row.role,
    dateOfBirth: row.dateOfBirth || null,
    phone: row.phone.trim() || null,
    email: row.email.trim() || null,
    bsn: row.bsn.trim() ? normaliseBsn(row.bsn) : null,
  };
}

/** `/teams/:teamId/huishoudens/nieuw`: a household with its address and members. */
@Component({
  selector: 'cst-household-new-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    PageHeadingComponent,
    BsnFieldComponent,
    ...FIELD,
  ],
  templateUrl: './household-new-page.component.html',
})
export class HouseholdNewPageComponent {
  readonly teamId = input.required<string>();
  readonly #store = inject(CaseListStore);
  readonly #router = inject(Router);
  protected readonly roles = HOUSEHOLD_ROLES;
  protected readonly nameFields = ['givenName', 'familyName'] as const;
  protected readonly label = signal('');
  protected readonly street = signal('');
  protected readonly postcode = signal('');
  protected readonly city = signal('');
  /** The address fields, in the order of a Dutch address. */
  protected readonly addressParts = [
    { key: 'street', max: 120, value: this.street },
    { key: 'postcode', max: 7, value: this.postcode },
    { key: 'city', max: 80, value: this.city },
  ] as const;
  protected readonly rows = signal<MemberRow[]>([emptyRow()]);
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly rowIssues = signal<Record<number, { path: string; issue: string }[]>>({});
  protected readonly labelIssue = signal<string | null>(null);
  /** Set when the household was created but some members were refused. */
  protected readonly createdId = signal<string | null>(null);

  protected text(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected setRow(index: number, field: keyof MemberRow, value: string): void {
    this.rows.update((rows) => rows.map((r, i) => (i === index ? { ...r, [field]: value } : r)));
  }

  protected addRow(): void {
    this.rows.update((rows) => [...rows, emptyRow('kind')]);
    const index = this.rows().length - 1;
    setTimeout(() => document.getElementById(`member-${index}-givenName`)?.focus());
  }

  protected removeRow(index: number): void {
    this.rows.update((rows) => rows.filter((_, i) => i !== index));
    setTimeout(() => document.getElementById('member-add')?.focus());
  }

  protected labelInvalid(): string | null {
    if (this.labelIssue()) return this.labelIssue();
    if (!this.submitted()) return null;
    // The contract's check (trimmed, 2 to 80 characters), in the api's words for one field.
    const issues = fieldIssues(createHouseholdSchema.safeParse({ label: this.label() }));
    return issueAt(issues, 'label') ? 'household.new.labelInvalid' : null;
  }

  protected addressInvalid(): string | null {
    if (!this.submitted()) return null;
    const parts = [this.street(), this.postcode(), this.city()].map((p) => p.trim());
    if (parts.every((p) => p === '')) return null;
    if (parts.some((p) => p === '')) return 'household.new.addressIncomplete';
    return POSTCODE.test(parts[1]) ? null : 'household.new.postcodeInvalid';
  }

  protected problem(index: number, field: keyof MemberRow): string | null {
    const server = issueAt(this.rowIssues()[index] ?? [], field);
    if (server) return server;
    if (!this.submitted()) return null;
    return memberProblems(this.rows()[index])[field] ?? null;
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorKey.set(null);
    this.rowIssues.set({});
    this.labelIssue.set(null);
    const rowsWithProblems = this.rows().findIndex(
      (r) => Object.keys(memberProblems(r)).length > 0,
    );
    if (this.labelInvalid() || this.addressInvalid() || rowsWithProblems >= 0) {
      this.errorKey.set('household.new.fixErrors');
      // The first field to fix: the label, the address (its error belongs to the group), a member.
      const first = this.labelInvalid()
        ? 'household-label'
        : this.addressInvalid()
          ? 'household-street'
          : null;
      setTimeout(() =>
        (first
          ? document.getElementById(first)
          : document.querySelector<HTMLElement>('[aria-invalid="true"]')
        )?.focus(),
      );
      return;
    }
    const address = this.street().trim()
      ? { street: this.street().trim(), postcode: this.postcode().trim(), city: this.city().trim() }
      : null;
    this.pending.set(true);
    const { result, memberFailures } = await this.#store.createHousehold(
      this.teamId(),
      { label: this.label().trim(), address },
      this.rows().map(toPersonInput),
    );
    this.pending.set(false);
    if (!result.ok) {
      this.labelIssue.set(issueAt(failureDetails(result.failure), 'label'));
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    if (memberFailures.length > 0) {
      // The household exists: keep only the refused rows here, with their issues.
      this.rowIssues.set(
        Object.fromEntries(memberFailures.map((f, i) => [i, failureDetails(f.failure)])),
      );
      this.rows.update((rows) => memberFailures.map((f) => rows[f.index]));
      this.errorKey.set('household.new.someMembersFailed');
      this.createdId.set(result.data.id);
      return;
    }
    void this.#router.navigate(['/huishoudens', result.data.id]);
  }
}
