import * as z from 'zod';
import {
  CIRCLE_ROLES,
  CONFERENCE_BOTTOM_LINES_MAX,
  CONFERENCE_ENTRIES_MAX,
  CONFERENCE_NAME_MAX,
  CONFERENCE_TEXT_MAX,
  type CircleRole,
  type CircleSource,
  type ConferencePhase,
  type ConferenceRole,
  type ConferenceStatus,
  PLAN_ENTRY_KINDS,
  type PlanEntryKind,
} from '@casustafel/domain';
import { familySignInSchema } from './household-story';

/**
 * The familienetwerkberaad (issue 13 §4–5): the team prepares it for a household (circle,
 * date and place, coordinator, bottom lines, invitations by link + one-time code), the live part
 * runs on the session engine (`session:event`; joined with `conference:join`), and the accepted
 * familiegroepsplan lands in the household's support plan.
 */

const name = z.string().trim().min(1).max(CONFERENCE_NAME_MAX);
const text = z.string().trim().max(CONFERENCE_TEXT_MAX);

export const circleMemberInputSchema = z.strictObject({
  name,
  role: z.enum(CIRCLE_ROLES),
  /** How they are related (free words: "oma", "buurvrouw"). */
  relation: z.string().trim().max(80).default(''),
  personId: z.uuid().nullable().default(null),
  networkPersonId: z.uuid().nullable().default(null),
});
export type CircleMemberInput = z.input<typeof circleMemberInputSchema>;

export const createConferenceSchema = z.strictObject({
  /** The conference's central question, in the family's words. */
  question: z.string().trim().min(5).max(500),
  /** Date and time chosen by the family; may follow later. */
  startsAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** The place chosen by the family (a home, a community centre, online). */
  place: z.string().trim().max(200).default(''),
  /** The independent coordinator: a colleague of the organisation, not one of the professionals. */
  coordinatorId: z.uuid(),
  /** The professionals who inform and accept (team members); the preparer by default. */
  professionalIds: z.array(z.uuid()).max(10).default([]),
  circle: z.array(circleMemberInputSchema).max(60).default([]),
  /** Bottom lines (safety conditions) set by the professional, one per line. */
  bottomLines: z
    .array(z.string().trim().min(3).max(500))
    .max(CONFERENCE_BOTTOM_LINES_MAX)
    .default([]),
});
export type CreateConference = z.input<typeof createConferenceSchema>;

export const updateConferenceSchema = z.strictObject({
  question: z.string().trim().min(5).max(500).optional(),
  startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  place: z.string().trim().max(200).optional(),
});
export type UpdateConference = z.input<typeof updateConferenceSchema>;

export const addBottomLineSchema = z.strictObject({ text: z.string().trim().min(3).max(500) });

export const inviteCircleMemberSchema = z.strictObject({
  /** How long the link works (days). */
  days: z.number().int().min(1).max(90).default(30),
});
export type InviteCircleMember = z.input<typeof inviteCircleMemberSchema>;

export const planEntrySchema = z.strictObject({
  who: z.string().trim().max(CONFERENCE_NAME_MAX),
  what: z.string().trim().max(500),
  when: z.string().trim().max(200),
  kind: z.enum(PLAN_ENTRY_KINDS),
});

export const savePlanSchema = z.strictObject({
  /** The plan's revision the writer saw (0 for a plan not yet written). */
  expectedRev: z.number().int().min(0),
  entries: z.array(planEntrySchema).max(CONFERENCE_ENTRIES_MAX),
  familyLead: z.string().trim().max(CONFERENCE_NAME_MAX),
  monitor: z.string().trim().max(CONFERENCE_NAME_MAX),
  evaluationOn: z.iso.date().nullable(),
  ifDifferent: text,
});
export type SavePlan = z.input<typeof savePlanSchema>;

export const checkBottomLineSchema = z.strictObject({
  met: z.boolean(),
  note: z.string().trim().max(1_000).default(''),
});
export type CheckBottomLine = z.input<typeof checkBottomLineSchema>;

/** The four-week follow-up, done: how the family's plan is going, in a few words. */
export const recordFollowUpSchema = z.strictObject({
  note: z.string().trim().max(1_000).default(''),
});
export type RecordFollowUp = z.input<typeof recordFollowUpSchema>;

/** Link + code as for the family's own access, and (for a network member) their consent. */
export const conferenceSignInSchema = familySignInSchema.extend({
  /** "I take part, and agree that my name and my part in the plan are recorded." */
  consent: z.boolean().default(false),
});
export type ConferenceSignIn = z.input<typeof conferenceSignInSchema>;

