import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { IntervisionAttendance } from '@casustafel/contracts';
import type { ApiFailure } from '../errors/api-failure';
import { IntervisionSessionApi } from './intervision-session.api';

/** A period of days, both included (`yyyy-mm-dd`). */
export interface AttendancePeriod {
  from: string;
  to: string;
}

/** The calendar year so far of `today` (`yyyy-mm-dd`): the usual accreditation period. */
export function yearToDate(today: string): AttendancePeriod {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/**
 * One's own intervision attendance over a period (issue 14 §4), for accreditation: the records
 * and, on the page, the same period as a PDF. Provided per page.
 */
@Injectable()
export class IntervisionAttendanceStore {
  readonly #api = inject(IntervisionSessionApi);
  readonly #rows = signal<IntervisionAttendance[] | null>(null);
  readonly #failure = signal<ApiFailure | null>(null);
  readonly #period = signal<AttendancePeriod | null>(null);

  readonly rows = this.#rows.asReadonly();
  readonly failure = this.#failure.asReadonly();
  /** The period the rows are of. */
  readonly period = this.#period.asReadonly();
  /** Minutes in all over the period. */
  readonly totalMinutes = computed(() =>
    (this.#rows() ?? []).reduce((sum, row) => sum + row.minutes, 0),
  );

  async load(period: AttendancePeriod): Promise<void> {
    this.#rows.set(null);
    this.#failure.set(null);
    const result = await firstValueFrom(this.#api.ownAttendance(period.from, period.to));
    if (result.ok) {
      this.#rows.set(result.data);
      this.#period.set(period);
    } else this.#failure.set(result.failure);
  }
}
