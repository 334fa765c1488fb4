import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import {
  type LoginRequest,
  type SessionState,
  sessionStateSchema,
  type TotpEnrolConfirmResponse,
  totpEnrolConfirmResponseSchema,
  type TotpEnrolment,
  totpEnrolmentSchema,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult, apiVoid } from '../http/api-call';

/** Where the browser goes to sign in with the municipality's identity provider. */
export const OIDC_START_PATH = '/api/auth/oidc/start';

/** The `/api/auth/*` endpoints, validated against the contracts. Never errors. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  readonly #http = inject(HttpClient);

  session(): Observable<ApiResult<SessionState>> {
    return apiResult(this.#http.get<unknown>('/api/auth/session'), sessionStateSchema);
  }

  login(request: LoginRequest): Observable<ApiResult<SessionState>> {
    return apiResult(this.#http.post<unknown>('/api/auth/login', request), sessionStateSchema);
  }

  secondFactor(code: string): Observable<ApiResult<SessionState>> {
    return apiResult(
      this.#http.post<unknown>('/api/auth/second-factor', { code }),
      sessionStateSchema,
    );
  }

  startEnrolment(): Observable<ApiResult<TotpEnrolment>> {
    return apiResult(this.#http.post<unknown>('/api/auth/totp/enrolment', {}), totpEnrolmentSchema);
  }

  confirmEnrolment(code: string): Observable<ApiResult<TotpEnrolConfirmResponse>> {
    return apiResult(
      this.#http.post<unknown>('/api/auth/totp/enrolment/confirm', { code }),
      totpEnrolConfirmResponseSchema,
    );
  }

  activate(token: string, password: string): Observable<ApiResult<SessionState>> {
    return apiResult(
      this.#http.post<unknown>('/api/auth/activate', { token, password }),
      sessionStateSchema,
    );
  }

  logout(): Observable<ApiResult<void>> {
    return apiVoid(this.#http.post('/api/auth/logout', {}));
  }
}
