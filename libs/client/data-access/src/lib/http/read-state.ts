import { computed, signal, type WritableSignal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import {
  type ApiFailure,
  type ApiResult,
  failureCode,
  failureMessageKey,
} from '../errors/api-failure';

/**
 * A store's reads: whether one is under way and why the last one failed. `read` marks the read,
 * clears the failure and keeps the new one; `into` also puts the data into a signal.
 */
export class ReadState {
  readonly #loading = signal(false);
  readonly #failure = signal<ApiFailure | null>(null);

  readonly loading = this.#loading.asReadonly();
  /** Why the last read failed; null during a read and after a success. */
  readonly failure = this.#failure.asReadonly();
  readonly failureKey = computed(() => {
    const failure = this.#failure();
    return failure ? failureMessageKey(failure) : null;
  });
  /** The api refused (need-to-know): show the "Geen toegang" page. */
  readonly forbidden = computed(() => failureCode(this.#failure()) === 'FORBIDDEN');

  async read<T>(source: Observable<ApiResult<T>>): Promise<ApiResult<T>> {
    this.#loading.set(true);
    this.#failure.set(null);
    const result = await firstValueFrom(source);
    this.#loading.set(false);
    if (!result.ok) this.#failure.set(result.failure);
    return result;
  }

  async into<T>(target: WritableSignal<T>, source: Observable<ApiResult<T>>): Promise<void> {
    const result = await this.read(source);
    if (result.ok) target.set(result.data);
  }
}
