import {
  hiddenFrom,
  kindAllows,
  lockedOut,
  ratingScale,
  type SessionKind,
  typeAllowed,
} from './kind';

/**
 * The room of a live session of any kind (not the case meeting, which has its own reducer): a
 * phase, and contributions. Pure and server-authoritative like the meeting's room: a command is
 * decided here, the server commits its one event under the session's next seq and sends each
 * role only its projection (`projectEvent`, `projectState`): a contribution hidden from a role
 * goes out without its text until revealed; a role locked out of a phase receives nothing.
 * A contribution seen by every role may be rated on the scale its kind declares for its type;
 * a session the server ended (`endSessionRoom`) takes no more commands.
 */

export const SESSION_CONTRIBUTION_MAX = 4_000;

export interface Contribution {
  id: string;
  type: string;
  authorUserId: string;
  text: string;
  revealed: boolean;
  /** On the scale the kind declares for its type (`contribution:rate`). */
  rating?: string;
  /** The phase it was made in: a role locked out of that phase never sees it. */
  phase?: string;
}

/** A contribution as a role may see it: without author and text while hidden from it. */
export type VisibleContribution =
  Contribution | { id: string; type: string; hidden: true; revealed: false };

export interface SessionRoomState {
  sessionId: string;
  kind: string;
  seq: number;
  phase: string;
  contributions: readonly Contribution[];
  /**
   * Server time (ms) the current phase began: the start of its time box on every screen. Set
   * when the room is created with a time and on every phase change (absent in older rooms).
   */
  phaseStartedAt?: number;
  /** Set once the server ended the session: every command is refused after. */
  ended?: true;
}

/**
 * A command of a session as the reducer takes it. On the wire it is `sessionCommandSchema` in
 * `@casustafel/contracts`, which checks ids, the form of names and unknown keys (a type test
 * there keeps the two the same); the reducer checks what its rules need (`sessionCommandOf`).
 */
export type SessionCommand =
  | { commandId: string; sessionId: string; type: 'phase:advance' }
  | {
      commandId: string;
      sessionId: string;
      type: 'contribution:add';
      contributionType: string;
      text: string;
    }
  | { commandId: string; sessionId: string; type: 'contribution:reveal'; contributionType: string }
  | {
      commandId: string;
      sessionId: string;
      type: 'contribution:rate';
      contributionId: string;
      rating: string;
    };
/** A command as sent: its text may still carry surrounding whitespace. */
export type SessionCommandInput = SessionCommand;

/**
 * The command as the rules take it, or null: a known type, and a contribution's text trimmed,
 * not empty and within `SESSION_CONTRIBUTION_MAX`.
 */
export function sessionCommandOf(command: SessionCommandInput): SessionCommand | null {
  switch (command.type) {
    case 'contribution:add': {
      const text = typeof command.text === 'string' ? command.text.trim() : '';
      return text.length >= 1 && text.length <= SESSION_CONTRIBUTION_MAX
        ? { ...command, text }
        : null;
    }
    case 'phase:advance':
    case 'contribution:reveal':
    case 'contribution:rate':
      return command;
    default:
      return null;
  }
}

export interface SessionEventPayloads {
  'phase:changed': { from: string; to: string };
  'contribution:added': { contribution: Contribution };
  'contributions:revealed': { contributionType: string; contributions: Contribution[] };
  'contribution:rated': { contributionId: string; contributionType: string; rating: string };
  'session:ended': Record<string, never>;
  /**
   * A record kept outside the room (the family conference's plan, its bottom lines) changed:
   * the server says so (not a command of any role) so every screen reads it again. It carries
   * no content; a role locked out of the phase does not receive it.
   */
  'record:changed': { record: string };
}
export type SessionEvent = {
  [T in keyof SessionEventPayloads]: {
    seq: number;
    type: T;
    payload: SessionEventPayloads[T];
    commandId: string;
    actorUserId: string;
    at: number;
    /** The phase the session is in after the event. */
    phase: string;
  };
}[keyof SessionEventPayloads];

export type SessionRoomError =
  | 'invalid-command'
  | 'wrong-session'
  | 'not-permitted'
  | 'already-last-phase'
  | 'unknown-contribution-type'
  | 'nothing-to-reveal'
  | 'unknown-contribution'
  | 'not-rateable'
  | 'invalid-rating'
  | 'session-ended';

