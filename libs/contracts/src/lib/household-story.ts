import * as z from 'zod';
import type { AccessLogEntry } from './case-file';
import { guestSignInSchema } from './guests';

/*
 * The household's story (a timeline on the case and household pages) and the family's own
 * access: a link plus a one-time code gives a session scoped to ONE household, with a plain
 * language (B1) view of the plan, agreement or disagreement, and who accessed their file.
 */

/* ---------- timeline ---------- */

export const TIMELINE_KINDS = [
  'meeting',
  'decision',
  'action',
  'plan-version',
  'zrm',
  'status',
  'meldcode',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TIMELINE_PAGE_MAX = 100;

export const timelineQuerySchema = z.strictObject({
  /** Entries strictly older than this (the previous page's `nextBefore`). */
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(TIMELINE_PAGE_MAX).default(50),
});
export type TimelineQuery = z.input<typeof timelineQuerySchema>;

/** Where an entry came from, so the page can link to it. */
export interface TimelineSource {
  kind: 'meeting' | 'minutes' | 'case' | 'plan';
  caseId: string;
  meetingId: string | null;
  /** For a plan version: the household whose plan it is. */
  householdId?: string;
}

export interface TimelineEntry {
  /** `<kind>:<id of the source row>`: stable across pages. */
  id: string;
  kind: TimelineKind;
  at: string;
  caseId: string;
  caseTitle: string;
  /** The main text: the question, the decision, the action, the new status, the step. */
  text: string;
  /** A second line: the phase reached, the rationale, who and when, the scores. */
  detail: string | null;
  /** A status code (action status, agenda item status, case status, Meldcode step). */
  status: string | null;
  source: TimelineSource;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Pass as `before` for older entries; null when there are none. */
  nextBefore: string | null;
}

/* ---------- family access ---------- */

export const FAMILY_ACCESS_DAYS_MAX = 90;

const familyName = z
  .string()
  .trim()
  .min(2)
  .max(120)
  .regex(/^[\p{L}\p{M}' .-]+$/u);

export const inviteFamilySchema = z.strictObject({
  /** Who in the household gets the link (shown in the access overview as "het gezin"). */
  name: familyName,
  /** How long the link works, in days. */
  days: z.number().int().min(1).max(FAMILY_ACCESS_DAYS_MAX).default(30),
});
export type InviteFamily = z.input<typeof inviteFamilySchema>;

/** A family signs in as a guest does: the link's token and the code sent separately. */
export const familySignInSchema = guestSignInSchema;
export type FamilySignIn = z.input<typeof familySignInSchema>;

export const FAMILY_STATUSES = ['uitgenodigd', 'aangemeld', 'ingetrokken', 'verlopen'] as const;
export type FamilyStatus = (typeof FAMILY_STATUSES)[number];

export interface FamilyInvitationView {
  id: string;
  householdId: string;
  name: string;
  status: FamilyStatus;
  codeAttempts: number;
  expiresAt: string;
  signedInAt: string | null;
  createdAt: string;
}

export interface FamilyInvitationCreated {
  invitation: FamilyInvitationView;
  /** The link with the token in its fragment (never sent to a server). */
  link: string;
  /** The one-time code, shown once to give by another channel (phone, in person). */
  code: string;
}

export const FAMILY_COMMENT_MAX = 2000;
export const familyAgreementSchema = z.strictObject({
  /**
   * The plan version the family read (`planVersionId` of their plan view; null before the
   * household has a support plan): a newer one is refused with 409 `FAMILY_PLAN_CHANGED`, so an
   * "akkoord" never lands on a version the family did not see.
   */
  planVersionId: z.uuid().nullable(),
  agrees: z.boolean(),
  comment: z.string().trim().max(FAMILY_COMMENT_MAX).default(''),
});
export type FamilyAgreementInput = z.input<typeof familyAgreementSchema>;

export interface FamilyAgreementView {
  agrees: boolean;
  comment: string;
  at: string;
  byName: string;
  /** The plan version agreed to, once the household has a support plan. */
  planVersionId: string | null;
}

/** One life area in the family's words (ZRM client-language label) with how it goes now. */
export interface FamilyDomainView {
  key: string;
  label: string;
  /** Plain words for the latest score ("Gaat goed", "Hier is hulp nodig"). */
  state: string;
  score: number | null;
}

/** Who does what, when (an agreed action), in plain words. */
export interface FamilyTaskView {
  who: string;
  what: string;
  when: string;
  status: string;
}

export interface FamilyPlanView {
  householdLabel: string;
  members: string[];
  regisseur: string | null;
  generatedAt: string;
  /** Where the plan's content comes from now. */
  source: 'plan' | 'casus';
  planVersionId: string | null;
  krachten: string[];
  zorgen: string[];
  /** Life areas with a latest ZRM score that needs work: the goals. */
  doelen: FamilyDomainView[];
  afspraken: FamilyTaskView[];
  agreement: FamilyAgreementView | null;
}

export interface FamilySessionView {
  invitationId: string;
  name: string;
  householdLabel: string;
  expiresAt: string;
}

export interface FamilyAccessLog {
  generatedAt: string;
  entries: AccessLogEntry[];
}
