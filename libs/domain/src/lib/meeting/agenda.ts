import * as z from 'zod';
import { plainText, type PreparationStatus } from '../case-file/preparation';
import { entityIdSchema } from './ids';

/**
 * The agenda of one casuïstiekoverleg (domain-research.md §3.4): follow-up of the actions from last
 * time, announcements, case discussions with a time box each, and other items. Case items that were
 * not discussed carry forward to the next meeting of the series (§3.4 point 6, §4.1 point 1).
 *
 * Item status: `gepland → actief → besproken`, or `overgeslagen` (skipped; carried forward). The
 * live transitions are in `live-room.ts`; this module holds the planning maths. Items that were
 * skipped take no time: they are left out of the schedule, the planned total and the overrun.
 */

export const AGENDA_ITEM_KINDS = [
  'casusbespreking',
  'opvolging-acties',
  'mededeling',
  'overig',
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const AGENDA_ITEM_KIND_LABELS: Readonly<Record<AgendaItemKind, string>> = {
  casusbespreking: 'Casusbespreking',
  'opvolging-acties': 'Opvolging acties',
  mededeling: 'Mededeling',
  overig: 'Overig',
};

export const AGENDA_ITEM_STATUSES = ['gepland', 'actief', 'besproken', 'overgeslagen'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export const AGENDA_TIME_BOX_MIN_MINUTES = 1;
export const AGENDA_TIME_BOX_MAX_MINUTES = 120;
export const AGENDA_MAX_ITEMS = 50;
export const AGENDA_TITLE_MAX = 200;
export const DEFAULT_FOLLOW_UP_MINUTES = 10;

const MINUTE_MS = 60_000;

export const agendaItemSchema = z
  .strictObject({
    id: entityIdSchema,
    kind: z.enum(AGENDA_ITEM_KINDS),
    title: plainText(AGENDA_TITLE_MAX).default(''),
    presenterUserId: entityIdSchema,
    timeBoxMinutes: z
      .number()
      .int()
      .min(AGENDA_TIME_BOX_MIN_MINUTES)
      .max(AGENDA_TIME_BOX_MAX_MINUTES),
    order: z
      .number()
      .int()
      .min(0)
      .max(AGENDA_MAX_ITEMS - 1),
    status: z.enum(AGENDA_ITEM_STATUSES).default('gepland'),
    /** The casusvoorbereiding discussed; required for, and only for, `casusbespreking`. */
    preparationId: entityIdSchema.nullable().default(null),
    /** The item of an earlier meeting this one was carried forward from. */
    carriedFromItemId: entityIdSchema.nullable().default(null),
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'casusbespreking' && item.preparationId === null) {
      ctx.addIssue({ code: 'custom', path: ['preparationId'], message: 'required-for-case-item' });
    }
    if (item.kind !== 'casusbespreking' && item.preparationId !== null) {
      ctx.addIssue({ code: 'custom', path: ['preparationId'], message: 'only-for-case-item' });
    }
  });
export type AgendaItemInput = z.input<typeof agendaItemSchema>;
export type AgendaItem = z.output<typeof agendaItemSchema>;

/** A whole agenda: at most 50 items, unique ids and orders, at most one follow-up item. */
export const agendaSchema = z
  .array(agendaItemSchema)
  .max(AGENDA_MAX_ITEMS)
  .superRefine((items, ctx) => {
    const ids = new Set<string>();
    const orders = new Set<number>();
    items.forEach((item, i) => {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'duplicate' });
      if (orders.has(item.order)) {
        ctx.addIssue({ code: 'custom', path: [i, 'order'], message: 'duplicate' });
      }
      ids.add(item.id);
      orders.add(item.order);
    });
    if (items.filter((item) => item.kind === 'opvolging-acties').length > 1) {
      ctx.addIssue({ code: 'custom', path: [], message: 'more-than-one-follow-up-item' });
    }
  });

export type CasePreparationCheckError =
  'preparation-required' | 'preparation-not-found' | 'preparation-not-ready';

/**
 * A case item may only be put on the agenda with a preparation that exists and is `ready` (it holds
 * the question to the team). `statusOf` looks the preparation up (undefined: not found or not
 * visible to the caller). Other kinds always pass.
 */
export function checkCasePreparation(
  item: Pick<AgendaItem, 'kind' | 'preparationId'>,
  statusOf: (preparationId: string) => PreparationStatus | undefined,
): { ok: true } | { ok: false; error: CasePreparationCheckError } {
  if (item.kind !== 'casusbespreking') return { ok: true };
  if (item.preparationId === null) return { ok: false, error: 'preparation-required' };
  const status = statusOf(item.preparationId);
  if (status === undefined) return { ok: false, error: 'preparation-not-found' };
  return status === 'ready' ? { ok: true } : { ok: false, error: 'preparation-not-ready' };
}

type Ordered = { id: string; order: number };

/** Copy sorted by `order` (ties by id, so the result is deterministic). */
export function sortByOrder<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Copy sorted by `order`, renumbered 0, 1, 2, … */
export function normaliseOrder<T extends Ordered>(items: readonly T[]): T[] {
  return sortByOrder(items).map((item, order) => ({ ...item, order }));
}

export type ReorderError =
  'item-not-found' | 'index-out-of-range' | 'already-first' | 'already-last';
