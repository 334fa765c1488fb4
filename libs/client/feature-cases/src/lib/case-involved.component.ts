import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CaseDetail, InvolvedProfessional } from '@casustafel/contracts';
import { CaseStore, failureMessageKey } from '@casustafel/client/data-access';
import { FIELD } from '@casustafel/client/ui';

/** The case page's professionals involved: the list, removing one and adding one. */
@Component({
  selector: 'cst-case-involved',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, ...FIELD],
  styles: ':host { display: contents; }',
  templateUrl: './case-involved.component.html',
})
export class CaseInvolvedComponent {
  readonly detail = input.required<CaseDetail>();
  protected readonly store = inject(CaseStore);
  protected readonly orgName = signal('');
  protected readonly discipline = signal('');
  protected readonly contactName = signal('');
  protected readonly involvedError = signal<string | null>(null);

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async addInvolved(): Promise<void> {
    if (this.orgName().trim().length < 2 || this.discipline().trim().length < 2) {
      this.involvedError.set('caseDetail.involvedRequired');
      return;
    }
    const involved: InvolvedProfessional[] = [
      ...this.detail().involved,
      {
        organisation: this.orgName().trim(),
        discipline: this.discipline().trim(),
        contactName: this.contactName().trim() || null,
      },
    ];
    const result = await this.store.update(this.detail().id, { involved });
    this.involvedError.set(result.ok ? null : failureMessageKey(result.failure));
    if (result.ok) {
      this.orgName.set('');
      this.discipline.set('');
      this.contactName.set('');
    }
  }

  protected async removeInvolved(index: number): Promise<void> {
    const result = await this.store.update(this.detail().id, {
      involved: this.detail().involved.filter((_, i) => i !== index),
    });
    this.involvedError.set(result.ok ? null : failureMessageKey(result.failure));
  }
}
