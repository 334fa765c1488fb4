import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  applyCommand,
  applyEvent,
  compactLiveRoomState,
  isRecordEvent,
  recordEvent,
  createLiveRoomState,
  eventsSince,
  EVENT_OF_COMMAND,
  overTime,
  SPEAKING_QUEUE_MAX,
  type ApplyCommandResult,
  type LiveCommandInput,
  type LiveContext,
  type LiveEvent,
  type LiveRole,
  type LiveRoomState,
} from './live-room';

const MEETING = 'm1';
const T0 = Date.parse('2026-03-31T07:30:00Z');
const MIN = 60_000;

function initial(): LiveRoomState {
  return createLiveRoomState(MEETING, [
    { id: 'f', kind: 'opvolging-acties', order: 0, timeBoxMinutes: 10 },
    { id: 'c1', kind: 'casusbespreking', order: 1, timeBoxMinutes: 20 },
    { id: 'c2', kind: 'casusbespreking', order: 2, timeBoxMinutes: 20 },
    { id: 'm', kind: 'mededeling', order: 3, timeBoxMinutes: 5 },
  ]);
}

const chair: LiveContext = { actorUserId: 'u-chair', actorRoles: ['chair', 'member'], now: T0 };
const ctx = (
  actorUserId: string,
  roles: LiveRole[],
  now = T0,
  extra: Partial<LiveContext> = {},
) => ({
  actorUserId,
  actorRoles: roles,
  now,
  ...extra,
});

type CommandBody = { type: LiveCommandInput['type'] } & Record<string, unknown>;

function cmd(body: CommandBody): LiveCommandInput {
  return { commandId: randomUUID(), meetingId: MEETING, ...body } as LiveCommandInput;
}

/** The event of the last command `run` applied. */
let lastEvent: LiveEvent | null = null;

/** Applies commands in turn; throws on the first refusal. */
function run(state: LiveRoomState, ...steps: [CommandBody, LiveContext][]): LiveRoomState {
  let s = state;
  for (const [body, c] of steps) {
    const r = applyCommand(s, cmd(body), c);
    if (!r.ok) throw new Error(`${body.type}: ${r.error}`);
    s = r.state;
    lastEvent = r.event;
  }
  return s;
}

function error(result: ApplyCommandResult): string | null {
  return result.ok ? null : result.error;
}

const item = (s: LiveRoomState, id: string) => s.items.find((i) => i.id === id);

describe('createLiveRoomState', () => {
  it('starts at seq 0 with every item planned and timers at zero', () => {
    const s = initial();
    expect(s.seq).toBe(0);
    expect(s.currentItemId).toBeNull();
    expect(s.items.map((i) => [i.id, i.status, i.phase, i.timer])).toEqual([
      ['f', 'gepland', null, { durationMs: 10 * MIN, elapsedMs: 0, startedAt: null }],
      ['c1', 'gepland', null, { durationMs: 20 * MIN, elapsedMs: 0, startedAt: null }],
      ['c2', 'gepland', null, { durationMs: 20 * MIN, elapsedMs: 0, startedAt: null }],
      ['m', 'gepland', null, { durationMs: 5 * MIN, elapsedMs: 0, startedAt: null }],
    ]);
  });
});

