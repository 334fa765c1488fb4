import { describe, expect, it } from '@jest/globals';
import { measureOver, shareOf, suppressCounts, sumShown } from './suppression';

describe('suppressCounts', () => {
  it('hides counts of 1 … k−1 but shows 0 and counts of k or more', () => {
    const t = suppressCounts(
      {
        columns: ['a', 'b', 'c', 'd'],
        rows: [{ key: 'r', values: [0, 4, 5, 12], distinctTotal: 21 }],
        columnTotals: false,
      },
      5,
    );
    expect(t.rows[0]?.values).toEqual([0, null, 5, 12]);
    expect(t.rows[0]?.total).toBe(21);
  });

  it('hides a second cell of a row with a total, so the first cannot be subtracted back', () => {
    // 3 + 9 + 20 = 32: with only the 3 hidden, 32 − 9 − 20 gives it away.
    const t = suppressCounts(
      { columns: ['a', 'b', 'c'], rows: [{ key: 'r', values: [3, 9, 20] }], columnTotals: false },
      5,
    );
    expect(t.rows[0]).toEqual({ key: 'r', values: [null, null, 20], total: 32 });
    expect(t.hidden).toBe(2);
  });

  it('hides the total when no other non-zero cell is left to hide', () => {
    const t = suppressCounts(
      { columns: ['a', 'b'], rows: [{ key: 'r', values: [2, 0] }], columnTotals: false },
      5,
    );
    expect(t.rows[0]).toEqual({ key: 'r', values: [null, 0], total: null });
  });

  it('protects rows and columns of a two-way table with margins', () => {
    //        m1  m2  | total
    // x       2   8  |  10
    // y       7   6  |  13
    // total   9  14  |  23
    const t = suppressCounts(
      {
        columns: ['m1', 'm2'],
        rows: [
          { key: 'x', values: [2, 8] },
          { key: 'y', values: [7, 6] },
        ],
        columnTotals: true,
      },
      5,
    );
    // 2 hidden; row x hides 8; column m1 hides 7; column m2 (8 hidden) hides 6: all four cells.
    expect(t.rows.map((r) => r.values)).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(t.rows.map((r) => r.total)).toEqual([10, 13]);
    expect(t.totals).toEqual([9, 14]);
    expect(t.total).toBe(23);
    // No line (row or column with its total) has exactly one hidden entry.
    for (const row of t.rows) expect(row.values.filter((v) => v === null).length).not.toBe(1);
  });

  it('leaves counts that are not about people alone', () => {
    const t = suppressCounts(
      {
        columns: ['a'],
        rows: [{ key: 'meetings', values: [2], sensitive: false }],
        columnTotals: false,
      },
      5,
    );
    expect(t.rows[0]?.values).toEqual([2]);
  });

  it('uses the configured k', () => {
    const t = suppressCounts(
      { columns: ['a', 'b'], rows: [{ key: 'r', values: [9, 12] }], columnTotals: false },
      10,
    );
    expect(t.rows[0]?.values).toEqual([null, null]);
    expect(t.rows[0]?.total).toBe(21);
  });
});

describe('derived figures', () => {
  it('hides a measure over fewer than k cases', () => {
    expect(measureOver(12.5, 4, 5)).toBeNull();
    expect(measureOver(12.5, 5, 5)).toBe(12.5);
  });
  it('sums and shares only shown values', () => {
    expect(sumShown([5, 7])).toBe(12);
    expect(sumShown([5, null])).toBeNull();
    expect(shareOf(5, 20)).toBe(25);
    expect(shareOf(null, 20)).toBeNull();
    expect(shareOf(3, 0)).toBeNull();
  });
});