export const conferenceJoinSchema = z.strictObject({
  conferenceId: z.uuid(),
  lastSeq: z.number().int().min(0).optional(),
});
export type ConferenceJoin = z.input<typeof conferenceJoinSchema>;

/** A contribution to the room: its type follows from the phase and the sender's role. */
export const conferenceSayCommandSchema = z.strictObject({
  conferenceId: z.uuid(),
  commandId: z.uuid(),
  type: z.literal('contribution:add'),
  text: z.string().trim().min(1).max(4_000),
});
export const conferenceAdvanceCommandSchema = z.strictObject({
  conferenceId: z.uuid(),
  commandId: z.uuid(),
  type: z.literal('phase:advance'),
});
export const conferenceCommandSchema = z.discriminatedUnion('type', [
  conferenceSayCommandSchema,
  conferenceAdvanceCommandSchema,
]);
export type ConferenceCommand = z.input<typeof conferenceCommandSchema>;

/* ---------- views ---------- */

/** `ingetrokken`: withdrawn by the coordinator or a professional (link and code stopped at once). */
export type InvitationStatus =
  'niet-uitgenodigd' | 'uitgenodigd' | 'aangemeld' | 'verlopen' | 'ingetrokken';

export interface CircleMemberView {
  id: string;
  name: string;
  role: CircleRole;
  relation: string;
  invitation: InvitationStatus;
  /** A network member's consent to take part (null: not given yet). */
  consentAt: string | null;
  /** Signed in at least once (such a member is not removed from the circle, only withdrawn). */
  tookPart: boolean;
  /** Their account once invited: names their contributions in the room (null before). */
  userId: string | null;
}

export interface ConferenceStaffView {
  userId: string;
  displayName: string;
  role: Extract<ConferenceRole, 'coordinator' | 'professional'>;
}

export interface BottomLineView {
  id: string;
  text: string;
  /** null: not checked yet. */
  met: boolean | null;
  note: string;
  checkedBy: string | null;
  checkedAt: string | null;
}

export interface PlanEntryView {
  who: string;
  what: string;
  when: string;
  kind: PlanEntryKind;
  /** Once accepted: the support plan item it became. */
  supportPlanItemId: string | null;
}

export interface FamilyGroupPlanView {
  rev: number;
  entries: PlanEntryView[];
  familyLead: string;
  monitor: string;
  evaluationOn: string | null;
  ifDifferent: string;
  /** What is still missing before acceptance (domain `planIssues`). */
  issues: { path: string; issue: string }[];
  updatedAt: string | null;
}

export interface ConferenceView {
  id: string;
  householdId: string;
  /** The household's label: for the team only (null for family and network). */
  householdLabel: string | null;
  status: ConferenceStatus;
  /** The live phase while the conference runs. */
  phase: ConferencePhase | null;
  /** The session on the live engine (null before the start). */
  sessionId: string | null;
  /** The caller's part in the conference (`team`: a team member who is not in it). */
  myRole: ConferenceRole | 'team';
  question: string;
  startsAt: string | null;
  place: string;
  staff: ConferenceStaffView[];
  circle: CircleMemberView[];
  bottomLines: BottomLineView[];
  acceptedAt: string | null;
  acceptedBy: string | null;
  followUpOn: string | null;
  /** The follow-up as done: when, by whom, the note (null while not done). */
  followUp: { at: string; by: string | null; note: string } | null;
  evaluationOn: string | null;
  createdAt: string;
}

export interface ConferenceSummary {
  id: string;
  status: ConferenceStatus;
  question: string;
  startsAt: string | null;
  place: string;
  coordinator: string;
  acceptedAt: string | null;
}

/** A suggestion for the circle, drawn from the household and its ecogram. */
export interface CircleSuggestion {
  name: string;
  role: CircleRole;
  relation: string;
  source: CircleSource;
  personId: string | null;
  networkPersonId: string | null;
  /** The ecogram tie's strength and support codes, when there is a tie. */
  strength: string | null;
  codes: string[];
}

/** Shown once: the link and the one-time code (sent by two channels). */
export interface CircleInvitationCreated {
  member: CircleMemberView;
  link: string;
  code: string;
  expiresAt: string;
}

/** A conference participant's own session (family or network, by link + code). */
export interface ConferenceSessionView {
  conferenceId: string;
  name: string;
  role: CircleRole;
  expiresAt: string;
  /** Sent back as `x-csrf-token` on every state-changing call of this session. */
  csrfToken: string;
}
