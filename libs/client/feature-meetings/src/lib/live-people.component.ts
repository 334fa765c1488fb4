import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { LiveRoomStore, MeetingsStore } from '@casustafel/client/data-access';

/**
 * The live room's people: who is in the room and who takes part remotely, the speaking queue
 * and (for the chair) the next speaker and closing the meeting.
 */
@Component({
  selector: 'cst-live-people',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  templateUrl: './live-people.component.html',
  styleUrl: './meetings.css',
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class LivePeopleComponent {
  protected readonly live = inject(LiveRoomStore);
  readonly #meetings = inject(MeetingsStore);
  readonly #transloco = inject(TranslocoService);
  readonly me = input.required<string | null>();
  readonly isChair = input.required<boolean>();
  readonly isClosed = input.required<boolean>();
  readonly busy = input.required<boolean>();
  /** The chair lowers someone's hand. */
  readonly lower = output<string>();
  readonly nextSpeaker = output();
  readonly askClose = output();

  /** The two groups of presence, in the room first. */
  protected readonly groups = computed(() => [
    { mode: 'in-de-ruimte', testId: 'live-presence-room', people: this.live.inRoom() },
    { mode: 'op-afstand', testId: 'live-presence-remote', people: this.live.remote() },
  ]);

  protected name(userId: string | null): string {
    if (!userId) return '';
    return (
      this.live.presence().find((p) => p.userId === userId)?.displayName ||
      this.#meetings.memberName(userId) ||
      this.#transloco.translate('meetings.live.someone')
    );
  }
}
