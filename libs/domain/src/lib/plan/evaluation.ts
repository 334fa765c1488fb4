import { type PlanGoalStatus, type PlanVariant, REVIEW_CYCLE_MONTHS } from './plan';

/**
 * Evaluation dates of the plan and its goals. Dates are local calendar dates (`YYYY-MM-DD`,
 * Europe/Amsterdam); "today" always comes from an injected clock, never from `new Date()`.
 */

/** Anything that tells the time (the api's Clock, a test's fake clock). */
export interface NowSource {
  now(): Date;
}

const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in the Netherlands according to `clock`. */
export function planToday(clock: NowSource): string {
  return AMSTERDAM_DATE.format(clock.now());
}

function parse(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `date` plus `months` calendar months; the day is clamped to the month's end (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/** The next evaluation of a plan of `variant` evaluated (or started) on `from`. */
export function nextEvaluationDate(variant: PlanVariant, from: string): string {
  return addMonths(from, REVIEW_CYCLE_MONTHS[variant]);
}

/** Within this many days an evaluation counts as "soon". */
export const EVALUATION_SOON_DAYS = 14;

export type EvaluationState = 'te-laat' | 'binnenkort' | 'gepland' | 'geen-datum';

/** Overdue from the day after the evaluation date; "soon" within two weeks. */
export function evaluationState(date: string | null, today: string): EvaluationState {
  if (date === null) return 'geen-datum';
  const days = daysBetween(today, date);
  if (days < 0) return 'te-laat';
  if (days <= EVALUATION_SOON_DAYS) return 'binnenkort';
  return 'gepland';
}

/** Goals still being worked on are evaluated; reached or closed goals are not. */
export function goalNeedsEvaluation(status: PlanGoalStatus): boolean {
  return status === 'open';
}

export interface EvaluationCandidate {
  planId: string;
  householdId: string;
  casusregisseurId: string | null;
  evaluationDate: string | null;
  goals: readonly {
    id: string;
    text: string;
    zrmDomain: string;
    status: PlanGoalStatus;
    evaluationDate: string | null;
  }[];
}

export interface OverdueEvaluation {
  kind: 'plan' | 'doel';
  planId: string;
  householdId: string;
  casusregisseurId: string | null;
  goalId: string | null;
  goalText: string | null;
  zrmDomain: string | null;
  dueDate: string;
  daysOverdue: number;
}

/**
 * Every overdue evaluation of the given plans at `today`: the plan's own and each open goal's,
 * most overdue first (then by plan, plan before goals).
 */
export function overdueEvaluations(
  plans: readonly EvaluationCandidate[],
  today: string,
): OverdueEvaluation[] {
  const out: OverdueEvaluation[] = [];
  for (const plan of plans) {
    const base = {
      planId: plan.planId,
      householdId: plan.householdId,
      casusregisseurId: plan.casusregisseurId,
    };
    if (evaluationState(plan.evaluationDate, today) === 'te-laat' && plan.evaluationDate) {
      out.push({
        ...base,
        kind: 'plan',
        goalId: null,
        goalText: null,
        zrmDomain: null,
        dueDate: plan.evaluationDate,
        daysOverdue: daysBetween(plan.evaluationDate, today),
      });
    }
    for (const goal of plan.goals) {
      if (!goalNeedsEvaluation(goal.status) || !goal.evaluationDate) continue;
      if (evaluationState(goal.evaluationDate, today) !== 'te-laat') continue;
      out.push({
        ...base,
        kind: 'doel',
        goalId: goal.id,
        goalText: goal.text,
        zrmDomain: goal.zrmDomain,
        dueDate: goal.evaluationDate,
        daysOverdue: daysBetween(goal.evaluationDate, today),
      });
    }
  }
  return out.sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue ||
      a.planId.localeCompare(b.planId) ||
      (a.kind === b.kind ? 0 : a.kind === 'plan' ? -1 : 1),
  );
}

/**
 * Whether an evaluation should prompt a new ZRM assessment: always at a plan evaluation when
 * the latest assessment is older than 30 days (a ZRM score is a snapshot), or when none exists.
 */
export function zrmPromptAtEvaluation(latestAssessedAt: string | null, today: string): boolean {
  if (latestAssessedAt === null) return true;
  return daysBetween(latestAssessedAt, today) > 30;
}
