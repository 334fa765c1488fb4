import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MeetingSummary } from '@casustafel/contracts';
import {
  AuthStore,
  failureMessageKey,
  LanguageStore,
  MeetingsStore,
  WEEKDAYS,
  type Weekday,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  DateTimePipe,
  PageHeadingComponent,
  StatusBadgeComponent,
  type StatusTone,
} from '@casustafel/client/ui';

type Panel = 'single' | 'series' | null;

/** Tomorrow as `YYYY-MM-DD` (local). */
function tomorrow(): string {
  const d = new Date(Date.now() + 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `/teams/:teamId/overleggen`: the team's meetings, "Overleg plannen" and "Reeks plannen". */
@Component({
  selector: 'cst-meeting-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
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
  readonly #auth = inject(AuthStore);
  readonly #router = inject(Router);
  protected readonly weekdays = WEEKDAYS;
  protected readonly panel = signal<Panel>(null);
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly createdCount = signal<number | null>(null);

  /** Members who may chair (team role `chair`), falling back to every member. */
  protected readonly chairs = computed(() => {
    const chairs = this.store.members().filter((m) => m.roles.includes('chair'));
    return chairs.length > 0 ? chairs : this.store.members();
  });

  protected readonly single = new FormGroup({
    date: new FormControl(tomorrow(), { nonNullable: true, validators: [Validators.required] }),
    time: new FormControl('09:30', { nonNullable: true, validators: [Validators.required] }),
    durationMinutes: new FormControl(90, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(15), Validators.max(480)],
    }),
    chairId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected readonly series = new FormGroup({
    weekday: new FormControl<Weekday>('TU', { nonNullable: true }),
    intervalWeeks: new FormControl(1, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(1), Validators.max(4)],
    }),
    time: new FormControl('09:30', { nonNullable: true, validators: [Validators.required] }),
    durationMinutes: new FormControl(90, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(15), Validators.max(480)],
    }),
    fromDate: new FormControl(tomorrow(), {
      nonNullable: true,
      validators: [Validators.required],
    }),
    count: new FormControl(10, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(1), Validators.max(52)],
    }),
    chairId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    effect(() => {
      const teamId = this.teamId();
      untracked(() => void this.store.openTeam(teamId));
    });
    // Preselect the signed-in user as chair when they may chair.
    effect(() => {
      const me = this.#auth.user()?.id;
      const chairs = this.chairs();
      const pick = chairs.find((c) => c.userId === me)?.userId ?? chairs[0]?.userId ?? '';
      untracked(() => {
        if (!this.single.controls.chairId.value) this.single.controls.chairId.setValue(pick);
        if (!this.series.controls.chairId.value) this.series.controls.chairId.setValue(pick);
      });
    });
  }

  protected toggle(panel: Exclude<Panel, null>): void {
    this.panel.set(this.panel() === panel ? null : panel);
    this.submitted.set(false);
    this.errorKey.set(null);
  }

  protected statusTone(status: MeetingSummary['status']): StatusTone {
    if (status === 'live') return 'success';
    return status === 'afgesloten' || status === 'geannuleerd' ? 'neutral' : 'warning';
  }

  protected invalid(form: 'single' | 'series', name: string): boolean {
    const group: FormGroup = form === 'single' ? this.single : this.series;
    return this.submitted() && !!group.get(name)?.invalid;
  }

  protected async createSingle(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorKey.set(null);
    if (this.single.invalid) return;
    const v = this.single.getRawValue();
    this.pending.set(true);
    const result = await this.store.createMeeting({
      startsAt: new Date(`${v.date}T${v.time}`).toISOString(),
      durationMinutes: v.durationMinutes,
      chairId: v.chairId,
    });
    this.pending.set(false);
    if (!result.ok) {
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    void this.#router.navigate(['/overleggen', result.data.id]);
  }

  protected async createSeries(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorKey.set(null);
    this.createdCount.set(null);
    if (this.series.invalid) return;
    const v = this.series.getRawValue();
    this.pending.set(true);
    const result = await this.store.createSeries(
      {
        weekday: v.weekday,
        intervalWeeks: v.intervalWeeks,
        time: v.time,
        durationMinutes: v.durationMinutes,
        fromDate: v.fromDate,
        count: v.count,
      },
      { chairId: v.chairId },
    );
    this.pending.set(false);
    if (!result.ok) {
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.createdCount.set(result.data.meetings.length);
    this.panel.set(null);
    this.submitted.set(false);
  }
}
