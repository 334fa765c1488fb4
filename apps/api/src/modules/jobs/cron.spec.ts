import { describe, expect, it } from '@jest/globals';
import { CronError, nextCronRun } from './cron';

const next = (expr: string, after: string) => nextCronRun(expr, new Date(after)).toISOString();

describe('nextCronRun', () => {
  it('runs every minute strictly after the given time', () => {
    expect(next('* * * * *', '2026-03-02T09:00:00.000Z')).toBe('2026-03-02T09:01:00.000Z');
    expect(next('* * * * *', '2026-03-02T09:00:30.000Z')).toBe('2026-03-02T09:01:00.000Z');
  });

  it('handles steps, ranges and lists', () => {
    expect(next('*/15 * * * *', '2026-03-02T09:01:00Z')).toBe('2026-03-02T09:15:00.000Z');
    expect(next('0 6,18 * * *', '2026-03-02T07:00:00Z')).toBe('2026-03-02T18:00:00.000Z');
    expect(next('30 8-9/1 * * *', '2026-03-02T09:30:00Z')).toBe('2026-03-03T08:30:00.000Z');
  });

  it('crosses months and years, and honours days of week (0 and 7 are Sunday)', () => {
    expect(next('0 0 1 * *', '2026-12-15T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('0 9 * * 7', '2026-03-02T00:00:00Z')).toBe('2026-03-08T09:00:00.000Z');
    expect(next('0 9 * * 1-5', '2026-03-06T10:00:00Z')).toBe('2026-03-09T09:00:00.000Z');
  });

  it('runs on either restricted day field, as classic cron does', () => {
    // The 10th (a Tuesday) or any Friday: Friday the 6th comes first.
    expect(next('0 0 10 * 5', '2026-03-02T00:00:00Z')).toBe('2026-03-06T00:00:00.000Z');
  });

  it.each(['* * * *', '60 * * * *', '* 24 * * *', '* * 0 * *', 'x * * * *', '*/0 * * * *'])(
    'refuses %s',
    (expr) => {
      expect(() => nextCronRun(expr, new Date())).toThrow(CronError);
    },
  );

  it('refuses an expression that never matches', () => {
    expect(() => nextCronRun('0 0 31 2 *', new Date('2026-01-01T00:00:00Z'))).toThrow(CronError);
  });
});
