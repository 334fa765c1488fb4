import * as z from 'zod';
import { plainText } from '../case-file/preparation';
import { entityIdSchema } from './ids';
import { localDateSchema } from './local-date';

/**
 * Decisions and actions recorded during a case item (domain-research.md §3.4 point 6: "decisions
 * list and action list"; DESIGN.md: Decision (type, rationale, decided by; feeds the plan), Action
 * (owner, due, status)).
 *
 * The decision types follow the arrangement kinds of the support plan and the escalation words of
 * the glossary: eigen kracht / netwerk first (Richtlijn Samen beslissen over hulp: "explore and
 * mobilise the network first, then professional help"), then algemene / maatwerkvoorziening,
 * referrals to the 1e / 2e lijn, op- and afschalen, safety (Meldcode), and "geen actie" (the
 * decision not to act is a decision too: Viervensters® "de niet genomen beslissing"). Every decision
 * needs its grounds.
 */

export const DECISION_TYPES = [
  'inzet-eigen-kracht-netwerk',
  'algemene-voorziening',
  'maatwerkvoorziening',
  'verwijzing-1e-lijn',
  'verwijzing-2e-lijn',
  'opschalen',
  'afschalen',
  'veiligheid-meldcode',
  'geen-actie',
  'overig',
] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

export const DECISION_TYPE_LABELS: Readonly<Record<DecisionType, string>> = {
  'inzet-eigen-kracht-netwerk': 'Inzet eigen kracht en netwerk',
  'algemene-voorziening': 'Algemene voorziening',
  maatwerkvoorziening: 'Maatwerkvoorziening',
  'verwijzing-1e-lijn': 'Verwijzing eerste lijn',
  'verwijzing-2e-lijn': 'Verwijzing tweede lijn',
  opschalen: 'Opschalen',
  afschalen: 'Afschalen',
  'veiligheid-meldcode': 'Veiligheid (Meldcode)',
  'geen-actie': 'Geen actie',
  overig: 'Overig',
};

export const DECISION_TEXT_MAX = 2_000;
export const DECISION_RATIONALE_MAX = 4_000;
export const ACTION_DESCRIPTION_MAX = 1_000;
export const ACTION_MAX_YEARS_AHEAD = 2;

/** Plain text that must hold something besides whitespace. */
const nonBlank = (max: number) =>
  plainText(max).refine((value) => value.trim().length > 0, { message: 'required' });

export const decisionSchema = z.strictObject({
  id: entityIdSchema,
  agendaItemId: entityIdSchema,
  type: z.enum(DECISION_TYPES),
  /** What was decided. */
  text: nonBlank(DECISION_TEXT_MAX),
  /** Why (the grounds); required for every type, `geen-actie` included. */
  rationale: nonBlank(DECISION_RATIONALE_MAX),
  /** Who took the decision on behalf of the team (usually the chair or the casusregisseur). */
  decidedByUserId: entityIdSchema,
  /** ISO 8601 instant. */
  decidedAt: z.iso.datetime({ offset: true }),
});
export type Decision = z.infer<typeof decisionSchema>;

export const ACTION_STATUSES = ['open', 'gereed', 'vervallen'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  open: 'Open',
  gereed: 'Gereed',
  vervallen: 'Vervallen',
};

/** A stored action. Its due date may lie in the past (that is what makes it overdue). */
export const actionSchema = z.strictObject({
  id: entityIdSchema,
  agendaItemId: entityIdSchema,
  /** The decision this action carries out, if any. */
  decisionId: entityIdSchema.nullable().default(null),
  description: nonBlank(ACTION_DESCRIPTION_MAX),
  ownerUserId: entityIdSchema,
  /** Local date `YYYY-MM-DD`. */
  due: localDateSchema,
  status: z.enum(ACTION_STATUSES).default('open'),
});
export type ActionInput = z.input<typeof actionSchema>;
export type Action = z.output<typeof actionSchema>;

/** `YYYY-MM-DD` plus whole years; 29 February becomes 28 February in a common year. */
function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/**
 * Schema for a new action, created on `today` (the local date `YYYY-MM-DD` in the meeting's time
 * zone): status `open`, due today or later and at most two years ahead. Throws a RangeError for an
 * invalid `today`.
 */
export function actionCreateSchema(today: string) {
  if (!localDateSchema.safeParse(today).success) throw new RangeError('today must be YYYY-MM-DD');
  const latest = addYears(today, ACTION_MAX_YEARS_AHEAD);
  return actionSchema.superRefine((action, ctx) => {
    if (action.status !== 'open') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'must-be-open' });
    }
    if (!localDateSchema.safeParse(action.due).success) return;
    if (action.due < today) ctx.addIssue({ code: 'custom', path: ['due'], message: 'in-the-past' });
    if (action.due > latest)
      ctx.addIssue({ code: 'custom', path: ['due'], message: 'too-far-ahead' });
  });
}

const ACTION_TRANSITIONS: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  open: ['gereed', 'vervallen'],
  gereed: ['open'],
  vervallen: ['open'],
};

/** Open → gereed or vervallen; a closed action can be reopened. */
export function setActionStatus<T extends { status: ActionStatus }>(
  action: T,
  to: ActionStatus,
): { ok: true; action: T } | { ok: false; error: 'not-allowed' } {
  return ACTION_TRANSITIONS[action.status].includes(to)
    ? { ok: true, action: { ...action, status: to } }
    : { ok: false, error: 'not-allowed' };
}

function byDue(a: Action, b: Action): number {
  return a.due.localeCompare(b.due) || a.id.localeCompare(b.id);
}

/** The open actions owned by `userId`, earliest due first. */
export function openActionsFor(actions: readonly Action[], userId: string): Action[] {
  return actions.filter((a) => a.status === 'open' && a.ownerUserId === userId).sort(byDue);
}

export interface FollowUpEntry {
  actionId: string;
  agendaItemId: string;
  decisionId: string | null;
  description: string;
  ownerUserId: string;
  due: string;
  /** Due before `today`; false when no `today` is given. */
  overdue: boolean;
}

/**
 * What the next meeting's `opvolging-acties` item goes through: every open action, earliest due
 * first, flagged when overdue on `today` (local `YYYY-MM-DD`).
 */
export function followUpItems(actions: readonly Action[], today?: string): FollowUpEntry[] {
  return actions
    .filter((a) => a.status === 'open')
    .sort(byDue)
    .map((a) => ({
      actionId: a.id,
      agendaItemId: a.agendaItemId,
      decisionId: a.decisionId,
      description: a.description,
      ownerUserId: a.ownerUserId,
      due: a.due,
      overdue: today !== undefined && a.due < today,
    }));
}
