import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { DatabaseOutageLog, isDatabaseBusy, isDatabaseUnavailable } from './database-outage';
import { mapError } from './to-error-body';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['admin shutdown', queryFailed(withCode('terminating connection', '57P01'))],
    ['crash shutdown', queryFailed(withCode('terminating connection', '57P02'))],
    ['cannot connect now', withCode('the database system is starting up', '57P03')],
    ['connection exception class 08', queryFailed(withCode('connection failure', '08006'))],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['embedded thread gone', queryFailed(new Error('Embedded database thread stopped (1)'))],
    [
      'aggregate of addresses',
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'connect'),
    ],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(mapError(error)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      unexpected: false,
      databaseUnavailable: true,
    });
    expect(mapError(error).retryAfterSeconds).toBeGreaterThan(0);
  });

  it.each([
    ['unique violation', queryFailed(withCode('duplicate key', '23505'))],
    ['syntax error', queryFailed(withCode('syntax error', '42601'))],
    ['plain bug', new TypeError('x is undefined')],
  ])('leaves %s alone', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(mapError(error).code).not.toBe('SERVICE_UNAVAILABLE');
  });
});

describe('isDatabaseBusy', () => {
  it.each([
    ['serialization failure', queryFailed(withCode('could not serialize access', '40001'))],
    ['deadlock', queryFailed(withCode('deadlock detected', '40P01'))],
    ['lock timeout', queryFailed(withCode('canceling statement due to lock timeout', '55P03'))],
    [
      'statement timeout',
      queryFailed(withCode('canceling statement due to statement timeout', '57014')),
    ],
  ])('answers 503 with a short retry to %s, not INTERNAL_ERROR', (_name, error) => {
    expect(isDatabaseBusy(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(mapError(error)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      unexpected: false,
      databaseBusy: true,
      retryAfterSeconds: 1,
    });
  });

  it.each([
    ['unique violation', queryFailed(withCode('duplicate key', '23505'))],
    ['plain bug', new TypeError('x is undefined')],
  ])('leaves %s alone', (_name, error) => {
    expect(isDatabaseBusy(error)).toBe(false);
    expect(mapError(error).code).toBe('INTERNAL_ERROR');
  });
});

describe('DatabaseOutageLog', () => {
  it('is down from the first refusal until it recovers, once', () => {
    const log = new DatabaseOutageLog();
    expect(log.isDown).toBe(false);
    for (let i = 0; i < 100; i += 1) log.refused(new Error('Connection terminated'));
    expect(log.isDown).toBe(true);
    log.recovered();
    expect(log.isDown).toBe(false);
  });
});
