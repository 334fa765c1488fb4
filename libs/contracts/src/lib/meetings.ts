import * as z from 'zod';
import {
  AGENDA_ITEM_KINDS,
  AGENDA_ITEM_STATUSES,
  AGENDA_TIME_BOX_MAX_MINUTES,
  AGENDA_TIME_BOX_MIN_MINUTES,
  AGENDA_TITLE_MAX,
  entityIdSchema,
  type LiveEvent,
  type LiveRoomState,
  meetingSeriesSchema,
  PREVIOUS_ITEM_STATUSES,
  TIMER_EXTEND_MAX_MINUTES,
} from '@casustafel/domain';

/**
 * Meetings (casuïstiekoverleg): series, single meetings, their agenda and the live room
 * (DESIGN.md "Real time"). Planning rules and the live reducer live in `@casustafel/domain`.
 */

export const MEETING_TYPES = ['casuistiekoverleg'] as const;
export const MEETING_STATUSES = ['gepland', 'live', 'afgesloten', 'geannuleerd'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

const durationMinutes = z.number().int().min(15).max(480);
const roles = {
  chairId: z.uuid(),
  timekeeperId: z.uuid().nullable().default(null),
  minuteTakerId: z.uuid().nullable().default(null),
};

export const createMeetingSeriesSchema = z.strictObject({
  /** RRULE, time zone, first start (local), duration, exdates, moved: the domain's series. */
  schedule: meetingSeriesSchema,
  type: z.enum(MEETING_TYPES).default('casuistiekoverleg'),
  ...roles,
});
export type CreateMeetingSeries = z.input<typeof createMeetingSeriesSchema>;

export const createMeetingSchema = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes,
  type: z.enum(MEETING_TYPES).default('casuistiekoverleg'),
  ...roles,
});
export type CreateMeeting = z.input<typeof createMeetingSchema>;

export const updateMeetingSchema = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }).optional(),
  durationMinutes: durationMinutes.optional(),
  chairId: z.uuid().optional(),
  timekeeperId: z.uuid().nullable().optional(),
  minuteTakerId: z.uuid().nullable().optional(),
});
export type UpdateMeeting = z.input<typeof updateMeetingSchema>;

const timeBox = z.number().int().min(AGENDA_TIME_BOX_MIN_MINUTES).max(AGENDA_TIME_BOX_MAX_MINUTES);
const title = z.string().trim().max(AGENDA_TITLE_MAX);

export const createAgendaItemSchema = z.strictObject({
  kind: z.enum(AGENDA_ITEM_KINDS),
  title: title.default(''),
  presenterUserId: z.uuid(),
  timeBoxMinutes: timeBox,
  /** Required for, and only for, `casusbespreking`: a ready preparation of a case of the team. */
  preparationId: z.uuid().nullable().default(null),
  /**
   * Required when the consent ledger holds no valid consent or legal basis for the meeting
   * (purpose mdo) on the meeting's date: why the case is discussed anyway. Kept and audited.
   */
  consentJustification: z.string().trim().min(10).max(1000).nullable().default(null),
});
export type CreateAgendaItem = z.input<typeof createAgendaItemSchema>;

export const updateAgendaItemSchema = z.strictObject({
  title: title.optional(),
  presenterUserId: z.uuid().optional(),
  timeBoxMinutes: timeBox.optional(),
  preparationId: z.uuid().nullable().optional(),
  /** As for a new item: needed when the new preparation's case has no cover for the meeting. */
  consentJustification: z.string().trim().min(10).max(1000).nullable().optional(),
});
export type UpdateAgendaItem = z.input<typeof updateAgendaItemSchema>;

export const reorderAgendaSchema = z.strictObject({
  itemId: z.uuid(),
  toIndex: z.number().int().min(0),
});
export type ReorderAgenda = z.infer<typeof reorderAgendaSchema>;

/** Whether the ledger covers discussing a case in the meeting, and the chair's justification. */
export interface AgendaItemConsent {
  /** `gedekt`: a valid consent or legal basis; `verlopen`: only expired ones; `ontbreekt`: none. */
  state: 'gedekt' | 'verlopen' | 'ontbreekt';
  /** Last day covered (YYYY-MM-DD) when covered and limited in time; null otherwise. */
  validUntil: string | null;
  justification: string | null;
  justifiedBy: string | null;
  justifiedAt: string | null;
}

