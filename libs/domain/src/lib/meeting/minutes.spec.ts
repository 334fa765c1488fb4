import { describe, expect, it } from '@jest/globals';
import { actionSchema, decisionSchema, type Action, type Decision } from './decisions';
import {
  approveMinutes,
  assertEditable,
  buildMinutes,
  reviseItemNotes,
  type MinutesDocument,
  type MinutesItemInput,
} from './minutes';

const meeting = {
  id: 'm1',
  title: 'Casuïstiekoverleg Wijkteam Noord',
  start: new Date('2026-03-31T07:30:00Z'),
  end: new Date('2026-03-31T09:00:00Z'),
};

const items: MinutesItemInput[] = [
  {
    id: 'c1',
    kind: 'casusbespreking',
    title: 'Gezin A',
    order: 2,
    status: 'besproken',
    question: 'Hoe voorkomen we huisuitzetting?',
  },
  { id: 'f', kind: 'opvolging-acties', title: '', order: 0, status: 'besproken', question: null },
  {
    id: 'c2',
    kind: 'casusbespreking',
    title: 'Gezin B',
    order: 3,
    status: 'overgeslagen',
    question: 'Welke hulp past?',
  },
  {
    id: 'm',
    kind: 'mededeling',
    title: 'Nieuwe collega',
    order: 1,
    status: 'besproken',
    question: null,
  },
];

const attendance = [
  { userId: 'u-b', role: 'member' as const, present: true },
  { userId: 'u-g', role: 'guest' as const, present: true, name: 'Gerrit de Graaf' },
  { userId: 'u-chair', role: 'chair' as const, present: true },
  { userId: 'u-a', role: 'member' as const, present: true },
  { userId: 'u-z', role: 'member' as const, present: false },
  { userId: 'u-tk', role: 'timekeeper' as const, present: true },
];

const decisions: Decision[] = [
  decisionSchema.parse({
    id: 'd1',
    agendaItemId: 'c1',
    type: 'maatwerkvoorziening',
    text: 'Schuldhulpverlening aanvragen',
    rationale: 'Betalingsregeling lukt niet zelf',
    decidedByUserId: 'u-chair',
    decidedAt: '2026-03-31T08:10:00Z',
  }),
];

const actions: Action[] = [
  actionSchema.parse({
    id: 'a1',
    agendaItemId: 'c1',
    description: 'Aanvraag indienen',
    ownerUserId: 'u-a',
    due: '2026-04-07',
    decisionId: 'd1',
  }),
  actionSchema.parse({
    id: 'a2',
    agendaItemId: 'm',
    description: 'Inwerkschema delen',
    ownerUserId: 'u-b',
    due: '2026-04-14',
  }),
];

function build(): MinutesDocument {
  const result = buildMinutes(
    meeting,
    attendance,
    items,
    { c1: 'Moeder is gemotiveerd.', m: 'Welkom Sanne.' },
    decisions,
    actions,
  );
  if (!result.ok) throw new Error(result.error);
  return result.minutes;
}

describe('buildMinutes', () => {
  it('builds draft minutes: attendance by role, items in order with question, notes, decisions, actions', () => {
    const minutes = build();
    expect(minutes).toMatchObject({
      meetingId: 'm1',
      title: 'Casuïstiekoverleg Wijkteam Noord',
      start: '2026-03-31T07:30:00.000Z',
      end: '2026-03-31T09:00:00.000Z',
      status: 'draft',
      approvedByUserId: null,
      approvedAt: null,
    });
    expect(minutes.attendance.present.map((a) => a.userId)).toEqual([
      'u-chair',
      'u-tk',
      'u-a',
      'u-b',
      'u-g',
    ]);
    expect(minutes.attendance.absent).toEqual([{ userId: 'u-z', role: 'member' }]);
    // A guest keeps the name they took part under; team members are named from the team.
    expect(minutes.attendance.present.find((a) => a.userId === 'u-g')).toEqual({
      userId: 'u-g',
      role: 'guest',
      name: 'Gerrit de Graaf',
    });
    expect(minutes.attendance.present.find((a) => a.userId === 'u-a')).toEqual({
      userId: 'u-a',
      role: 'member',
    });
    expect(minutes.items.map((i) => [i.itemId, i.status, i.notes])).toEqual([
      ['f', 'besproken', ''],
      ['m', 'besproken', 'Welkom Sanne.'],
      ['c1', 'besproken', 'Moeder is gemotiveerd.'],
      ['c2', 'overgeslagen', ''],
    ]);
    expect(minutes.items[2]).toEqual({
      itemId: 'c1',
      order: 2,
      kind: 'casusbespreking',
      title: 'Gezin A',
      status: 'besproken',
      question: 'Hoe voorkomen we huisuitzetting?',
      notes: 'Moeder is gemotiveerd.',
      decisions: [
        {
          decisionId: 'd1',
          type: 'maatwerkvoorziening',
          typeLabel: 'Maatwerkvoorziening',
          text: 'Schuldhulpverlening aanvragen',
          rationale: 'Betalingsregeling lukt niet zelf',
          decidedByUserId: 'u-chair',
        },
      ],
      actions: [
        {
          actionId: 'a1',
          description: 'Aanvraag indienen',
          ownerUserId: 'u-a',
          due: '2026-04-07',
          status: 'open',
        },
      ],
    });
    expect(minutes.items[1]?.actions.map((a) => a.actionId)).toEqual(['a2']);
    expect(minutes.items[3]?.decisions).toEqual([]);
  });

  it('refuses notes, decisions or actions for items not on the agenda', () => {
    const stray = { ...(actions[0] as Action), id: 'a9', agendaItemId: 'x9' };
    expect(buildMinutes(meeting, attendance, items, { x1: 'n' }, decisions, [stray])).toEqual({
      ok: false,
      error: 'unknown-agenda-item',
      itemIds: ['x1', 'x9'],
    });
    expect(buildMinutes(meeting, attendance, items.slice(1), {}, decisions, []).ok).toBe(false);
  });
});

describe('the lock', () => {
  it('lets draft minutes be revised and approved, then refuses every change', () => {
    const draft = build();
    expect(assertEditable(draft)).toEqual({ ok: true });
    const revised = reviseItemNotes(draft, 'c2', 'Verplaatst naar volgende week.');
    if (!revised.ok) throw new Error(revised.error);
    expect(revised.minutes.items.find((i) => i.itemId === 'c2')?.notes).toBe(
      'Verplaatst naar volgende week.',
    );
    expect(draft.items.find((i) => i.itemId === 'c2')?.notes).toBe('');
    expect(reviseItemNotes(draft, 'x', 'n')).toEqual({ ok: false, error: 'item-not-found' });

    const approved = approveMinutes(revised.minutes, 'u-chair', new Date('2026-04-07T08:00:00Z'));
    if (!approved.ok) throw new Error(approved.error);
    expect(approved.minutes).toMatchObject({
      status: 'approved',
      approvedByUserId: 'u-chair',
      approvedAt: '2026-04-07T08:00:00.000Z',
    });
    expect(assertEditable(approved.minutes)).toEqual({ ok: false, error: 'minutes-approved' });
    expect(reviseItemNotes(approved.minutes, 'c2', 'x')).toEqual({
      ok: false,
      error: 'minutes-approved',
    });
    expect(approveMinutes(approved.minutes, 'u-other', new Date())).toEqual({
      ok: false,
      error: 'minutes-approved',
    });
  });
});
