import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { MinutesView } from '@casustafel/contracts';
import { type ApiFailure, type ApiResult, failureMessageKey } from '../errors/api-failure';
import { MeetingRecordsApi, minutesPdfUrl } from './meeting-records.api';

/** The minutes (verslag) of one meeting: read, generate, approve (which locks them). */
@Injectable({ providedIn: 'root' })
export class MinutesStore {
  readonly #api = inject(MeetingRecordsApi);
  readonly #meetingId = signal<string | null>(null);
  readonly #minutes = signal<MinutesView | null>(null);
  readonly #loading = signal(false);
  /** True when the meeting has no minutes yet (404 on read). */
  readonly #missing = signal(false);
  readonly #failure = signal<ApiFailure | null>(null);

  readonly minutes = this.#minutes.asReadonly();
  readonly loading = this.#loading.asReadonly();
  readonly missing = this.#missing.asReadonly();
  readonly approved = computed(() => this.#minutes()?.status === 'approved');
  readonly failureKey = computed(() => {
    const failure = this.#failure();
    return failure ? failureMessageKey(failure) : null;
  });
  readonly pdfUrl = computed(() => {
    const id = this.#meetingId();
    return id ? minutesPdfUrl(id) : null;
  });

  async open(meetingId: string): Promise<void> {
    if (this.#meetingId() !== meetingId) this.#minutes.set(null);
    this.#meetingId.set(meetingId);
    this.#loading.set(true);
    this.#failure.set(null);
    const result = await firstValueFrom(this.#api.minutes(meetingId));
    this.#loading.set(false);
    if (result.ok) {
      this.#minutes.set(result.data);
      this.#missing.set(false);
    } else if (result.failure.kind === 'error' && result.failure.status === 404) {
      this.#missing.set(true);
    } else this.#failure.set(result.failure);
  }

  generate(): Promise<ApiResult<MinutesView>> {
    return this.#run((id) => this.#api.generateMinutes(id));
  }

  /** The chair's or minute taker's wording of an item's notes in the draft. */
  saveNotes(itemId: string, notes: string): Promise<ApiResult<MinutesView>> {
    return this.#run((id) => this.#api.updateMinutes(id, { items: [{ itemId, notes }] }));
  }

  approve(): Promise<ApiResult<MinutesView>> {
    return this.#run((id) => this.#api.approveMinutes(id));
  }

  async #run(
    call: (meetingId: string) => ReturnType<MeetingRecordsApi['minutes']>,
  ): Promise<ApiResult<MinutesView>> {
    const meetingId = this.#meetingId();
    if (!meetingId) return { ok: false, failure: { kind: 'invalid_response', status: 0 } };
    this.#loading.set(true);
    const result = await firstValueFrom(call(meetingId));
    this.#loading.set(false);
    if (result.ok) {
      this.#minutes.set(result.data);
      this.#missing.set(false);
      this.#failure.set(null);
    } else this.#failure.set(result.failure);
    return result;
  }
}
