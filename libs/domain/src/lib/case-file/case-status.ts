/**
 * Case status lifecycle: aanmelding → vraagverheldering → plan → uitvoering → evaluatie → afgesloten.
 *
 * Why these transitions (domain-research.md §3.4, §3.5):
 * - Forward one step at a time: the Richtlijn Samen beslissen over hulp runs clarify the question
 *   → analysis and goals → decide on help → carry it out → evaluate, and 1Gezin1Plan starts with
 *   aanmelding (phase 1). Skipping ahead would skip vraagverheldering or the plan.
 * - Back from evaluatie to plan (the plan is revised) or to uitvoering (the plan continues): the
 *   1G1P plan is evaluated periodically (light variant every 6–10 months), and an evaluation that
 *   does not close the case starts a new cycle.
 * - Close from any open status: a case can end early (client moves, withdraws, is referred on).
 * - Reopen only from afgesloten, to vraagverheldering: a returning question is clarified anew, but
 *   it is the same case, so the original aanmelding (and its lead time) is kept rather than
 *   registered again.
 */

export const CASE_STATUSES = [
  'aanmelding',
  'vraagverheldering',
  'plan',
  'uitvoering',
  'evaluatie',
  'afgesloten',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  aanmelding: ['vraagverheldering', 'afgesloten'],
  vraagverheldering: ['plan', 'afgesloten'],
  plan: ['uitvoering', 'afgesloten'],
  uitvoering: ['evaluatie', 'afgesloten'],
  evaluatie: ['plan', 'uitvoering', 'afgesloten'],
  afgesloten: ['vraagverheldering'],
};

export interface CaseStatusChange {
  status: CaseStatus;
  /** ISO 8601 instant of the transition. */
  at: string;
}

/** Chronological; the first entry is always `aanmelding`. */
export type CaseStatusHistory = readonly CaseStatusChange[];

export type CaseTransitionError =
  'not-allowed' | 'not-chronological' | 'must-start-with-aanmelding';

export type CaseTransitionResult =
  { ok: true; history: CaseStatusChange[] } | { ok: false; error: CaseTransitionError };

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[from];
}

export function currentStatus(history: CaseStatusHistory): CaseStatus | null {
  return history.at(-1)?.status ?? null;
}

/**
 * Appends a transition to `to` at `at`. An empty history only accepts `aanmelding`. The time may
 * equal but not precede the previous transition. The input history is not changed.
 */
export function transition(
  history: CaseStatusHistory,
  to: CaseStatus,
  at: Date,
): CaseTransitionResult {
  const last = history.at(-1);
  if (last === undefined) {
    return to === 'aanmelding'
      ? { ok: true, history: [{ status: to, at: at.toISOString() }] }
      : { ok: false, error: 'must-start-with-aanmelding' };
  }
  if (!TRANSITIONS[last.status].includes(to)) return { ok: false, error: 'not-allowed' };
  if (at.getTime() < Date.parse(last.at)) return { ok: false, error: 'not-chronological' };
  return { ok: true, history: [...history, { status: to, at: at.toISOString() }] };
}

export interface CaseLeadTimes {
  /** Days from aanmelding to the first time the case reached `plan`; null if it never did. */
  aanmeldingToPlan: number | null;
  /** Days from aanmelding to the final closure; null while the case is open (also after reopening). */
  aanmeldingToAfgesloten: number | null;
  /** How often the case was reopened. */
  reopened: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Lead times for monitoring, in whole elapsed days (24-hour periods, rounded down), measured
 * from the first `aanmelding`.
 */
export function leadTimes(history: CaseStatusHistory): CaseLeadTimes {
  const start = history[0];
  const reopened = history.filter(
    (c, i) => i > 0 && history[i - 1]?.status === 'afgesloten',
  ).length;
  if (start === undefined || start.status !== 'aanmelding') {
    return { aanmeldingToPlan: null, aanmeldingToAfgesloten: null, reopened };
  }
  const days = (change: CaseStatusChange | undefined) =>
    change === undefined
      ? null
      : Math.floor((Date.parse(change.at) - Date.parse(start.at)) / DAY_MS);
  const last = history.at(-1);
  return {
    aanmeldingToPlan: days(history.find((c) => c.status === 'plan')),
    aanmeldingToAfgesloten: last?.status === 'afgesloten' ? days(last) : null,
    reopened,
  };
}