export type SessionCommandResult =
  | { ok: true; state: SessionRoomState; event: SessionEvent }
  | { ok: false; error: SessionRoomError };

export function createSessionRoom(
  kind: SessionKind,
  sessionId: string,
  now?: number,
): SessionRoomState {
  const first = kind.phases[0];
  if (!first) throw new Error(`session kind ${kind.id} has no phases`);
  const room: SessionRoomState = {
    sessionId,
    kind: kind.id,
    seq: 0,
    phase: first.id,
    contributions: [],
  };
  return now === undefined ? room : { ...room, phaseStartedAt: now };
}

/** Decides one command of an actor holding `role`; the input state is never changed. */
export function applySessionCommand(
  kind: SessionKind,
  state: SessionRoomState,
  command: SessionCommandInput,
  ctx: { actorUserId: string; role: string; now: number; newId: () => string },
): SessionCommandResult {
  const cmd = sessionCommandOf(command);
  if (cmd === null) return { ok: false, error: 'invalid-command' };
  if (cmd.sessionId !== state.sessionId) return { ok: false, error: 'wrong-session' };
  if (state.ended) return { ok: false, error: 'session-ended' };
  if (lockedOut(kind, state.phase, ctx.role) || !kindAllows(kind, state.phase, ctx.role, cmd.type))
    return { ok: false, error: 'not-permitted' };
  const meta = {
    seq: state.seq + 1,
    commandId: cmd.commandId,
    actorUserId: ctx.actorUserId,
    at: ctx.now,
  };
  switch (cmd.type) {
    case 'phase:advance': {
      const index = kind.phases.findIndex((p) => p.id === state.phase);
      const next = kind.phases[index + 1];
      if (!next) return { ok: false, error: 'already-last-phase' };
      const event: SessionEvent = {
        ...meta,
        type: 'phase:changed',
        payload: { from: state.phase, to: next.id },
        phase: next.id,
      };
      const phaseStartedAt = ctx.now;
      return {
        ok: true,
        event,
        state: { ...state, seq: event.seq, phase: next.id, phaseStartedAt },
      };
    }
    case 'contribution:add': {
      if (!typeAllowed(kind, state.phase, cmd.contributionType))
        return { ok: false, error: 'unknown-contribution-type' };
      const contribution: Contribution = {
        id: ctx.newId(),
        type: cmd.contributionType,
        authorUserId: ctx.actorUserId,
        text: cmd.text,
        revealed: false,
        phase: state.phase,
      };
      const event: SessionEvent = {
        ...meta,
        type: 'contribution:added',
        payload: { contribution },
        phase: state.phase,
      };
      const contributions = [...state.contributions, contribution];
      return { ok: true, event, state: { ...state, seq: event.seq, contributions } };
    }
    case 'contribution:reveal': {
      if (!(cmd.contributionType in kind.hiddenUntilRevealed))
        return { ok: false, error: 'unknown-contribution-type' };
      const revealed = state.contributions
        .filter((c) => c.type === cmd.contributionType && !c.revealed)
        .map((c) => ({ ...c, revealed: true }));
      if (revealed.length === 0) return { ok: false, error: 'nothing-to-reveal' };
      const byId = new Map(revealed.map((c) => [c.id, c]));
      const event: SessionEvent = {
        ...meta,
        type: 'contributions:revealed',
        payload: { contributionType: cmd.contributionType, contributions: revealed },
        phase: state.phase,
      };
      const contributions = state.contributions.map((c) => byId.get(c.id) ?? c);
      return { ok: true, event, state: { ...state, seq: event.seq, contributions } };
    }
    case 'contribution:rate': {
      const target = state.contributions.find((c) => c.id === cmd.contributionId);
      if (!target) return { ok: false, error: 'unknown-contribution' };
      const scale = ratingScale(kind, target.type);
      // Only what every role sees is rated: a rating says nothing about a hidden text.
      const seenByAll =
        target.revealed || kind.roles.every((r) => !hiddenFrom(kind, target.type, r));
      if (scale.length === 0 || !seenByAll) return { ok: false, error: 'not-rateable' };
      if (!scale.includes(cmd.rating)) return { ok: false, error: 'invalid-rating' };
      const event: SessionEvent = {
        ...meta,
        type: 'contribution:rated',
        payload: { contributionId: target.id, contributionType: target.type, rating: cmd.rating },
        phase: state.phase,
      };
      const contributions = state.contributions.map((c) =>
        c.id === target.id ? { ...c, rating: cmd.rating } : c,
      );
      return { ok: true, event, state: { ...state, seq: event.seq, contributions } };
    }
  }
}

