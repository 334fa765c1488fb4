import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpErrorResponse } from '@angular/common/http';
import { TimeoutError } from 'rxjs';
import { ERROR_CODES, REFUSAL_CODES } from '@casustafel/contracts';
import { I18N_DIR } from '../../testing';
import {
  errorMessageKey,
  failureMessageKey,
  REFUSALS_SCOPE,
  refusalKeyOf,
  refusalMessageKey,
  toApiFailure,
} from './api-failure';

describe('api failures', () => {
  it('map every error code to errors.<CODE>', () => {
    for (const code of ERROR_CODES) {
      expect(errorMessageKey(code)).toBe(`errors.${code}`);
      expect(failureMessageKey({ kind: 'error', code, status: 500, requestId: 'r' })).toBe(
        `errors.${code}`,
      );
    }
  });

  it('map every refusal code to refusals.<code>, and nothing else', () => {
    for (const code of REFUSAL_CODES) {
      expect(refusalMessageKey(code)).toBe(`refusals.${code}`);
      expect(refusalKeyOf(code)).toBe(`refusals.${code}`);
    }
    expect(refusalKeyOf('too_big')).toBeNull();
    expect(refusalKeyOf('Vul dit in')).toBeNull();
  });

  it.each(['nl', 'en'])('%s holds exactly one text per refusal code', (lang) => {
    const file = join(I18N_DIR, REFUSALS_SCOPE, `${lang}.json`);
    const texts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(texts).sort()).toEqual([...REFUSAL_CODES].sort());
    for (const code of REFUSAL_CODES) {
      const text = texts[code];
      expect(typeof text === 'string' && text.trim().length > 0).toBe(true);
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
