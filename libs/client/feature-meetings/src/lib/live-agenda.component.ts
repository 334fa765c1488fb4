import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AgendaItemView } from '@casustafel/contracts';

/** An agenda item as the live room shows it: its live status and whether it is current. */
export type LiveAgendaItem = AgendaItemView & { current: boolean };

/** The live room's agenda: each item's live status; show its work, start it or defer it. */
@Component({
  selector: 'cst-live-agenda',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  templateUrl: './live-agenda.component.html',
  styleUrl: './meetings.css',
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class LiveAgendaComponent {
  readonly items = input.required<readonly LiveAgendaItem[]>();
  /** The item whose work is shown. */
  readonly workItemId = input.required<string | null>();
  readonly isChair = input.required<boolean>();
  readonly busy = input.required<boolean>();
  /** An item's title as the room names it. */
  readonly titleOf = input.required<(item: LiveAgendaItem) => string>();
  readonly show = output<string>();
  readonly start = output<string>();
  readonly defer = output<string>();
}
