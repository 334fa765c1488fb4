import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MeetingSummary } from '@casustafel/contracts';
import { LanguageStore, MeetingsStore } from '@casustafel/client/data-access';
import {
  AlertComponent,
  DateTimePipe,
  PageHeadingComponent,
  PluralKeyPipe,
  StatusBadgeComponent,
  type StatusTone,
} from '@casustafel/client/ui';
import { MeetingPlanFormComponent, type PlanPanel } from './meeting-plan-form.component';

/** `/teams/:teamId/overleggen`: the team's meetings, "Overleg plannen" and "Reeks plannen". */
@Component({
  selector: 'cst-meeting-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MeetingPlanFormComponent,
    PluralKeyPipe,
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
    StatusBadgeComponent,
  ],
  templateUrl: './meeting-list-page.component.html',
})
export class MeetingListPageComponent {
  readonly teamId = input.required<string>();
  protected readonly store = inject(MeetingsStore);
  protected readonly language = inject(LanguageStore);
  protected readonly panel = signal<PlanPanel>(null);
  protected readonly createdCount = signal<number | null>(null);

  constructor() {
    effect(() => {
      const teamId = this.teamId();
      untracked(() => void this.store.openTeam(teamId));
    });
  }

  protected toggle(panel: Exclude<PlanPanel, null>): void {
    this.panel.set(this.panel() === panel ? null : panel);
  }

  /** A series was planned (the form closes) or a new one is being planned (null). */
  protected seriesCreated(count: number | null): void {
    this.createdCount.set(count);
    if (count !== null) this.panel.set(null);
  }

  protected statusTone(status: MeetingSummary['status']): StatusTone {
    if (status === 'live') return 'success';
    return status === 'afgesloten' || status === 'geannuleerd' ? 'neutral' : 'warning';
  }
}
