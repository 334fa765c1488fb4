/** The dashboard's indicators, units and groupings, and the raw figures the api gathers for it. */
import type { CaseStatus } from '../case-file/case-status';
import type { DecisionType } from '../meeting/decisions';
import type { SuppressedTable } from './suppression';

export const INSIGHT_INDICATORS = [
  'cases-by-status',
  'case-flow',
  'meetings',
  'time-box',
  'decisions-by-type',
  'solution-mix',
  'informal-share',
  'escalations',
  'lead-times',
  'zrm-change',
  'zrm-mean-change',
  'actions',
  'plan-mix',
  'costs',
  'evaluations',
  'family-conferences',
] as const;
export type InsightIndicatorId = (typeof INSIGHT_INDICATORS)[number];

export const INSIGHT_UNITS = ['count', 'days', 'minutes', 'percent', 'euro', 'score'] as const;
export type InsightUnit = (typeof INSIGHT_UNITS)[number];

/** Where an indicator's figures come from (the work already recorded, never an extra form). */
export const INSIGHT_SOURCES = [
  'case-status',
  'meetings',
  'decisions',
  'actions',
  'zrm',
  'support-plan',
  'family-conference',
] as const;
export type InsightSource = (typeof INSIGHT_SOURCES)[number];

export interface InsightTable extends SuppressedTable {
  /** The unit of each column. */
  units: InsightUnit[];
}

export interface InsightIndicator {
  id: InsightIndicatorId;
  source: InsightSource;
  /** False when the product does not record the source yet: shown as "not available", never as 0. */
  available: boolean;
  table: InsightTable | null;
}

/** Decision types grouped by where the solution lies (the informal sphere vs the rest). */
export const SOLUTION_GROUPS = ['informeel', 'maatwerk', 'eerste-lijn', 'tweede-lijn'] as const;
export type SolutionGroup = (typeof SOLUTION_GROUPS)[number];
export const SOLUTION_GROUP_OF_DECISION: Readonly<Partial<Record<DecisionType, SolutionGroup>>> = {
  'inzet-eigen-kracht-netwerk': 'informeel',
  'algemene-voorziening': 'informeel',
  maatwerkvoorziening: 'maatwerk',
  'verwijzing-1e-lijn': 'eerste-lijn',
  'verwijzing-2e-lijn': 'tweede-lijn',
};

/** Arrangement types of support-plan items by group (informal sphere: eigen kracht … algemene voorziening). */
export const SOLUTION_GROUP_OF_PLAN_ITEM: Readonly<Record<string, SolutionGroup>> = {
  'eigen-kracht': 'informeel',
  netwerk: 'informeel',
  vrijwilliger: 'informeel',
  'algemene-voorziening': 'informeel',
  'maatwerk-wmo': 'maatwerk',
  'maatwerk-jeugdwet': 'maatwerk',
  'eerste-lijn': 'eerste-lijn',
  'tweede-lijn': 'tweede-lijn',
};

export const LEAD_TIME_SEGMENTS = ['eerste-bespreking', 'plan', 'afsluiting'] as const;
export type LeadTimeSegment = (typeof LEAD_TIME_SEGMENTS)[number];

export const ACTION_OUTCOMES = [
  'op-tijd',
  'te-laat',
  'open-verlopen',
  'open',
  'vervallen',
] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];

export const EVALUATION_OUTCOMES = ['op-tijd', 'te-laat', 'verlopen'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export interface ZrmChange {
  improved: number;
  same: number;
  worse: number;
  sumDelta: number;
}

type PerBucket = Readonly<Record<string, number>>;

/** What the api gathers for one team and period. Buckets are month or quarter keys. */
export interface InsightRaw {
  buckets: readonly string[];
  /** Cases registered before the period's end, by their status at the end. */
  statusAtEnd: Readonly<Partial<Record<CaseStatus, number>>>;
  newCases: PerBucket;
  closedCases: PerBucket;
  meetingsHeld: PerBucket;
  /** Distinct cases discussed per bucket, and over the whole period. */
  casesDiscussed: PerBucket;
  casesDiscussedTotal: number;
  /** Case items discussed in the period: count, summed minutes used and planned, how many ran over. */
  timeBox: { items: number; usedMinutes: number; plannedMinutes: number; overTime: number };
  decisions: Readonly<Partial<Record<DecisionType, PerBucket>>>;
  /** Days from aanmelding, one per case whose milestone falls in the period. */
  leadTimes: Readonly<Record<LeadTimeSegment, readonly number[]>>;
  /**
   * Per ZRM domain, over the cases with two scored assessments (latest minus first): how many
   * went up, stayed and went down, and the summed change.
   */
  zrm: Readonly<Record<string, ZrmChange>>;
  /** Actions due in the period, by outcome. */
  actions: Readonly<Record<ActionOutcome, number>>;
  /** Null while the support plan is not recorded by the product. */
  plan: InsightPlanRaw | null;
  /** Null while family group conferences are not recorded (an api without them). */
  conferences: InsightConferenceRaw | null;
}

/** Family group conferences (familienetwerkberaden) of the team's households. */
export interface InsightConferenceRaw {
  /** Conferences held: their plan accepted in the bucket. */
  held: PerBucket;
  /** Follow-ups due in the bucket (four weeks after acceptance, up to today): done or not. */
  followedUp: PerBucket;
  notFollowedUp: PerBucket;
}

export interface InsightPlanRaw {
  /** Plan items started in the period by arrangement type, per bucket. */
  itemsByType: Readonly<Record<string, PerBucket>>;
  /** Per cost category: the summed cost in cents of each trajectory (plan) with costs in it. */
  costsPerTrajectory: Readonly<Record<string, readonly number[]>>;
  /**
   * Plan evaluations: recorded in the period on or before their date, after it, and plans whose
   * evaluation date fell in the period and passed without one.
   */
  evaluations: Readonly<Record<EvaluationOutcome, number>>;
  /** Days from the household's first aanmelding to the family's first agreement with the plan. */
  daysToAgreedPlan: readonly number[];
}
