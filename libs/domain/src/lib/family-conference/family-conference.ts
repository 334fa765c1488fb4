import type { SessionKind } from '../session/kind';
import type { PlanItemType } from '../plan/plan';

/**
 * The familienetwerkberaad (Eigen Kracht-conferentie, family group conference; research §3.3):
 * prepared by the team with the family (the circle as large as possible, date and place chosen
 * by the family, an independent coordinator, the bottom lines set by the professional), then run
 * live on the session engine: information (professionals inform, everyone hears the same),
 * besloten tijd (the family and its network make their plan; professionals have no access at all
 * until the coordinator ends it), plan presentation (the coordinator records the
 * familiegroepsplan — who does what when, a family lead, a monitor — and checks the bottom
 * lines one by one), acceptance by the professional. Then the coordinator calls after four
 * weeks, and the plan carries its own evaluation date.
 */

export const CONFERENCE_KIND_ID = 'familienetwerkberaad';

/** The live phases; "voorbereiding" comes before (no session yet) and "afgerond" after. */
export const CONFERENCE_PHASES = [
  'informatie',
  'besloten-tijd',
  'planpresentatie',
  'acceptatie',
] as const;
export type ConferencePhase = (typeof CONFERENCE_PHASES)[number];

/** The conference as a whole: prepared, running (a live phase), or accepted and closed. */
export const CONFERENCE_STATUSES = ['voorbereiding', 'bezig', 'afgerond'] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export const CONFERENCE_ROLES = ['coordinator', 'familie', 'netwerk', 'professional'] as const;
export type ConferenceRole = (typeof CONFERENCE_ROLES)[number];

/** The roles that take part by link + one-time code (the circle); the others are staff. */
export const CIRCLE_ROLES = ['familie', 'netwerk'] as const;
export type CircleRole = (typeof CIRCLE_ROLES)[number];

/**
 * Contribution types. `besloten` is what the family and network write during besloten tijd:
 * hidden from the coordinator and the professionals for good (nobody may reveal it; the family
 * presents its plan instead, research §3.3 "without professionals and without the coordinator").
 */
export const CONFERENCE_CONTRIBUTION_TYPES = [
  'informatie',
  'vraag',
  'besloten',
  'opmerking',
] as const;
export type ConferenceContributionType = (typeof CONFERENCE_CONTRIBUTION_TYPES)[number];

/** The contribution type each role writes in each phase (what the room's input sends). */
export function contributionTypeFor(
  phase: ConferencePhase,
  role: ConferenceRole,
): ConferenceContributionType | null {
  switch (phase) {
    case 'informatie':
      return role === 'professional' || role === 'coordinator' ? 'informatie' : 'vraag';
    case 'besloten-tijd':
      return role === 'familie' || role === 'netwerk' ? 'besloten' : null;
    case 'planpresentatie':
    case 'acceptatie':
      return 'opmerking';
  }
}

const CIRCLE_ADD = ['contribution:add'] as const;

/**
 * The kind as data for the engine. The coordinator moves the phases on (and ends besloten tijd);
 * nobody moves acceptatie on: acceptance is the professional's act through the conference
 * module, which checks the plan and the bottom lines first. Professionals are locked out of
 * besloten tijd: they receive nothing of it and every call is refused.
 */
export const FAMILY_CONFERENCE_KIND: SessionKind = {
  id: CONFERENCE_KIND_ID,
  phases: [
    { id: 'informatie', defaultMinutes: 45 },
    { id: 'besloten-tijd', defaultMinutes: 120 },
    { id: 'planpresentatie', defaultMinutes: 45 },
    { id: 'acceptatie', defaultMinutes: 15 },
  ],
  roles: CONFERENCE_ROLES,
  may: {
    informatie: {
      coordinator: ['phase:advance', 'contribution:add'],
      professional: ['contribution:add'],
      familie: CIRCLE_ADD,
      netwerk: CIRCLE_ADD,
    },
    'besloten-tijd': {
      coordinator: ['phase:advance'],
      familie: CIRCLE_ADD,
      netwerk: CIRCLE_ADD,
    },
    planpresentatie: {
      coordinator: ['phase:advance', 'contribution:add'],
      professional: ['contribution:add'],
      familie: CIRCLE_ADD,
      netwerk: CIRCLE_ADD,
    },
    acceptatie: {
      coordinator: ['contribution:add'],
      professional: ['contribution:add'],
      familie: CIRCLE_ADD,
      netwerk: CIRCLE_ADD,
    },
  },
  hiddenUntilRevealed: { besloten: ['coordinator', 'professional'] },
  lockedOut: { 'besloten-tijd': ['professional'] },
  // The coordinator is independent (any team of the organisation); family and network sign in
  // by link + code. Professionals are of the household's team and lose their seat with it.
  outsideTeamRoles: ['coordinator', 'familie', 'netwerk'],
};

