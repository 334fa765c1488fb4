import * as z from 'zod';
import {
  AGREEMENT_METHODS,
  COST_CATEGORIES,
  type DecisionType,
  type EvaluationState,
  type OverdueEvaluation,
  PLAN_COST_MAX_CENTS,
  PLAN_GOAL_STATUSES,
  PLAN_ITEM_SOURCES,
  PLAN_ITEM_STATUSES,
  PLAN_ITEM_TYPES,
  PLAN_NAME_MAX,
  PLAN_TEXT_MAX,
  PLAN_TITLE_MAX,
  PLAN_VARIANTS,
  type PlanDiff,
  type PlanGoalStatus,
  type PlanItemSource,
  type PlanItemStatus,
  type PlanItemType,
  type PlanSnapshot,
  type PlanVariant,
  type CostCategory,
  type AgreementMethod,
  ZRM_DOMAIN_KEYS_2013,
  ZRM_DOMAIN_KEYS_2017,
  plainText,
} from '@casustafel/domain';

/*
 * The support plan (one per household): REST payloads. Rules (item types, review cycles,
 * evaluation dates, the diff between versions) live in `@casustafel/domain` (`lib/plan`).
 *
 * Concurrency: every edit is a granular operation on one entity (a section, a goal, an item)
 * carrying that entity's `expectedRev`. Edits of different entities both land; an edit of an
 * entity changed meanwhile is refused with 409 `PLAN_CONFLICT` and the plan as it is now
 * (`PlanConflictResponse.current`), so the client can keep the user's input and re-apply it.
 */

const isoDate = z.iso.date();
const planDate = isoDate.refine((d) => d >= '2000-01-01' && d <= '2099-12-31', {
  message: 'out-of-range',
});
const ZRM_DOMAIN_KEYS = [...new Set([...ZRM_DOMAIN_KEYS_2017, ...ZRM_DOMAIN_KEYS_2013])] as [
  string,
  ...string[],
];
export const zrmDomainKeySchema = z.enum(ZRM_DOMAIN_KEYS);
const rev = z.number().int().min(1);

export const createSupportPlanSchema = z.strictObject({
  variant: z.enum(PLAN_VARIANTS).default('licht'),
  /** Null: the casusregisseur of the household's newest case. */
  casusregisseurId: z.uuid().nullable().default(null),
  krachten: plainText(PLAN_TEXT_MAX).default(''),
  zorgen: plainText(PLAN_TEXT_MAX).default(''),
});
export type CreateSupportPlan = z.input<typeof createSupportPlanSchema>;

/** One section, replaced as a whole: `basis` (variant, regisseur, evaluation date), krachten, zorgen. */
export const updatePlanSectionSchema = z.discriminatedUnion('section', [
  z.strictObject({
    section: z.literal('basis'),
    expectedRev: rev,
    variant: z.enum(PLAN_VARIANTS),
    casusregisseurId: z.uuid().nullable(),
    /** Null: computed from the variant's review cycle. */
    evaluationDate: planDate.nullable(),
  }),
  z.strictObject({
    section: z.literal('krachten'),
    expectedRev: rev,
    text: plainText(PLAN_TEXT_MAX),
  }),
  z.strictObject({
    section: z.literal('zorgen'),
    expectedRev: rev,
    text: plainText(PLAN_TEXT_MAX),
  }),
]);
export type UpdatePlanSection = z.input<typeof updatePlanSectionSchema>;

const goalFields = {
  zrmDomain: zrmDomainKeySchema,
  text: plainText(PLAN_TEXT_MAX).refine((t) => t.trim().length > 0, { message: 'required' }),
  /** Null: the plan's evaluation date. */
  evaluationDate: planDate.nullable(),
  status: z.enum(PLAN_GOAL_STATUSES),
};
export const createPlanGoalSchema = z.strictObject({
  ...goalFields,
  evaluationDate: goalFields.evaluationDate.default(null),
  status: goalFields.status.default('open'),
});
export type CreatePlanGoal = z.input<typeof createPlanGoalSchema>;
export const updatePlanGoalSchema = z.strictObject({ expectedRev: rev, ...goalFields });
export type UpdatePlanGoal = z.input<typeof updatePlanGoalSchema>;

