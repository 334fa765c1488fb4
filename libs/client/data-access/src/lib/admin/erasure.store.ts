import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import type { AssessErasureRequest, ErasureRequestView } from '@casustafel/contracts';
import { type ApiResult } from '../errors/api-failure';
import { ReadState } from '../http/read-state';
import { ErasureApi } from './erasure.api';

/**
 * The organisation's AVG art. 17 erasure requests. Intents answer with the api's result (a
 * form shows its own error) and replace the request in the list.
 */
@Injectable({ providedIn: 'root' })
export class ErasureStore {
  readonly #api = inject(ErasureApi);
  readonly #requests = signal<ErasureRequestView[]>([]);
  readonly #reads = new ReadState();
  readonly #loaded = signal(false);

  /** Newest first. */
  readonly requests = this.#requests.asReadonly();
  readonly loading = this.#reads.loading;
  readonly loaded = this.#loaded.asReadonly();
  readonly failureKey = this.#reads.failureKey;

  async load(): Promise<void> {
    await this.#reads.into(this.#requests, this.#api.list());
    this.#loaded.set(true);
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