export function isConferencePhase(phase: string): phase is ConferencePhase {
  return (CONFERENCE_PHASES as readonly string[]).includes(phase);
}

/** Is `role` kept out of the conference's content in `phase` (the server's rule, also REST)? */
export function conferenceLockedOut(phase: string, role: ConferenceRole): boolean {
  return FAMILY_CONFERENCE_KIND.lockedOut[phase]?.includes(role) ?? false;
}

/**
 * May `role` read the family's draft plan in `phase`? During besloten tijd it is the family's
 * and the network's alone (not the coordinator's either); before and after, everyone's in the
 * conference.
 */
export function mayReadPlan(phase: ConferencePhase | null, role: ConferenceRole): boolean {
  if (phase === 'besloten-tijd') return role === 'familie' || role === 'netwerk';
  return true;
}

/**
 * May `role` write the plan in `phase`? The family and network draft it in besloten tijd and
 * may still correct it while presenting; the coordinator records it at the presentation.
 */
export function mayWritePlan(phase: ConferencePhase | null, role: ConferenceRole): boolean {
  if (phase === 'besloten-tijd') return role === 'familie' || role === 'netwerk';
  if (phase === 'planpresentatie') return role !== 'professional';
  return false;
}

/* ---------- the circle ---------- */

/** Where a person of the circle comes from. */
export type CircleSource = 'huishouden' | 'netwerk' | 'toegevoegd';

/**
 * The side of the conference a network person takes part on: relatives with the family, every
 * other tie (friends, neighbours, volunteers…) as network. Professionals of the household's
 * network are not in the circle: they inform, they do not make the plan.
 */
export function circleRoleOfRelation(relation: string): CircleRole | null {
  if (relation === 'familie') return 'familie';
  if (relation === 'professional') return null;
  return 'netwerk';
}

/** Ecogram tie strengths, strongest first: the circle is listed in this order. */
const STRENGTH_ORDER: Readonly<Record<string, number>> = {
  sterk: 0,
  zwak: 1,
  wankel: 2,
  stressvol: 3,
};

export interface CircleCandidate {
  name: string;
  role: CircleRole;
  source: CircleSource;
  /** The ecogram tie's strength, when the person has one. */
  strength: string | null;
  /** The ecogram's support codes (P, G, A, E). */
  codes: readonly string[];
}

/**
 * The circle drawn from the household and its ecogram, as large as possible: the household's
 * members first, then the network persons — those with ecogram ties by strength and by the
 * number of support codes, then the rest by name. Nobody is left out for a weak or stressful
 * tie: the family decides who comes.
 */
export function orderCircle<T extends CircleCandidate>(candidates: readonly T[]): T[] {
  const rank = (c: T) => (c.source === 'huishouden' ? 0 : 1);
  const strength = (c: T) => (c.strength === null ? 9 : (STRENGTH_ORDER[c.strength] ?? 8));
  return [...candidates].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      strength(a) - strength(b) ||
      b.codes.length - a.codes.length ||
      a.name.localeCompare(b.name, 'nl'),
  );
}

/* ---------- the familiegroepsplan ---------- */

export const PLAN_ENTRY_KINDS = ['familie', 'netwerk', 'professioneel'] as const;
export type PlanEntryKind = (typeof PLAN_ENTRY_KINDS)[number];

export const CONFERENCE_TEXT_MAX = 2_000;
export const CONFERENCE_NAME_MAX = 120;
export const CONFERENCE_ENTRIES_MAX = 60;
export const CONFERENCE_BOTTOM_LINES_MAX = 20;

/** One agreement of the plan: who does what, when. */
export interface FamilyPlanEntry {
  who: string;
  what: string;
  when: string;
  kind: PlanEntryKind;
}