export type ReorderResult<T> = { ok: true; items: T[] } | { ok: false; error: ReorderError };

/**
 * Moves `itemId` to position `toIndex` (0-based, in the order-sorted list) and renumbers `order`
 * 0…n-1, as drag and drop does. The input is not changed.
 */
export function reorder<T extends Ordered>(
  items: readonly T[],
  itemId: string,
  toIndex: number,
): ReorderResult<T> {
  const sorted = sortByOrder(items);
  const from = sorted.findIndex((item) => item.id === itemId);
  if (from < 0) return { ok: false, error: 'item-not-found' };
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= sorted.length) {
    return { ok: false, error: 'index-out-of-range' };
  }
  const [moved] = sorted.splice(from, 1);
  sorted.splice(toIndex, 0, moved as T);
  return { ok: true, items: sorted.map((item, order) => ({ ...item, order })) };
}

/** Keyboard "move up": one place earlier; `already-first` at the top. */
export function moveUp<T extends Ordered>(items: readonly T[], itemId: string): ReorderResult<T> {
  const index = sortByOrder(items).findIndex((item) => item.id === itemId);
  if (index < 0) return { ok: false, error: 'item-not-found' };
  if (index === 0) return { ok: false, error: 'already-first' };
  return reorder(items, itemId, index - 1);
}

/** Keyboard "move down": one place later; `already-last` at the bottom. */
export function moveDown<T extends Ordered>(items: readonly T[], itemId: string): ReorderResult<T> {
  const index = sortByOrder(items).findIndex((item) => item.id === itemId);
  if (index < 0) return { ok: false, error: 'item-not-found' };
  if (index === items.length - 1) return { ok: false, error: 'already-last' };
  return reorder(items, itemId, index + 1);
}

type Timed = Ordered & { timeBoxMinutes: number; status: AgendaItemStatus };

export interface ScheduledItem {
  itemId: string;
  start: Date;
  end: Date;
}

/** Planned start and end of every item (skipped ones excluded), back to back from `meetingStart`. */
export function plannedSchedule(meetingStart: Date, items: readonly Timed[]): ScheduledItem[] {
  let at = meetingStart.getTime();
  return sortByOrder(items)
    .filter((item) => item.status !== 'overgeslagen')
    .map((item) => {
      const start = at;
      at += item.timeBoxMinutes * MINUTE_MS;
      return { itemId: item.id, start: new Date(start), end: new Date(at) };
    });
}

/** Sum of the time boxes of the items that are not skipped. */
export function totalPlannedMinutes(items: readonly Timed[]): number {
  return items
    .filter((item) => item.status !== 'overgeslagen')
    .reduce((sum, item) => sum + item.timeBoxMinutes, 0);
}

export interface Overrun {
  plannedMinutes: number;
  /** Length of the meeting slot. */
  availableMinutes: number;
  /** How much the planned items exceed the slot; 0 when they fit. */
  overrunMinutes: number;
  plannedEnd: Date;
}

/** Whether the planned time boxes fit in the meeting's slot (`start`–`end`). */
export function overrun(meeting: { start: Date; end: Date; items: readonly Timed[] }): Overrun {
  const plannedMinutes = totalPlannedMinutes(meeting.items);
  const availableMinutes = Math.floor(
    (meeting.end.getTime() - meeting.start.getTime()) / MINUTE_MS,
  );
  return {
    plannedMinutes,
    availableMinutes,
    overrunMinutes: Math.max(0, plannedMinutes - availableMinutes),
    plannedEnd: new Date(meeting.start.getTime() + plannedMinutes * MINUTE_MS),
  };
}

export interface CarryForwardOptions {
  /** Makes a fresh id for every new item (the caller's uuid source; keeps this function pure). */
  newId: () => string;
  /** Who presents the follow-up of open actions (usually the chair). */
  followUpPresenterUserId: string;
  followUpTimeBoxMinutes?: number;
}

/**
 * The agenda to start the next meeting of the series with: first a fresh `opvolging-acties` item
 * (§3.4: follow-up of last time's actions comes first), then every case item that was not
 * `besproken` (planned, active or skipped), in its original order, with its preparation, presenter
 * and time box, status `gepland` and a link to the item it came from. Announcements and other items
 * do not carry forward. Whether each preparation is still `ready` is checked again
 * (`checkCasePreparation`) when the next agenda is saved.
 */
export function carryForward(
  items: readonly AgendaItem[],
  options: CarryForwardOptions,
): AgendaItem[] {
  const followUp: AgendaItem = {
    id: options.newId(),
    kind: 'opvolging-acties',
    title: '',
    presenterUserId: options.followUpPresenterUserId,
    timeBoxMinutes: options.followUpTimeBoxMinutes ?? DEFAULT_FOLLOW_UP_MINUTES,
    order: 0,
    status: 'gepland',
    preparationId: null,
    carriedFromItemId: null,
  };
  const carried = sortByOrder(items)
    .filter((item) => item.kind === 'casusbespreking' && item.status !== 'besproken')
    .map((item, index): AgendaItem => ({
      ...item,
      id: options.newId(),
      order: index + 1,
      status: 'gepland',
      carriedFromItemId: item.id,
    }));
  return [followUp, ...carried];
}
