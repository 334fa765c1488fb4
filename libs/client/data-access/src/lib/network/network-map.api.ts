import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, map, type Observable, of } from 'rxjs';
import * as z from 'zod';
import {
  type EcoTie,
  type EcoTieInput,
  type EcoTieUpdate,
  ecoTieSchema,
  type GenogramLink,
  type GenogramLinkInput,
  type GenogramLinkUpdate,
  genogramLinkSchema,
  type MapKind,
  type MapPerson,
  type MapPersonInput,
  type MapPersonUpdate,
  mapPersonSchema,
  type MapVersion,
  mapVersionSchema,
  type MapVersionSummary,
  mapVersionSummarySchema,
  type NetworkMap,
  networkMapSchema,
} from '@casustafel/contracts';
import { type ApiResult, toApiFailure } from '../errors/api-failure';
import { apiResult, apiVoid } from '../http/api-call';

const id = encodeURIComponent;

/** The household's genogram and ecogram (`/api/households/:id/network-map`). Never errors. */
@Injectable({ providedIn: 'root' })
export class NetworkMapApi {
  readonly #http = inject(HttpClient);

  #url(householdId: string, path = ''): string {
    return `/api/households/${id(householdId)}/network-map${path}`;
  }

  map(householdId: string): Observable<ApiResult<NetworkMap>> {
    return apiResult(this.#http.get<unknown>(this.#url(householdId)), networkMapSchema);
  }

  addPerson(householdId: string, input: MapPersonInput): Observable<ApiResult<MapPerson>> {
    return apiResult(
      this.#http.post<unknown>(this.#url(householdId, '/persons'), input),
      mapPersonSchema,
    );
  }

  updatePerson(
    householdId: string,
    personId: string,
    input: MapPersonUpdate,
  ): Observable<ApiResult<void>> {
    return apiVoid(this.#http.patch(this.#url(householdId, `/persons/${id(personId)}`), input));
  }

  removePerson(householdId: string, personId: string): Observable<ApiResult<void>> {
    return apiVoid(this.#http.delete(this.#url(householdId, `/persons/${id(personId)}`)));
  }

  addLink(householdId: string, input: GenogramLinkInput): Observable<ApiResult<GenogramLink>> {
    return apiResult(
      this.#http.post<unknown>(this.#url(householdId, '/links'), input),
      genogramLinkSchema,
    );
  }

  updateLink(
    householdId: string,
    linkId: string,
    input: GenogramLinkUpdate,
  ): Observable<ApiResult<GenogramLink>> {
    return apiResult(
      this.#http.patch<unknown>(this.#url(householdId, `/links/${id(linkId)}`), input),
      genogramLinkSchema,
    );
  }

  removeLink(householdId: string, linkId: string): Observable<ApiResult<void>> {
    return apiVoid(this.#http.delete(this.#url(householdId, `/links/${id(linkId)}`)));
  }

  addTie(householdId: string, input: EcoTieInput): Observable<ApiResult<EcoTie>> {
    return apiResult(
      this.#http.post<unknown>(this.#url(householdId, '/ties'), input),
      ecoTieSchema,
    );
  }

  updateTie(householdId: string, tieId: string, input: EcoTieUpdate): Observable<ApiResult<void>> {
    return apiVoid(this.#http.patch(this.#url(householdId, `/ties/${id(tieId)}`), input));
  }

  removeTie(householdId: string, tieId: string): Observable<ApiResult<void>> {
    return apiVoid(this.#http.delete(this.#url(householdId, `/ties/${id(tieId)}`)));
  }

  versions(householdId: string): Observable<ApiResult<MapVersionSummary[]>> {
    return apiResult(
      this.#http.get<unknown>(this.#url(householdId, '/versions')),
      z.array(mapVersionSummarySchema),
    );
  }

  saveVersion(householdId: string, name: string): Observable<ApiResult<MapVersionSummary>> {
    return apiResult(
      this.#http.post<unknown>(this.#url(householdId, '/versions'), { name }),
      mapVersionSummarySchema,
    );
  }

  version(householdId: string, versionId: string): Observable<ApiResult<MapVersion>> {
    return apiResult(
      this.#http.get<unknown>(this.#url(householdId, `/versions/${id(versionId)}`)),
      mapVersionSchema,
    );
  }

  /** The SVG file of a map (now, or of a saved version). */
  svg(householdId: string, kind: MapKind, versionId: string | null): Observable<ApiResult<string>> {
    const query = `?kind=${kind}${versionId ? `&version=${id(versionId)}` : ''}`;
    return this.#http
      .get(this.#url(householdId, `/export.svg${query}`), { responseType: 'text' })
      .pipe(
        map((svg): ApiResult<string> => ({ ok: true, data: svg })),
        catchError((error: unknown) =>
          of<ApiResult<string>>({ ok: false, failure: toApiFailure(error) }),
        ),
      );
  }
}