export interface AgendaItemView {
  id: string;
  kind: (typeof AGENDA_ITEM_KINDS)[number];
  title: string;
  presenterUserId: string;
  timeBoxMinutes: number;
  order: number;
  status: (typeof AGENDA_ITEM_STATUSES)[number];
  preparationId: string | null;
  caseId: string | null;
  carriedFromItemId: string | null;
  /** A case item's consent for the meeting (purpose mdo) on the meeting's date; null otherwise. */
  consent: AgendaItemConsent | null;
  /** Planned start and end (ISO), back to back from the meeting start; null when skipped. */
  plannedStart: string | null;
  plannedEnd: string | null;
}

export interface MeetingSummary {
  id: string;
  teamId: string;
  seriesId: string | null;
  type: (typeof MEETING_TYPES)[number];
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  status: MeetingStatus;
  published: boolean;
}

export interface MeetingDetail extends MeetingSummary {
  chairId: string;
  timekeeperId: string | null;
  minuteTakerId: string | null;
  agenda: AgendaItemView[];
  plannedMinutes: number;
}

/** `GET /api/me/meetings`: a meeting of one of my teams in the coming week, with my part in it. */
export interface MyMeetingView extends MeetingSummary {
  teamName: string;
  myRoles: ('chair' | 'timekeeper' | 'minute-taker')[];
}

/** `GET /api/me/preparations`: a preparation I still owe (a draft of a case I run or wrote). */
export interface OwedPreparationView {
  preparationId: string;
  caseId: string;
  caseTitle: string;
  teamId: string;
  updatedAt: string;
}

/**
 * `GET /api/meetings/:id/close-preview`: what closing would do with the undiscussed case items.
 * `volgend-overleg`: they go to the next meeting of the series (id null: made at closing);
 * `geen-reeks` / `einde-reeks`: no next meeting, they stay `overgeslagen` here and their
 * preparations stay ready for any later agenda.
 */
export interface MeetingClosePreview {
  undiscussedItemIds: string[];
  destination: 'volgend-overleg' | 'geen-reeks' | 'einde-reeks';
  nextMeeting: { id: string | null; startsAt: string } | null;
}

export interface MeetingSeriesCreated {
  seriesId: string;
  meetings: MeetingSummary[];
}

/* ---------- live room ---------- */

export const PRESENCE_MODES = ['in-de-ruimte', 'op-afstand'] as const;
export type PresenceMode = (typeof PRESENCE_MODES)[number];

export const meetingJoinSchema = z.strictObject({
  meetingId: z.uuid(),
  lastSeq: z.number().int().min(0).optional(),
  mode: z.enum(PRESENCE_MODES).default('op-afstand'),
});
export type MeetingJoin = z.input<typeof meetingJoinSchema>;

export type MeetingJoinResult =
  | { seq: number; snapshot: LiveRoomState; events?: undefined }
  | { seq: number; events: LiveEvent[]; snapshot?: undefined };

const commandBase = { commandId: z.uuid(), meetingId: entityIdSchema };
const itemCommand = { ...commandBase, itemId: entityIdSchema };
const onItem = <T extends string>(type: T) =>
  z.strictObject({ ...itemCommand, type: z.literal(type) });
const onQueue = <T extends string>(type: T) =>
  z.strictObject({ ...commandBase, type: z.literal(type) });

/**
 * `meeting:command`: one command of the live room. Its output is the domain's `LiveCommand`, the
 * input of `applyCommand` (`live-commands.spec.ts` keeps the two the same).
 */
export const meetingCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...itemCommand,
    type: z.literal('item:start'),
    /** What becomes of the item that was current; `besproken` unless told otherwise. */
    previousStatus: z.enum(PREVIOUS_ITEM_STATUSES).default('besproken'),
  }),
  onItem('item:skip'),
  onItem('item:finish'),
  onItem('timer:start'),
  onItem('timer:pause'),
  z.strictObject({
    ...itemCommand,
    type: z.literal('timer:extend'),
    minutes: z.number().int().min(1).max(TIMER_EXTEND_MAX_MINUTES),
  }),
  onItem('phase:advance'),
  onItem('phase:back'),
  onQueue('hand:raise'),
  /** Lower a hand: one's own (no userId), or, for the chair, anyone's. */
  z.strictObject({
    ...commandBase,
    type: z.literal('hand:lower'),
    userId: entityIdSchema.optional(),
  }),
  onQueue('queue:next'),
]);
export type MeetingCommand = z.input<typeof meetingCommandSchema>;
export interface MeetingCommandResult {
  seq: number;
  duplicate: boolean;
}

export interface MeetingPresence {
  meetingId: string;
  present: {
    userId: string;
    displayName: string;
    mode: PresenceMode;
    /** An invited external specialist: shown as a guest. */
    guest?: boolean;
    /** The connection dropped moments ago: shown as reconnecting, removed if not back soon. */
    reconnecting?: boolean;
  }[];
}

export type MeetingEvent = LiveEvent & { meetingId: string };
