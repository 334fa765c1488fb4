import { describe, expect, it } from '@jest/globals';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from './domain.error';
import { mapError } from './to-error-body';

describe('mapError', () => {
  it('keeps the code, message and details of a domain error', () => {
    const error = mapError(
      new DomainError('VALIDATION_FAILED', 'bad', [{ path: 'a', issue: 'too_big' }]),
    );
    expect(error).toEqual({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: 'bad',
      details: [{ path: 'a', issue: 'too_big' }],
      unexpected: false,
    });
  });

  it('maps framework exceptions by status with a generic message', () => {
    expect(mapError(new NotFoundException('Cannot GET /api/secret?bsn=123')).message).toBe(
      'The resource does not exist',
    );
    expect(mapError(new BadRequestException()).code).toBe('BAD_REQUEST');
  });

  it('maps Fastify parser errors by their status code', () => {
    expect(mapError({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }).code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(mapError({ statusCode: 415 }).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('turns anything else into an unexpected internal error without leaking its message', () => {
    expect(mapError(new TypeError('secret detail'))).toEqual({
      code: 'INTERNAL_ERROR',
      status: 500,
      message: 'An unexpected error occurred',
      details: undefined,
      unexpected: true,
    });
  });
});
