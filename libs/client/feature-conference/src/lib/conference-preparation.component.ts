import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ConferenceView } from '@casustafel/contracts';
import { AlertComponent, CopyButtonComponent, FIELD } from '@casustafel/client/ui';
import { CircleNoticeComponent } from './circle-notice.component';
import { CircleTableComponent } from './circle-table.component';
import { ConferenceActions } from './conference-actions';

/**
 * The preparation of a conference: the circle (invitations with link + code shown once, adding
 * members), the bottom lines of the professional, and the start by the coordinator.
 */
@Component({
  selector: 'cst-conference-preparation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    AlertComponent,
    CopyButtonComponent,
    FIELD,
    CircleNoticeComponent,
    CircleTableComponent,
  ],
  styles: ':host { display: contents; }',
  styleUrl: './conference.css',
  templateUrl: './conference-preparation.component.html',
})
export class ConferencePreparationComponent {
  readonly conference = input.required<ConferenceView>();
  readonly #actions = inject(ConferenceActions);
  protected readonly store = this.#actions.store;
  protected readonly pending = this.#actions.pending;
  protected readonly invitation = this.#actions.invitation;
  protected readonly memberName = signal('');
  protected readonly memberRole = signal<'familie' | 'netwerk'>('familie');
  protected readonly memberRelation = signal('');
  protected readonly bottomLine = signal('');
  protected readonly coordinator = computed(
    () => this.conference().staff.find((s) => s.role === 'coordinator')?.displayName ?? '',
  );

  protected async invite(participantId: string): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    const result = await this.store.invite(participantId);
    this.pending.set(false);
    if (!result.ok) {
      this.#actions.failure.set(result.failure);
      return;
    }
    this.#actions.failure.set(null);
    this.#actions.circleNotice.set(null);
    this.invitation.set(result.data);
    await this.store.refresh();
  }

  protected revoke = this.#actions.revoke.bind(this.#actions);
  protected remove = this.#actions.remove.bind(this.#actions);

  protected async addMember(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.memberName().trim();
    if (!name) return;
    const ok = await this.#actions.run(() =>
      this.store.addCircleMember({
        name,
        role: this.memberRole(),
        relation: this.memberRelation().trim(),
      }),
    );
    if (ok) {
      this.memberName.set('');
      this.memberRelation.set('');
    }
  }

  protected async addBottomLine(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.bottomLine().trim();
    if (!text) return;
    if (await this.#actions.run(() => this.store.addBottomLine(text))) this.bottomLine.set('');
  }

  protected start(): Promise<boolean> {
    this.invitation.set(null);
    return this.#actions.run(() => this.store.start());
  }
}
