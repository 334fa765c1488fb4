import { describe, expect, it } from '@jest/globals';
import {
  addMonths,
  daysBetween,
  evaluationState,
  nextEvaluationDate,
  overdueEvaluations,
  planToday,
  zrmPromptAtEvaluation,
} from './evaluation';
import { diffPlans, emptyPlanSnapshot, PLAN_FIELD_LABELS } from './diff';
import {
  DEFAULT_COST_CATEGORY,
  itemDraftFromDecision,
  PLAN_ITEM_TYPES,
  type PlanSnapshot,
} from './plan';
import { DECISION_TYPES } from '../meeting/decisions';

const clockAt = (iso: string) => ({ now: () => new Date(iso) });

describe('evaluation dates (injected clock)', () => {
  it('reads today in the Netherlands, not in UTC', () => {
    expect(planToday(clockAt('2026-03-01T22:30:00Z'))).toBe('2026-03-01');
    expect(planToday(clockAt('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    // Summer time: UTC+2.
    expect(planToday(clockAt('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
  });

  it('adds calendar months, clamping to the end of the month', () => {
    expect(addMonths('2026-03-02', 6)).toBe('2026-09-02');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(() => addMonths('2026-2-1', 1)).toThrow(RangeError);
  });

  it('uses the review cycle of the variant: light 6, heavy 3 months', () => {
    expect(nextEvaluationDate('licht', '2026-03-02')).toBe('2026-09-02');
    expect(nextEvaluationDate('zwaar', '2026-03-02')).toBe('2026-06-02');
  });

  it('is overdue from the day after the date, "soon" within two weeks', () => {
    const today = planToday(clockAt('2026-06-03T08:00:00Z'));
    expect(evaluationState('2026-06-02', today)).toBe('te-laat');
    expect(evaluationState('2026-06-03', today)).toBe('binnenkort');
    expect(evaluationState('2026-06-17', today)).toBe('binnenkort');
    expect(evaluationState('2026-06-18', today)).toBe('gepland');
    expect(evaluationState(null, today)).toBe('geen-datum');
    expect(daysBetween('2026-06-01', '2026-06-03')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the DST change
  });

  it('lists overdue plans and open goals, most overdue first; reached goals are not evaluated', () => {
    const plans = [
      {
        planId: 'p1',
        householdId: 'h1',
        casusregisseurId: 'u1',
        evaluationDate: '2026-06-01',
        goals: [
          {
            id: 'g1',
            text: 'Schulden',
            zrmDomain: 'financien',
            status: 'open' as const,
            evaluationDate: '2026-05-01',
          },
          {
            id: 'g2',
            text: 'Werk',
            zrmDomain: 'werk-en-opleiding',
            status: 'behaald' as const,
            evaluationDate: '2026-04-01',
          },
          {
            id: 'g3',
            text: 'Wonen',
            zrmDomain: 'huisvesting',
            status: 'open' as const,
            evaluationDate: '2026-07-01',
          },
        ],
      },
      {
        planId: 'p2',
        householdId: 'h2',
        casusregisseurId: null,
        evaluationDate: '2026-06-10',
        goals: [],
      },
    ];
    const today = planToday(clockAt('2026-06-11T10:00:00Z'));
    expect(
      overdueEvaluations(plans, today).map((o) => [o.kind, o.planId, o.goalId, o.daysOverdue]),
    ).toEqual([
      ['doel', 'p1', 'g1', 41],
      ['plan', 'p1', null, 10],
      ['plan', 'p2', null, 1],
    ]);
    expect(overdueEvaluations(plans, '2026-04-30')).toEqual([]);
  });

  it('prompts for a new ZRM when none exists or the latest is older than 30 days', () => {
    expect(zrmPromptAtEvaluation(null, '2026-06-01')).toBe(true);
    expect(zrmPromptAtEvaluation('2026-05-02', '2026-06-01')).toBe(false);
    expect(zrmPromptAtEvaluation('2026-05-01', '2026-06-01')).toBe(true);
  });
});

describe('from decision to plan item', () => {
  it('maps every decision type to an item type with its usual cost category', () => {
    for (const type of DECISION_TYPES) {
      const draft = itemDraftFromDecision({ type, text: 'Iets afgesproken' });
      expect(PLAN_ITEM_TYPES).toContain(draft.type);
      expect(draft.costCategory).toBe(DEFAULT_COST_CATEGORY[draft.type]);
    }
    expect(
      itemDraftFromDecision({ type: 'maatwerkvoorziening', text: 'Begeleiding\nmeer tekst' }),
    ).toEqual({
      type: 'maatwerk-wmo',
      title: 'Begeleiding',
      costCategory: '6.71',
    });
    expect(itemDraftFromDecision({ type: 'overig', text: 'x'.repeat(300) }).title).toHaveLength(
      200,
    );
  });
});

describe('diff between versions', () => {
  const item = (id: string, overrides: Record<string, unknown> = {}) => ({
    id,
    goalId: null,
    type: 'netwerk' as const,
    title: `Inzet ${id}`,
    owner: 'Tante',
    startDate: null,
    endDate: null,
    status: 'gepland' as const,
    costCents: null,
    costCategory: null,
    source: { kind: 'handmatig' as const, decisionId: null, meetingId: null, agendaItemId: null },
    ...overrides,
  });
  const base: PlanSnapshot = {
    ...emptyPlanSnapshot(),
    casusregisseur: { id: 'u1', displayName: 'Anna' },
    krachten: 'Betrokken moeder',
    goals: [
      {
        id: 'g1',
        zrmDomain: 'financien',
        text: 'Betaalplan',
        evaluationDate: null,
        status: 'open',
      },
    ],
    items: [item('a'), item('b')],
  };

  it('names changed plan fields, added, removed and changed goals and items', () => {
    const next: PlanSnapshot = {
      ...base,
      variant: 'zwaar',
      casusregisseur: { id: 'u2', displayName: 'Alice' },
      krachten: 'Betrokken moeder en tante',
      goals: [],
      items: [item('a', { status: 'lopend', costCents: 1250 }), item('c')],
    };
    const d = diffPlans(base, next);
    expect(d.same).toBe(false);
    expect(d.plan).toEqual([
      { field: 'variant', before: 'licht', after: 'zwaar' },
      { field: 'casusregisseur', before: 'Anna', after: 'Alice' },
      { field: 'krachten', before: 'Betrokken moeder', after: 'Betrokken moeder en tante' },
    ]);
    expect(d.goals).toEqual([
      expect.objectContaining({ change: 'verwijderd', id: 'g1', label: 'Betaalplan' }),
    ]);
    expect(d.items.map((i) => [i.change, i.id])).toEqual([
      ['gewijzigd', 'a'],
      ['toegevoegd', 'c'],
      ['verwijderd', 'b'],
    ]);
    expect(d.items[0]?.fields).toEqual([
      { field: 'status', before: 'gepland', after: 'lopend' },
      { field: 'costCents', before: null, after: 1250 },
    ]);
    for (const change of [...d.plan, ...d.items.flatMap((i) => i.fields)])
      expect(PLAN_FIELD_LABELS[change.field]).toBeTruthy();
  });

  it('finds nothing between a version and itself', () => {
    expect(diffPlans(base, structuredClone(base))).toEqual({
      plan: [],
      goals: [],
      items: [],
      same: true,
    });
  });

  it('shows a changed source (a hand-made item linked to a decision later)', () => {
    const linked = {
      ...base,
      items: [
        item('a', {
          source: { kind: 'besluit', decisionId: 'd1', meetingId: 'm1', agendaItemId: 'i1' },
        }),
        item('b'),
      ],
    };
    expect(diffPlans(base, linked).items[0]?.fields).toEqual([
      { field: 'source', before: 'handmatig', after: 'besluit d1' },
    ]);
  });
});
