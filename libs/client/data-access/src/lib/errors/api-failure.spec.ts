import { describe, expect, it } from '@jest/globals';
import { HttpErrorResponse } from '@angular/common/http';
import { TimeoutError } from 'rxjs';
import { ERROR_CODES } from '@casustafel/contracts';
import { errorMessageKey, failureMessageKey, toApiFailure } from './api-failure';

describe('api failures', () => {
  it('map every error code to errors.<CODE>', () => {
    for (const code of ERROR_CODES) {
      expect(errorMessageKey(code)).toBe(`errors.${code}`);
      expect(failureMessageKey({ kind: 'error', code, status: 500, requestId: 'r' })).toBe(
        `errors.${code}`,
      );
    }
  });

  it('count a timeout and a status-0 response as unreachable', () => {
    expect(toApiFailure(new TimeoutError())).toEqual({ kind: 'unreachable' });
    expect(toApiFailure(new HttpErrorResponse({ status: 0 }))).toEqual({ kind: 'unreachable' });
    expect(toApiFailure(new HttpErrorResponse({ status: 504, error: 'Gateway Timeout' }))).toEqual({
      kind: 'unreachable',
    });
  });

  it('prefer the api error shape over the status', () => {
    const error = new HttpErrorResponse({
      status: 503,
      error: { code: 'SERVICE_UNAVAILABLE', message: 'm', requestId: 'r-9' },
    });
    expect(toApiFailure(error)).toEqual({
      kind: 'error',
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      requestId: 'r-9',
    });
  });

  it('call an unknown error shape an invalid response', () => {
    expect(toApiFailure(new HttpErrorResponse({ status: 500, error: { code: 'OOPS' } }))).toEqual({
      kind: 'invalid_response',
      status: 500,
    });
  });
});
