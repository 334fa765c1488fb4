import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ConferenceView } from '@casustafel/contracts';
import { FIELD } from '@casustafel/client/ui';
import { ConferenceActions } from './conference-actions';

/**
 * While the plan is presented: the bottom lines checked one by one by the coordinator (with a
 * note), and the professional's acceptance.
 */
@Component({
  selector: 'cst-conference-checks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, FIELD],
  styles: ':host { display: contents; }',
  styleUrl: './conference.css',
  templateUrl: './conference-checks.component.html',
})
export class ConferenceChecksComponent {
  readonly conference = input.required<ConferenceView>();
  readonly #actions = inject(ConferenceActions);
  protected readonly store = this.#actions.store;
  protected readonly pending = this.#actions.pending;
  protected readonly notes = signal<Record<string, string>>({});

  protected check(lineId: string, met: boolean): Promise<boolean> {
    return this.#actions.run(() =>
      this.store.checkBottomLine(lineId, { met, note: this.notes()[lineId] ?? '' }),
    );
  }

  protected setNote(lineId: string, value: string): void {
    this.notes.update((n) => ({ ...n, [lineId]: value }));
  }

  protected accept(): Promise<boolean> {
    return this.#actions.run(() => this.store.accept());
  }
}
