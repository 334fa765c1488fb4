import { describe, expect, it } from '@jest/globals';
import { daysBetweenDates, periodBuckets, quantile } from './stats';

describe('quantile', () => {
  it('interpolates like percentile_cont', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    // 10 values 1..10: position 0.9·9 = 8.1 → 9 + 0.1·(10 − 9)
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
  });
});

describe('periodBuckets', () => {
  it('lists months and quarters of [from, to)', () => {
    expect(periodBuckets('2026-01-01', '2026-04-01', 'month')).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(periodBuckets('2025-11-15', '2026-05-01', 'quarter')).toEqual([
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
    ]);
    expect(periodBuckets('2026-01-01', '2026-01-01', 'month')).toEqual([]);
  });
  it('counts days between dates', () => {
    expect(daysBetweenDates('2026-03-01', '2026-04-01')).toBe(31);
  });
});
