/**
 * Discussion phases of one case item in the casuïstiekoverleg.
 *
 * The product's issue names the phases inbreng → vraagverheldering → ordening → oplossingen →
 * besluit; the method source quoted in domain-research.md §3.4 (mariskavandersteege.nl, 2017)
 * calls the fifth step "evaluatie". We follow the product: the last phase is where the team
 * decides; the decision list itself is kept by `decisions.ts`, whatever the phase. The chair moves
 * the phases one step at a time, forward or back.
 */

export const DISCUSSION_PHASES = [
  'inbreng',
  'vraagverheldering',
  'ordening',
  'oplossingen',
  'besluit',
] as const;
export type DiscussionPhase = (typeof DISCUSSION_PHASES)[number];

export const FIRST_DISCUSSION_PHASE: DiscussionPhase = 'inbreng';

/** Dutch labels for the UI and the minutes. */
export const DISCUSSION_PHASE_LABELS: Readonly<Record<DiscussionPhase, string>> = {
  inbreng: 'Inbreng',
  vraagverheldering: 'Vraagverheldering',
  ordening: 'Ordening',
  oplossingen: 'Oplossingen',
  besluit: 'Besluit',
};

export type PhaseError = 'already-last-phase' | 'already-first-phase';
export type PhaseResult = { ok: true; phase: DiscussionPhase } | { ok: false; error: PhaseError };

export function advancePhase(phase: DiscussionPhase): PhaseResult {
  const next = DISCUSSION_PHASES[DISCUSSION_PHASES.indexOf(phase) + 1];
  return next === undefined
    ? { ok: false, error: 'already-last-phase' }
    : { ok: true, phase: next };
}

export function previousPhase(phase: DiscussionPhase): PhaseResult {
  const index = DISCUSSION_PHASES.indexOf(phase);
  const previous = index > 0 ? DISCUSSION_PHASES[index - 1] : undefined;
  return previous === undefined
    ? { ok: false, error: 'already-first-phase' }
    : { ok: true, phase: previous };
}