describe('item:start', () => {
  it('makes the item current, starts its timer and yields one event with the next seq', () => {
    const s0 = initial();
    const command = cmd({ type: 'item:start', itemId: 'f' });
    const r = applyCommand(s0, command, chair);
    if (!r.ok) throw new Error(r.error);
    expect(r.duplicate).toBe(false);
    expect(r.state.seq).toBe(1);
    expect(r.state.currentItemId).toBe('f');
    expect(item(r.state, 'f')).toMatchObject({
      status: 'actief',
      phase: null,
      timer: { startedAt: T0 },
    });
    expect(r.event).toMatchObject({
      seq: 1,
      type: 'agenda:item-started',
      commandId: command.commandId,
      actorUserId: 'u-chair',
      at: T0,
      payload: { itemId: 'f', previousItemId: null, previousStatus: null },
    });
    // The input state is not changed.
    expect(s0.seq).toBe(0);
    expect(item(s0, 'f')?.status).toBe('gepland');
  });

  it('marks the previous item besproken and pauses its timer; a case item starts in inbreng', () => {
    const s = run(
      initial(),
      [{ type: 'item:start', itemId: 'f' }, chair],
      [
        { type: 'item:start', itemId: 'c1' },
        { ...chair, now: T0 + 7 * MIN },
      ],
    );
    expect(s.seq).toBe(2);
    expect(s.currentItemId).toBe('c1');
    expect(item(s, 'f')).toMatchObject({
      status: 'besproken',
      timer: { elapsedMs: 7 * MIN, startedAt: null },
    });
    expect(item(s, 'c1')).toMatchObject({
      status: 'actief',
      phase: 'inbreng',
      timer: { startedAt: T0 + 7 * MIN },
    });
  });

  it('can leave the previous item planned or skipped instead', () => {
    const toGepland = run(
      initial(),
      [{ type: 'item:start', itemId: 'c1' }, chair],
      [{ type: 'item:start', itemId: 'c2', previousStatus: 'gepland' }, chair],
    );
    expect(item(toGepland, 'c1')?.status).toBe('gepland');
    const toSkipped = run(
      initial(),
      [{ type: 'item:start', itemId: 'c1' }, chair],
      [{ type: 'item:start', itemId: 'c2', previousStatus: 'overgeslagen' }, chair],
    );
    expect(item(toSkipped, 'c1')?.status).toBe('overgeslagen');
  });

  it('takes a skipped item up again, continuing its clock and phase', () => {
    let s = run(
      initial(),
      [{ type: 'item:start', itemId: 'c1' }, chair],
      [{ type: 'phase:advance', itemId: 'c1' }, chair],
      [
        { type: 'item:skip', itemId: 'c1' },
        { ...chair, now: T0 + 3 * MIN },
      ],
    );
    expect(s.currentItemId).toBeNull();
    s = run(s, [
      { type: 'item:start', itemId: 'c1' },
      { ...chair, now: T0 + 30 * MIN },
    ]);
    expect(item(s, 'c1')).toMatchObject({
      status: 'actief',
      phase: 'vraagverheldering',
      timer: { elapsedMs: 3 * MIN, startedAt: T0 + 30 * MIN },
    });
  });

  it('refuses the current item, a discussed item and an unknown item', () => {
    const s = run(
      initial(),
      [{ type: 'item:start', itemId: 'f' }, chair],
      [{ type: 'item:start', itemId: 'c1' }, chair],
    );
    expect(error(applyCommand(s, cmd({ type: 'item:start', itemId: 'c1' }), chair))).toBe(
      'item-already-current',
    );
    expect(error(applyCommand(s, cmd({ type: 'item:start', itemId: 'f' }), chair))).toBe(
      'item-already-discussed',
    );
    expect(error(applyCommand(s, cmd({ type: 'item:start', itemId: 'zz' }), chair))).toBe(
      'item-not-found',
    );
  });
});

describe('item:skip and item:finish', () => {
  it('skips a planned item without touching the current one', () => {
    const s = run(
      initial(),
      [{ type: 'item:start', itemId: 'c1' }, chair],
      [{ type: 'item:skip', itemId: 'c2' }, chair],
    );
    expect(s.currentItemId).toBe('c1');
    expect(item(s, 'c2')?.status).toBe('overgeslagen');
    expect(error(applyCommand(s, cmd({ type: 'item:skip', itemId: 'c2' }), chair))).toBe(
      'item-already-skipped',
    );
  });

  it('finishes the current item (the last item of the meeting) and refuses a discussed one', () => {
    const s = run(
      initial(),
      [{ type: 'item:start', itemId: 'm' }, chair],
      [
        { type: 'item:finish', itemId: 'm' },
        { ...chair, now: T0 + 4 * MIN },
      ],
    );
    expect(s.currentItemId).toBeNull();
    expect(item(s, 'm')).toMatchObject({
      status: 'besproken',
      timer: { elapsedMs: 4 * MIN, startedAt: null },
    });
    expect(error(applyCommand(s, cmd({ type: 'item:skip', itemId: 'm' }), chair))).toBe(
      'item-already-discussed',
    );
    expect(error(applyCommand(s, cmd({ type: 'item:finish', itemId: 'c1' }), chair))).toBe(
      'not-current-item',
    );
  });
});

