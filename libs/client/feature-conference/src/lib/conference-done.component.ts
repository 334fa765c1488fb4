import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ConferenceView } from '@casustafel/contracts';
import { FIELD } from '@casustafel/client/ui';
import { ConferenceActions } from './conference-actions';
import { localDate } from './conference-format';

/** A conference that is done: who accepted, the dates, the way to the support plan, the follow-up. */
@Component({
  selector: 'cst-conference-done',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, FIELD],
  styles: ':host { display: contents; }',
  styleUrl: './conference.css',
  templateUrl: './conference-done.component.html',
})
export class ConferenceDoneComponent {
  readonly conference = input.required<ConferenceView>();
  readonly #actions = inject(ConferenceActions);
  /** The follow-up's note (coordinator or professional, after acceptance). */
  protected readonly followUpNote = signal('');

  /** A date of the conference (follow-up, evaluation) in words. */
  protected day(value: string | null): string {
    return localDate(value);
  }

  protected async recordFollowUp(event: Event): Promise<void> {
    event.preventDefault();
    if (
      await this.#actions.run(() => this.#actions.store.recordFollowUp(this.followUpNote().trim()))
    )
      this.followUpNote.set('');
  }
}
