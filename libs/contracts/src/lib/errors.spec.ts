import { describe, expect, it } from '@jest/globals';
import { errorResponseSchema } from './errors';
import { ERROR_CODES, httpStatusOf } from './plain/errors';

describe('error codes', () => {
  it('map every code to a 4xx or 5xx status', () => {
    for (const code of ERROR_CODES) {
      const status = httpStatusOf(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
    expect(httpStatusOf('VALIDATION_FAILED')).toBe(400);
    expect(httpStatusOf('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(httpStatusOf('INTERNAL_ERROR')).toBe(500);
  });

  it('accept only known codes in the error shape', () => {
    expect(
      errorResponseSchema.safeParse({ code: 'NOT_FOUND', message: 'x', requestId: 'r' }).success,
    ).toBe(true);
    expect(
      errorResponseSchema.safeParse({ code: 'OOPS', message: 'x', requestId: 'r' }).success,
    ).toBe(false);
  });
});
