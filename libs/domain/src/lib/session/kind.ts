import { LIVE_ROLES, CASE_MEETING_PERMISSIONS, type LiveCommandType } from '../meeting/live-room';
import { DISCUSSION_PHASES } from '../meeting/phases';

/**
 * A kind of live session, as data: its phases (with default time boxes), its roles, what each
 * role may do in each phase, which contribution types stay hidden from which roles until they
 * are revealed, and the phases during which a role has no access at all. The server enforces
 * all of it (`session-room.ts` decides and projects; the live-session engine commits and sends);
 * a new kind — the family group conference, intervision — is a new value of this type, not a
 * new gateway.
 */
export interface SessionKind {
  id: string;
  phases: readonly { id: string; defaultMinutes: number }[];
  roles: readonly string[];
  /** phase id → role → the commands that role may send in that phase. */
  may: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** contribution type → the roles it stays hidden from until revealed. */
  hiddenUntilRevealed: Readonly<Record<string, readonly string[]>>;
  /** phase id → the roles with no access during it (they receive nothing, every call is 403). */
  lockedOut: Readonly<Record<string, readonly string[]>>;
  /**
   * phase id → the contribution types that may be added in it. Without it any type goes; with
   * it a phase missing here takes none (so a blind round's type cannot be dodged).
   */
  contributionTypes?: Readonly<Record<string, readonly string[]>>;
  /** contribution type → its rating scale (`contribution:rate`), e.g. koud / lauw / warm. */
  ratings?: Readonly<Record<string, readonly string[]>>;
  /**
   * Roles whose holder need not be a member of the session's team (an independent coordinator,
   * family and network by link + code). Every other seat holds only while its holder is in the
   * team: someone who leaves the team loses the session at once.
   */
  outsideTeamRoles?: readonly string[];
}

/** May the holder of `role` keep the seat without being in the session's team? */
export function seatOutsideTeam(kind: SessionKind, role: string): boolean {
  return kind.outsideTeamRoles?.includes(role) ?? false;
}

/** May `role` send `command` in `phase`? */
export function kindAllows(kind: SessionKind, phase: string, role: string, command: string) {
  return kind.may[phase]?.[role]?.includes(command) ?? false;
}

/** Is `role` locked out during `phase` (a private phase such as "besloten tijd")? */
export function lockedOut(kind: SessionKind, phase: string, role: string): boolean {
  return kind.lockedOut[phase]?.includes(role) ?? false;
}

/** Is a contribution of `type` hidden from `role` while unrevealed? */
export function hiddenFrom(kind: SessionKind, type: string, role: string): boolean {
  return kind.hiddenUntilRevealed[type]?.includes(role) ?? false;
}

/** May a contribution of `type` be added in `phase`? */
export function typeAllowed(kind: SessionKind, phase: string, type: string): boolean {
  return (
    kind.contributionTypes === undefined || (kind.contributionTypes[phase] ?? []).includes(type)
  );
}

/** The rating scale of contributions of `type` (empty: they are not rated). */
export function ratingScale(kind: SessionKind, type: string): readonly string[] {
  return kind.ratings?.[type] ?? [];
}

/**
 * The case meeting (casuïstiekoverleg), the first kind. Its room is run by its own reducer
 * (`meeting/live-room.ts`, agenda items with timers, phases and the speaking queue); this is the
 * same rule set as data: the discussion phases of a case item, the meeting roles and what each
 * may do (the same in every phase), nothing hidden, nobody locked out.
 */
export const CASE_MEETING_KIND: SessionKind = {
  id: 'case-meeting',
  phases: DISCUSSION_PHASES.map((id) => ({ id, defaultMinutes: 4 })),
  roles: LIVE_ROLES,
  may: Object.fromEntries(
    DISCUSSION_PHASES.map((phase) => [
      phase,
      Object.fromEntries(
        LIVE_ROLES.map((role) => [
          role,
          (Object.keys(CASE_MEETING_PERMISSIONS) as LiveCommandType[]).filter((command) =>
            CASE_MEETING_PERMISSIONS[command].includes(role),
          ),
        ]),
      ),
    ]),
  ),
  hiddenUntilRevealed: {},
  lockedOut: {},
};
