import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MeetingDetail } from '@casustafel/contracts';
import { failureMessageKey, MeetingsStore } from '@casustafel/client/data-access';
import { FIELD } from '@casustafel/client/ui';

const pad = (n: number) => String(n).padStart(2, '0');

/** A meeting's start as local `YYYY-MM-DD` and `HH:mm` for the date and time fields. */
export function localParts(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/**
 * Changing a meeting still being planned: move it (date, time, duration), choose its chair,
 * timekeeper and minute-taker, or call it off (after a confirmation; its guests lose access).
 */
@Component({
  selector: 'cst-meeting-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe, FIELD],
  template: `
    @if (meeting(); as m) {
      <details class="cst-panel cst-section" data-testid="meeting-settings">
        <summary class="cst-prep__summary">
          <span class="utrecht-heading-3 cst-prep__title">{{
            'meetings.settings.heading' | transloco
          }}</span>
        </summary>
        <form
          class="cst-form cst-form--wide"
          novalidate
          [formGroup]="form"
          (ngSubmit)="save()"
          [attr.aria-label]="'meetings.settings.heading' | transloco"
          data-testid="meeting-settings-form"
        >
          <div class="cst-form-grid">
            <cst-field fieldId="settings-date" [label]="'meetings.form.date' | transloco">
              <input
                cstControl
                class="utrecht-textbox utrecht-textbox--html-input"
                type="date"
                formControlName="date"
                data-testid="settings-date"
              />
            </cst-field>
            <cst-field fieldId="settings-time" [label]="'meetings.form.time' | transloco">
              <input
                cstControl
                class="utrecht-textbox utrecht-textbox--html-input"
                type="time"
                formControlName="time"
                data-testid="settings-time"
              />
            </cst-field>
            <cst-field fieldId="settings-duration" [label]="'meetings.form.duration' | transloco">
              <input
                cstControl
                class="utrecht-textbox utrecht-textbox--html-input"
                type="number"
                min="15"
                max="480"
                step="5"
                formControlName="durationMinutes"
                data-testid="settings-duration"
              />
            </cst-field>
          </div>
          <div class="cst-form-grid">
            @for (role of roles; track role.control) {
              <cst-field [fieldId]="'settings-' + role.control" [label]="role.label | transloco">
                <select
                  cstControl
                  class="utrecht-select utrecht-select--html-select"
                  [formControlName]="role.control"
                  [attr.data-testid]="'settings-' + role.control"
                >
                  @if (role.control !== 'chairId') {
                    <option value="">{{ 'meetings.settings.nobody' | transloco }}</option>
                  }
                  @for (member of store.members(); track member.userId) {
                    <option [value]="member.userId">{{ member.displayName }}</option>
                  }
                </select>
              </cst-field>
            }
          </div>
          <div class="cst-actions">
            <button
              type="submit"
              class="utrecht-button utrecht-button--primary-action"
              [disabled]="pending()"
              data-testid="settings-save"
            >
              {{ 'meetings.settings.save' | transloco }}
            </button>
          </div>
        </form>
        <div class="cst-actions">
          @if (!confirmCancel()) {
            <button
              type="button"
              class="utrecht-button utrecht-button--secondary-action cst-button--danger"
              (click)="askCancel()"
              data-testid="settings-cancel"
            >
              {{ 'meetings.settings.cancel' | transloco }}
            </button>
          } @else {
            <div
              class="cst-live__ask"
              role="group"
              aria-labelledby="settings-cancel-ask"
              data-testid="settings-cancel-confirm"
            >
              <p class="utrecht-paragraph" id="settings-cancel-ask" tabindex="-1">
                <strong>{{ 'meetings.settings.cancelAsk' | transloco }}</strong>
              </p>
              <div class="cst-actions">
                <button
                  type="button"
                  class="utrecht-button utrecht-button--primary-action cst-button--danger"
                  [disabled]="pending()"
                  (click)="cancelMeeting()"
                  data-testid="settings-cancel-yes"
                >
                  {{ 'meetings.settings.cancelYes' | transloco }}
                </button>
                <button
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action"
                  (click)="confirmCancel.set(false)"
                  data-testid="settings-cancel-no"
                >
                  {{ 'meetings.live.cancel' | transloco }}
                </button>
              </div>
            </div>
          }
        </div>
        <div role="status" class="cst-small">
          @if (savedKey(); as key) {
            <p class="utrecht-paragraph" data-testid="settings-saved">{{ key | transloco }}</p>
          }
        </div>
        <div role="alert">
          @if (errorKey(); as key) {
            <p class="utrecht-paragraph cst-field__error" data-testid="settings-error">
              {{ key | transloco }}
            </p>
          }
        </div>
      </details>
    }
  `,
  styleUrl: './meetings.css',
})
export class MeetingSettingsComponent {
  protected readonly store = inject(MeetingsStore);
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly savedKey = signal<string | null>(null);
  protected readonly confirmCancel = signal(false);
  /** Only a meeting that has not started can be changed or called off. */
  protected readonly meeting = computed(() => {
    const m = this.store.meeting();
    return m && m.status === 'gepland' ? m : null;
  });
  protected readonly roles = [
    { control: 'chairId', label: 'meetings.settings.chair' },
    { control: 'timekeeperId', label: 'meetings.settings.timekeeper' },
    { control: 'minuteTakerId', label: 'meetings.settings.minuteTaker' },
  ] as const;

  protected readonly form = new FormGroup({
    date: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    time: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    durationMinutes: new FormControl(90, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(15), Validators.max(480)],
    }),
    chairId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    timekeeperId: new FormControl('', { nonNullable: true }),
    minuteTakerId: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const m = this.meeting();
      untracked(() => {
        if (m) this.#fill(m);
      });
    });
  }

  #fill(m: MeetingDetail): void {
    const { date, time } = localParts(m.startsAt);
    this.form.setValue({
      date,
      time,
      durationMinutes: m.durationMinutes,
      chairId: m.chairId,
      timekeeperId: m.timekeeperId ?? '',
      minuteTakerId: m.minuteTakerId ?? '',
    });
  }

  protected async save(): Promise<void> {
    if (this.pending() || this.form.invalid) return;
    const v = this.form.getRawValue();
    this.pending.set(true);
    this.savedKey.set(null);
    const result = await this.store.update({
      startsAt: new Date(`${v.date}T${v.time}`).toISOString(),
      durationMinutes: v.durationMinutes,
      chairId: v.chairId,
      timekeeperId: v.timekeeperId || null,
      minuteTakerId: v.minuteTakerId || null,
    });
    this.pending.set(false);
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
    if (result.ok) this.savedKey.set('meetings.settings.saved');
  }

  protected askCancel(): void {
    this.confirmCancel.set(true);
    setTimeout(() => document.getElementById('settings-cancel-ask')?.focus(), 0);
  }

  protected async cancelMeeting(): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    const result = await this.store.cancel();
    this.pending.set(false);
    this.confirmCancel.set(false);
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
  }
}
