import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import type {
  AccessLog,
  AccessLogLanguage,
  CreateConsentRequest,
  CreateErasureRequest,
  CreateHouseholdRequest,
  ErasureRequestView,
  HouseholdDetail,
  NetworkPersonInput,
  PersonInput,
} from '@casustafel/contracts';
import { type ApiResult } from '../errors/api-failure';
import { ReadState } from '../http/read-state';
import { CaseFileApi } from './case-file.api';

/** One household: members, network, consent ledger and its AVG art. 15 access log. */
@Injectable({ providedIn: 'root' })
export class HouseholdStore {
  readonly #api = inject(CaseFileApi);
  readonly #household = signal<HouseholdDetail | null>(null);
  readonly #accessLog = signal<AccessLog | null>(null);
  readonly #reads = new ReadState();

  readonly household = this.#household.asReadonly();
  readonly accessLog = this.#accessLog.asReadonly();
  readonly loading = this.#reads.loading;
  readonly failure = this.#reads.failure;
  readonly failureKey = this.#reads.failureKey;
  readonly forbidden = this.#reads.forbidden;

  async load(householdId: string): Promise<void> {
    if (this.#household()?.id !== householdId) {
      this.#household.set(null);
      this.#accessLog.set(null);
    }
    await this.#reads.into(this.#household, this.#api.household(householdId));
  }

  update(householdId: string, patch: Partial<CreateHouseholdRequest>): Promise<ApiResult<unknown>> {
    return this.#change(householdId, this.#api.updateHousehold(householdId, patch));
  }

  addPerson(householdId: string, person: PersonInput): Promise<ApiResult<unknown>> {
    return this.#change(householdId, this.#api.addPerson(householdId, person));
  }

  updatePerson(
    householdId: string,
    personId: string,
    patch: Partial<PersonInput>,
  ): Promise<ApiResult<unknown>> {
    return this.#change(householdId, this.#api.updatePerson(personId, patch));
  }

  addNetworkPerson(householdId: string, person: NetworkPersonInput): Promise<ApiResult<unknown>> {
    return this.#change(householdId, this.#api.addNetworkPerson(householdId, person));
  }

  removeNetworkPerson(householdId: string, networkPersonId: string): Promise<ApiResult<unknown>> {
    return this.#change(householdId, this.#api.removeNetworkPerson(networkPersonId));
  }

  recordConsent(householdId: string, consent: CreateConsentRequest): Promise<ApiResult<unknown>> {
    return this.#change(householdId, this.#api.recordConsent(householdId, consent));
  }

  withdrawConsent(householdId: string, consentId: string): Promise<ApiResult<unknown>> {
    return this.#change(householdId, this.#api.withdrawConsent(consentId));
  }

  /** Files an erasure request for the household (the administrator then decides on it). */
  fileErasureRequest(
    householdId: string,
    request: CreateErasureRequest,
  ): Promise<ApiResult<ErasureRequestView>> {
    return firstValueFrom(this.#api.fileErasureRequest(householdId, request));
  }

  async loadAccessLog(
    householdId: string,
    lang: AccessLogLanguage = 'nl',
  ): Promise<ApiResult<AccessLog>> {
    const result = await firstValueFrom(this.#api.accessLog(householdId, lang));
    if (result.ok) this.#accessLog.set(result.data);
    return result;
  }

  /** The access log as a CSV file, for the person who asked (AVG art. 15). */
  accessLogCsv(householdId: string, lang: AccessLogLanguage = 'nl'): Promise<ApiResult<Blob>> {
    return firstValueFrom(this.#api.accessLogCsv(householdId, lang));
  }

  async #change<T>(householdId: string, call: Observable<ApiResult<T>>): Promise<ApiResult<T>> {
    const result = await firstValueFrom(call);
    if (result.ok) await this.load(householdId);
    return result;
  }
}