describe('permissions', () => {
  const started = () => run(initial(), [{ type: 'item:start', itemId: 'c1' }, chair]);

  it('lets only the chair move items, phases and the queue', () => {
    for (const role of ['timekeeper', 'minute-taker', 'member', 'guest'] as const) {
      const c = ctx('u-x', [role]);
      expect(error(applyCommand(initial(), cmd({ type: 'item:start', itemId: 'c1' }), c))).toBe(
        'not-permitted',
      );
      expect(error(applyCommand(started(), cmd({ type: 'item:skip', itemId: 'c2' }), c))).toBe(
        'not-permitted',
      );
      expect(error(applyCommand(started(), cmd({ type: 'item:finish', itemId: 'c1' }), c))).toBe(
        'not-permitted',
      );
      expect(error(applyCommand(started(), cmd({ type: 'phase:advance', itemId: 'c1' }), c))).toBe(
        'not-permitted',
      );
      expect(error(applyCommand(started(), cmd({ type: 'phase:back', itemId: 'c1' }), c))).toBe(
        'not-permitted',
      );
      expect(error(applyCommand(started(), cmd({ type: 'queue:next' }), c))).toBe('not-permitted');
    }
  });

  it('lets the chair or the timekeeper run the timer, nobody else', () => {
    const s = started();
    const keeper = ctx('u-tk', ['timekeeper'], T0 + MIN);
    expect(applyCommand(s, cmd({ type: 'timer:pause', itemId: 'c1' }), keeper).ok).toBe(true);
    expect(
      applyCommand(s, cmd({ type: 'timer:extend', itemId: 'c1', minutes: 5 }), keeper).ok,
    ).toBe(true);
    for (const role of ['minute-taker', 'member', 'guest'] as const) {
      const c = ctx('u-x', [role]);
      expect(error(applyCommand(s, cmd({ type: 'timer:pause', itemId: 'c1' }), c))).toBe(
        'not-permitted',
      );
      expect(
        error(applyCommand(s, cmd({ type: 'timer:extend', itemId: 'c1', minutes: 5 }), c)),
      ).toBe('not-permitted');
    }
    const paused = run(s, [{ type: 'timer:pause', itemId: 'c1' }, keeper]);
    expect(
      error(
        applyCommand(paused, cmd({ type: 'timer:start', itemId: 'c1' }), ctx('u-m', ['member'])),
      ),
    ).toBe('not-permitted');
  });

  it('refuses an actor without any role in the room', () => {
    expect(error(applyCommand(started(), cmd({ type: 'hand:raise' }), ctx('u-x', [])))).toBe(
      'not-permitted',
    );
  });

  it('lets a guest raise a hand only while an item they are invited to is current', () => {
    const guest = (items: string[]) => ctx('u-g', ['guest'], T0, { guestItemIds: items });
    expect(error(applyCommand(started(), cmd({ type: 'hand:raise' }), guest(['c2'])))).toBe(
      'not-permitted',
    );
    expect(error(applyCommand(initial(), cmd({ type: 'hand:raise' }), guest(['c1'])))).toBe(
      'not-permitted',
    );
    expect(error(applyCommand(started(), cmd({ type: 'hand:raise' }), ctx('u-g', ['guest'])))).toBe(
      'not-permitted',
    );
    expect(applyCommand(started(), cmd({ type: 'hand:raise' }), guest(['c1'])).ok).toBe(true);
    // A member may raise a hand with no item current.
    expect(applyCommand(initial(), cmd({ type: 'hand:raise' }), ctx('u-m', ['member'])).ok).toBe(
      true,
    );
  });
});

