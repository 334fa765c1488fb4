import { sortByOrder, type AgendaItemKind, type AgendaItemStatus } from './agenda';
import {
  DECISION_TYPE_LABELS,
  type Action,
  type ActionStatus,
  type Decision,
  type DecisionType,
} from './decisions';
import { LIVE_ROLES, type LiveRole } from './live-room';
import type { DiscussionPhase } from './phases';

/**
 * Minutes (verslag) of a meeting: generated from the meeting's data, approved, then locked
 * (DESIGN.md: "Minutes are generated, approved, then locked"). Per item: the question to the team
 * (from the preparation), the note text (the item's Yjs document as plain text), its decisions and
 * its actions (§3.4 point 6). Approved minutes are immutable: every edit goes through
 * `assertEditable`.
 */

export const MINUTES_STATUSES = ['draft', 'approved'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

export interface MinutesMeetingInput {
  id: string;
  title: string;
  start: Date;
  end: Date;
}

export interface AttendanceInput {
  userId: string;
  role: LiveRole;
  present: boolean;
  /** Only for someone outside the team (a guest): the name they took part under. */
  name?: string;
}

export interface MinutesItemInput {
  id: string;
  kind: AgendaItemKind;
  title: string;
  order: number;
  status: AgendaItemStatus;
  /** The question to the team from the item's preparation; null for other kinds. */
  question: string | null;
  /** Time the item was the current one (ms), from the room's events; absent when never started. */
  timeSpentMs?: number;
  /** Of that time, per discussion phase (case items). */
  phaseMs?: Partial<Record<DiscussionPhase, number>>;
}

export interface MinutesAttendee {
  userId: string;
  role: LiveRole;
  /**
   * Only for someone outside the team (a guest specialist): the name they took part under.
   * Team members are named from the team.
   */
  name?: string;
}

export interface MinutesDecision {
  decisionId: string;
  type: DecisionType;
  typeLabel: string;
  text: string;
  rationale: string;
  decidedByUserId: string;
}

export interface MinutesAction {
  actionId: string;
  description: string;
  ownerUserId: string;
  due: string;
  status: ActionStatus;
}

export interface MinutesItem {
  itemId: string;
  order: number;
  kind: AgendaItemKind;
  title: string;
  status: AgendaItemStatus;
  question: string | null;
  /** Time spent on the item (ms); absent in minutes made before it was recorded. */
  timeSpentMs?: number;
  /** Of that time, per discussion phase (case items). */
  phaseMs?: Partial<Record<DiscussionPhase, number>>;
  notes: string;
  decisions: MinutesDecision[];
  actions: MinutesAction[];
}

export interface MinutesDocument {
  meetingId: string;
  title: string;
  /** ISO 8601 instants. */
  start: string;
  end: string;
  status: MinutesStatus;
  attendance: { present: MinutesAttendee[]; absent: MinutesAttendee[] };
  items: MinutesItem[];
  approvedByUserId: string | null;
  approvedAt: string | null;
}

export type BuildMinutesResult =
  | { ok: true; minutes: MinutesDocument }
  | { ok: false; error: 'unknown-agenda-item'; itemIds: string[] };

function attendeeOrder(a: MinutesAttendee, b: MinutesAttendee): number {
  return (
    LIVE_ROLES.indexOf(a.role) - LIVE_ROLES.indexOf(b.role) || a.userId.localeCompare(b.userId)
  );
}

/**
 * Builds draft minutes. Items in agenda order (skipped items included, so the minutes show they
 * were carried forward); attendees present and absent, by role (chair first) then id; decisions
 * and actions under their item in the order given. Notes, decisions or actions that point at an
 * item not on this agenda are refused rather than dropped.
 */
export function buildMinutes(
  meeting: MinutesMeetingInput,
  attendance: readonly AttendanceInput[],
  items: readonly MinutesItemInput[],
  notesText: Readonly<Record<string, string>>,
  decisions: readonly Decision[],
  actions: readonly Action[],
): BuildMinutesResult {
  const itemIds = new Set(items.map((i) => i.id));
  const unknown = new Set<string>();
  for (const id of Object.keys(notesText)) if (!itemIds.has(id)) unknown.add(id);
  for (const d of decisions) if (!itemIds.has(d.agendaItemId)) unknown.add(d.agendaItemId);
  for (const a of actions) if (!itemIds.has(a.agendaItemId)) unknown.add(a.agendaItemId);
  if (unknown.size > 0)
    return { ok: false, error: 'unknown-agenda-item', itemIds: [...unknown].sort() };

  const toAttendee = (a: AttendanceInput): MinutesAttendee =>
    a.name === undefined
      ? { userId: a.userId, role: a.role }
      : { userId: a.userId, role: a.role, name: a.name };
  return {
    ok: true,
    minutes: {
      meetingId: meeting.id,
      title: meeting.title,
      start: meeting.start.toISOString(),
      end: meeting.end.toISOString(),
      status: 'draft',
      attendance: {
        present: attendance
          .filter((a) => a.present)
          .map(toAttendee)
          .sort(attendeeOrder),
        absent: attendance
          .filter((a) => !a.present)
          .map(toAttendee)
          .sort(attendeeOrder),
      },
      items: sortByOrder(items).map((item) => ({
        itemId: item.id,
        order: item.order,
        kind: item.kind,
        title: item.title,
        status: item.status,
        question: item.question,
        ...(item.timeSpentMs === undefined ? {} : { timeSpentMs: item.timeSpentMs }),
        ...(item.phaseMs === undefined ? {} : { phaseMs: item.phaseMs }),
        notes: Object.hasOwn(notesText, item.id) ? (notesText[item.id] as string) : '',
        decisions: decisions
          .filter((d) => d.agendaItemId === item.id)
          .map((d) => ({
            decisionId: d.id,
            type: d.type,
            typeLabel: DECISION_TYPE_LABELS[d.type],
            text: d.text,
            rationale: d.rationale,
            decidedByUserId: d.decidedByUserId,
          })),
        actions: actions
          .filter((a) => a.agendaItemId === item.id)
          .map((a) => ({
            actionId: a.id,
            description: a.description,
            ownerUserId: a.ownerUserId,
            due: a.due,
            status: a.status,
          })),
      })),
      approvedByUserId: null,
      approvedAt: null,
    },
  };
}

export type MinutesEditError = 'minutes-approved';

/** Approved minutes are locked; anything that changes minutes must pass this first. */
export function assertEditable(
  minutes: Pick<MinutesDocument, 'status'>,
): { ok: true } | { ok: false; error: MinutesEditError } {
  return minutes.status === 'approved' ? { ok: false, error: 'minutes-approved' } : { ok: true };
}

/** Approves draft minutes, which locks them. */
export function approveMinutes(
  minutes: MinutesDocument,
  byUserId: string,
  at: Date,
): { ok: true; minutes: MinutesDocument } | { ok: false; error: MinutesEditError } {
  const editable = assertEditable(minutes);
  if (!editable.ok) return editable;
  return {
    ok: true,
    minutes: {
      ...minutes,
      status: 'approved',
      approvedByUserId: byUserId,
      approvedAt: at.toISOString(),
    },
  };
}

/** Replaces the note text of one item in draft minutes (corrections before approval). */
export function reviseItemNotes(
  minutes: MinutesDocument,
  itemId: string,
  notes: string,
):
  | { ok: true; minutes: MinutesDocument }
  | { ok: false; error: MinutesEditError | 'item-not-found' } {
  const editable = assertEditable(minutes);
  if (!editable.ok) return editable;
  if (!minutes.items.some((i) => i.itemId === itemId))
    return { ok: false, error: 'item-not-found' };
  return {
    ok: true,
    minutes: {
      ...minutes,
      items: minutes.items.map((i) => (i.itemId === itemId ? { ...i, notes } : i)),
    },
  };
}
