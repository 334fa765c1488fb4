import { describe, expect, it } from '@jest/globals';
import {
  agendaItemSchema,
  agendaSchema,
  carryForward,
  checkCasePreparation,
  moveDown,
  moveUp,
  normaliseOrder,
  overrun,
  plannedSchedule,
  reorder,
  totalPlannedMinutes,
  type AgendaItem,
  type AgendaItemInput,
} from './agenda';

function item(overrides: Partial<AgendaItemInput> & { id: string; order: number }): AgendaItem {
  return agendaItemSchema.parse({
    kind: 'overig',
    presenterUserId: 'u-chair',
    timeBoxMinutes: 10,
    ...overrides,
  });
}

const caseItem = (id: string, order: number, overrides: Partial<AgendaItemInput> = {}) =>
  item({
    id,
    order,
    kind: 'casusbespreking',
    preparationId: `prep-${id}`,
    timeBoxMinutes: 20,
    ...overrides,
  });

function issues(
  input: unknown,
  schema: typeof agendaItemSchema | typeof agendaSchema = agendaItemSchema,
) {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
}

const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);

describe('agendaItemSchema', () => {
  const base = { id: 'a', kind: 'mededeling', presenterUserId: 'u1', timeBoxMinutes: 5, order: 0 };

  it('fills the defaults', () => {
    expect(agendaItemSchema.parse(base)).toEqual({
      ...base,
      title: '',
      status: 'gepland',
      preparationId: null,
      carriedFromItemId: null,
    });
  });

  it('bounds the time box to 1–120 whole minutes', () => {
    expect(issues({ ...base, timeBoxMinutes: 0 })).toHaveLength(1);
    expect(issues({ ...base, timeBoxMinutes: 121 })).toHaveLength(1);
    expect(issues({ ...base, timeBoxMinutes: 2.5 })).toHaveLength(1);
    expect(issues({ ...base, timeBoxMinutes: 1 })).toEqual([]);
    expect(issues({ ...base, timeBoxMinutes: 120 })).toEqual([]);
  });

  it('requires a preparation for a case item, and only for a case item', () => {
    expect(issues({ ...base, kind: 'casusbespreking' })).toEqual([
      'preparationId:required-for-case-item',
    ]);
    expect(issues({ ...base, kind: 'casusbespreking', preparationId: 'p1' })).toEqual([]);
    expect(issues({ ...base, preparationId: 'p1' })).toEqual(['preparationId:only-for-case-item']);
  });

  it('refuses unknown kinds, statuses, bad ids and long titles', () => {
    expect(issues({ ...base, kind: 'intervisie' })).toHaveLength(1);
    expect(issues({ ...base, status: 'klaar' })).toHaveLength(1);
    expect(issues({ ...base, id: 'a b' })).toEqual(['id:invalid-id']);
    expect(issues({ ...base, presenterUserId: 'x'.repeat(65) })).toHaveLength(1);
    expect(issues({ ...base, title: 'x'.repeat(201) })).toEqual(['title:too-long']);
  });
});

describe('agendaSchema', () => {
  it('refuses duplicate ids and orders and a second follow-up item', () => {
    const a = {
      id: 'a',
      kind: 'opvolging-acties',
      presenterUserId: 'u',
      timeBoxMinutes: 5,
      order: 0,
    };
    expect(issues([a, { ...a, order: 1 }], agendaSchema)).toEqual([
      '1.id:duplicate',
      ':more-than-one-follow-up-item',
    ]);
    expect(issues([a, { ...a, id: 'b', kind: 'overig' }], agendaSchema)).toEqual([
      '1.order:duplicate',
    ]);
    expect(issues([a, { ...a, id: 'b', kind: 'overig', order: 1 }], agendaSchema)).toEqual([]);
  });

  it('holds at most 50 items', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({
      id: `i${i}`,
      kind: 'overig',
      presenterUserId: 'u',
      timeBoxMinutes: 1,
      order: i,
    }));
    expect(issues(many, agendaSchema).length).toBeGreaterThan(0);
    expect(issues(many.slice(0, 50), agendaSchema)).toEqual([]);
  });
});

