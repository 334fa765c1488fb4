import { describe, expect, it } from '@jest/globals';
import {
  applySessionCommand,
  createSessionRoom,
  projectEvent,
  projectState,
} from '../session/session-room';
import {
  bottomLineIssues,
  circleRoleOfRelation,
  contributionTypeFor,
  FAMILY_CONFERENCE_KIND,
  type FamilyGroupPlan,
  followUpDate,
  followUpDueAt,
  itemTypeOfEntry,
  mayReadPlan,
  mayWritePlan,
  orderCircle,
  planIssues,
} from './family-conference';

const complete: FamilyGroupPlan = {
  entries: [
    { who: 'Oma Els', what: 'Haalt de kinderen op', when: 'elke woensdag', kind: 'netwerk' },
  ],
  familyLead: 'Tante Mira',
  monitor: 'Buurman Kees',
  evaluationOn: '2026-06-01',
  ifDifferent: 'Tante Mira belt de coördinator.',
};

describe('the family conference kind', () => {
  let n = 0;
  const ctx = (role: string) => ({
    actorUserId: `u-${role}`,
    role,
    now: 1,
    newId: () => `c${++n}`,
  });
  const cmd = (type: string, extra: Record<string, unknown> = {}) => ({
    type,
    commandId: crypto.randomUUID(),
    sessionId: '00000000-0000-4000-8000-000000000001',
    ...extra,
  });

  it('runs information, besloten tijd, presentation and acceptance; only the coordinator moves on', () => {
    let state = createSessionRoom(FAMILY_CONFERENCE_KIND, '00000000-0000-4000-8000-000000000001');
    expect(state.phase).toBe('informatie');
    for (const role of ['professional', 'familie', 'netwerk'])
      expect(
        applySessionCommand(
          FAMILY_CONFERENCE_KIND,
          state,
          cmd('phase:advance') as never,
          ctx(role),
        ),
      ).toEqual({ ok: false, error: 'not-permitted' });
    const phases: string[] = [state.phase];
    for (let i = 0; i < 3; i++) {
      const r = applySessionCommand(
        FAMILY_CONFERENCE_KIND,
        state,
        cmd('phase:advance') as never,
        ctx('coordinator'),
      );
      if (!r.ok) throw new Error(r.error);
      state = r.state;
      phases.push(state.phase);
    }
    expect(phases).toEqual(['informatie', 'besloten-tijd', 'planpresentatie', 'acceptatie']);
    // Nobody moves acceptance on: the professional accepts through the conference module.
    for (const role of ['coordinator', 'professional'])
      expect(
        applySessionCommand(FAMILY_CONFERENCE_KIND, state, cmd('phase:advance') as never, ctx(role))
          .ok,
      ).toBe(false);
  });

  it('keeps professionals out of besloten tijd and the family notes from coordinator and professionals', () => {
    let state = createSessionRoom(FAMILY_CONFERENCE_KIND, '00000000-0000-4000-8000-000000000001');
    const advanced = applySessionCommand(
      FAMILY_CONFERENCE_KIND,
      state,
      cmd('phase:advance') as never,
      ctx('coordinator'),
    );
    if (!advanced.ok) throw new Error(advanced.error);
    state = advanced.state;
    expect(
      applySessionCommand(
        FAMILY_CONFERENCE_KIND,
        state,
        cmd('contribution:add', { contributionType: 'informatie', text: 'x' }) as never,
        ctx('professional'),
      ),
    ).toEqual({ ok: false, error: 'not-permitted' });
    const added = applySessionCommand(
      FAMILY_CONFERENCE_KIND,
      state,
      cmd('contribution:add', { contributionType: 'besloten', text: 'KANARIE' }) as never,
      ctx('familie'),
    );
    if (!added.ok) throw new Error(added.error);
    expect(projectEvent(FAMILY_CONFERENCE_KIND, added.event, 'professional')).toBeNull();
    expect(projectState(FAMILY_CONFERENCE_KIND, added.state, 'professional')).toBeNull();
    expect(
      JSON.stringify(projectEvent(FAMILY_CONFERENCE_KIND, added.event, 'coordinator')),
    ).not.toContain('KANARIE');
    expect(JSON.stringify(projectEvent(FAMILY_CONFERENCE_KIND, added.event, 'netwerk'))).toContain(
      'KANARIE',
    );
    const after = applySessionCommand(
      FAMILY_CONFERENCE_KIND,
      added.state,
      cmd('phase:advance') as never,
      ctx('coordinator'),
    );
    if (!after.ok) throw new Error(after.error);
    // Afterwards too: the notes stay the family's; nobody may reveal them.
    expect(
      JSON.stringify(projectState(FAMILY_CONFERENCE_KIND, after.state, 'professional')),
    ).not.toContain('KANARIE');
    expect(
      applySessionCommand(
        FAMILY_CONFERENCE_KIND,
        after.state,
        cmd('contribution:reveal', { contributionType: 'besloten' }) as never,
        ctx('coordinator'),
      ).ok,
    ).toBe(false);
  });

  it('names the contribution type per phase and role', () => {
    expect(contributionTypeFor('informatie', 'professional')).toBe('informatie');
    expect(contributionTypeFor('informatie', 'netwerk')).toBe('vraag');
    expect(contributionTypeFor('besloten-tijd', 'familie')).toBe('besloten');
    expect(contributionTypeFor('besloten-tijd', 'coordinator')).toBeNull();
    expect(contributionTypeFor('acceptatie', 'professional')).toBe('opmerking');
  });

  it('gives the draft plan to the family and network alone during besloten tijd', () => {
    expect(mayReadPlan('besloten-tijd', 'coordinator')).toBe(false);
    expect(mayReadPlan('besloten-tijd', 'professional')).toBe(false);
    expect(mayReadPlan('besloten-tijd', 'netwerk')).toBe(true);
    expect(mayReadPlan('planpresentatie', 'professional')).toBe(true);
    expect(mayWritePlan('besloten-tijd', 'familie')).toBe(true);
    expect(mayWritePlan('besloten-tijd', 'coordinator')).toBe(false);
    expect(mayWritePlan('planpresentatie', 'coordinator')).toBe(true);
    expect(mayWritePlan('planpresentatie', 'professional')).toBe(false);
    expect(mayWritePlan('acceptatie', 'coordinator')).toBe(false);
    expect(mayWritePlan('informatie', 'familie')).toBe(false);
  });
});

