import { describe, expect, it } from '@jest/globals';
import { phaseMinutes, spentMinutes, timeSpent } from './time-spent';

const MIN = 60_000;
const kinds = { a: 'casusbespreking', b: 'mededeling', c: 'casusbespreking' } as const;

describe('timeSpent', () => {
  it('splits a case item over its phases and stops at finish, skip or the next start', () => {
    const spent = timeSpent(
      [
        { type: 'agenda:item-started', payload: { itemId: 'a' }, at: 0 },
        { type: 'timer:paused', payload: { itemId: 'a' }, at: 2 * MIN },
        {
          type: 'phase:changed',
          payload: { itemId: 'a', from: 'inbreng', to: 'vraagverheldering' },
          at: 3 * MIN,
        },
        {
          type: 'phase:changed',
          payload: { itemId: 'a', from: 'vraagverheldering', to: 'besluit' },
          at: 10 * MIN,
        },
        {
          type: 'agenda:item-started',
          payload: { itemId: 'b', previousItemId: 'a' },
          at: 12 * MIN,
        },
        { type: 'agenda:item-finished', payload: { itemId: 'b' }, at: 17 * MIN },
        { type: 'agenda:item-started', payload: { itemId: 'c' }, at: 20 * MIN },
        { type: 'agenda:item-skipped', payload: { itemId: 'c' }, at: 21 * MIN },
      ],
      kinds,
      60 * MIN,
    );
    expect(spent).toEqual({
      a: {
        ms: 12 * MIN,
        phases: { inbreng: 3 * MIN, vraagverheldering: 7 * MIN, besluit: 2 * MIN },
      },
      b: { ms: 5 * MIN, phases: {} },
      c: { ms: 1 * MIN, phases: { inbreng: 1 * MIN } },
    });
  });

  it('adds a case item taken up again to what it had, in the phase it was left in', () => {
    const spent = timeSpent(
      [
        { type: 'agenda:item-started', payload: { itemId: 'a' }, at: 0 },
        { type: 'phase:changed', payload: { itemId: 'a', to: 'ordening' }, at: MIN },
        { type: 'agenda:item-skipped', payload: { itemId: 'a' }, at: 2 * MIN },
        { type: 'agenda:item-started', payload: { itemId: 'a' }, at: 5 * MIN },
        // Still current at the end: counts until then.
      ],
      kinds,
      9 * MIN,
    );
    expect(spent['a']).toEqual({ ms: 6 * MIN, phases: { inbreng: MIN, ordening: 5 * MIN } });
  });

  it('ignores a phase change of an item that is not current', () => {
    const spent = timeSpent(
      [{ type: 'phase:changed', payload: { itemId: 'a', to: 'ordening' }, at: MIN }],
      kinds,
      2 * MIN,
    );
    expect(spent).toEqual({});
  });
});

describe('spentMinutes and phaseMinutes', () => {
  it('rounds to whole minutes, at least one for any time, in phase order', () => {
    expect(spentMinutes(0)).toBe(0);
    expect(spentMinutes(10_000)).toBe(1);
    expect(spentMinutes(150_000)).toBe(3);
    expect(phaseMinutes({ besluit: 60_000, inbreng: 120_000, ordening: 0 })).toEqual([
      { phase: 'inbreng', minutes: 2 },
      { phase: 'besluit', minutes: 1 },
    ]);
    expect(phaseMinutes(undefined)).toEqual([]);
  });
});