describe('checkCasePreparation', () => {
  const statuses: Record<string, 'draft' | 'ready'> = { p1: 'ready', p2: 'draft' };
  const lookup = (id: string) => statuses[id];

  it('accepts only an existing, ready preparation for a case item', () => {
    expect(checkCasePreparation({ kind: 'casusbespreking', preparationId: 'p1' }, lookup)).toEqual({
      ok: true,
    });
    expect(checkCasePreparation({ kind: 'casusbespreking', preparationId: 'p2' }, lookup)).toEqual({
      ok: false,
      error: 'preparation-not-ready',
    });
    expect(checkCasePreparation({ kind: 'casusbespreking', preparationId: 'p9' }, lookup)).toEqual({
      ok: false,
      error: 'preparation-not-found',
    });
    expect(checkCasePreparation({ kind: 'casusbespreking', preparationId: null }, lookup)).toEqual({
      ok: false,
      error: 'preparation-required',
    });
    expect(checkCasePreparation({ kind: 'mededeling', preparationId: null }, lookup)).toEqual({
      ok: true,
    });
  });
});

describe('reorder, moveUp, moveDown', () => {
  // Deliberately unsorted input with gaps in `order`.
  const items = [
    item({ id: 'c', order: 7 }),
    item({ id: 'a', order: 1 }),
    item({ id: 'b', order: 4 }),
  ];

  it('moves an item to an index and renumbers 0…n-1 without changing the input', () => {
    const result = reorder(items, 'a', 2);
    expect(result.ok && result.items.map((i) => [i.id, i.order])).toEqual([
      ['b', 0],
      ['c', 1],
      ['a', 2],
    ]);
    expect(items.map((i) => i.order)).toEqual([7, 1, 4]);
    const toTop = reorder(items, 'c', 0);
    expect(toTop.ok && ids(toTop.items)).toEqual(['c', 'a', 'b']);
    const same = reorder(items, 'b', 1);
    expect(same.ok && ids(same.items)).toEqual(['a', 'b', 'c']);
  });

  it('refuses unknown items and indexes outside the list', () => {
    expect(reorder(items, 'x', 0)).toEqual({ ok: false, error: 'item-not-found' });
    expect(reorder(items, 'a', 3)).toEqual({ ok: false, error: 'index-out-of-range' });
    expect(reorder(items, 'a', -1)).toEqual({ ok: false, error: 'index-out-of-range' });
    expect(reorder(items, 'a', 1.5)).toEqual({ ok: false, error: 'index-out-of-range' });
  });

  it('moves one place with the keyboard and stops at the ends', () => {
    const up = moveUp(items, 'b');
    expect(up.ok && ids(up.items)).toEqual(['b', 'a', 'c']);
    const down = moveDown(items, 'b');
    expect(down.ok && ids(down.items)).toEqual(['a', 'c', 'b']);
    expect(moveUp(items, 'a')).toEqual({ ok: false, error: 'already-first' });
    expect(moveDown(items, 'c')).toEqual({ ok: false, error: 'already-last' });
    expect(moveUp(items, 'x')).toEqual({ ok: false, error: 'item-not-found' });
    expect(moveDown(items, 'x')).toEqual({ ok: false, error: 'item-not-found' });
  });

  it('normalises order', () => {
    expect(normaliseOrder(items).map((i) => [i.id, i.order])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });
});

describe('plannedSchedule, totalPlannedMinutes, overrun', () => {
  const start = new Date('2026-03-31T07:30:00Z');
  const items = [
    item({ id: 'f', order: 0, kind: 'opvolging-acties', timeBoxMinutes: 10 }),
    caseItem('c1', 2, { timeBoxMinutes: 25 }),
    item({ id: 'm', order: 1, kind: 'mededeling', timeBoxMinutes: 5 }),
    caseItem('c2', 3, { timeBoxMinutes: 30, status: 'overgeslagen' }),
    caseItem('c3', 4, { timeBoxMinutes: 40 }),
  ];

  it('lays the items back to back in order, skipping skipped items', () => {
    expect(
      plannedSchedule(start, items).map((s) => [
        s.itemId,
        s.start.toISOString(),
        s.end.toISOString(),
      ]),
    ).toEqual([
      ['f', '2026-03-31T07:30:00.000Z', '2026-03-31T07:40:00.000Z'],
      ['m', '2026-03-31T07:40:00.000Z', '2026-03-31T07:45:00.000Z'],
      ['c1', '2026-03-31T07:45:00.000Z', '2026-03-31T08:10:00.000Z'],
      ['c3', '2026-03-31T08:10:00.000Z', '2026-03-31T08:50:00.000Z'],
    ]);
    expect(plannedSchedule(start, [])).toEqual([]);
  });

  it('sums the time boxes of the items that take time', () => {
    expect(totalPlannedMinutes(items)).toBe(80);
    expect(totalPlannedMinutes([])).toBe(0);
  });

  it('reports how far the plan runs over the slot', () => {
    const end60 = new Date(start.getTime() + 60 * 60_000);
    expect(overrun({ start, end: end60, items })).toEqual({
      plannedMinutes: 80,
      availableMinutes: 60,
      overrunMinutes: 20,
      plannedEnd: new Date('2026-03-31T08:50:00Z'),
    });
    const end90 = new Date(start.getTime() + 90 * 60_000);
    expect(overrun({ start, end: end90, items }).overrunMinutes).toBe(0);
    const end80 = new Date(start.getTime() + 80 * 60_000);
    expect(overrun({ start, end: end80, items }).overrunMinutes).toBe(0);
  });
});

describe('carryForward', () => {
  it('puts a fresh follow-up item first, then the undiscussed case items in order', () => {
    let n = 0;
    const newId = () => `new-${++n}`;
    const items = [
      item({ id: 'f', order: 0, kind: 'opvolging-acties', status: 'besproken' }),
      caseItem('c1', 1, { status: 'besproken' }),
      caseItem('c4', 5, { status: 'gepland', presenterUserId: 'u4', title: 'Gezin B' }),
      caseItem('c2', 2, { status: 'overgeslagen', presenterUserId: 'u2', timeBoxMinutes: 30 }),
      item({ id: 'm', order: 3, kind: 'mededeling', status: 'gepland' }),
      caseItem('c3', 4, { status: 'actief' }),
    ];
    const next = carryForward(items, { newId, followUpPresenterUserId: 'u-chair' });
    expect(next).toEqual([
      {
        id: 'new-1',
        kind: 'opvolging-acties',
        title: '',
        presenterUserId: 'u-chair',
        timeBoxMinutes: 10,
        order: 0,
        status: 'gepland',
        preparationId: null,
        carriedFromItemId: null,
      },
      {
        id: 'new-2',
        kind: 'casusbespreking',
        title: '',
        presenterUserId: 'u2',
        timeBoxMinutes: 30,
        order: 1,
        status: 'gepland',
        preparationId: 'prep-c2',
        carriedFromItemId: 'c2',
      },
      expect.objectContaining({
        id: 'new-3',
        order: 2,
        preparationId: 'prep-c3',
        carriedFromItemId: 'c3',
        status: 'gepland',
      }),
      expect.objectContaining({
        id: 'new-4',
        order: 3,
        preparationId: 'prep-c4',
        title: 'Gezin B',
        presenterUserId: 'u4',
      }),
    ]);
    expect(agendaSchema.safeParse(next).success).toBe(true);
  });

  it('gives only a follow-up item when every case was discussed', () => {
    const next = carryForward([caseItem('c1', 0, { status: 'besproken' })], {
      newId: () => 'x',
      followUpPresenterUserId: 'u',
      followUpTimeBoxMinutes: 15,
    });
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ kind: 'opvolging-acties', timeBoxMinutes: 15 });
  });
});
