import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { HOUSEHOLD_ROLES, type HouseholdDetail } from '@casustafel/contracts';
import {
  failureDetails,
  failureMessageKey,
  HouseholdStore,
  LanguageStore,
} from '@casustafel/client/data-access';
import { MessageRegionComponent, FIELD } from '@casustafel/client/ui';
import { BsnFieldComponent } from './bsn-field.component';
import { issueAt } from './case-file.rules';
import { DatePipe } from './date.pipe';
import { memberProblems, type MemberRow, toPersonInput } from './household-new-page.component';

function emptyMember(): MemberRow {
  return {
    key: 0,
    givenName: '',
    familyName: '',
    role: 'kind',
    dateOfBirth: '',
    phone: '',
    email: '',
    bsn: '',
  };
}

/** The household page's members: the table and the form to add one. */
@Component({
  selector: 'cst-household-members',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, MessageRegionComponent, BsnFieldComponent, DatePipe, ...FIELD],
  styles: ':host { display: contents; }',
  templateUrl: './household-members.component.html',
})
export class HouseholdMembersComponent {
  readonly household = input.required<HouseholdDetail>();
  protected readonly store = inject(HouseholdStore);
  protected readonly language = inject(LanguageStore);
  protected readonly roles = HOUSEHOLD_ROLES;
  protected readonly nameFields = ['givenName', 'familyName'] as const;

  protected readonly member = signal<MemberRow>(emptyMember());
  protected readonly memberSubmitted = signal(false);
  protected readonly memberIssues = signal<{ path: string; issue: string }[]>([]);
  protected readonly memberError = signal<string | null>(null);

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected setMember(field: keyof MemberRow, value: string): void {
    this.member.update((m) => ({ ...m, [field]: value }));
  }

  protected memberProblem(field: keyof MemberRow): string | null {
    return (
      issueAt(this.memberIssues(), field) ??
      (this.memberSubmitted() ? (memberProblems(this.member())[field] ?? null) : null)
    );
  }

  protected async addMember(): Promise<void> {
    this.memberSubmitted.set(true);
    this.memberIssues.set([]);
    this.memberError.set(null);
    if (Object.keys(memberProblems(this.member())).length > 0) return;
    const result = await this.store.addPerson(this.household().id, toPersonInput(this.member()));
    if (!result.ok) {
      this.memberIssues.set(failureDetails(result.failure));
      this.memberError.set(failureMessageKey(result.failure));
      return;
    }
    this.member.set(emptyMember());
    this.memberSubmitted.set(false);
  }
}
