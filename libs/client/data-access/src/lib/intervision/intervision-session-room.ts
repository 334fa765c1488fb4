import type { VisibleSessionEvent, VisibleSessionState } from '@casustafel/domain';

/** The outcome of applying one event: the next state, or a gap (rejoin for the missing ones). */
export type RoomStep = { ok: true; state: VisibleSessionState } | { ok: false; gap: true };

/**
 * Applies one event of a session, as this role received it, to the room as this role sees it
 * (the client's half of `projectState` / `projectEvent`). Events must come in seq order: an
 * event at or below the room's seq is old (the room is returned as it is), one beyond the next
 * seq is a gap. A phase change also moves the start of the time box to the event's time.
 */
export function applySessionEvent(
  state: VisibleSessionState,
  event: VisibleSessionEvent,
): RoomStep {
  if (event.seq <= state.seq) return { ok: true, state };
  if (event.seq !== state.seq + 1) return { ok: false, gap: true };
  const seq = event.seq;
  switch (event.type) {
    case 'phase:changed':
      return {
        ok: true,
        state: { ...state, seq, phase: event.payload.to, phaseStartedAt: event.at },
      };
    case 'contribution:added':
      return {
        ok: true,
        state: {
          ...state,
          seq,
          contributions: [...state.contributions, event.payload.contribution],
        },
      };
    case 'contributions:revealed': {
      const byId = new Map(event.payload.contributions.map((c) => [c.id, c]));
      const known = new Set(state.contributions.map((c) => c.id));
      const contributions = [
        ...state.contributions.map((c) => byId.get(c.id) ?? c),
        ...event.payload.contributions.filter((c) => !known.has(c.id)),
      ];
      return { ok: true, state: { ...state, seq, contributions } };
    }
    case 'contribution:rated': {
      const { contributionId, rating } = event.payload;
      const contributions = state.contributions.map((c) =>
        c.id === contributionId && !('hidden' in c) ? { ...c, rating } : c,
      );
      return { ok: true, state: { ...state, seq, contributions } };
    }
    case 'session:ended':
      return { ok: true, state: { ...state, seq, ended: true } };
    case 'record:changed':
      // Nothing of the room itself: the page reads the record again (`onApplied`).
      return { ok: true, state: { ...state, seq } };
  }
}
