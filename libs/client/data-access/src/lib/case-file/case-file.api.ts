import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, map, type Observable, of } from 'rxjs';
import * as z from 'zod';
import {
  type AccessLog,
  accessLogSchema,
  type AccessLogLanguage,
  type CaseDetail,
  caseDetailSchema,
  type CaseListQuery,
  type CaseSummary,
  caseSummarySchema,
  type CreateCaseRequest,
  type CreateConsentRequest,
  type CreateErasureRequest,
  type ErasureRequestView,
  erasureRequestViewSchema,
  type CreateHouseholdRequest,
  type CreatePreparationRequest,
  type CreateZrmAssessmentRequest,
  type HouseholdDetail,
  householdDetailSchema,
  type HouseholdSummary,
  householdSummarySchema,
  type MeldcodeStepRequest,
  type NetworkPersonInput,
  type PersonInput,
  type PreparationContent,
  type RegisseurCandidate,
  regisseurCandidateSchema,
  type UpdateCaseRequest,
} from '@casustafel/contracts';
import { type ApiResult, toApiFailure } from '../errors/api-failure';
import { apiResult, apiVoid } from '../http/api-call';

const id = encodeURIComponent;
/** Answers of a change: the store reloads what it shows, so only the new object's id is read. */
const created = z.looseObject({ id: z.uuid() });
export type Created = z.infer<typeof created>;
const anything = z.unknown();

/**
 * The case file (dossier): households, persons, network, consent ledger, access log, cases,
 * ZRM, Meldcode and preparations. Ids only in URLs, personal data only in bodies. Never errors.
 */
@Injectable({ providedIn: 'root' })
export class CaseFileApi {
  readonly #http = inject(HttpClient);

  /* ---------- households ---------- */

  households(teamId: string): Observable<ApiResult<HouseholdSummary[]>> {
    return apiResult(
      this.#http.get<unknown>(`/api/teams/${id(teamId)}/households`),
      z.array(householdSummarySchema),
    );
  }

  createHousehold(teamId: string, request: CreateHouseholdRequest): Observable<ApiResult<Created>> {
    return apiResult(
      this.#http.post<unknown>(`/api/teams/${id(teamId)}/households`, request),
      created,
    );
  }

  household(householdId: string): Observable<ApiResult<HouseholdDetail>> {
    return apiResult(
      this.#http.get<unknown>(`/api/households/${id(householdId)}`),
      householdDetailSchema,
    );
  }

  updateHousehold(
    householdId: string,
    request: Partial<CreateHouseholdRequest>,
  ): Observable<ApiResult<unknown>> {
    return apiResult(
      this.#http.patch<unknown>(`/api/households/${id(householdId)}`, request),
      anything,
    );
  }

  addPerson(householdId: string, person: PersonInput): Observable<ApiResult<Created>> {
    return apiResult(
      this.#http.post<unknown>(`/api/households/${id(householdId)}/persons`, person),
      created,
    );
  }

