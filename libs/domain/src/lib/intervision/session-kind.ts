import type { SessionKind } from '../session/kind';
import type { ContributionKind, IntervisionMethod, MethodPhase } from './methods';

/**
 * An intervision method (shipped, or a trainer's adapted copy) as a live session kind (issue 14
 * §2): its phases with their time boxes, its roles, and who may do what in each phase. The
 * gespreksleider (the trainer leads) moves the phases on and reveals blind rounds; in a blind
 * round the contributions are of the type `blind-<kind>` and stay hidden from every role until
 * revealed (only that type is accepted in that phase, so blindness cannot be dodged); an
 * inbrenger who only listens receives everything but contributes nothing, an absent one is
 * locked out of the phase (receives nothing); the inbrenger rates questions (koud / lauw /
 * warm) in the phases that say so. Reflections and learning points may also be recorded in the
 * last phase.
 */

export const QUESTION_RATINGS = ['koud', 'lauw', 'warm'] as const;
export type QuestionRating = (typeof QUESTION_RATINGS)[number];

/** Closing contributions any method takes in its last phase. */
export const CLOSING_CONTRIBUTIONS: readonly ContributionKind[] = ['reflection', 'learning-point'];

/** The contribution type of a phase's submissions on the session room (null: none). */
export function phaseContributionType(phase: MethodPhase): string | null {
  if (phase.contribution === null) return null;
  return phase.blind ? `blind-${phase.contribution}` : phase.contribution;
}

/** A short, stable id for a method's kind (same method, same kind): fits the 40-char column. */
export function intervisionKindId(method: IntervisionMethod): string {
  return `iv-${fnv1a(stableJson(method))}`;
}

export function intervisionSessionKind(method: IntervisionMethod): SessionKind {
  const roles = [...method.roles];
  const last = method.phases.at(-1)?.key;
  const may: Record<string, Record<string, string[]>> = {};
  const contributionTypes: Record<string, string[]> = {};
  const hidden = new Set<string>();
  const lockedOut: Record<string, string[]> = {};
  for (const phase of method.phases) {
    const type = phaseContributionType(phase);
    const types = [
      ...(type ? [type] : []),
      ...(phase.key === last ? CLOSING_CONTRIBUTIONS.filter((k) => k !== type) : []),
    ];
    contributionTypes[phase.key] = types;
    if (phase.blind && type) hidden.add(type);
    const add = types.length > 0 ? ['contribution:add'] : [];
    const perRole: Record<string, string[]> = {};
    for (const role of roles) {
      if (role === 'gespreksleider')
        perRole[role] = ['phase:advance', 'contribution:reveal', ...add];
      else if (role === 'inbrenger') {
        const rates = phase.inbrengerRatesQuestions ? ['contribution:rate'] : [];
        if (phase.inbrenger === 'speaks') perRole[role] = [...add, ...rates];
        else if (phase.inbrenger === 'listens') perRole[role] = rates;
        else perRole[role] = [];
      } else perRole[role] = add;
    }
    may[phase.key] = perRole;
    if (phase.inbrenger === 'absent') lockedOut[phase.key] = ['inbrenger'];
  }
  const rated = method.phases.some((p) => p.inbrengerRatesQuestions);
  return {
    id: intervisionKindId(method),
    phases: method.phases.map((p) => ({ id: p.key, defaultMinutes: p.minutes })),
    roles,
    may,
    hiddenUntilRevealed: Object.fromEntries([...hidden].map((type) => [type, roles])),
    lockedOut,
    contributionTypes,
    ratings: rated ? { question: QUESTION_RATINGS, 'blind-question': QUESTION_RATINGS } : {},
  };
}

/** JSON with sorted keys (the same method gives the same text, whatever its key order). */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Two 32-bit FNV-1a hashes (different seeds): 16 hex digits, enough to tell methods apart. */
function fnv1a(text: string): string {
  const hash = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  return `${hash(0x811c9dc5)}${hash(0x01000193)}`;
}
