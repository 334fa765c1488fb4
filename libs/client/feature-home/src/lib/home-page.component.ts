import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { MyActionView, MyMeetingView, OwedPreparationView } from '@casustafel/contracts';
import {
  AuthStore,
  LanguageStore,
  MeetingRecordsApi,
  MeetingsApi,
  TeamsStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  CardComponent,
  DateTimePipe,
  PageHeadingComponent,
} from '@casustafel/client/ui';
import { dayInWords } from './my-actions-page.component';

/**
 * Start page: my meetings this week, my open actions, the preparations I still owe and my teams.
 * Database and socket details are on the status page.
 */
@Component({
  selector: 'cst-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    CardComponent,
    DateTimePipe,
    PageHeadingComponent,
  ],
  templateUrl: './home-page.component.html',
  styleUrl: './home-page.component.css',
})
export class HomePageComponent implements OnInit {
  protected readonly language = inject(LanguageStore);
  protected readonly auth = inject(AuthStore);
  protected readonly teams = inject(TeamsStore);
  readonly #meetings = inject(MeetingsApi);
  readonly #records = inject(MeetingRecordsApi);
  protected readonly meetings = signal<MyMeetingView[] | null>(null);
  protected readonly actions = signal<MyActionView[] | null>(null);
  protected readonly preparations = signal<OwedPreparationView[] | null>(null);
  /** Meetings, actions and preparations belong to team members (not to an admin without a team). */
  protected readonly hasTeams = computed(() => (this.auth.user()?.teams?.length ?? 0) > 0);
  protected readonly overdueCount = computed(
    () => (this.actions() ?? []).filter((a) => a.overdue).length,
  );

  ngOnInit(): void {
    if (!this.auth.isSignedIn()) return;
    void this.teams.loadTeams();
    if (this.hasTeams()) void this.#load();
  }

  async #load(): Promise<void> {
    // Each list on its own: a refusal (e.g. no client-data role) empties only that card.
    const [meetings, actions, preparations] = await Promise.all([
      firstValueFrom(this.#meetings.myMeetings()),
      firstValueFrom(this.#records.myActions()),
      firstValueFrom(this.#meetings.myPreparations()),
    ]);
    this.meetings.set(meetings.ok ? meetings.data : []);
    this.actions.set(actions.ok ? actions.data : []);
    this.preparations.set(preparations.ok ? preparations.data : []);
  }

  protected day(due: string): string {
    return dayInWords(due, this.language.lang());
  }
}
