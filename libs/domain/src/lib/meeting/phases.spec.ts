import { describe, expect, it } from '@jest/globals';
import {
  advancePhase,
  DISCUSSION_PHASE_LABELS,
  DISCUSSION_PHASES,
  previousPhase,
  type DiscussionPhase,
} from './phases';

describe('discussion phases', () => {
  it('are the five phases of domain-research.md §3.4, in order', () => {
    expect(DISCUSSION_PHASES).toEqual([
      'inbreng',
      'vraagverheldering',
      'ordening',
      'oplossingen',
      'besluit',
    ]);
    expect(Object.keys(DISCUSSION_PHASE_LABELS)).toEqual([...DISCUSSION_PHASES]);
  });

  it('advance one step at a time and stop at the last phase', () => {
    const walked: DiscussionPhase[] = ['inbreng'];
    for (;;) {
      const result = advancePhase(walked.at(-1) as DiscussionPhase);
      if (!result.ok) {
        expect(result.error).toBe('already-last-phase');
        break;
      }
      walked.push(result.phase);
    }
    expect(walked).toEqual([...DISCUSSION_PHASES]);
  });

  it('go back one step at a time and stop at the first phase', () => {
    expect(previousPhase('besluit')).toEqual({ ok: true, phase: 'oplossingen' });
    expect(previousPhase('vraagverheldering')).toEqual({ ok: true, phase: 'inbreng' });
    expect(previousPhase('inbreng')).toEqual({ ok: false, error: 'already-first-phase' });
    expect(advancePhase('besluit')).toEqual({ ok: false, error: 'already-last-phase' });
  });
});