  updatePerson(personId: string, patch: Partial<PersonInput>): Observable<ApiResult<unknown>> {
    return apiResult(this.#http.patch<unknown>(`/api/persons/${id(personId)}`, patch), anything);
  }

  addNetworkPerson(
    householdId: string,
    person: NetworkPersonInput,
  ): Observable<ApiResult<Created>> {
    return apiResult(
      this.#http.post<unknown>(`/api/households/${id(householdId)}/network`, person),
      created,
    );
  }

  removeNetworkPerson(networkPersonId: string): Observable<ApiResult<void>> {
    return apiVoid(this.#http.delete(`/api/network/${id(networkPersonId)}`));
  }

  /** A member of the household's team files an AVG art. 17 erasure request. */
  fileErasureRequest(
    householdId: string,
    request: CreateErasureRequest,
  ): Observable<ApiResult<ErasureRequestView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/households/${id(householdId)}/erasure-requests`, request),
      erasureRequestViewSchema,
    );
  }

  recordConsent(
    householdId: string,
    consent: CreateConsentRequest,
  ): Observable<ApiResult<Created>> {
    return apiResult(
      this.#http.post<unknown>(`/api/households/${id(householdId)}/consents`, consent),
      created,
    );
  }

  withdrawConsent(consentId: string): Observable<ApiResult<unknown>> {
    return apiResult(
      this.#http.post<unknown>(`/api/consents/${id(consentId)}/withdraw`, {}),
      anything,
    );
  }

  /** The AVG art. 15 access log, in plain words of the given language. */
  accessLog(householdId: string, lang: AccessLogLanguage): Observable<ApiResult<AccessLog>> {
    return apiResult(
      this.#http.get<unknown>(`/api/households/${id(householdId)}/access-log`, {
        params: new HttpParams().set('lang', lang),
      }),
      accessLogSchema,
    );
  }

  /** The AVG art. 15 access log as a CSV file (for Excel: BOM, semicolons). */
  accessLogCsv(householdId: string, lang: AccessLogLanguage): Observable<ApiResult<Blob>> {
    return this.#http
      .get(`/api/households/${id(householdId)}/access-log`, {
        params: new HttpParams().set('format', 'csv').set('lang', lang),
        responseType: 'blob',
      })
      .pipe(
        map((blob): ApiResult<Blob> => ({ ok: true, data: blob })),
        catchError((error: unknown) =>
          of<ApiResult<Blob>>({ ok: false, failure: toApiFailure(error) }),
        ),
      );
  }

  /* ---------- cases ---------- */

  cases(teamId: string, query: CaseListQuery = {}): Observable<ApiResult<CaseSummary[]>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (typeof value === 'string' && value !== '') params = params.set(key, value);
    }
    return apiResult(
      this.#http.get<unknown>(`/api/teams/${id(teamId)}/cases`, { params }),
      z.array(caseSummarySchema),
    );
  }

  /** Who may be casusregisseur or procesregisseur of the team's cases (professionals only). */
  regisseurCandidates(teamId: string): Observable<ApiResult<RegisseurCandidate[]>> {
    return apiResult(
      this.#http.get<unknown>(`/api/teams/${id(teamId)}/regisseur-candidates`),
      z.array(regisseurCandidateSchema),
    );
  }

  createCase(teamId: string, request: CreateCaseRequest): Observable<ApiResult<Created>> {
    return apiResult(this.#http.post<unknown>(`/api/teams/${id(teamId)}/cases`, request), created);
  }

  case(caseId: string): Observable<ApiResult<CaseDetail>> {
    return apiResult(this.#http.get<unknown>(`/api/cases/${id(caseId)}`), caseDetailSchema);
  }

  updateCase(caseId: string, request: UpdateCaseRequest): Observable<ApiResult<unknown>> {
    return apiResult(this.#http.patch<unknown>(`/api/cases/${id(caseId)}`, request), anything);
  }

  transition(caseId: string, to: CaseSummary['status']): Observable<ApiResult<unknown>> {
    return apiResult(this.#http.post<unknown>(`/api/cases/${id(caseId)}/status`, { to }), anything);
  }

  addZrm(caseId: string, request: CreateZrmAssessmentRequest): Observable<ApiResult<unknown>> {
    return apiResult(this.#http.post<unknown>(`/api/cases/${id(caseId)}/zrm`, request), anything);
  }

  openMeldcode(caseId: string): Observable<ApiResult<unknown>> {
    return apiResult(this.#http.post<unknown>(`/api/cases/${id(caseId)}/meldcode`, {}), anything);
  }

  addMeldcodeStep(recordId: string, step: MeldcodeStepRequest): Observable<ApiResult<unknown>> {
    return apiResult(
      this.#http.post<unknown>(`/api/meldcode/${id(recordId)}/steps`, step),
      anything,
    );
  }

  createPreparation(
    caseId: string,
    request: CreatePreparationRequest,
  ): Observable<ApiResult<Created>> {
    return apiResult(
      this.#http.post<unknown>(`/api/cases/${id(caseId)}/preparations`, request),
      created,
    );
  }

  savePreparation(
    preparationId: string,
    content: PreparationContent,
  ): Observable<ApiResult<unknown>> {
    return apiResult(
      this.#http.put<unknown>(`/api/preparations/${id(preparationId)}`, { content }),
      anything,
    );
  }

  markReady(preparationId: string): Observable<ApiResult<unknown>> {
    return apiResult(
      this.#http.post<unknown>(`/api/preparations/${id(preparationId)}/ready`, {}),
      anything,
    );
  }

  backToDraft(preparationId: string): Observable<ApiResult<unknown>> {
    return apiResult(
      this.#http.post<unknown>(`/api/preparations/${id(preparationId)}/draft`, {}),
      anything,
    );
  }

  addComment(preparationId: string, text: string): Observable<ApiResult<unknown>> {
    return apiResult(
      this.#http.post<unknown>(`/api/preparations/${id(preparationId)}/comments`, { text }),
      anything,
    );
  }
}
