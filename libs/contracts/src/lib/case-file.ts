/*
 * The case file (dossier): households and the people in and around them, the consent ledger,
 * cases with their casusregisseur and status lifecycle, ZRM assessments, the Meldcode record,
 * and the case preparation (casusvoorbereiding) with colleagues' comments. Domain rules (BSN
 * 11-proef, ZRM reference data, Meldcode steps, preparation fields, status transitions) live in
 * `@casustafel/domain`; these are the REST payloads built on them.
 *
 * Personal data travels only in bodies, never in URLs (ids only). A BSN is sent once, when
 * recorded, and comes back masked (`*****6782`) ever after.
 */
import * as z from 'zod';
import {
  AFWEGING_NUMBERS,
  CASE_STATUSES,
  MELDCODE_CONSULTEES,
  MELDCODE_OUTCOMES,
  MELDCODE_SPECIAL_FORMS,
  PREPARATION_STATUSES,
  ZRM_VERSIONS,
  casePreparationContentSchema,
  plainText,
} from '@casustafel/domain';
import { caseDateSchema } from './case-file-households';
export * from './case-file-households';

const isoDate = z.iso.date();

/* ---------- cases ---------- */

export const caseStatusSchema = z.enum(CASE_STATUSES);
export const involvedProfessionalSchema = z.object({
  /** "who, not why": the organisation and discipline involved, no reasons or diagnoses. */
  organisation: z.string().trim().min(2).max(120),
  discipline: z.string().trim().min(2).max(60),
  contactName: z.string().trim().max(120).nullable().default(null),
});
export type InvolvedProfessional = z.infer<typeof involvedProfessionalSchema>;

export const createCaseSchema = z.object({
  householdId: z.uuid(),
  title: z.string().trim().min(3).max(120),
  casusregisseurId: z.uuid(),
  procesregisseurId: z.uuid().nullable().default(null),
});
export type CreateCaseRequest = z.input<typeof createCaseSchema>;

export const updateCaseSchema = z
  .object({
    title: z.string().trim().min(3).max(120).optional(),
    casusregisseurId: z.uuid().optional(),
    procesregisseurId: z.uuid().nullable().optional(),
    involved: z.array(involvedProfessionalSchema).max(30).optional(),
  })
  .refine((v) => Object.keys(v).length > 0);
export type UpdateCaseRequest = z.input<typeof updateCaseSchema>;

export const caseTransitionSchema = z.object({ to: caseStatusSchema });

export const caseSummarySchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  householdId: z.uuid(),
  householdLabel: z.string(),
  title: z.string(),
  status: caseStatusSchema,
  casusregisseur: z.object({ id: z.uuid(), displayName: z.string() }),
  /** An open Meldcode record: shown as a safety marker everywhere the case appears. */
  safetyMarker: z.boolean(),
  updatedAt: z.iso.datetime(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListQuerySchema = z.object({
  status: caseStatusSchema.optional(),
  regisseurId: z.uuid().optional(),
  /** Free-text search in title and household label (case-insensitive, ≤ 80 chars). */
  q: z.string().trim().max(80).optional(),
  safety: z.enum(['ja']).optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseStatusChangeSchema = z.object({
  status: caseStatusSchema,
  at: z.iso.datetime(),
  byUserId: z.uuid().nullable(),
});

/** What is covered by consent or a legal basis, at a glance (computed). */
export const consentCoverageSchema = z.object({
  mdo: z.enum(['gedekt', 'verlopen', 'ontbreekt']),
  validConsentIds: z.array(z.uuid()),
  expiredConsentIds: z.array(z.uuid()),
});
export type ConsentCoverage = z.infer<typeof consentCoverageSchema>;

/* ---------- ZRM ---------- */

export const ZRM_SOURCES = ['client', 'professional', 'netwerk', 'dossier'] as const;
export const zrmDomainInputSchema = z.object({
  score: z.union([z.number().int().min(1).max(5), z.literal('niet-gescoord')]),
  indicators: z.array(z.string().max(200)).max(10).default([]),
  sources: z.array(z.enum(ZRM_SOURCES)).max(4).default([]),
  toelichting: plainText(1000).default(''),
});
/** Validated in full on the server with the domain's rules (`createZrmAssessmentSchema`). */
export const createZrmAssessmentSchema = z.object({
  version: z.enum(ZRM_VERSIONS),
  assessedAt: isoDate,
  domains: z.record(z.string().max(40), zrmDomainInputSchema),
  zwaartefactoren: z.record(z.string().max(40), z.unknown()).default({}),
});
export type CreateZrmAssessmentRequest = z.input<typeof createZrmAssessmentSchema>;

export const zrmAssessmentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  version: z.enum(ZRM_VERSIONS),
  assessedAt: isoDate,
  assessor: z.object({ id: z.uuid(), displayName: z.string() }),
  domains: z.record(z.string(), zrmDomainInputSchema),
  zwaartefactoren: z.record(z.string(), z.unknown()),
  /** Older than 30 days: a snapshot no longer current (ZRM rule). */
  stale: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type ZrmAssessment = z.infer<typeof zrmAssessmentSchema>;

/* ---------- Meldcode ---------- */

const afwegingAnswersSchema = z.partialRecord(
  z.enum(AFWEGING_NUMBERS.map(String) as [string, ...string[]]),
  z.boolean(),
);
const stepBase = { decision: plainText(2000).min(1) };
export const meldcodeStepInputSchema = z.discriminatedUnion('step', [
  z.object({
    step: z.literal(1),
    ...stepBase,
    kindcheck: z.object({ kinderenAanwezig: z.boolean(), toelichting: plainText(1000).optional() }),
  }),
  z.object({
    step: z.literal(2),
    ...stepBase,
    consulted: z.array(z.enum(MELDCODE_CONSULTEES)).min(1),
    specialForms: z.array(z.enum(MELDCODE_SPECIAL_FORMS)).optional(),
  }),
  z.object({
    step: z.literal(3),
    ...stepBase,
    gesprekGevoerd: z.boolean(),
    redenGeenGesprek: plainText(1000).optional(),
  }),
  z.object({ step: z.literal(4), ...stepBase, afwegingen: afwegingAnswersSchema }),
  z.object({
    step: z.literal(5),
    ...stepBase,
    outcome: z.enum(MELDCODE_OUTCOMES),
    afwegingen: afwegingAnswersSchema.optional(),
    close: z.boolean(),
    monitoringAfspraken: plainText(2000).optional(),
  }),
]);
export type MeldcodeStepRequest = z.infer<typeof meldcodeStepInputSchema>;

export const meldcodeRecordSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  openedAt: z.iso.datetime(),
  openedBy: z.uuid(),
  closedAt: z.iso.datetime().nullable(),
  /** Steps as recorded (each with `by` = user id and `at`). */
  entries: z.array(z.record(z.string(), z.unknown())),
  nextAllowedSteps: z.array(z.number().int().min(1).max(5)),
  safetyMarker: z.boolean(),
});
export type MeldcodeRecordView = z.infer<typeof meldcodeRecordSchema>;

/* ---------- preparations and comments ---------- */

/**
 * Content of a preparation as edited (status is changed with its own call): the domain's
 * `casePreparationContentSchema`, which also reads the stored document back.
 */
export type PreparationContent = z.input<typeof casePreparationContentSchema>;

export const createPreparationSchema = z.object({
  /** The meeting date it is meant for (optional until meetings exist). */
  meetingDate: caseDateSchema.nullable().default(null),
  content: casePreparationContentSchema,
});
export type CreatePreparationRequest = z.input<typeof createPreparationSchema>;

export const updatePreparationSchema = z.object({ content: casePreparationContentSchema });

export const preparationCommentInputSchema = z.object({ text: plainText(2000).min(1) });
export const preparationCommentSchema = z.object({
  id: z.uuid(),
  author: z.object({ id: z.uuid(), displayName: z.string() }),
  text: z.string(),
  createdAt: z.iso.datetime(),
});
export type PreparationComment = z.infer<typeof preparationCommentSchema>;

export const preparationSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  status: z.enum(PREPARATION_STATUSES),
  meetingDate: isoDate.nullable(),
  content: z.record(z.string(), z.unknown()),
  /** Items still missing before it may be marked ready (e.g. `vraag`). */
  missingForReady: z.array(z.string()),
  /** The ZRM snapshot referred to is older than 30 days. */
  zrmStale: z.boolean(),
  author: z.object({ id: z.uuid(), displayName: z.string() }),
  comments: z.array(preparationCommentSchema),
  updatedAt: z.iso.datetime(),
  readyAt: z.iso.datetime().nullable(),
});
export type Preparation = z.infer<typeof preparationSchema>;

