import type { AgendaItemKind } from './agenda';
import { DISCUSSION_PHASES, FIRST_DISCUSSION_PHASE, type DiscussionPhase } from './phases';

/**
 * Time spent per agenda item and per discussion phase, from the room's event log (for the
 * minutes). An item's time runs while it is the current item — from its start until the chair
 * finishes it, skips it or starts another — pauses of its timer included, as the clock on the
 * wall counts it. A case item's phases split that time at each phase change; an item taken up
 * again later adds to what it had.
 */

export interface TimedEvent {
  type: string;
  payload: Record<string, unknown>;
  /** Server time (ms). */
  at: number;
}

export interface ItemTimeSpent {
  ms: number;
  phases: Partial<Record<DiscussionPhase, number>>;
}

function isPhase(value: unknown): value is DiscussionPhase {
  return typeof value === 'string' && (DISCUSSION_PHASES as readonly string[]).includes(value);
}

/**
 * `events` in seq order; `kinds` names each item's kind (only case items have phases); `endAt` is
 * when an item still current at the end stops counting (the close, or now).
 */
export function timeSpent(
  events: readonly TimedEvent[],
  kinds: Readonly<Record<string, AgendaItemKind>>,
  endAt: number,
): Record<string, ItemTimeSpent> {
  const spent: Record<string, ItemTimeSpent> = {};
  const phaseOf = new Map<string, DiscussionPhase>();
  let current: string | null = null;
  let since = 0;

  const add = (itemId: string, until: number) => {
    const ms = Math.max(0, until - since);
    const entry = (spent[itemId] ??= { ms: 0, phases: {} });
    entry.ms += ms;
    const phase = phaseOf.get(itemId);
    if (phase !== undefined) entry.phases[phase] = (entry.phases[phase] ?? 0) + ms;
  };
  const stop = (at: number) => {
    if (current !== null) add(current, at);
    current = null;
  };

  for (const event of events) {
    const itemId = typeof event.payload['itemId'] === 'string' ? event.payload['itemId'] : null;
    switch (event.type) {
      case 'agenda:item-started':
        if (itemId === null) break;
        stop(event.at);
        current = itemId;
        since = event.at;
        if (kinds[itemId] === 'casusbespreking' && !phaseOf.has(itemId))
          phaseOf.set(itemId, FIRST_DISCUSSION_PHASE);
        break;
      case 'agenda:item-finished':
      case 'agenda:item-skipped':
        if (itemId !== null && itemId === current) stop(event.at);
        break;
      case 'phase:changed':
        if (itemId === null || itemId !== current || !isPhase(event.payload['to'])) break;
        add(itemId, event.at);
        since = event.at;
        phaseOf.set(itemId, event.payload['to']);
        break;
      default:
        break;
    }
  }
  stop(Math.max(endAt, since));
  return spent;
}

/** Whole minutes, rounded (a started minute under 30 s counts as 0, at least 1 for any time). */
export function spentMinutes(ms: number): number {
  return ms <= 0 ? 0 : Math.max(1, Math.round(ms / 60_000));
}

/** The phases of a case item with their minutes, in phase order, leaving out phases not held. */
export function phaseMinutes(
  phases: Partial<Record<DiscussionPhase, number>> | undefined,
): { phase: DiscussionPhase; minutes: number }[] {
  if (!phases) return [];
  return DISCUSSION_PHASES.flatMap((phase) => {
    const ms = phases[phase];
    return ms === undefined || ms <= 0 ? [] : [{ phase, minutes: spentMinutes(ms) }];
  });
}
