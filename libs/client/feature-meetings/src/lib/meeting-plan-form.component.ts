import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { NgTemplateOutlet } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  AuthStore,
  failureMessageKey,
  MeetingsStore,
  WEEKDAYS,
  type Weekday,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PluralKeyPipe } from '@casustafel/client/ui';

/** Which plan form is open. */
export type PlanPanel = 'single' | 'series' | null;

/** Tomorrow as `YYYY-MM-DD` (local). */
function tomorrow(): string {
  const d = new Date(Date.now() + 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A meeting's length: a quarter of an hour to a working day. */
const duration = () =>
  new FormControl(90, {
    nonNullable: true,
    validators: [Validators.required, Validators.min(15), Validators.max(480)],
  });

/**
 * "Overleg plannen" and "Reeks plannen": one meeting (then its agenda opens) or a weekly
 * series (then the list shows how many were planned).
 */
@Component({
  selector: 'cst-meeting-plan-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    TranslocoPipe,
    AlertComponent,
    FIELD,
    PluralKeyPipe,
  ],
  templateUrl: './meeting-plan-form.component.html',
})
export class MeetingPlanFormComponent {
  readonly panel = input.required<PlanPanel>();
  /** A series was planned: how many meetings (null: a new series is being planned). */
  readonly seriesCreated = output<number | null>();
  protected readonly store = inject(MeetingsStore);
  readonly #auth = inject(AuthStore);
  readonly #router = inject(Router);
  protected readonly weekdays = WEEKDAYS;
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly errorKey = signal<string | null>(null);

  /** Members who may chair (team role `chair`), falling back to every member. */
  protected readonly chairs = computed(() => {
    const chairs = this.store.members().filter((m) => m.roles.includes('chair'));
    return chairs.length > 0 ? chairs : this.store.members();
  });

  protected readonly single = new FormGroup({
    date: new FormControl(tomorrow(), { nonNullable: true, validators: [Validators.required] }),
    time: new FormControl('09:30', { nonNullable: true, validators: [Validators.required] }),
    durationMinutes: duration(),
    chairId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected readonly series = new FormGroup({
    weekday: new FormControl<Weekday>('TU', { nonNullable: true }),
    intervalWeeks: new FormControl(1, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(1), Validators.max(4)],
    }),
    time: new FormControl('09:30', { nonNullable: true, validators: [Validators.required] }),
    durationMinutes: duration(),
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
    // Opening or closing a form starts it afresh.
    effect(() => {
      this.panel();
      untracked(() => {
        this.submitted.set(false);
        this.errorKey.set(null);
      });
    });
  }

  /** The error key of a field once the form was submitted, else null. */
  protected errorOf(form: 'single' | 'series', name: string, key: string): string | null {
    const group: FormGroup = form === 'single' ? this.single : this.series;
    return this.submitted() && !!group.get(name)?.invalid ? key : null;
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
    this.seriesCreated.emit(null);
    if (this.series.invalid) return;
    const { chairId, ...form } = this.series.getRawValue();
    this.pending.set(true);
    const result = await this.store.createSeries(form, { chairId });
    this.pending.set(false);
    if (!result.ok) {
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.submitted.set(false);
    this.seriesCreated.emit(result.data.meetings.length);
  }
}