/** Since when a regisseur holds the role and who assigned them (null for older cases). */
export const regisseurAssignmentSchema = z.object({
  since: z.iso.datetime().nullable(),
  assignedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
});
export type RegisseurAssignment = z.infer<typeof regisseurAssignmentSchema>;

/** Someone who may be casusregisseur or procesregisseur of a team's cases. */
export const regisseurCandidateSchema = z.object({ id: z.uuid(), displayName: z.string() });
export type RegisseurCandidate = z.infer<typeof regisseurCandidateSchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  procesregisseur: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  casusregisseurAssignment: regisseurAssignmentSchema,
  procesregisseurAssignment: regisseurAssignmentSchema.nullable(),
  involved: z.array(involvedProfessionalSchema),
  statusHistory: z.array(caseStatusChangeSchema),
  allowedTransitions: z.array(caseStatusSchema),
  leadTimes: z.object({
    aanmeldingToPlan: z.number().nullable(),
    aanmeldingToAfgesloten: z.number().nullable(),
  }),
  consentCoverage: consentCoverageSchema,
  zrm: z.array(zrmAssessmentSchema),
  meldcode: z.array(meldcodeRecordSchema),
  preparations: z.array(preparationSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/* ---------- AVG art. 15 access log ---------- */

/** Language of the words in the access log (screen and CSV). */
export const ACCESS_LOG_LANGUAGES = ['nl', 'en'] as const;
export type AccessLogLanguage = (typeof ACCESS_LOG_LANGUAGES)[number];

export const accessLogEntrySchema = z.object({
  at: z.iso.datetime(),
  /**
   * Role and organisation of who accessed, in plain words (employees' identities are generally
   * not owed: C-579/21); an external guest specialist appears with their own organisation.
   */
  role: z.string().nullable(),
  organisation: z.string().nullable(),
  action: z.string(),
  /** Which data: the kind of object read or changed. */
  data: z.string().nullable(),
  purpose: z.string().nullable(),
  outcome: z.string(),
  /** The audit codes behind the words (for the team, not shown to the citizen). */
  codes: z.object({
    role: z.string().nullable(),
    action: z.string(),
    data: z.string().nullable(),
    purpose: z.string().nullable(),
    outcome: z.string(),
  }),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
export const accessLogSchema = z.object({
  householdId: z.uuid(),
  generatedAt: z.iso.datetime(),
  lang: z.enum(ACCESS_LOG_LANGUAGES),
  entries: z.array(accessLogEntrySchema),
});
export type AccessLog = z.infer<typeof accessLogSchema>;