const itemFields = {
  goalId: z.uuid().nullable(),
  type: z.enum(PLAN_ITEM_TYPES),
  title: plainText(PLAN_TITLE_MAX).refine((t) => t.trim().length > 0, { message: 'required' }),
  /** Who does it: a family member, someone of the network, a volunteer, a provider. */
  owner: plainText(PLAN_NAME_MAX),
  startDate: planDate.nullable(),
  endDate: planDate.nullable(),
  status: z.enum(PLAN_ITEM_STATUSES),
  costCents: z.number().int().min(0).max(PLAN_COST_MAX_CENTS).nullable(),
  costCategory: z.enum(COST_CATEGORIES).nullable(),
};
const datesInOrder = (
  v: { startDate?: string | null; endDate?: string | null },
  ctx: z.RefinementCtx,
) => {
  if (v.startDate && v.endDate && v.endDate < v.startDate)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'before-start' });
};
export const planItemInputSchema = z
  .strictObject({
    goalId: itemFields.goalId.default(null),
    type: itemFields.type,
    title: itemFields.title,
    owner: itemFields.owner.default(''),
    startDate: itemFields.startDate.default(null),
    endDate: itemFields.endDate.default(null),
    status: itemFields.status.default('gepland'),
    costCents: itemFields.costCents.default(null),
    costCategory: itemFields.costCategory.default(null),
  })
  .superRefine(datesInOrder);
export type PlanItemInput = z.input<typeof planItemInputSchema>;

export const createPlanItemSchema = z
  .strictObject({
    ...planItemInputSchema.shape,
    /** By hand or from the family's own plan (a decision uses `POST /decisions/:id/plan-items`). */
    source: z.enum(['handmatig', 'familieplan']).default('handmatig'),
  })
  .superRefine(datesInOrder);
export type CreatePlanItem = z.input<typeof createPlanItemSchema>;

export const updatePlanItemSchema = z
  .strictObject({ expectedRev: rev, ...itemFields })
  .superRefine(datesInOrder);
export type UpdatePlanItem = z.input<typeof updatePlanItemSchema>;

export const removeQuerySchema = z.strictObject({
  expectedRev: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/)
    .transform(Number),
});

/** "In plan opnemen": items pre-filled from the decision (edited or not); none = the suggestion. */
export const planItemsFromDecisionSchema = z.strictObject({
  items: z.array(planItemInputSchema).min(1).max(10).optional(),
});
export type PlanItemsFromDecision = z.input<typeof planItemsFromDecisionSchema>;

export const recordEvaluationSchema = z.strictObject({
  /** Null: the plan's evaluation; else one goal's. */
  goalId: z.uuid().nullable().default(null),
  /** The goal's status after the evaluation (goals only). */
  goalStatus: z.enum(PLAN_GOAL_STATUSES).optional(),
  /** The next evaluation; null = from the variant's review cycle. */
  nextDate: planDate.nullable().default(null),
});
export type RecordEvaluation = z.input<typeof recordEvaluationSchema>;

export const recordAgreementSchema = z.strictObject({
  versionNumber: z.number().int().min(1),
  agreedOn: planDate,
  method: z.enum(AGREEMENT_METHODS),
  /** Who of the family (name as they give it). */
  byName: plainText(PLAN_NAME_MAX).refine((t) => t.trim().length > 0, { message: 'required' }),
  agreed: z.boolean(),
  comment: plainText(2_000).default(''),
});
export type RecordAgreement = z.input<typeof recordAgreementSchema>;

export const planDiffQuerySchema = z.strictObject({
  from: z
    .string()
    .regex(/^[0-9]{1,9}$/)
    .transform(Number),
  to: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/)
    .transform(Number),
});

/* ---------- answers ---------- */

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface PlanGoalView {
  id: string;
  rev: number;
  zrmDomain: string;
  text: string;
  status: PlanGoalStatus;
  /** The goal's own date, or the plan's when it has none. */
  evaluationDate: string | null;
  ownEvaluationDate: boolean;
  evaluationState: EvaluationState;
  /** ZRM score of the domain when the goal was set, and in the latest assessment. */
  baselineScore: number | null;
  latestScore: number | null;
}

export interface PlanItemView {
  id: string;
  rev: number;
  goalId: string | null;
  type: PlanItemType;
  title: string;
  owner: string;
  startDate: string | null;
  endDate: string | null;
  status: PlanItemStatus;
  costCents: number | null;
  costCategory: CostCategory | null;
  source: PlanItemSource & {
    /** For a decision: what the meeting decided, when, and the meeting's and item's titles. */
    decision: {
      type: DecisionType;
      text: string;
      decidedAt: string;
      meetingStartsAt: string;
      agendaItemTitle: string;
    } | null;
  };
  createdAt: string;
  updatedAt: string;
}

