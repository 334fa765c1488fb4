import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import { type AuditEventPage, auditEventPageSchema } from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

/** Filters of the audit viewer, as the query string of `GET /api/audit-events`. */
export interface AuditFilters {
  userId?: string;
  clientId?: string;
  /** Inclusive, ISO 8601. */
  from?: string;
  /** Exclusive, ISO 8601. */
  to?: string;
  action?: string;
  outcome?: 'allowed' | 'denied' | 'failed';
}

/** `GET /api/audit-events`. Never errors. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  readonly #http = inject(HttpClient);

  events(
    filters: AuditFilters,
    cursor: string | null,
    limit: number,
  ): Observable<ApiResult<AuditEventPage>> {
    let params = new HttpParams().set('limit', String(limit));
    for (const [key, value] of Object.entries(filters)) {
      if (typeof value === 'string' && value.trim() !== '') params = params.set(key, value.trim());
    }
    if (cursor) params = params.set('cursor', cursor);
    return apiResult(
      this.#http.get<unknown>('/api/audit-events', { params }),
      auditEventPageSchema,
    );
  }
}
