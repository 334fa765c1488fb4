import { describe, expect, it } from '@jest/globals';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { logSafeError } from '../logging/logging';
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

describe('mapError for values the database refused', () => {
  const refused = (code: string) =>
    new QueryFailedError(
      'INSERT INTO x VALUES ($1)',
      ['Canary'],
      Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00 Canary'), { code }),
    );

  it.each(['22021', '22P02', '22001', '22003', '22008'])(
    'answers SQLSTATE %s (class 22, data exception) with 400 VALIDATION_FAILED, no details',
    (code) => {
      const mapped = mapError(refused(code));
      expect(mapped).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, unexpected: false });
      expect(mapped.dataException).toBe(true);
      expect(JSON.stringify(mapped)).not.toContain('Canary');
    },
  );

  it('keeps other database errors unexpected (500)', () => {
    expect(mapError(refused('42P01'))).toMatchObject({ code: 'INTERNAL_ERROR', unexpected: true });
  });
});

describe('logSafeError', () => {
  it("keeps a database error's kind and SQLSTATE, never its message, query or parameters", () => {
    const error = new QueryFailedError(
      'INSERT INTO household (label) VALUES ($1)',
      ['Canary 999999990'],
      Object.assign(new Error('value too long: Canary'), {
        code: '22001',
        table: 'household',
        detail: 'Canary',
      }),
    );
    const logged = JSON.stringify(logSafeError(error));
    expect(logged).not.toContain('Canary');
    expect(logged).not.toContain('999999990');
    expect(JSON.parse(logged)).toMatchObject({
      type: 'QueryFailedError',
      sqlState: '22001',
      table: 'household',
    });
  });

  it('keeps other errors whole (message and stack) and reads no SQLSTATE into EPIPE', () => {
    const logged = logSafeError(Object.assign(new Error('socket closed'), { code: 'EPIPE' }));
    expect(logged).toMatchObject({ message: 'socket closed', code: 'EPIPE' });
  });
});
