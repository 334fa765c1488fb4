import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ConferenceRoomStore, FamilyConferenceStore } from '@casustafel/client/data-access';
import { PageHeadingComponent, StatusBadgeComponent } from '@casustafel/client/ui';
import { CircleNoticeComponent } from './circle-notice.component';
import { CircleTableComponent } from './circle-table.component';
import { ConferenceActions } from './conference-actions';
import { ConferenceChecksComponent } from './conference-checks.component';
import { ConferenceDoneComponent } from './conference-done.component';
import { ConferenceLiveComponent } from './conference-live.component';
import { ConferencePreparationComponent } from './conference-preparation.component';
import { FamilyPlanComponent } from './family-plan.component';
import { ConferenceRefusalComponent } from './refusal.component';
import { localDateTime } from './conference-format';

/**
 * `/beraden/:conferenceId`: a familienetwerkberaad for the team — its preparation (circle,
 * invitations with link + code shown once, bottom lines, start), the live phases, the plan
 * recorded by the coordinator with the bottom lines checked one by one, the professional's
 * acceptance, and afterwards the way to the support plan where the plan landed.
 */
@Component({
  selector: 'cst-conference-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [FamilyConferenceStore, ConferenceRoomStore, ConferenceActions],
  imports: [
    RouterLink,
    TranslocoPipe,
    PageHeadingComponent,
    StatusBadgeComponent,
    CircleNoticeComponent,
    CircleTableComponent,
    ConferenceChecksComponent,
    ConferenceDoneComponent,
    ConferenceLiveComponent,
    ConferencePreparationComponent,
    FamilyPlanComponent,
    ConferenceRefusalComponent,
  ],
  styleUrl: './conference.css',
  templateUrl: './conference-page.component.html',
})
export class ConferencePageComponent {
  readonly conferenceId = input.required<string>();
  protected readonly store = inject(FamilyConferenceStore);
  readonly #actions = inject(ConferenceActions);
  protected readonly failure = this.#actions.failure;
  protected readonly pending = this.#actions.pending;
  protected readonly coordinator = computed(
    () => this.store.view()?.staff.find((s) => s.role === 'coordinator')?.displayName ?? '',
  );
  protected readonly professionals = computed(() =>
    (this.store.view()?.staff ?? [])
      .filter((s) => s.role === 'professional')
      .map((s) => s.displayName)
      .join(', '),
  );
  protected readonly startsAt = computed(() => localDateTime(this.store.view()?.startsAt ?? null));

  constructor() {
    effect(() => {
      const id = this.conferenceId();
      untracked(() => void this.store.load(id));
    });
  }

  /** Withdraws a member's invitation while the conference runs (the table asked first). */
  protected revoke = this.#actions.revoke.bind(this.#actions);
}
