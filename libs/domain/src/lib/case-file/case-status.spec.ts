import { describe, expect, it } from '@jest/globals';
import {
  allowedTransitions,
  CASE_STATUSES,
  currentStatus,
  leadTimes,
  transition,
  type CaseStatus,
  type CaseStatusChange,
} from './case-status';

const day = (n: number, hour = 9) => new Date(Date.UTC(2026, 0, 1 + n, hour));

function walk(...steps: [CaseStatus, Date][]): CaseStatusChange[] {
  let history: CaseStatusChange[] = [];
  for (const [to, at] of steps) {
    const result = transition(history, to, at);
    if (!result.ok) throw new Error(`${to}: ${result.error}`);
    history = result.history;
  }
  return history;
}

describe('transition', () => {
  it('starts with aanmelding and records the date of every transition', () => {
    expect(transition([], 'plan', day(0))).toEqual({
      ok: false,
      error: 'must-start-with-aanmelding',
    });
    const history = walk(['aanmelding', day(0)], ['vraagverheldering', day(3)], ['plan', day(10)]);
    expect(history).toEqual([
      { status: 'aanmelding', at: day(0).toISOString() },
      { status: 'vraagverheldering', at: day(3).toISOString() },
      { status: 'plan', at: day(10).toISOString() },
    ]);
    expect(currentStatus(history)).toBe('plan');
    expect(currentStatus([])).toBeNull();
  });

  it('allows exactly: one step forward, back from evaluatie, close from anywhere, reopen to vraagverheldering', () => {
    const allowed = Object.fromEntries(
      CASE_STATUSES.map((s) => [s, [...allowedTransitions(s)].sort()]),
    );
    expect(allowed).toEqual({
      aanmelding: ['afgesloten', 'vraagverheldering'],
      vraagverheldering: ['afgesloten', 'plan'],
      plan: ['afgesloten', 'uitvoering'],
      uitvoering: ['afgesloten', 'evaluatie'],
      evaluatie: ['afgesloten', 'plan', 'uitvoering'],
      afgesloten: ['vraagverheldering'],
    });
  });

  it('refuses skipping, going back outside evaluatie, reopening to another status and repeating', () => {
    const start = walk(['aanmelding', day(0)]);
    expect(transition(start, 'plan', day(1))).toEqual({ ok: false, error: 'not-allowed' });
    expect(transition(start, 'aanmelding', day(1))).toEqual({ ok: false, error: 'not-allowed' });
    const inPlan = walk(['aanmelding', day(0)], ['vraagverheldering', day(1)], ['plan', day(2)]);
    expect(transition(inPlan, 'vraagverheldering', day(3))).toEqual({
      ok: false,
      error: 'not-allowed',
    });
    const closed = walk(['aanmelding', day(0)], ['afgesloten', day(1)]);
    expect(transition(closed, 'aanmelding', day(2))).toEqual({ ok: false, error: 'not-allowed' });
    expect(transition(closed, 'plan', day(2))).toEqual({ ok: false, error: 'not-allowed' });
    expect(transition(closed, 'vraagverheldering', day(2)).ok).toBe(true);
  });

  it('refuses a date before the previous transition but allows the same moment', () => {
    const start = walk(['aanmelding', day(5)]);
    expect(transition(start, 'vraagverheldering', day(4))).toEqual({
      ok: false,
      error: 'not-chronological',
    });
    expect(transition(start, 'vraagverheldering', day(5)).ok).toBe(true);
  });

  it('does not change the input history', () => {
    const start = walk(['aanmelding', day(0)]);
    transition(start, 'vraagverheldering', day(1));
    expect(start).toHaveLength(1);
  });
});

describe('leadTimes', () => {
  it('measures aanmelding → first plan and aanmelding → closure in whole days', () => {
    const history = walk(
      ['aanmelding', day(0, 9)],
      ['vraagverheldering', day(2)],
      ['plan', day(14, 8)], // 13 days 23 hours → 13
      ['uitvoering', day(20)],
      ['evaluatie', day(100)],
      ['plan', day(101)],
      ['uitvoering', day(110)],
      ['evaluatie', day(200)],
      ['afgesloten', day(201)],
    );
    expect(leadTimes(history)).toEqual({
      aanmeldingToPlan: 13,
      aanmeldingToAfgesloten: 201,
      reopened: 0,
    });
  });

  it('has no closure time while open, also after reopening, and counts reopenings', () => {
    const reopened = walk(
      ['aanmelding', day(0)],
      ['afgesloten', day(30)],
      ['vraagverheldering', day(60)],
    );
    expect(leadTimes(reopened)).toEqual({
      aanmeldingToPlan: null,
      aanmeldingToAfgesloten: null,
      reopened: 1,
    });
    const reclosed = walk(
      ['aanmelding', day(0)],
      ['afgesloten', day(30)],
      ['vraagverheldering', day(60)],
      ['plan', day(70)],
      ['afgesloten', day(90)],
    );
    expect(leadTimes(reclosed)).toEqual({
      aanmeldingToPlan: 70,
      aanmeldingToAfgesloten: 90,
      reopened: 1,
    });
  });

  it('returns nothing for an empty or malformed history', () => {
    expect(leadTimes([])).toEqual({
      aanmeldingToPlan: null,
      aanmeldingToAfgesloten: null,
      reopened: 0,
    });
    expect(leadTimes([{ status: 'plan', at: day(0).toISOString() }]).aanmeldingToPlan).toBeNull();
  });
});
