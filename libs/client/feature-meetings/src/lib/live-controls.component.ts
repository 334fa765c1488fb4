import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { DISCUSSION_PHASES } from '@casustafel/domain';
import { type LiveCommandBody, LiveRoomStore } from '@casustafel/client/data-access';
import type { LiveAgendaItem } from './live-agenda.component';

/**
 * The live room's buttons under the clock: the hand for everyone, the chair's next item or
 * close, the timekeeper's pause and continue (the dock, fixed at the bottom on a phone), and
 * the controls of the current item (extend, phases, finish, defer).
 */
@Component({
  selector: 'cst-live-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  templateUrl: './live-controls.component.html',
  styleUrl: './meetings.css',
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class LiveControlsComponent {
  protected readonly live = inject(LiveRoomStore);
  protected readonly phases = DISCUSSION_PHASES;
  readonly current = input.required<LiveAgendaItem | null>();
  readonly busy = input.required<boolean>();
  readonly isChair = input.required<boolean>();
  readonly runsTimer = input.required<boolean>();
  readonly isClosed = input.required<boolean>();
  readonly finished = input.required<boolean>();
  readonly handRaised = input.required<boolean>();
  /** The translation key of the chair's main button. */
  readonly nextLabel = input.required<string>();
  readonly phaseIndex = input.required<number>();
  /** A command about the current item or the hand. */
  readonly send = output<LiveCommandBody>();
  readonly next = output();
  readonly askClose = output();
  readonly defer = output<string>();

  protected hand(): void {
    this.send.emit(this.handRaised() ? { type: 'hand:lower' } : { type: 'hand:raise' });
  }

  /** A command on the current item (timer, phase, finish). */
  protected onItem(
    type: 'timer:start' | 'timer:pause' | 'phase:advance' | 'phase:back' | 'item:finish',
  ): void {
    const current = this.current();
    if (current) this.send.emit({ type, itemId: current.id });
  }

  protected extend(minutes: number): void {
    const current = this.current();
    if (current) this.send.emit({ type: 'timer:extend', itemId: current.id, minutes });
  }
}
