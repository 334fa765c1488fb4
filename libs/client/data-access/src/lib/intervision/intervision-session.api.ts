import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import * as z from 'zod';
import {
  type IntervisionAttendance,
  intervisionAttendanceSchema,
  type IntervisionSessionView,
  intervisionSessionSchema,
  type MyIntervisionSession,
  myIntervisionSessionSchema,
  type StartIntervisionSessionRequest,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

const id = encodeURIComponent;
const attendanceListSchema = z.array(intervisionAttendanceSchema);
const mineSchema = z.array(myIntervisionSessionSchema);

/** The language of a PDF (its texts and dates). */
export type PdfLanguage = 'nl' | 'en';

/** The attendance list of an ended session as a PDF (a plain link: the session cookie goes along). */
export function sessionAttendancePdfUrl(sessionId: string, lang: PdfLanguage): string {
  return `/api/intervision-sessions/${id(sessionId)}/attendance.pdf?lang=${lang}`;
}

/** One's own intervision attendance over a period (both days included) as a PDF. */
export function ownAttendancePdfUrl(from: string, to: string, lang: PdfLanguage): string {
  return `/api/me/intervision-attendance.pdf?from=${id(from)}&to=${id(to)}&lang=${lang}`;
}

/**
 * Intervision sessions on released copies (issue 14 §2, §4): start, read, end, and the
 * attendance records. The live room itself runs over the socket (`IntervisionSessionStore`).
 * Never errors.
 */
@Injectable({ providedIn: 'root' })
export class IntervisionSessionApi {
  readonly #http = inject(HttpClient);

  start(
    copyId: string,
    input: StartIntervisionSessionRequest,
  ): Observable<ApiResult<IntervisionSessionView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/intervision-cases/${id(copyId)}/sessions`, input),
      intervisionSessionSchema,
    );
  }

  read(sessionId: string): Observable<ApiResult<IntervisionSessionView>> {
    return apiResult(
      this.#http.get<unknown>(`/api/intervision-sessions/${id(sessionId)}`),
      intervisionSessionSchema,
    );
  }

  end(sessionId: string): Observable<ApiResult<IntervisionSessionView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/intervision-sessions/${id(sessionId)}/end`, {}),
      intervisionSessionSchema,
    );
  }

  attendance(sessionId: string): Observable<ApiResult<IntervisionAttendance[]>> {
    return apiResult(
      this.#http.get<unknown>(`/api/intervision-sessions/${id(sessionId)}/attendance`),
      attendanceListSchema,
    );
  }

  /** The caller's sessions: running, or ended in the last 14 days. */
  mine(): Observable<ApiResult<MyIntervisionSession[]>> {
    return apiResult(this.#http.get<unknown>('/api/me/intervision-sessions'), mineSchema);
  }

  ownAttendance(from: string, to: string): Observable<ApiResult<IntervisionAttendance[]>> {
    return apiResult(
      this.#http.get<unknown>('/api/me/intervision-attendance', { params: { from, to } }),
      attendanceListSchema,
    );
  }
}