/**
 * The server ends the session (not a command of any role: ending also closes records kept
 * outside the room, such as attendance). Refused when it has ended already.
 */
export function endSessionRoom(
  state: SessionRoomState,
  ctx: { commandId: string; actorUserId: string; now: number },
): SessionCommandResult {
  if (state.ended) return { ok: false, error: 'session-ended' };
  const event: SessionEvent = {
    seq: state.seq + 1,
    type: 'session:ended',
    payload: {},
    commandId: ctx.commandId,
    actorUserId: ctx.actorUserId,
    at: ctx.now,
    phase: state.phase,
  };
  return { ok: true, event, state: { ...state, seq: event.seq, ended: true } };
}

/**
 * The server announces that a record kept outside the room changed (no command of any role):
 * one event under the next seq, in the current phase, so the projection keeps it from a role
 * locked out of that phase. Refused when the session has ended.
 */
export function recordChangedInRoom(
  state: SessionRoomState,
  ctx: { commandId: string; actorUserId: string; now: number; record: string },
): SessionCommandResult {
  if (state.ended) return { ok: false, error: 'session-ended' };
  const event: SessionEvent = {
    seq: state.seq + 1,
    type: 'record:changed',
    payload: { record: ctx.record },
    commandId: ctx.commandId,
    actorUserId: ctx.actorUserId,
    at: ctx.now,
    phase: state.phase,
  };
  return { ok: true, event, state: { ...state, seq: event.seq } };
}

/** A contribution as `role` may see it. */
export function projectContribution(
  kind: SessionKind,
  contribution: Contribution,
  role: string,
): VisibleContribution {
  if (contribution.revealed || !hiddenFrom(kind, contribution.type, role)) return contribution;
  return { id: contribution.id, type: contribution.type, hidden: true, revealed: false };
}

/** Was the contribution made in a phase `role` was locked out of (so never theirs to see)? */
function madeWithout(kind: SessionKind, contribution: Contribution, role: string): boolean {
  return contribution.phase !== undefined && lockedOut(kind, contribution.phase, role);
}

/**
 * The room as `role` may see it; null while the role is locked out of the current phase. What
 * was said in a phase the role was locked out of stays out of it afterwards too.
 */
export function projectState(kind: SessionKind, state: SessionRoomState, role: string) {
  if (lockedOut(kind, state.phase, role)) return null;
  return {
    ...state,
    contributions: state.contributions
      .filter((c) => !madeWithout(kind, c, role))
      .map((c) => projectContribution(kind, c, role)),
  };
}
export type VisibleSessionState = NonNullable<ReturnType<typeof projectState>>;

/**
 * An event as `role` may receive it; null when it must not reach that role at all (it happened
 * in a phase the role is locked out of). Phase changes and the end carry no content and reach every role:
 * entering a private phase tells the roles it locks out to wait, leaving it that they are back
 * (they then rejoin for a snapshot; the events in between are not theirs to replay).
 */
export function projectEvent(kind: SessionKind, event: SessionEvent, role: string) {
  const reachesAll = event.type === 'phase:changed' || event.type === 'session:ended';
  if (!reachesAll && lockedOut(kind, event.phase, role)) return null;
  if (event.type === 'contribution:added') {
    const contribution = projectContribution(kind, event.payload.contribution, role);
    // A hidden contribution does not say whose it is either.
    const actorUserId = 'hidden' in contribution ? null : event.actorUserId;
    return { ...event, actorUserId, payload: { contribution } };
  }
  if (event.type === 'contributions:revealed') {
    const contributions = event.payload.contributions.filter((c) => !madeWithout(kind, c, role));
    if (contributions.length === 0) return null;
    return { ...event, payload: { ...event.payload, contributions } };
  }
  return event;
}
export type VisibleSessionEvent = NonNullable<ReturnType<typeof projectEvent>>;
