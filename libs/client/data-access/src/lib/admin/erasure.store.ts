import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import type { AssessErasureRequest, ErasureRequestView } from '@casustafel/contracts';
import { type ApiFailure, type ApiResult, failureMessageKey } from '../errors/api-failure';
import { ErasureApi } from './erasure.api';

/**
 * The organisation's AVG art. 17 erasure requests. Intents answer with the api's result (a
 * form shows its own error) and replace the request in the list.
 */
@Injectable({ providedIn: 'root' })
export class ErasureStore {
  readonly #api = inject(ErasureApi);
  readonly #requests = signal<ErasureRequestView[]>([]);
  readonly #loading = signal(false);
  readonly #loaded = signal(false);
  readonly #failure = signal<ApiFailure | null>(null);

  /** Newest first. */
  readonly requests = this.#requests.asReadonly();
  readonly loading = this.#loading.asReadonly();
  readonly loaded = this.#loaded.asReadonly();
  readonly failureKey = computed(() => {
    const failure = this.#failure();
    return failure ? failureMessageKey(failure) : null;
  });

  async load(): Promise<void> {
    this.#loading.set(true);
    this.#failure.set(null);
    const result = await firstValueFrom(this.#api.list());
    this.#loading.set(false);
    this.#loaded.set(true);
    if (result.ok) this.#requests.set(result.data);
    else this.#failure.set(result.failure);
  }

  assess(
    requestId: string,
    assessment: AssessErasureRequest,
  ): Promise<ApiResult<ErasureRequestView>> {
    return this.#apply(this.#api.assess(requestId, assessment));
  }

  execute(requestId: string): Promise<ApiResult<ErasureRequestView>> {
    return this.#apply(this.#api.execute(requestId));
  }

  async #apply(
    call: Observable<ApiResult<ErasureRequestView>>,
  ): Promise<ApiResult<ErasureRequestView>> {
    const result = await firstValueFrom(call);
    if (result.ok) {
      const next = result.data;
      this.#requests.update((list) =>
        list.some((r) => r.id === next.id)
          ? list.map((r) => (r.id === next.id ? next : r))
          : [next, ...list],
      );
    }
    return result;
  }
}
