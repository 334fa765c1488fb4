import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import {
  type LoginRequest,
  type SessionState,
  sessionStateCheck,
  type TotpEnrolConfirmResponse,
  totpEnrolConfirmResponseCheck,
  type TotpEnrolment,
  totpEnrolmentCheck,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult, apiVoid } from '../http/api-call';

/** Where the browser goes to sign in with the municipality's identity provider. */
export const OIDC_START_PATH = '/api/auth/oidc/start';

/**
 * The `/api/auth/*` endpoints, validated with the contracts' zod-free checks (the sign-in page
 * carries no zod). Never errors.
 */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  readonly #http = inject(HttpClient);

  session(): Observable<ApiResult<SessionState>> {
    return apiResult(this.#http.get<unknown>('/api/auth/session'), sessionStateCheck);
  }

  login(request: LoginRequest): Observable<ApiResult<SessionState>> {
    return apiResult(this.#http.post<unknown>('/api/auth/login', request), sessionStateCheck);
  }

  secondFactor(code: string): Observable<ApiResult<SessionState>> {
    return apiResult(
      this.#http.post<unknown>('/api/auth/second-factor', { code }),
      sessionStateCheck,
    );
  }

  startEnrolment(): Observable<ApiResult<TotpEnrolment>> {
    return apiResult(this.#http.post<unknown>('/api/auth/totp/enrolment', {}), totpEnrolmentCheck);
  }

  confirmEnrolment(code: string): Observable<ApiResult<TotpEnrolConfirmResponse>> {
    return apiResult(
      this.#http.post<unknown>('/api/auth/totp/enrolment/confirm', { code }),
      totpEnrolConfirmResponseCheck,
    );
  }

  activate(token: string, password: string): Observable<ApiResult<SessionState>> {
    return apiResult(
      this.#http.post<unknown>('/api/auth/activate', { token, password }),
      sessionStateCheck,
    );
  }

  logout(): Observable<ApiResult<void>> {
    return apiVoid(this.#http.post('/api/auth/logout', {}));
  }
}
