import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CASE_MEETING_KIND, kindAllows, type SessionKind } from './kind';
import {
  applySessionCommand,
  createSessionRoom,
  endSessionRoom,
  projectEvent,
  projectState,
  recordChangedInRoom,
  type SessionCommandInput,
  type SessionRoomState,
} from './session-room';

/** A blind written round revealed by the trainer, then a phase the inbrenger sits out. */
const KIND: SessionKind = {
  id: 'blind-round',
  phases: [
    { id: 'schrijven', defaultMinutes: 5 },
    { id: 'zonder-inbrenger', defaultMinutes: 10 },
    { id: 'nabespreking', defaultMinutes: 10 },
  ],
  roles: ['trainer', 'deelnemer', 'inbrenger'],
  may: {
    schrijven: {
      trainer: ['phase:advance', 'contribution:reveal'],
      deelnemer: ['contribution:add'],
      inbrenger: ['contribution:add'],
    },
    'zonder-inbrenger': { trainer: ['phase:advance'], deelnemer: ['contribution:add'] },
    nabespreking: { trainer: [], deelnemer: ['contribution:add'], inbrenger: ['contribution:add'] },
  },
  hiddenUntilRevealed: { hypothese: ['trainer', 'deelnemer', 'inbrenger'] },
  lockedOut: { 'zonder-inbrenger': ['inbrenger'] },
};
const SESSION = randomUUID();
let ids = 0;
const ctx = (role: string, actorUserId = `u-${role}`) => ({
  actorUserId,
  role,
  now: 1_000,
  newId: () => `c${++ids}`,
});
const run = (state: SessionRoomState, body: Record<string, unknown>, role: string) => {
  const r = applySessionCommand(
    KIND,
    state,
    { commandId: randomUUID(), sessionId: SESSION, ...body } as SessionCommandInput,
    ctx(role),
  );
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('session kinds', () => {
  it('declares the case meeting as the first kind: the chair moves phases, anyone raises a hand', () => {
    expect(kindAllows(CASE_MEETING_KIND, 'inbreng', 'chair', 'phase:advance')).toBe(true);
    expect(kindAllows(CASE_MEETING_KIND, 'inbreng', 'member', 'phase:advance')).toBe(false);
    expect(kindAllows(CASE_MEETING_KIND, 'besluit', 'guest', 'hand:raise')).toBe(true);
  });

  it('records when the current phase began: at creation when given, and on every phase change', () => {
    expect(createSessionRoom(KIND, SESSION).phaseStartedAt).toBeUndefined();
    const s = createSessionRoom(KIND, SESSION, 500);
    expect(s.phaseStartedAt).toBe(500);
    const advanced = run(s, { type: 'phase:advance' }, 'trainer');
    expect(advanced.state).toMatchObject({ phase: 'zonder-inbrenger', phaseStartedAt: 1_000 });
    expect(advanced.event.at).toBe(1_000);
    expect(projectState(KIND, advanced.state, 'trainer')?.phaseStartedAt).toBe(1_000);
    const added = run(
      advanced.state,
      { type: 'contribution:add', contributionType: 'hypothese', text: 'x' },
      'deelnemer',
    );
    expect(added.state.phaseStartedAt).toBe(1_000);
  });

  it('keeps a hidden contribution without author or text for every role until revealed', () => {
    let s = createSessionRoom(KIND, SESSION);
    const added = run(
      s,
      { type: 'contribution:add', contributionType: 'hypothese', text: 'GEHEIM-1' },
      'deelnemer',
    );
    s = added.state;
    for (const role of KIND.roles) {
      expect(JSON.stringify(projectEvent(KIND, added.event, role))).not.toContain('GEHEIM-1');
      expect(JSON.stringify(projectEvent(KIND, added.event, role))).not.toContain('u-deelnemer');
      expect(JSON.stringify(projectState(KIND, s, role))).not.toContain('GEHEIM-1');
    }
    const revealed = run(
      s,
      { type: 'contribution:reveal', contributionType: 'hypothese' },
      'trainer',
    );
    expect(projectEvent(KIND, revealed.event, 'inbrenger')).toMatchObject({
      payload: { contributions: [{ text: 'GEHEIM-1', revealed: true }] },
    });
    expect(JSON.stringify(projectState(KIND, revealed.state, 'deelnemer'))).toContain('GEHEIM-1');
  });

  it('enforces what each role may do per phase, and locks a role out of a private phase', () => {
    let s = createSessionRoom(KIND, SESSION);
    const denied = applySessionCommand(
      KIND,
      s,
      { commandId: randomUUID(), sessionId: SESSION, type: 'phase:advance' },
      ctx('deelnemer'),
    );
    expect(denied).toEqual({ ok: false, error: 'not-permitted' });
    const entered = run(s, { type: 'phase:advance' }, 'trainer');
    s = entered.state;
    expect(projectEvent(KIND, entered.event, 'inbrenger')).toMatchObject({ type: 'phase:changed' });
    expect(projectState(KIND, s, 'inbrenger')).toBeNull();
    const during = run(
      s,
      { type: 'contribution:add', contributionType: 'advies', text: 'BESLOTEN' },
      'deelnemer',
    );
    expect(projectEvent(KIND, during.event, 'inbrenger')).toBeNull();
    expect(projectEvent(KIND, during.event, 'trainer')).toMatchObject({
      payload: { contribution: { text: 'BESLOTEN' } },
    });
    const left = run(during.state, { type: 'phase:advance' }, 'trainer');
    expect(projectState(KIND, left.state, 'inbrenger')).toMatchObject({ phase: 'nabespreking' });
    // what was said without them stays without them
    expect(JSON.stringify(projectState(KIND, left.state, 'inbrenger'))).not.toContain('BESLOTEN');
    expect(JSON.stringify(projectState(KIND, left.state, 'deelnemer'))).toContain('BESLOTEN');
  });

  it('rates a contribution every role sees, on the scale its kind declares', () => {
    const kind: SessionKind = {
      ...KIND,
      may: {
        ...KIND.may,
        schrijven: {
          ...KIND.may['schrijven'],
          inbrenger: ['contribution:add', 'contribution:rate'],
        },
      },
      ratings: { vraag: ['koud', 'lauw', 'warm'], hypothese: ['koud', 'warm'] },
      contributionTypes: { schrijven: ['vraag', 'hypothese'] },
    };
    const go = (state: SessionRoomState, body: Record<string, unknown>, role: string) =>
      applySessionCommand(
        kind,
        state,
        { commandId: randomUUID(), sessionId: SESSION, ...body } as SessionCommandInput,
        ctx(role),
      );
    let s = createSessionRoom(kind, SESSION);
    expect(
      go(s, { type: 'contribution:add', contributionType: 'advies', text: 'x' }, 'deelnemer'),
    ).toEqual({
      ok: false,
      error: 'unknown-contribution-type',
    });
    const vraag = go(
      s,
      { type: 'contribution:add', contributionType: 'vraag', text: 'Wat?' },
      'deelnemer',
    );
    if (!vraag.ok) throw new Error(vraag.error);
    s = vraag.state;
    const id = s.contributions[0]?.id;
    const hyp = go(
      s,
      { type: 'contribution:add', contributionType: 'hypothese', text: 'H' },
      'deelnemer',
    );
    if (!hyp.ok) throw new Error(hyp.error);
    s = hyp.state;
    const hidden = s.contributions[1]?.id;
    const rate = (contributionId: unknown, rating: string, role = 'inbrenger') =>
      go(s, { type: 'contribution:rate', contributionId, rating }, role);
    expect(rate(id, 'warm', 'deelnemer')).toEqual({ ok: false, error: 'not-permitted' });
    expect(rate(id, 'heet')).toEqual({ ok: false, error: 'invalid-rating' });
    expect(rate('nope', 'warm')).toEqual({ ok: false, error: 'unknown-contribution' });
    // hidden and unrevealed: not rated (a rating would say something about it)
    expect(rate(hidden, 'warm')).toEqual({ ok: false, error: 'not-rateable' });
    const rated = rate(id, 'warm');
    if (!rated.ok) throw new Error(rated.error);
    expect(rated.event).toMatchObject({
      type: 'contribution:rated',
      payload: { contributionId: id, contributionType: 'vraag', rating: 'warm' },
    });
    expect(projectState(kind, rated.state, 'deelnemer')?.contributions[0]).toMatchObject({
      rating: 'warm',
    });
    s = rated.state;
    const revealed = go(
      s,
      { type: 'contribution:reveal', contributionType: 'hypothese' },
      'trainer',
    );
    if (!revealed.ok) throw new Error(revealed.error);
    s = revealed.state;
    expect(rate(hidden, 'koud')).toMatchObject({ ok: true });
  });

  it('refuses every command once the server ended the session; the end reaches every role', () => {
    let s = createSessionRoom(KIND, SESSION);
    s = run(s, { type: 'phase:advance' }, 'trainer').state;
    const ended = endSessionRoom(s, { commandId: randomUUID(), actorUserId: 'u-trainer', now: 5 });
    if (!ended.ok) throw new Error(ended.error);
    expect(ended.state.ended).toBe(true);
    // even the role locked out of the phase hears that it is over
    expect(projectEvent(KIND, ended.event, 'inbrenger')).toMatchObject({ type: 'session:ended' });
    expect(
      applySessionCommand(
        KIND,
        ended.state,
        { commandId: randomUUID(), sessionId: SESSION, type: 'phase:advance' },
        ctx('trainer'),
      ),
    ).toEqual({ ok: false, error: 'session-ended' });
    expect(
      endSessionRoom(ended.state, { commandId: randomUUID(), actorUserId: 'x', now: 6 }),
    ).toEqual({
      ok: false,
      error: 'session-ended',
    });
  });

  it('announces a record changed outside the room: next seq, no content, never to a locked-out role', () => {
    let s = createSessionRoom(KIND, SESSION);
    const open = recordChangedInRoom(s, {
      commandId: randomUUID(),
      actorUserId: 'u-trainer',
      now: 7,
      record: 'plan',
    });
    if (!open.ok) throw new Error(open.error);
    expect(open.state.seq).toBe(s.seq + 1);
    expect(open.state.contributions).toEqual(s.contributions);
    expect(projectEvent(KIND, open.event, 'inbrenger')).toMatchObject({
      type: 'record:changed',
      payload: { record: 'plan' },
    });
    s = run(open.state, { type: 'phase:advance' }, 'trainer').state;
    const closed = recordChangedInRoom(s, {
      commandId: randomUUID(),
      actorUserId: 'u-deelnemer',
      now: 8,
      record: 'plan',
    });
    if (!closed.ok) throw new Error(closed.error);
    expect(projectEvent(KIND, closed.event, 'inbrenger')).toBeNull();
    expect(projectEvent(KIND, closed.event, 'deelnemer')).toMatchObject({ type: 'record:changed' });
    const ended = endSessionRoom(closed.state, {
      commandId: randomUUID(),
      actorUserId: 'x',
      now: 9,
    });
    if (!ended.ok) throw new Error(ended.error);
    expect(
      recordChangedInRoom(ended.state, {
        commandId: randomUUID(),
        actorUserId: 'x',
        now: 10,
        record: 'plan',
      }),
    ).toEqual({ ok: false, error: 'session-ended' });
  });
});
