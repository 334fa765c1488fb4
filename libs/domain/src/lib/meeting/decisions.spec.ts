import { describe, expect, it } from '@jest/globals';
import {
  actionCreateSchema,
  actionSchema,
  DECISION_TYPE_LABELS,
  DECISION_TYPES,
  decisionSchema,
  followUpItems,
  openActionsFor,
  setActionStatus,
  type Action,
  type ActionInput,
} from './decisions';

function issues(
  schema: {
    safeParse: (v: unknown) => {
      success: boolean;
      error?: { issues: { path: PropertyKey[]; message: string }[] };
    };
  },
  input: unknown,
): string[] {
  const result = schema.safeParse(input);
  return result.success
    ? []
    : (result.error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`);
}

const decision = {
  id: 'd1',
  agendaItemId: 'c1',
  type: 'inzet-eigen-kracht-netwerk',
  text: 'Oma en buurvrouw helpen met de administratie',
  rationale: 'Netwerk is bereid; eerst eigen kracht',
  decidedByUserId: 'u-chair',
  decidedAt: '2026-03-31T08:15:00Z',
};

const action = (overrides: Partial<ActionInput> & { id: string }): Action =>
  actionSchema.parse({
    agendaItemId: 'c1',
    description: 'Bel de woningcorporatie',
    ownerUserId: 'u1',
    due: '2026-04-07',
    ...overrides,
  });

describe('decision types', () => {
  it('are exactly the ten types, each with a Dutch label', () => {
    expect(DECISION_TYPES).toEqual([
      'inzet-eigen-kracht-netwerk',
      'algemene-voorziening',
      'maatwerkvoorziening',
      'verwijzing-1e-lijn',
      'verwijzing-2e-lijn',
      'opschalen',
      'afschalen',
      'veiligheid-meldcode',
      'geen-actie',
      'overig',
    ]);
    expect(Object.keys(DECISION_TYPE_LABELS).sort()).toEqual([...DECISION_TYPES].sort());
    expect(DECISION_TYPE_LABELS['geen-actie']).toBe('Geen actie');
    for (const label of Object.values(DECISION_TYPE_LABELS))
      expect(label.trim().length).toBeGreaterThan(0);
  });
});

describe('decisionSchema', () => {
  it('accepts a complete decision', () => {
    expect(issues(decisionSchema, decision)).toEqual([]);
    expect(issues(decisionSchema, { ...decision, decidedAt: '2026-03-31T10:15:00+02:00' })).toEqual(
      [],
    );
  });

  it('requires text and grounds, also for geen-actie', () => {
    expect(issues(decisionSchema, { ...decision, type: 'geen-actie', rationale: '   ' })).toEqual([
      'rationale:required',
    ]);
    expect(issues(decisionSchema, { ...decision, text: '' })).toEqual(['text:required']);
  });

  it('refuses unknown types, long or control-character text, bad instants and extra fields', () => {
    expect(issues(decisionSchema, { ...decision, type: 'doorverwijzing' })).toHaveLength(1);
    expect(issues(decisionSchema, { ...decision, text: 'x'.repeat(2001) })).toEqual([
      'text:too-long',
    ]);
    expect(issues(decisionSchema, { ...decision, rationale: 'a\u0000b' })).toEqual([
      'rationale:control-characters',
    ]);
    expect(issues(decisionSchema, { ...decision, decidedAt: '31-03-2026' })).toHaveLength(1);
    expect(issues(decisionSchema, { ...decision, bsn: '123' })).toHaveLength(1);
  });
});

describe('actionCreateSchema', () => {
  const today = '2026-03-31';
  const input = {
    id: 'a1',
    agendaItemId: 'c1',
    description: 'Aanvraag indienen',
    ownerUserId: 'u1',
  };

  it('accepts a due date from today up to two years ahead', () => {
    const schema = actionCreateSchema(today);
    expect(issues(schema, { ...input, due: '2026-03-31' })).toEqual([]);
    expect(issues(schema, { ...input, due: '2028-03-31' })).toEqual([]);
    expect(schema.parse({ ...input, due: '2026-04-14' })).toEqual({
      ...input,
      due: '2026-04-14',
      status: 'open',
      decisionId: null,
    });
  });

  it('refuses a due date in the past or more than two years ahead', () => {
    const schema = actionCreateSchema(today);
    expect(issues(schema, { ...input, due: '2026-03-30' })).toEqual(['due:in-the-past']);
    expect(issues(schema, { ...input, due: '2028-04-01' })).toEqual(['due:too-far-ahead']);
    expect(issues(schema, { ...input, due: '2026-02-30' })).toEqual(['due:invalid-date']);
  });

  it('handles 29 February', () => {
    expect(issues(actionCreateSchema('2028-02-29'), { ...input, due: '2030-02-28' })).toEqual([]);
    expect(issues(actionCreateSchema('2028-02-29'), { ...input, due: '2030-03-01' })).toEqual([
      'due:too-far-ahead',
    ]);
  });

  it('requires a new action to be open and rejects an invalid today', () => {
    expect(
      issues(actionCreateSchema(today), { ...input, due: '2026-04-14', status: 'gereed' }),
    ).toEqual(['status:must-be-open']);
    expect(() => actionCreateSchema('31-03-2026')).toThrow(RangeError);
  });

  it('the stored schema accepts an overdue action', () => {
    expect(issues(actionSchema, { ...input, due: '2020-01-01' })).toEqual([]);
  });
});

describe('setActionStatus', () => {
  it('closes an open action and reopens a closed one', () => {
    const a = action({ id: 'a' });
    const done = setActionStatus(a, 'gereed');
    expect(done).toEqual({ ok: true, action: { ...a, status: 'gereed' } });
    expect(setActionStatus(a, 'vervallen').ok).toBe(true);
    expect(setActionStatus({ status: 'gereed' as const }, 'open').ok).toBe(true);
    expect(setActionStatus({ status: 'gereed' as const }, 'vervallen')).toEqual({
      ok: false,
      error: 'not-allowed',
    });
    expect(setActionStatus(a, 'open')).toEqual({ ok: false, error: 'not-allowed' });
  });
});

describe('openActionsFor and followUpItems', () => {
  const actions = [
    action({ id: 'a3', ownerUserId: 'u1', due: '2026-04-20' }),
    action({ id: 'a1', ownerUserId: 'u1', due: '2026-04-01' }),
    action({ id: 'a2', ownerUserId: 'u2', due: '2026-03-20', decisionId: 'd1' }),
    action({ id: 'a4', ownerUserId: 'u1', due: '2026-03-01', status: 'gereed' }),
    action({ id: 'a5', ownerUserId: 'u1', due: '2026-03-02', status: 'vervallen' }),
  ];

  it('gives a user’s open actions, earliest due first', () => {
    expect(openActionsFor(actions, 'u1').map((a) => a.id)).toEqual(['a1', 'a3']);
    expect(openActionsFor(actions, 'u9')).toEqual([]);
  });

  it('lists every open action for the follow-up item, flagging the overdue ones', () => {
    expect(followUpItems(actions, '2026-04-07')).toEqual([
      {
        actionId: 'a2',
        agendaItemId: 'c1',
        decisionId: 'd1',
        description: 'Bel de woningcorporatie',
        ownerUserId: 'u2',
        due: '2026-03-20',
        overdue: true,
      },
      expect.objectContaining({ actionId: 'a1', overdue: true }),
      expect.objectContaining({ actionId: 'a3', overdue: false }),
    ]);
    expect(followUpItems(actions).every((e) => !e.overdue)).toBe(true);
    // Due today is not overdue.
    expect(followUpItems(actions, '2026-04-01').find((e) => e.actionId === 'a1')?.overdue).toBe(
      false,
    );
  });
});
