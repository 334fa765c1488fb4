import { describe, expect, it } from '@jest/globals';
import { type InsightRaw, buildInsightDashboard, insightHeadline } from './dashboard';

const raw: InsightRaw = {
  buckets: ['2026-01', '2026-02'],
  statusAtEnd: { aanmelding: 2, plan: 6, uitvoering: 9, afgesloten: 12 },
  newCases: { '2026-01': 6, '2026-02': 7 },
  closedCases: { '2026-01': 5, '2026-02': 0 },
  meetingsHeld: { '2026-01': 4, '2026-02': 3 },
  casesDiscussed: { '2026-01': 8, '2026-02': 6 },
  casesDiscussedTotal: 11,
  timeBox: { items: 10, usedMinutes: 185, plannedMinutes: 150, overTime: 4 },
  decisions: {
    'inzet-eigen-kracht-netwerk': { '2026-01': 6, '2026-02': 5 },
    'algemene-voorziening': { '2026-01': 5, '2026-02': 5 },
    maatwerkvoorziening: { '2026-01': 5, '2026-02': 6 },
    'verwijzing-1e-lijn': { '2026-01': 2 },
    'verwijzing-2e-lijn': { '2026-01': 7, '2026-02': 5 },
  },
  leadTimes: { 'eerste-bespreking': [3, 5, 8, 10, 14], plan: [20, 30], afsluiting: [] },
  // financien: changes 1, 1, 0, 2, −1, 1 (sum 4 over 6); werk: 0, 0.
  zrm: {
    financien: { improved: 4, same: 1, worse: 1, sumDelta: 4 },
    werk: { improved: 0, same: 2, worse: 0, sumDelta: 0 },
  },
  actions: { 'op-tijd': 9, 'te-laat': 6, 'open-verlopen': 5, open: 0, vervallen: 1 },
  plan: null,
  conferences: null,
};

describe('buildInsightDashboard', () => {
  const dashboard = buildInsightDashboard(raw, 5);
  const table = (id: string) => dashboard.find((i) => i.id === id)?.table;

  it('counts cases by status with the small cells hidden', () => {
    // 2 is hidden; the row adds up to 29, so the smallest other non-zero cell (6) goes too.
    expect(table('cases-by-status')?.rows[0]?.values).toEqual([null, 0, null, 9, 0, 12]);
    expect(table('cases-by-status')?.rows[0]?.total).toBe(29);
  });

  it('hides the 1e-lijn referrals and enough cells to keep them hidden', () => {
    const t = table('decisions-by-type');
    const row = (key: string) => t?.rows.find((r) => r.key === key);
    expect(row('verwijzing-1e-lijn')?.values).toEqual([null, 0]);
    // Row 1e lijn: 2 + 0 = 2 (hidden total); its column 2026-01 needs a second hidden cell:
    // the smallest non-zero other one is 5 (algemene voorziening, the first 5 in order).
    expect(row('algemene-voorziening')?.values[0]).toBeNull();
    for (const r of t?.rows ?? [])
      expect([...r.values, r.total].filter((v) => v === null).length).not.toBe(1);
  });

  it('derives the solution mix only from shown cells', () => {
    const mix = table('solution-mix');
    const informal = mix?.rows.find((r) => r.key === 'informeel');
    expect(informal?.values).toEqual([null, 10]);
    const share = table('informal-share')?.rows[0];
    // February: informal 10 of 10 + 6 + 0 + 5 = 21 → 47.6 %.
    expect(share?.values).toEqual([null, 47.6]);
  });

  it('computes median and P90 lead times, hidden under k cases', () => {
    const rows = table('lead-times')?.rows;
    expect(rows?.[0]?.values).toEqual([5, 8, 12.4]);
    expect(rows?.[1]?.values).toEqual([null, null, null]);
    expect(rows?.[2]?.values).toEqual([0, null, null]);
  });

  it('shows the time box per case', () => {
    expect(table('time-box')?.rows[0]?.values).toEqual([10, 18.5, 15, 40]);
  });

  it('shows ZRM change per domain, hiding domains with fewer than k cases', () => {
    const counts = table('zrm-change')?.rows;
    expect(counts?.[0]).toEqual({ key: 'financien', values: [null, null, null], total: 6 });
    expect(table('zrm-mean-change')?.rows[0]?.values).toEqual([0.7]);
    expect(table('zrm-mean-change')?.rows[1]?.values).toEqual([null]);
  });

  it('counts family conferences held and followed up, small cells hidden', () => {
    const withConferences = buildInsightDashboard(
      {
        ...raw,
        conferences: {
          held: { '2026-01': 6, '2026-02': 2 },
          followedUp: { '2026-01': 5 },
          notFollowedUp: { '2026-02': 1 },
        },
      },
      5,
    ).find((i) => i.id === 'family-conferences');
    expect(withConferences?.available).toBe(true);
    expect(withConferences?.table?.columns).toEqual(['2026-01', '2026-02']);
    // Held: 2 is hidden, and so the row total 8 stays (8 − 6 would give it away: 6 goes too).
    expect(withConferences?.table?.rows.map((r) => [r.key, r.values])).toEqual([
      ['gehouden', [null, null]],
      ['opgevolgd', [5, 0]],
      ['niet-opgevolgd', [0, null]],
    ]);
  });

  it('marks plan-based indicators and family conferences as not available', () => {
    for (const id of ['plan-mix', 'costs', 'evaluations', 'family-conferences']) {
      const i = dashboard.find((x) => x.id === id);
      expect(i?.available).toBe(false);
      expect(i?.table).toBeNull();
    }
  });

  it('hides a second action outcome next to the single small one', () => {
    expect(table('actions')?.rows[0]).toEqual({
      key: 'acties',
      values: [9, 6, null, 0, null],
      total: 21,
    });
  });

  it('gives the headline figures for the comparison', () => {
    expect(insightHeadline(dashboard)).toEqual({
      newCases: 13,
      casesDiscussed: 11,
      informalShare: null,
      medianDaysToPlan: null,
      actionsOnTimeShare: null,
      escalations: 0,
    });
  });
});

