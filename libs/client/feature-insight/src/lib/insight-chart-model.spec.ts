import { describe, expect, it } from '@jest/globals';
import type { InsightIndicatorView } from '@casustafel/contracts';
import { chartModel } from './insight-chart-model';

const word = (key: string) => key.toUpperCase();

describe('chartModel', () => {
  it('draws trends per row over the buckets, hidden values as gaps', () => {
    const indicator: InsightIndicatorView = {
      id: 'case-flow',
      source: 'case-status',
      available: true,
      table: {
        columns: ['2026-01', '2026-02'],
        units: ['count', 'count'],
        rows: [
          { key: 'nieuw', values: [7, 5], total: 12 },
          { key: 'afgesloten', values: [0, null], total: null },
        ],
        totals: null,
        total: null,
        hidden: 2,
      },
    };
    expect(chartModel(indicator, word)).toEqual({
      kind: 'bar',
      stacked: false,
      labels: ['2026-01', '2026-02'],
      series: [
        { label: 'NIEUW', values: [7, 5] },
        { label: 'AFGESLOTEN', values: [0, null] },
      ],
    });
  });

  it('draws measures per row and leaves the count column out', () => {
    const indicator: InsightIndicatorView = {
      id: 'lead-times',
      source: 'case-status',
      available: true,
      table: {
        columns: ['n', 'mediaan', 'p90'],
        units: ['count', 'days', 'days'],
        rows: [
          { key: 'plan', values: [6, 10, 12.5], total: null },
          { key: 'afsluiting', values: [null, null, null], total: null },
        ],
        totals: null,
        total: null,
        hidden: 3,
      },
    };
    const model = chartModel(indicator, word);
    expect(model?.labels).toEqual(['PLAN', 'AFSLUITING']);
    expect(model?.series).toEqual([
      { label: 'MEDIAAN', values: [10, null] },
      { label: 'P90', values: [12.5, null] },
    ]);
  });

  it('has no chart for mixed units or an unavailable indicator', () => {
    expect(
      chartModel(
        { id: 'family-conferences', source: 'family-conference', available: false, table: null },
        word,
      ),
    ).toBeNull();
  });
});
