import type { DecisionType } from '../meeting/decisions';

/**
 * The support plan (ondersteuningsplan, 1Gezin1Plan1Regisseur): one per household, with a
 * casusregisseur, a light or heavy variant and its review cycle, krachten and zorgen, goals per
 * ZRM domain and arrangement items ("wie doet wat wanneer") typed from eigen kracht up to
 * second-line care, each with its source (a meeting decision, a family plan or entered by hand).
 */

export const PLAN_VARIANTS = ['licht', 'zwaar'] as const;
export type PlanVariant = (typeof PLAN_VARIANTS)[number];

/**
 * Months between evaluations per variant. Light: monitoring every 6–10 months (1gezin1plan.nu,
 * "licht als 't kan, zwaar als 't moet"): we take the short end. Heavy: no source gives a
 * cycle; three months is our choice (safety plans are reviewed more often), documented as such.
 */
export const REVIEW_CYCLE_MONTHS: Readonly<Record<PlanVariant, number>> = {
  licht: 6,
  zwaar: 3,
};

export const PLAN_ITEM_TYPES = [
  'eigen-kracht',
  'netwerk',
  'vrijwilliger',
  'algemene-voorziening',
  'maatwerk-wmo',
  'maatwerk-jeugdwet',
  'eerste-lijn',
  'tweede-lijn',
] as const;
export type PlanItemType = (typeof PLAN_ITEM_TYPES)[number];

/** Informal (no municipal provision): counts as "solved in the informal sphere". */
export const INFORMAL_ITEM_TYPES: readonly PlanItemType[] = [
  'eigen-kracht',
  'netwerk',
  'vrijwilliger',
];

export const PLAN_ITEM_STATUSES = ['gepland', 'lopend', 'afgerond', 'gestopt'] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];

/** Municipal taakvelden of the social domain (cost attribution, research §3.8). */
export const COST_CATEGORIES = ['6.1', '6.2', '6.71', '6.72', '6.81', '6.82'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export const COST_CATEGORY_LABELS: Readonly<Record<CostCategory, string>> = {
  '6.1': 'Samenkracht en burgerparticipatie',
  '6.2': 'Toegang en eerstelijnsvoorzieningen',
  '6.71': 'Maatwerkdienstverlening 18+',
  '6.72': 'Maatwerkdienstverlening 18-',
  '6.81': 'Geëscaleerde zorg 18+',
  '6.82': 'Geëscaleerde zorg 18-',
};

export const PLAN_ITEM_SOURCES = ['besluit', 'familieplan', 'handmatig'] as const;
export type PlanItemSourceKind = (typeof PLAN_ITEM_SOURCES)[number];

export const PLAN_GOAL_STATUSES = ['open', 'behaald', 'deels-behaald', 'niet-behaald'] as const;
export type PlanGoalStatus = (typeof PLAN_GOAL_STATUSES)[number];

export const AGREEMENT_METHODS = ['in-gesprek', 'schriftelijk', 'digitaal'] as const;
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number];

/** The sections of the plan that are edited as a whole, each with its own revision. */
export const PLAN_SECTIONS = ['basis', 'krachten', 'zorgen'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

export const PLAN_TEXT_MAX = 4_000;
export const PLAN_TITLE_MAX = 200;
export const PLAN_NAME_MAX = 120;
/** Largest cost of one item: € 10 million, in cents. */
export const PLAN_COST_MAX_CENTS = 1_000_000_000;

/** Where an item came from; for a decision, the meeting and agenda item too. */
export interface PlanItemSource {
  kind: PlanItemSourceKind;
  decisionId: string | null;
  meetingId: string | null;
  agendaItemId: string | null;
}

export interface PlanGoalSnapshot {
  id: string;
  zrmDomain: string;
  text: string;
  evaluationDate: string | null;
  status: PlanGoalStatus;
}

export interface PlanItemSnapshot {
  id: string;
  goalId: string | null;
  type: PlanItemType;
  title: string;
  owner: string;
  startDate: string | null;
  endDate: string | null;
  status: PlanItemStatus;
  costCents: number | null;
  costCategory: CostCategory | null;
  source: PlanItemSource;
}

/** The whole plan at one version: what a version stores and what a diff compares. */
export interface PlanSnapshot {
  variant: PlanVariant;
  casusregisseur: { id: string; displayName: string } | null;
  evaluationDate: string | null;
  krachten: string;
  zorgen: string;
  goals: PlanGoalSnapshot[];
  items: PlanItemSnapshot[];
}

/** What a decision of a meeting suggests for a plan item (pre-filled, the user may change it). */
export interface PlanItemDraft {
  type: PlanItemType;
  title: string;
  costCategory: CostCategory | null;
}

const TYPE_OF_DECISION: Readonly<Record<DecisionType, PlanItemType>> = {
  'inzet-eigen-kracht-netwerk': 'netwerk',
  'algemene-voorziening': 'algemene-voorziening',
  maatwerkvoorziening: 'maatwerk-wmo',
  'verwijzing-1e-lijn': 'eerste-lijn',
  'verwijzing-2e-lijn': 'tweede-lijn',
  opschalen: 'tweede-lijn',
  afschalen: 'eerste-lijn',
  'veiligheid-meldcode': 'tweede-lijn',
  'geen-actie': 'eigen-kracht',
  overig: 'eigen-kracht',
};

/** The taakveld an item of this type is usually booked on (null: the user chooses). */
export const DEFAULT_COST_CATEGORY: Readonly<Record<PlanItemType, CostCategory | null>> = {
  'eigen-kracht': null,
  netwerk: null,
  vrijwilliger: '6.1',
  'algemene-voorziening': '6.1',
  'maatwerk-wmo': '6.71',
  'maatwerk-jeugdwet': '6.72',
  'eerste-lijn': '6.2',
  'tweede-lijn': null,
};

/** Decisions that never become plan items (nothing to arrange). */
export const DECISION_TYPES_WITHOUT_PLAN_ITEM: readonly DecisionType[] = ['geen-actie'];

/** The pre-filled item for a decision: its type mapped to an item type, its text as the title. */
export function itemDraftFromDecision(decision: {
  type: DecisionType;
  text: string;
}): PlanItemDraft {
  const type = TYPE_OF_DECISION[decision.type];
  const firstLine = decision.text.trim().split('\n')[0] ?? '';
  const title =
    firstLine.length > PLAN_TITLE_MAX ? `${firstLine.slice(0, PLAN_TITLE_MAX - 1)}…` : firstLine;
  return { type, title: title || decision.type, costCategory: DEFAULT_COST_CATEGORY[type] };
}
