import { type ApiFailure, failureCode, failureDetails } from '../errors/api-failure';

/** A contribution as the page lists it. */
export interface ContributionRow {
  id: string;
  type: string;
  /** The kind without `blind-` (`question`, `advice`, …). */
  kind: string;
  blind: boolean;
  hidden: boolean;
  text: string | null;
  authorName: string | null;
  /** The phase it was made in (its title comes from the method). */
  phase: string | null;
  rating: string | null;
  /** The scale the caller may rate it on now (empty: not theirs to rate). */
  scale: readonly string[];
}

/** The time box of the current phase, on server time (the same on every screen). */
export interface PhaseClock {
  text: string;
  overtime: boolean;
  remainingMs: number;
}

/** Was the refusal "this phase is closed to your role" (an absent inbrenger)? */
export function closedToRole(failure: ApiFailure | null): boolean {
  return (
    failureCode(failure) === 'FORBIDDEN' &&
    failureDetails(failure).some((d) => d.issue === 'closed-to-role')
  );
}

/** The kind of contribution without the blind round's prefix. */
export function contributionKind(type: string): string {
  return type.startsWith('blind-') ? type.slice(6) : type;
}