describe('buildInsightDashboard with the support plan', () => {
  const dashboard = buildInsightDashboard(
    {
      ...raw,
      plan: {
        itemsByType: {
          'eigen-kracht': { '2026-01': 3, '2026-02': 4 },
          netwerk: { '2026-01': 3, '2026-02': 2 },
          'maatwerk-wmo': { '2026-01': 5, '2026-02': 5 },
          'tweede-lijn': { '2026-02': 1 },
        },
        costsPerTrajectory: { '6.71': [10_000, 20_000, 30_000, 40_000, 150_000], '6.1': [5_000] },
        evaluations: { 'op-tijd': 6, 'te-laat': 2, verlopen: 0 },
        daysToAgreedPlan: [10, 20, 30, 40, 50, 60],
      },
    },
    5,
  );
  const table = (id: string) => dashboard.find((i) => i.id === id)?.table;

  it('groups plan items by sphere from shown cells only', () => {
    const t = table('plan-mix');
    // eigen kracht 3 and 4, netwerk 3 and 2 are all small: the informal group is hidden.
    expect(t?.rows.find((r) => r.key === 'informeel')?.values).toEqual([null, null]);
    expect(t?.rows.find((r) => r.key === 'maatwerk')?.values).toEqual([5, 5]);
  });

  it('gives costs per trajectory per taakveld, hidden under k trajectories', () => {
    const rows = table('costs')?.rows;
    // 6.1 sorts first; one trajectory: everything hidden.
    expect(rows?.[0]).toEqual({ key: '6.1', values: [null, null, null, null], total: null });
    // 6.71: five trajectories, € 2,500 in all, mean € 500, median € 300.
    expect(rows?.[1]).toEqual({ key: '6.71', values: [5, 2500, 500, 300], total: null });
  });

  it('counts evaluations on time and adds the lead time to an agreed plan', () => {
    // 2 late is hidden; the row adds up to 8, so the 6 goes too.
    expect(table('evaluations')?.rows[0]).toEqual({
      key: 'evaluaties',
      values: [null, null, 0],
      total: 8,
    });
    expect(table('lead-times')?.rows[3]).toEqual({
      key: 'ingestemd-plan',
      values: [6, 35, 55],
      total: null,
    });
  });
});