describe('the circle', () => {
  it('takes relatives as family, other ties as network, and leaves professionals out', () => {
    expect(circleRoleOfRelation('familie')).toBe('familie');
    expect(circleRoleOfRelation('buur')).toBe('netwerk');
    expect(circleRoleOfRelation('vriend')).toBe('netwerk');
    expect(circleRoleOfRelation('professional')).toBeNull();
  });

  it('lists the household first, then ties by strength and support codes, then by name', () => {
    const c = (
      name: string,
      source: 'huishouden' | 'netwerk',
      strength: string | null,
      codes: string[] = [],
    ) => ({
      name,
      role: 'netwerk' as const,
      source,
      strength,
      codes,
    });
    expect(
      orderCircle([
        c('Zus', 'netwerk', null),
        c('Buur', 'netwerk', 'zwak', ['P']),
        c('Oma', 'netwerk', 'sterk', ['P']),
        c('Vriend', 'netwerk', 'sterk', ['P', 'E']),
        c('Moeder', 'huishouden', null),
        c('Anna', 'netwerk', null),
      ]).map((x) => x.name),
    ).toEqual(['Moeder', 'Vriend', 'Oma', 'Buur', 'Anna', 'Zus']);
  });
});

describe('the familiegroepsplan', () => {
  it('is complete with who, what, when, a lead, a monitor, a future evaluation and a fallback', () => {
    expect(planIssues(complete, '2026-03-02')).toEqual([]);
  });

  it('names every gap', () => {
    expect(
      planIssues(
        {
          entries: [{ who: ' ', what: 'Boodschappen', when: '', kind: 'familie' }],
          familyLead: '',
          monitor: '',
          evaluationOn: '2026-03-02',
          ifDifferent: '',
        },
        '2026-03-02',
      ),
    ).toEqual([
      { path: 'entries.0.who', issue: 'entry-who' },
      { path: 'entries.0.when', issue: 'entry-when' },
      { path: 'familyLead', issue: 'no-family-lead' },
      { path: 'monitor', issue: 'no-monitor' },
      { path: 'evaluationOn', issue: 'evaluation-date-past' },
      { path: 'ifDifferent', issue: 'no-if-different' },
    ]);
    expect(planIssues({ ...complete, entries: [], evaluationOn: null }, '2026-03-02')).toEqual([
      { path: 'entries', issue: 'no-entries' },
      { path: 'evaluationOn', issue: 'no-evaluation-date' },
    ]);
  });

  it('needs every bottom line checked and met', () => {
    expect(bottomLineIssues([])).toEqual([]);
    expect(bottomLineIssues([{ met: true }, { met: null }, { met: false }])).toEqual([
      { index: 1, issue: 'bottom-line-unchecked' },
      { index: 2, issue: 'bottom-line-not-met' },
    ]);
  });

  it('imports the network commitments as netwerk items', () => {
    expect(itemTypeOfEntry('netwerk')).toBe('netwerk');
    expect(itemTypeOfEntry('familie')).toBe('eigen-kracht');
    expect(itemTypeOfEntry('professioneel')).toBe('eerste-lijn');
  });
});

describe('the follow-up', () => {
  it('is four weeks after acceptance, across a month end and a leap day', () => {
    expect(followUpDate('2026-03-02')).toBe('2026-03-30');
    expect(followUpDate('2028-02-10')).toBe('2028-03-09');
    expect(followUpDate('2026-12-20')).toBe('2027-01-17');
  });

  it('is due at nine in the morning, Amsterdam time, summer or winter', () => {
    expect(followUpDueAt('2026-03-02').toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(followUpDueAt('2026-01-05').toISOString()).toBe('2026-02-02T08:00:00.000Z');
  });
});