describe('timer', () => {
  const started = () => run(initial(), [{ type: 'item:start', itemId: 'c1' }, chair]);

  it('pauses with the elapsed time, restarts and extends', () => {
    let s = run(started(), [
      { type: 'timer:pause', itemId: 'c1' },
      { ...chair, now: T0 + 5 * MIN },
    ]);
    expect(item(s, 'c1')?.timer).toEqual({
      durationMs: 20 * MIN,
      elapsedMs: 5 * MIN,
      startedAt: null,
    });
    expect(lastEvent).toMatchObject({
      type: 'timer:paused',
      payload: { elapsedMs: 5 * MIN },
    });
    s = run(
      s,
      [
        { type: 'timer:start', itemId: 'c1' },
        { ...chair, now: T0 + 9 * MIN },
      ],
      [{ type: 'timer:extend', itemId: 'c1', minutes: 5 }, chair],
    );
    expect(item(s, 'c1')?.timer).toEqual({
      durationMs: 25 * MIN,
      elapsedMs: 5 * MIN,
      startedAt: T0 + 9 * MIN,
    });
    expect(lastEvent).toMatchObject({
      type: 'timer:extended',
      payload: { itemId: 'c1', minutes: 5, durationMs: 25 * MIN },
    });
  });

  it('refuses to start a running timer, pause a paused one, or act on another item', () => {
    expect(error(applyCommand(started(), cmd({ type: 'timer:start', itemId: 'c1' }), chair))).toBe(
      'timer-already-running',
    );
    const paused = run(started(), [{ type: 'timer:pause', itemId: 'c1' }, chair]);
    expect(error(applyCommand(paused, cmd({ type: 'timer:pause', itemId: 'c1' }), chair))).toBe(
      'timer-not-running',
    );
    expect(error(applyCommand(started(), cmd({ type: 'timer:pause', itemId: 'c2' }), chair))).toBe(
      'not-current-item',
    );
    expect(error(applyCommand(initial(), cmd({ type: 'timer:start', itemId: 'c1' }), chair))).toBe(
      'not-current-item',
    );
  });

  it('caps the time box at 480 minutes', () => {
    let s = started();
    for (let i = 0; i < 7; i++)
      s = run(s, [{ type: 'timer:extend', itemId: 'c1', minutes: 60 }, chair]);
    expect(item(s, 'c1')?.timer.durationMs).toBe(440 * MIN);
    expect(
      error(applyCommand(s, cmd({ type: 'timer:extend', itemId: 'c1', minutes: 41 }), chair)),
    ).toBe('timer-limit');
    expect(
      applyCommand(s, cmd({ type: 'timer:extend', itemId: 'c1', minutes: 40 }), chair).ok,
    ).toBe(true);
  });

  it('reports over time through readTimer', () => {
    const c1 = item(started(), 'c1');
    if (c1 === undefined) throw new Error('missing');
    expect(overTime(c1, T0 + 20 * MIN)).toBe(false);
    expect(overTime(c1, T0 + 20 * MIN + 1)).toBe(true);
    expect(overTime({ timer: { durationMs: MIN, elapsedMs: 2 * MIN, startedAt: null } }, T0)).toBe(
      true,
    );
  });
});

