import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import type {
  EcoTieInput,
  EcoTieUpdate,
  GenogramLinkInput,
  GenogramLinkUpdate,
  MapKind,
  MapPersonInput,
  MapPersonUpdate,
  MapVersion,
  MapVersionSummary,
  NetworkMap,
} from '@casustafel/contracts';
import { type ApiFailure, type ApiResult, failureCode } from '../errors/api-failure';
import { RealtimeClient } from '../realtime/realtime.client';
import { NetworkMapApi } from './network-map.api';

/**
 * One household's network maps, live: loads the map, follows `network:<householdId>` over the
 * live connection and reads the map again whenever someone else changed it (`network:changed`
 * with a newer revision) or the connection came back. Provided per component (not root): each
 * embedded map has its own.
 */
@Injectable()
export class NetworkMapStore {
  readonly #api = inject(NetworkMapApi);
  readonly #realtime = inject(RealtimeClient);
  readonly #map = signal<NetworkMap | null>(null);
  readonly #failure = signal<ApiFailure | null>(null);
  readonly #versions = signal<MapVersionSummary[]>([]);
  readonly #viewing = signal<MapVersion | null>(null);
  #householdId: string | null = null;
  #loading: Promise<void> | null = null;

  readonly map = this.#map.asReadonly();
  readonly failure = this.#failure.asReadonly();
  readonly forbidden = computed(() => failureCode(this.#failure()) === 'FORBIDDEN');
  readonly versions = this.#versions.asReadonly();
  /** A saved version being looked at (read-only), or null for the live map. */
  readonly viewing = this.#viewing.asReadonly();
  /** What the maps show: the version looked at, or the live map. */
  readonly shown = computed(() => this.#viewing()?.map ?? this.#map());

  constructor() {
    const changed = this.#realtime.network$.subscribe((event) => {
      const current = this.#map();
      if (
        event.householdId === this.#householdId &&
        (!current || event.revision > current.revision)
      )
        void this.reload();
    });
    const reconnected = this.#realtime.events$.subscribe((event) => {
      if (event.type === 'connected' && this.#householdId) void this.#follow(this.#householdId);
    });
    inject(DestroyRef).onDestroy(() => {
      changed.unsubscribe();
      reconnected.unsubscribe();
      if (this.#householdId) this.#realtime.emitNetworkLeave(this.#householdId);
    });
  }

  async load(householdId: string): Promise<void> {
    if (this.#householdId && this.#householdId !== householdId)
      this.#realtime.emitNetworkLeave(this.#householdId);
    this.#householdId = householdId;
    this.#map.set(null);
    this.#viewing.set(null);
    this.#realtime.connect();
    await this.reload();
    await this.#follow(householdId);
    await this.loadVersions();
  }

  async #follow(householdId: string): Promise<void> {
    const joined = await this.#realtime.emitWithAck('network:join', { householdId }, 5_000);
    // Changes made while the socket was away: read again.
    if (joined.ok && joined.data.revision !== this.#map()?.revision) await this.reload();
  }

  /** Reads the map (one read at a time; a read asked for meanwhile runs after it). */
  reload(): Promise<void> {
    const householdId = this.#householdId;
    if (!householdId) return Promise.resolve();
    const run = async () => {
      const result = await firstValueFrom(this.#api.map(householdId));
      if (householdId !== this.#householdId) return;
      if (result.ok) {
        this.#failure.set(null);
        const current = this.#map();
        if (!current || result.data.revision >= current.revision) this.#map.set(result.data);
      } else this.#failure.set(result.failure);
    };
    const next = (this.#loading ?? Promise.resolve()).then(run, run);
    this.#loading = next;
    return next;
  }

  async #change<T>(call: (householdId: string) => Observable<ApiResult<T>>): Promise<ApiResult<T>> {
    const householdId = this.#householdId;
    if (!householdId) return { ok: false, failure: { kind: 'unreachable' } } as ApiResult<T>;
    const result = await firstValueFrom(call(householdId));
    if (result.ok) await this.reload();
    return result;
  }

  addPerson(input: MapPersonInput) {
    return this.#change((h) => this.#api.addPerson(h, input));
  }
  updatePerson(personId: string, input: MapPersonUpdate) {
    return this.#change((h) => this.#api.updatePerson(h, personId, input));
  }
  removePerson(personId: string) {
    return this.#change((h) => this.#api.removePerson(h, personId));
  }
  addLink(input: GenogramLinkInput) {
    return this.#change((h) => this.#api.addLink(h, input));
  }
  updateLink(linkId: string, input: GenogramLinkUpdate) {
    return this.#change((h) => this.#api.updateLink(h, linkId, input));
  }
  removeLink(linkId: string) {
    return this.#change((h) => this.#api.removeLink(h, linkId));
  }
  addTie(input: EcoTieInput) {
    return this.#change((h) => this.#api.addTie(h, input));
  }
  updateTie(tieId: string, input: EcoTieUpdate) {
    return this.#change((h) => this.#api.updateTie(h, tieId, input));
  }
  removeTie(tieId: string) {
    return this.#change((h) => this.#api.removeTie(h, tieId));
  }

  async loadVersions(): Promise<void> {
    const householdId = this.#householdId;
    if (!householdId) return;
    const result = await firstValueFrom(this.#api.versions(householdId));
    if (result.ok) this.#versions.set(result.data);
  }

  async saveVersion(name: string): Promise<ApiResult<MapVersionSummary>> {
    const result = await this.#change((h) => this.#api.saveVersion(h, name));
    if (result.ok) await this.loadVersions();
    return result;
  }

  async view(versionId: string | null): Promise<ApiResult<unknown>> {
    const householdId = this.#householdId;
    if (!householdId || versionId === null) {
      this.#viewing.set(null);
      return { ok: true, data: null };
    }
    const result = await firstValueFrom(this.#api.version(householdId, versionId));
    if (result.ok) this.#viewing.set(result.data);
    return result;
  }

  svg(kind: MapKind): Promise<ApiResult<string>> {
    const householdId = this.#householdId;
    if (!householdId)
      return Promise.resolve({ ok: false, failure: { kind: 'unreachable' } } as ApiResult<string>);
    return firstValueFrom(this.#api.svg(householdId, kind, this.#viewing()?.id ?? null));
  }
}
