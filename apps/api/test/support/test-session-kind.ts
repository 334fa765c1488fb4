import type { SessionKind } from '@casustafel/domain';

/**
 * A session kind that exists only in the tests, to prove what the engine enforces for any kind:
 * a blind written round (hypotheses hidden from everyone until the trainer reveals them), then a
 * private phase the inbrenger sits out ("zonder inbrenger"), then a follow-up.
 */
export const TEST_SESSION_KIND: SessionKind = {
  id: 'test-blind-round',
  phases: [
    { id: 'ronde', defaultMinutes: 10 },
    { id: 'zonder-inbrenger', defaultMinutes: 10 },
    { id: 'nabespreking', defaultMinutes: 15 },
  ],
  roles: ['trainer', 'deelnemer', 'inbrenger'],
  may: {
    ronde: {
      trainer: ['phase:advance', 'contribution:reveal'],
      deelnemer: ['contribution:add'],
      inbrenger: ['contribution:add'],
    },
    'zonder-inbrenger': {
      trainer: ['phase:advance', 'contribution:add'],
      deelnemer: ['contribution:add'],
    },
    nabespreking: {
      trainer: ['contribution:add'],
      deelnemer: ['contribution:add'],
      inbrenger: ['contribution:add'],
    },
  },
  hiddenUntilRevealed: { hypothese: ['trainer', 'deelnemer', 'inbrenger'] },
  lockedOut: { 'zonder-inbrenger': ['inbrenger'] },
};