describe('phases in the room', () => {
  it('advances and goes back on the current case item, with typed errors at the ends', () => {
    let s = run(initial(), [{ type: 'item:start', itemId: 'c1' }, chair]);
    expect(error(applyCommand(s, cmd({ type: 'phase:back', itemId: 'c1' }), chair))).toBe(
      'already-first-phase',
    );
    for (let i = 0; i < 4; i++) s = run(s, [{ type: 'phase:advance', itemId: 'c1' }, chair]);
    expect(item(s, 'c1')?.phase).toBe('besluit');
    expect(lastEvent).toMatchObject({
      type: 'phase:changed',
      payload: { itemId: 'c1', from: 'oplossingen', to: 'besluit' },
    });
    expect(error(applyCommand(s, cmd({ type: 'phase:advance', itemId: 'c1' }), chair))).toBe(
      'already-last-phase',
    );
    s = run(s, [{ type: 'phase:back', itemId: 'c1' }, chair]);
    expect(item(s, 'c1')?.phase).toBe('oplossingen');
  });

  it('refuses phases on other kinds and on items that are not current', () => {
    const s = run(initial(), [{ type: 'item:start', itemId: 'f' }, chair]);
    expect(error(applyCommand(s, cmd({ type: 'phase:advance', itemId: 'f' }), chair))).toBe(
      'not-a-case-item',
    );
    expect(error(applyCommand(s, cmd({ type: 'phase:advance', itemId: 'c1' }), chair))).toBe(
      'not-current-item',
    );
  });
});

describe('hands and the speaking queue', () => {
  const member = (id: string, now = T0) => ctx(id, ['member'], now);

  it('queues raised hands in order and gives the word to the first', () => {
    let s = run(
      initial(),
      [{ type: 'item:start', itemId: 'c1' }, chair],
      [{ type: 'hand:raise' }, member('u-a', T0 + 1000)],
      [{ type: 'hand:raise' }, member('u-b', T0 + 2000)],
      [{ type: 'hand:raise' }, member('u-c', T0 + 3000)],
    );
    expect(s.speakingQueue).toEqual(['u-a', 'u-b', 'u-c']);
    expect(s.raisedHands).toEqual([
      { userId: 'u-a', raisedAt: T0 + 1000 },
      { userId: 'u-b', raisedAt: T0 + 2000 },
      { userId: 'u-c', raisedAt: T0 + 3000 },
    ]);
    s = run(s, [{ type: 'queue:next' }, chair]);
    expect(s.currentSpeakerUserId).toBe('u-a');
    expect(s.speakingQueue).toEqual(['u-b', 'u-c']);
    expect(s.raisedHands.map((h) => h.userId)).toEqual(['u-b', 'u-c']);
    expect(lastEvent).toMatchObject({
      type: 'queue:speaker-given',
      payload: { userId: 'u-a' },
    });
  });

  it('lowers one’s own hand; only the chair lowers someone else’s', () => {
    const s = run(
      initial(),
      [{ type: 'hand:raise' }, member('u-a')],
      [{ type: 'hand:raise' }, member('u-b')],
    );
    expect(error(applyCommand(s, cmd({ type: 'hand:lower', userId: 'u-a' }), member('u-b')))).toBe(
      'not-permitted',
    );
    const own = run(s, [{ type: 'hand:lower' }, member('u-a')]);
    expect(own.speakingQueue).toEqual(['u-b']);
    expect(own.raisedHands.map((h) => h.userId)).toEqual(['u-b']);
    const byChair = run(s, [{ type: 'hand:lower', userId: 'u-b' }, chair]);
    expect(byChair.speakingQueue).toEqual(['u-a']);
    expect(error(applyCommand(own, cmd({ type: 'hand:lower' }), member('u-a')))).toBe(
      'hand-not-raised',
    );
  });

  it('refuses a second raise, an empty queue and a full queue', () => {
    const s = run(initial(), [{ type: 'hand:raise' }, member('u-a')]);
    expect(error(applyCommand(s, cmd({ type: 'hand:raise' }), member('u-a')))).toBe(
      'hand-already-raised',
    );
    expect(error(applyCommand(initial(), cmd({ type: 'queue:next' }), chair))).toBe('queue-empty');
    let full = initial();
    for (let i = 0; i < SPEAKING_QUEUE_MAX; i++)
      full = run(full, [{ type: 'hand:raise' }, member(`u-${i}`)]);
    expect(error(applyCommand(full, cmd({ type: 'hand:raise' }), member('u-late')))).toBe(
      'queue-full',
    );
  });

  it('clears the queue and the speaker when the current item changes', () => {
    const s = run(
      initial(),
      [{ type: 'item:start', itemId: 'c1' }, chair],
      [{ type: 'hand:raise' }, member('u-a')],
      [{ type: 'hand:raise' }, member('u-b')],
      [{ type: 'queue:next' }, chair],
      [{ type: 'item:start', itemId: 'c2' }, chair],
    );
    expect(s.speakingQueue).toEqual([]);
    expect(s.raisedHands).toEqual([]);
    expect(s.currentSpeakerUserId).toBeNull();
  });
});

