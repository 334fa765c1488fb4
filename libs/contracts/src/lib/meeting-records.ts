import * as z from 'zod';
import {
  ACTION_DESCRIPTION_MAX,
  ACTION_STATUSES,
  type ActionStatus,
  DECISION_RATIONALE_MAX,
  DECISION_TEXT_MAX,
  DECISION_TYPES,
  type DecisionType,
  type FollowUpEntry,
  type MinutesDocument,
} from '@casustafel/domain';

/**
 * Decisions, actions and minutes of a case meeting (DESIGN.md: Decision, Action, Minutes).
 * Live commands carry a client-made `commandId`: a retry returns the original, never a duplicate.
 * Business rules (types, due dates, status transitions, minutes lock) live in `@casustafel/domain`.
 */

const text = (max: number) => z.string().max(max);

export const createDecisionSchema = z.strictObject({
  commandId: z.uuid(),
  itemId: z.uuid(),
  type: z.enum(DECISION_TYPES),
  text: text(DECISION_TEXT_MAX),
  rationale: text(DECISION_RATIONALE_MAX),
  /** The chair records the decision on behalf of the team (decided by = the chair). */
  onBehalfOfTeam: z.boolean().default(false),
});
export type CreateDecision = z.input<typeof createDecisionSchema>;

export const createActionSchema = z.strictObject({
  commandId: z.uuid(),
  itemId: z.uuid(),
  ownerUserId: z.uuid(),
  text: text(ACTION_DESCRIPTION_MAX),
  /** Local date `YYYY-MM-DD` (today or later, at most two years ahead). */
  due: z.string(),
  decisionId: z.uuid().nullable().default(null),
});
export type CreateAction = z.input<typeof createActionSchema>;

export const updateActionStatusSchema = z.strictObject({
  commandId: z.uuid(),
  actionId: z.uuid(),
  status: z.enum(ACTION_STATUSES),
});
export type UpdateActionStatus = z.input<typeof updateActionStatusSchema>;

/** Socket payloads: the same commands, with the meeting they belong to. */
export const liveDecisionCreateSchema = createDecisionSchema.extend({ meetingId: z.uuid() });
export type LiveDecisionCreate = z.input<typeof liveDecisionCreateSchema>;
export const liveActionCreateSchema = createActionSchema.extend({ meetingId: z.uuid() });
export type LiveActionCreate = z.input<typeof liveActionCreateSchema>;
export const liveActionUpdateSchema = updateActionStatusSchema.extend({ meetingId: z.uuid() });
export type LiveActionUpdate = z.input<typeof liveActionUpdateSchema>;

export const actionListQuerySchema = z.strictObject({
  status: z.enum(ACTION_STATUSES).optional(),
});

export interface DecisionView {
  id: string;
  meetingId: string;
  agendaItemId: string;
  type: DecisionType;
  text: string;
  rationale: string;
  decidedByUserId: string;
  recordedByUserId: string;
  decidedAt: string;
}

export interface ActionView {
  id: string;
  meetingId: string;
  teamId: string;
  agendaItemId: string;
  decisionId: string | null;
  description: string;
  ownerUserId: string;
  due: string;
  status: ActionStatus;
  createdByUserId: string;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/me/actions`: one of my open actions, with where it came from. */
export interface MyActionView extends ActionView {
  /** Start of the meeting the action was agreed in. */
  meetingStartsAt: string;
  /** The case of the agenda item, when it was a case discussion (the case page checks access). */
  caseId: string | null;
  /** Due before today. */
  overdue: boolean;
}

/** The answer to a record command: the record and the meeting seq it was logged under. */
export interface RecordCommandResult<T> {
  seq: number;
  duplicate: boolean;
  record: T;
}

export interface MeetingRecordsView {
  meetingId: string;
  decisions: DecisionView[];
  actions: ActionView[];
}

/** Broadcast to `meeting:<id>` after the commit, with the meeting's seq. */
export interface DecisionCreatedEvent {
  meetingId: string;
  seq: number;
  commandId: string;
  decision: DecisionView;
}
export interface ActionEvent {
  meetingId: string;
  seq: number;
  commandId: string;
  action: ActionView;
}

export interface FollowUpView {
  itemId: string;
  meetingId: string;
  entries: FollowUpEntry[];
}

/* ---------- minutes ---------- */

export const updateMinutesSchema = z.strictObject({
  items: z.array(z.strictObject({ itemId: z.uuid(), notes: z.string().max(100_000) })).max(200),
});
export type UpdateMinutes = z.input<typeof updateMinutesSchema>;

export type MinutesView = MinutesDocument & {
  generatedAt: string;
  generatedByUserId: string;
  updatedAt: string;
};
