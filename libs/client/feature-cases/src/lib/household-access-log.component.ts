import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AccessLogLanguage } from '@casustafel/contracts';
import { failureMessageKey, HouseholdStore, LanguageStore } from '@casustafel/client/data-access';
import { AlertComponent, DateTimePipe } from '@casustafel/client/ui';
import { today } from './case-file.rules';

/** The household page's AVG art. 15 access log: shown on the page or downloaded as CSV. */
@Component({
  selector: 'cst-household-access-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, DateTimePipe],
  styles: ':host { display: contents; }',
  templateUrl: './household-access-log.component.html',
})
export class HouseholdAccessLogComponent {
  readonly householdId = input.required<string>();
  protected readonly store = inject(HouseholdStore);
  protected readonly language = inject(LanguageStore);
  protected readonly logError = signal<string | null>(null);
  protected readonly logLoading = signal(false);

  /** The access log comes in plain words of the UI language (Dutch unless English). */
  private logLanguage(): AccessLogLanguage {
    return this.language.lang() === 'en' ? 'en' : 'nl';
  }

  protected async showLog(): Promise<void> {
    this.logLoading.set(true);
    const result = await this.store.loadAccessLog(this.householdId(), this.logLanguage());
    this.logLoading.set(false);
    this.logError.set(result.ok ? null : failureMessageKey(result.failure));
  }

  protected async downloadCsv(): Promise<void> {
    const result = await this.store.accessLogCsv(this.householdId(), this.logLanguage());
    if (!result.ok) {
      this.logError.set(failureMessageKey(result.failure));
      return;
    }
    const url = URL.createObjectURL(result.data);
    const link = document.createElement('a');
    link.href = url;
    link.download = `inzageverzoek-${today()}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