describe('idempotency and size', () => {
  it('does not remember refused commands', () => {
    const command = cmd({ type: 'queue:next' });
    expect(error(applyCommand(initial(), command, chair))).toBe('queue-empty');
    const s = run(initial(), [{ type: 'hand:raise' }, ctx('u-a', ['member'])]);
    const retry = applyCommand(s, command, chair);
    expect(retry.ok && !retry.duplicate && retry.state.currentSpeakerUserId).toBe('u-a');
  });

  it('keeps no replay window: the state is as large after 1,000 commands as after 10', () => {
    const a = ctx('u-a', ['member']);
    const after = (n: number) => {
      let s = initial();
      for (let i = 0; i < n; i++)
        s = run(s, [{ type: i % 2 === 0 ? 'hand:raise' : 'hand:lower' }, a]);
      return s;
    };
    const small = after(10);
    const large = after(1_000);
    expect(large.seq).toBe(1_000);
    expect(JSON.stringify(large).length).toBe(JSON.stringify(small).length + 2);
  });

  it('drops the window older versions stored', () => {
    const old = { ...initial(), appliedCommandIds: ['x'], recentEvents: [{ seq: 1 }] };
    expect(compactLiveRoomState(old as LiveRoomState)).toEqual(initial());
  });
});

describe('record events', () => {
  it('take the next seq and change nothing else', () => {
    const s = run(initial(), [{ type: 'item:start', itemId: 'c1' }, chair]);
    const event = recordEvent(
      s,
      'decision:created',
      { decision: { id: 'd1' } },
      {
        commandId: randomUUID(),
        actorUserId: 'u-chair',
        at: T0,
      },
    );
    expect(isRecordEvent(event)).toBe(true);
    expect(event.seq).toBe(s.seq + 1);
    const applied = applyEvent(s, event);
    expect(applied).toEqual({ ok: true, duplicate: false, state: { ...s, seq: s.seq + 1 } });
    expect(isRecordEvent({ type: 'hand:raised' })).toBe(false);
  });
});

describe('validation', () => {
  // Ids and unknown keys are the wire's to check: `meetingCommandSchema` (libs/contracts).
  it('refuses commands its rules cannot take and commands for another meeting', () => {
    const s = initial();
    const item = { commandId: randomUUID(), meetingId: MEETING, itemId: 'c1' };
    const bad: unknown[] = [
      { type: 'item:start', commandId: randomUUID(), meetingId: MEETING },
      { ...item, type: 'item:explode' },
      { ...item, type: 'timer:extend', minutes: 0 },
      { ...item, type: 'timer:extend', minutes: 61 },
      { ...item, type: 'timer:extend', minutes: 1.5 },
      { ...item, type: 'item:start', previousStatus: 'actief' },
    ];
    for (const input of bad) {
      expect(error(applyCommand(s, input as LiveCommandInput, chair))).toBe('invalid-command');
    }
    expect(error(applyCommand(s, { ...cmd({ type: 'hand:raise' }), meetingId: 'm2' }, chair))).toBe(
      'wrong-meeting',
    );
  });

  it('knows every command type', () => {
    expect(Object.keys(EVENT_OF_COMMAND).sort()).toEqual([
      'hand:lower',
      'hand:raise',
      'item:finish',
      'item:skip',
      'item:start',
      'phase:advance',
      'phase:back',
      'queue:next',
      'timer:extend',
      'timer:pause',
      'timer:start',
    ]);
  });
});

