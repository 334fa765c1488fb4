import { computed, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { forkJoin, Subject, switchMap } from 'rxjs';
import type { HealthResponse, ReadyResponse } from '@casustafel/contracts';
import { type ApiFailure, type ApiResult, failureMessageKey } from '../errors/api-failure';
import { HealthApi } from './health.api';

/** What the api's readiness amounts to, for display. */
export type ReadinessStatus = 'idle' | 'loading' | 'ready' | 'not_ready' | 'unreachable' | 'error';

function dataOf<T>(result: ApiResult<T> | null): T | null {
  return result?.ok ? result.data : null;
}

function failureOf<T>(result: ApiResult<T> | null): ApiFailure | null {
  return result && !result.ok ? result.failure : null;
}

/** Liveness and readiness of the api. Keeps the last answer on screen while refreshing. */
@Injectable({ providedIn: 'root' })
export class HealthStore {
  readonly #api = inject(HealthApi);
  readonly #health = signal<ApiResult<HealthResponse> | null>(null);
  readonly #readiness = signal<ApiResult<ReadyResponse> | null>(null);
  readonly #loading = signal(false);
  readonly #checkedAt = signal<Date | null>(null);
  readonly #refresh$ = new Subject<void>();

  /** A request is in flight. */
  readonly loading = this.#loading.asReadonly();
  /** When the last answers arrived. */
  readonly checkedAt = this.#checkedAt.asReadonly();
  readonly health = computed(() => dataOf(this.#health()));
  readonly readiness = computed(() => dataOf(this.#readiness()));
  readonly status = computed<ReadinessStatus>(() => {
    const readiness = this.#readiness();
    if (readiness === null) return this.#loading() ? 'loading' : 'idle';
    if (readiness.ok) return readiness.data.status;
    return readiness.failure.kind === 'unreachable' ? 'unreachable' : 'error';
  });
  /** The failure to show, readiness first. */
  readonly failure = computed(() => failureOf(this.#readiness()) ?? failureOf(this.#health()));
  /** Translation key of {@link failure}, or null. */
  readonly failureKey = computed(() => {
    const failure = this.failure();
    return failure ? failureMessageKey(failure) : null;
  });

  constructor() {
    this.#refresh$
      .pipe(
        switchMap(() => forkJoin({ health: this.#api.health(), readiness: this.#api.ready() })),
        takeUntilDestroyed(),
      )
      .subscribe(({ health, readiness }) => {
        this.#health.set(health);
        this.#readiness.set(readiness);
        this.#checkedAt.set(new Date());
        this.#loading.set(false);
      });
  }

  /** Asks the api again; a refresh while one is in flight replaces it. */
  refresh(): void {
    this.#loading.set(true);
    this.#refresh$.next();
  }
}
