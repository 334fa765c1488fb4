import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CaseDetail } from '@casustafel/contracts';
import { CaseStore, failureMessageKey, LanguageStore } from '@casustafel/client/data-access';
import { MessageRegionComponent, FIELD } from '@casustafel/client/ui';
import { DatePipe } from './date.pipe';

/** The case page's people: casusregisseur and procesregisseur, shown and changed. */
@Component({
  selector: 'cst-case-people',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, MessageRegionComponent, DatePipe, ...FIELD],
  styles: ':host { display: contents; }',
  templateUrl: './case-people.component.html',
})
export class CasePeopleComponent {
  readonly detail = input.required<CaseDetail>();
  protected readonly store = inject(CaseStore);
  protected readonly language = inject(LanguageStore);
  protected readonly editingPeople = signal(false);
  protected readonly regisseur = signal('');
  protected readonly procesregisseur = signal('');
  protected readonly peopleError = signal<string | null>(null);

  protected text(event: Event): string {
    return (event.target as HTMLSelectElement).value;
  }

  protected editPeople(): void {
    const c = this.detail();
    this.regisseur.set(c.casusregisseur.id);
    this.procesregisseur.set(c.procesregisseur?.id ?? '');
    this.editingPeople.set(true);
  }

  protected async savePeople(): Promise<void> {
    const result = await this.store.update(this.detail().id, {
      casusregisseurId: this.regisseur(),
      procesregisseurId: this.procesregisseur() || null,
    });
    this.peopleError.set(result.ok ? null : failureMessageKey(result.failure));
    if (result.ok) this.editingPeople.set(false);
  }
}