describe('applyEvent and eventsSince (replay)', () => {
  function session(): { states: LiveRoomState[]; events: LiveEvent[] } {
    const states = [initial()];
    const events: LiveEvent[] = [];
    const steps: [CommandBody, LiveContext][] = [
      [{ type: 'item:start', itemId: 'f' }, chair],
      [
        { type: 'item:start', itemId: 'c1' },
        { ...chair, now: T0 + 8 * MIN },
      ],
      [{ type: 'hand:raise' }, ctx('u-a', ['member'], T0 + 9 * MIN)],
      [{ type: 'phase:advance', itemId: 'c1' }, chair],
      [{ type: 'timer:extend', itemId: 'c1', minutes: 3 }, ctx('u-tk', ['timekeeper'])],
      [{ type: 'queue:next' }, chair],
      [{ type: 'item:skip', itemId: 'c2' }, chair],
    ];
    for (const [body, c] of steps) {
      const r = applyCommand(states.at(-1) as LiveRoomState, cmd(body), c);
      if (!r.ok) throw new Error(r.error);
      states.push(r.state);
      events.push(r.event);
    }
    return { states, events };
  }

  it('rebuilds exactly the server state from the broadcast events', () => {
    const { states, events } = session();
    let client = initial();
    for (const e of events) {
      const r = applyEvent(client, e);
      if (!r.ok) throw new Error(r.error);
      client = r.state;
    }
    expect(client).toEqual(states.at(-1));
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('ignores an event already applied and refuses one after a gap', () => {
    const { states, events } = session();
    const s3 = states[3] as LiveRoomState;
    expect(applyEvent(s3, events[1] as LiveEvent)).toEqual({
      ok: true,
      duplicate: true,
      state: s3,
    });
    expect(applyEvent(s3, events[4] as LiveEvent)).toEqual({ ok: false, error: 'gap' });
  });

  it('refuses an event that names an item the client does not know', () => {
    const { events } = session();
    const other = createLiveRoomState(MEETING, [
      { id: 'zz', kind: 'overig', order: 0, timeBoxMinutes: 5 },
    ]);
    expect(applyEvent(other, events[0] as LiveEvent)).toEqual({ ok: false, error: 'unknown-item' });
  });

  it('replays what a reconnecting client missed, or null when a snapshot is needed', () => {
    const { states, events } = session();
    expect(eventsSince(events, 4)?.map((e) => e.seq)).toEqual([5, 6, 7]);
    expect(eventsSince(events, 0)?.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(eventsSince(events, 7)).toEqual([]);
    // Replaying them onto the client's old state reaches the server state.
    let client = states[4] as LiveRoomState;
    for (const e of eventsSince(events, 4) ?? []) {
      const r = applyEvent(client, e);
      if (!r.ok) throw new Error(r.error);
      client = r.state;
    }
    expect(client).toEqual(states.at(-1));

    const trimmed = events.slice(3); // the log now starts at seq 4
    expect(eventsSince(trimmed, 3)?.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expect(eventsSince(trimmed, 2)).toBeNull();
    expect(eventsSince(events, 8)).toBeNull(); // ahead of the server
    expect(eventsSince(events, -1)).toBeNull();
    expect(eventsSince(events, 2.5)).toBeNull();
    expect(eventsSince([events[0], events[2]] as LiveEvent[], 0)).toBeNull(); // a hole
    expect(eventsSince([], 7, 7)).toEqual([]);
    expect(eventsSince([], 5, 7)).toBeNull();
    expect(eventsSince([], 0)).toEqual([]);
  });
});
