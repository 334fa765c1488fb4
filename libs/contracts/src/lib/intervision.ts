import * as z from 'zod';
import { ANONYMISE_LABELS } from '@casustafel/domain';

/**
 * Intervision copies of real cases (issue 14 §3): made by the anonymiser from a case's texts,
 * reviewed by a second person (trainer or team leader), then released to the team. No field of
 * any of these shapes refers to the source case; only its creator can ask for the link
 * (`intervisionSourceSchema`).
 */

export const INTERVISION_CASE_STATUSES = ['in-review', 'released'] as const;
export type IntervisionCaseStatus = (typeof INTERVISION_CASE_STATUSES)[number];

export const createIntervisionCopySchema = z.strictObject({
  /** Why this case is used for intervision (recorded with the creator-only link). */
  reason: z.string().trim().min(10).max(500),
  /** The team whose members will see the released copy; default the case's own team. */
  teamId: z.uuid().optional(),
  /**
   * The copy's own title (anonymised like the text); never the case's title, which the team's
   * members know from the case list and would lead back to the case. Default: a neutral title
   * ("Intervisiecasus 3").
   */
  title: z.string().trim().min(3).max(120).optional(),
});
export type CreateIntervisionCopyRequest = z.input<typeof createIntervisionCopySchema>;

export const intervisionSpanSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  label: z.enum(ANONYMISE_LABELS),
  /** For a flagged candidate: open until a reviewer decides. */
  decision: z.enum(['open', 'keep', 'redact']).nullable(),
});
export type IntervisionSpan = z.infer<typeof intervisionSpanSchema>;

export const intervisionSectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  /** The anonymised text (offsets of `spans` are in this text). */
  text: z.string(),
  spans: z.array(intervisionSpanSchema),
});
export type IntervisionSection = z.infer<typeof intervisionSectionSchema>;

export const intervisionCaseSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  title: z.string(),
  status: z.enum(INTERVISION_CASE_STATUSES),
  sections: z.array(intervisionSectionSchema),
  /** Flagged candidates still to be decided. */
  openCandidates: z.number().int(),
  releasedAt: z.iso.datetime().nullable(),
  /** The caller made this copy (and may ask for its source). */
  isCreator: z.boolean(),
  /** The caller may approve and release it (trainer or team leader, not the creator). */
  mayRelease: z.boolean(),
});
export type IntervisionCase = z.infer<typeof intervisionCaseSchema>;

export const intervisionCaseSummarySchema = intervisionCaseSchema.pick({
  id: true,
  title: true,
  status: true,
  openCandidates: true,
  releasedAt: true,
  isCreator: true,
  mayRelease: true,
});
export type IntervisionCaseSummary = z.infer<typeof intervisionCaseSummarySchema>;

export const intervisionReviewSchema = z.strictObject({
  /** Decisions on flagged candidates: by section key and span index. */
  decisions: z
    .array(
      z.strictObject({
        section: z.string().min(1).max(40),
        span: z.number().int().min(0).max(10_000),
        decision: z.enum(['keep', 'redact']),
      }),
    )
    .max(2_000)
    .default([]),
  /** Further words or phrases to remove everywhere (a rare detail, a nickname). */
  removals: z.array(z.string().trim().min(2).max(200)).max(100).default([]),
});
export type IntervisionReviewRequest = z.input<typeof intervisionReviewSchema>;

/** Creator only: where the copy came from, and why. */
export const intervisionSourceSchema = z.object({
  caseId: z.uuid().nullable(),
  reason: z.string(),
  createdAt: z.iso.datetime(),
});
export type IntervisionSource = z.infer<typeof intervisionSourceSchema>;
