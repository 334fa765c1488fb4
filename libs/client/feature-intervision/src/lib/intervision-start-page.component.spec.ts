import { describe, expect, it } from '@jest/globals';
import { findMethod } from '@casustafel/domain';
import { rosterIssues } from './intervision-start-page.component';

const INCIDENT = findMethod('incidentmethode');
if (!INCIDENT) throw new Error('no incidentmethode');

describe('rosterIssues (start an intervision session)', () => {
  it('accepts one inbrenger, at most one timekeeper, within the method size (the leader counted)', () => {
    expect(rosterIssues(INCIDENT, ['inbrenger', 'deelnemer', 'timekeeper', ''])).toEqual([]);
  });

  it('asks for exactly one inbrenger, at most one timekeeper and the method size', () => {
    expect(rosterIssues(INCIDENT, ['deelnemer', 'timekeeper', 'timekeeper'])).toEqual([
      { key: 'oneInbrenger', params: {} },
      { key: 'oneTimekeeper', params: {} },
    ]);
    expect(rosterIssues(INCIDENT, ['inbrenger', '', ''])).toEqual([
      { key: 'size', params: { min: '4', max: '12' } },
    ]);
  });
});