export interface PlanAgreementView {
  id: string;
  versionNumber: number;
  agreedOn: string;
  method: AgreementMethod;
  byName: string;
  agreed: boolean;
  comment: string;
  recordedBy: PersonRef;
  recordedAt: string;
}

export interface PlanVersionSummary {
  number: number;
  author: PersonRef;
  createdAt: string;
  /** What the change was, as a key (`item.toegevoegd`, `sectie.krachten`, …). */
  change: string;
  /** The goal's text or the item's title it concerned, if any. */
  subject: string | null;
}

export interface SupportPlanView {
  id: string;
  householdId: string;
  teamId: string;
  variant: PlanVariant;
  reviewCycleMonths: number;
  casusregisseur: PersonRef | null;
  evaluationDate: string | null;
  evaluationState: EvaluationState;
  lastEvaluatedOn: string | null;
  krachten: string;
  zorgen: string;
  /** Revision per section (`basis`, `krachten`, `zorgen`): the `expectedRev` of its next edit. */
  sectionRevs: { basis: number; krachten: number; zorgen: number };
  goals: PlanGoalView[];
  items: PlanItemView[];
  version: number;
  versions: PlanVersionSummary[];
  agreements: PlanAgreementView[];
  /** The latest agreement and whether it concerns the current version. */
  agreementState: 'geen' | 'akkoord' | 'niet-akkoord' | 'akkoord-oudere-versie';
  createdAt: string;
  updatedAt: string;
}

/** A decision of a meeting about one of the household's cases, not yet taken into the plan. */
export interface UnprocessedDecision {
  id: string;
  type: DecisionType;
  text: string;
  decidedAt: string;
  meetingId: string;
  meetingStartsAt: string;
  agendaItemId: string;
  agendaItemTitle: string;
  caseId: string;
}

export interface LatestZrm {
  caseId: string;
  assessmentId: string;
  assessedAt: string;
  version: string;
  scores: Record<string, number | 'niet-gescoord'>;
}

/** `GET /households/:id/support-plan`: the plan (or null) and what the page needs around it. */
export interface SupportPlanPage {
  householdId: string;
  householdLabel: string;
  teamId: string;
  plan: SupportPlanView | null;
  unprocessedDecisions: UnprocessedDecision[];
  latestZrm: LatestZrm | null;
  /** The case whose ZRM form to open at an evaluation (the household's newest case). */
  zrmCaseId: string | null;
  /** Prompt for a new ZRM assessment (none yet, or the latest older than 30 days). */
  zrmPrompt: boolean;
  /** Team members who may be casusregisseur. */
  regisseurCandidates: PersonRef[];
}

export interface PlanVersionView {
  number: number;
  author: PersonRef;
  createdAt: string;
  change: string;
  subject: string | null;
  snapshot: PlanSnapshot;
  agreements: PlanAgreementView[];
}

export interface PlanDiffView {
  from: number;
  to: number;
  diff: PlanDiff;
}

/** A decision's plan items (the decision → plan link). */
export interface DecisionPlanItems {
  decisionId: string;
  householdId: string;
  planId: string | null;
  items: { id: string; title: string; type: PlanItemType; status: PlanItemStatus }[];
}

export interface OverdueEvaluationView extends OverdueEvaluation {
  householdLabel: string;
  casusregisseurName: string | null;
  mine: boolean;
}

/** The answer of an operation: the plan after it. */
export type PlanOperationResult = SupportPlanView;

/** The body of a 409 `PLAN_CONFLICT`: the usual error plus the plan as it is now. */
export interface PlanConflictResponse {
  code: 'PLAN_CONFLICT';
  message: string;
  requestId: string;
  details?: { path: string; issue: string }[];
  current: SupportPlanView;
}

/** What a specialist outside the team sees, only under a valid consent entry. */
export interface SharedPlanView {
  householdLabel: string;
  variant: PlanVariant;
  evaluationDate: string | null;
  goals: { zrmDomain: string; text: string; status: PlanGoalStatus }[];
  items: {
    type: PlanItemType;
    title: string;
    owner: string;
    startDate: string | null;
    endDate: string | null;
    status: PlanItemStatus;
  }[];
  version: number;
  consentId: string;
}

export const PLAN_ITEM_SOURCE_KINDS = PLAN_ITEM_SOURCES;