export interface FamilyGroupPlan {
  entries: readonly FamilyPlanEntry[];
  /** The family member who keeps the plan going (FGC "family lead"). */
  familyLead: string;
  /** Who watches that the agreements are kept (FGC "who monitors"). */
  monitor: string;
  /** The plan's own evaluation moment (YYYY-MM-DD). */
  evaluationOn: string | null;
  /** What to do if things go differently (research §3.3). */
  ifDifferent: string;
}

export type PlanIssue =
  | 'no-entries'
  | 'no-family-lead'
  | 'no-monitor'
  | 'no-evaluation-date'
  | 'evaluation-date-past'
  | 'no-if-different'
  | 'entry-who'
  | 'entry-what'
  | 'entry-when';

export interface PlanIssueAt {
  path: string;
  issue: PlanIssue;
}

const blank = (text: string) => text.trim().length === 0;

/**
 * What the plan still lacks before it can be accepted (the SMART prompts: every agreement names
 * who, what and when; a family lead, a monitor, an evaluation date after today, and what to do
 * if things go differently). Empty when complete.
 */
export function planIssues(plan: FamilyGroupPlan, today: string): PlanIssueAt[] {
  const issues: PlanIssueAt[] = [];
  if (plan.entries.length === 0) issues.push({ path: 'entries', issue: 'no-entries' });
  plan.entries.forEach((entry, i) => {
    if (blank(entry.who)) issues.push({ path: `entries.${i}.who`, issue: 'entry-who' });
    if (blank(entry.what)) issues.push({ path: `entries.${i}.what`, issue: 'entry-what' });
    if (blank(entry.when)) issues.push({ path: `entries.${i}.when`, issue: 'entry-when' });
  });
  if (blank(plan.familyLead)) issues.push({ path: 'familyLead', issue: 'no-family-lead' });
  if (blank(plan.monitor)) issues.push({ path: 'monitor', issue: 'no-monitor' });
  if (plan.evaluationOn === null)
    issues.push({ path: 'evaluationOn', issue: 'no-evaluation-date' });
  else if (plan.evaluationOn <= today)
    issues.push({ path: 'evaluationOn', issue: 'evaluation-date-past' });
  if (blank(plan.ifDifferent)) issues.push({ path: 'ifDifferent', issue: 'no-if-different' });
  return issues;
}

/* ---------- bottom lines (safety conditions) ---------- */

export interface BottomLineCheck {
  /** null: not checked yet. */
  met: boolean | null;
}

export type BottomLineIssue = 'bottom-line-unchecked' | 'bottom-line-not-met';

/**
 * The bottom lines still in the way of acceptance: each must be checked, one by one, and met.
 * A conference without bottom lines has nothing to check.
 */
export function bottomLineIssues(
  lines: readonly BottomLineCheck[],
): { index: number; issue: BottomLineIssue }[] {
  const issues: { index: number; issue: BottomLineIssue }[] = [];
  lines.forEach((line, index) => {
    if (line.met === null) issues.push({ index, issue: 'bottom-line-unchecked' });
    else if (!line.met) issues.push({ index, issue: 'bottom-line-not-met' });
  });
  return issues;
}

/* ---------- after the conference ---------- */

/** The coordinator calls after four weeks (research §3.3). */
export const FOLLOW_UP_DAYS = 28;

/** Adds days to a calendar date (YYYY-MM-DD), in UTC: no time zone shifts a date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The follow-up date of a plan accepted on `acceptedOn`. */
export function followUpDate(acceptedOn: string): string {
  return addDays(acceptedOn, FOLLOW_UP_DAYS);
}

/**
 * The moment the follow-up reminder is due: 09:00 Amsterdam time on the follow-up date
 * (07:00 or 08:00 UTC; the offset of that day is what counts).
 */
export function followUpDueAt(acceptedOn: string): Date {
  const date = followUpDate(acceptedOn);
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const amsterdamHour = Number(
    new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      hour12: false,
      timeZone: 'Europe/Amsterdam',
    }).format(noonUtc),
  );
  const offsetHours = amsterdamHour - 12;
  return new Date(Date.parse(`${date}T09:00:00Z`) - offsetHours * 3_600_000);
}

/** The support plan item type of a plan agreement: the network's commitments are "netwerk". */
export function itemTypeOfEntry(kind: PlanEntryKind): PlanItemType {
  switch (kind) {
    case 'familie':
      return 'eigen-kracht';
    case 'netwerk':
      return 'netwerk';
    case 'professioneel':
      return 'eerste-lijn';
  }
}
