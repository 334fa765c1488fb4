import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import {
  applyCommand,
  createLiveRoomState,
  recordEvent,
  type LiveCommandInput,
  type LiveEvent,
  type LiveRoomState,
} from '@casustafel/domain';
import type { RealtimeEvent } from '../realtime/connection-state';
import { type MeetingServerMessage, RealtimeClient } from '../realtime/realtime.client';
import {
  LIVE_COMMAND_ID,
  type LiveCommandBody,
  LIVE_NOW,
  LiveRoomStore,
  readClock,
  serverNow,
} from './live-room.store';

const MEETING = 'a3f0c6a2-2a47-4c53-9a8e-0d6e1c2b3f40';
const CHAIR = '5b8e2a1c-7d3f-4e6a-9b2c-1f0e3d4c5b6a';
const T0 = Date.parse('2026-12-01T08:30:00Z');
const MIN = 60_000;

function initial(): LiveRoomState {
  return createLiveRoomState(MEETING, [
    { id: 'i1', kind: 'mededeling', order: 0, timeBoxMinutes: 10 },
    { id: 'i2', kind: 'casusbespreking', order: 1, timeBoxMinutes: 20 },
  ]);
}

/** Runs commands through the domain (as the server does) and returns the events. */
function serverEvents(state: LiveRoomState, commands: LiveCommandBody[]) {
  const events: LiveEvent[] = [];
  let current = state;
  commands.forEach((c, i) => {
    const result = applyCommand(
      current,
      { ...c, commandId: randomUUID(), meetingId: MEETING } as LiveCommandInput,
      { actorUserId: CHAIR, actorRoles: ['chair'], now: T0 + i * 1000 },
    );
    if (!result.ok) throw new Error(result.error);
    current = result.state;
    events.push(result.event);
  });
  return { events, state: current };
}

interface Emit {
  event: string;
  payload: Record<string, unknown>;
}

describe('LiveRoomStore', () => {
  let events$: Subject<RealtimeEvent>;
  let meeting$: Subject<MeetingServerMessage>;
  let emits: Emit[];
  let answer: (e: Emit) => unknown;
  let store: LiveRoomStore;
  let clientNow: number;

  beforeEach(() => {
    events$ = new Subject();
    meeting$ = new Subject();
    emits = [];
    clientNow = T0;
    answer = () => ({ ok: true, data: { seq: 0, snapshot: initial() } });
    const client = {
      events$,
      meeting$,
      connected: true,
      connect: jest.fn(),
      disconnect: jest.fn(),
      emitWithAck: jest.fn(async (event: string, payload: Record<string, unknown>) => {
        const e = { event, payload: { ...payload } };
        emits.push(e);
        return answer(e);
      }),
    };
    let n = 0;
    TestBed.configureTestingModule({
      providers: [
        { provide: RealtimeClient, useValue: client },
        { provide: LIVE_COMMAND_ID, useValue: () => `00000000-0000-4000-8000-00000000000${++n}` },
        { provide: LIVE_NOW, useValue: () => clientNow },
      ],
    });
    store = TestBed.inject(LiveRoomStore);
  });

  afterEach(() => store.leave());

  const push = (event: LiveEvent) =>
    meeting$.next({ type: 'event', event: { ...event, meetingId: MEETING } });

  it('joins with a snapshot, then applies events in order', async () => {
    await store.join(MEETING, 'in-de-ruimte');
    expect(emits[0]).toEqual({
      event: 'meeting:join',
      payload: { meetingId: MEETING, mode: 'in-de-ruimte' },
    });
    const { events, state } = serverEvents(initial(), [
      { type: 'item:start', itemId: 'i1' },
      { type: 'timer:pause', itemId: 'i1' },
      { type: 'item:start', itemId: 'i2' },
    ]);
    events.forEach(push);
    expect(store.state()).toEqual(state);
    expect(store.lastSeq()).toBe(3);
    expect(store.currentItem()?.id).toBe('i2');
    expect(store.phase()).toBe('inbreng');
  });

  it('applies decisions and actions as events of the same sequence: no gap, no rejoin', async () => {
    await store.join(MEETING);
    const { events, state } = serverEvents(initial(), [{ type: 'item:start', itemId: 'i1' }]);
    events.forEach(push);
    const meta = { commandId: randomUUID(), actorUserId: CHAIR, at: T0 };
    const decision = recordEvent(state, 'decision:created', { decision: { id: 'd1' } }, meta);
    push(decision);
    const action = recordEvent(
      { seq: decision.seq },
      'action:created',
      { action: { id: 'a1' } },
      { ...meta, commandId: randomUUID() },
    );
    push(action);
    const after = serverEvents({ ...state, seq: action.seq }, [
      { type: 'timer:pause', itemId: 'i1' },
    ]);
    after.events.forEach(push);
    expect(store.lastSeq()).toBe(4);
    expect(store.state()).toEqual(after.state);
    expect(store.gapRejoins()).toBe(0);
    expect(emits.filter((e) => e.event === 'meeting:join')).toHaveLength(1);
  });

  it('ignores an event it has already applied (seq <= lastSeq)', async () => {
    await store.join(MEETING);
    const { events, state } = serverEvents(initial(), [
      { type: 'item:start', itemId: 'i1' },
      { type: 'timer:extend', itemId: 'i1', minutes: 5 },
    ]);
    push(events[0]);
    push(events[0]);
    push(events[1]);
    push(events[1]);
    push(events[0]);
    expect(store.state()).toEqual(state);
    expect(store.state()?.items[0].timer.durationMs).toBe(15 * MIN);
  });

  it('rejoins with lastSeq after a reconnect and applies only the missed events', async () => {
    await store.join(MEETING);
    const { events, state } = serverEvents(initial(), [
      { type: 'item:start', itemId: 'i1' },
      { type: 'timer:pause', itemId: 'i1' },
      { type: 'item:start', itemId: 'i2' },
    ]);
    push(events[0]);
    // Offline while events 2 and 3 happen; the rejoin returns what was missed (and event 1 again).
    answer = (e) =>
      e.event === 'meeting:join'
        ? { ok: true, data: { seq: 3, events: [events[0], events[1], events[2]] } }
        : null;
    events$.next({ type: 'connected' });
    await new Promise((r) => setTimeout(r, 0));
    expect(emits[1]).toEqual({
      event: 'meeting:join',
      payload: { meetingId: MEETING, mode: 'op-afstand', lastSeq: 1 },
    });
    // The broadcast of event 3 that arrives late changes nothing.
    push(events[2]);
    expect(store.state()).toEqual(state);
  });

  it('rejoins with lastSeq when an event does not follow (gap)', async () => {
    await store.join(MEETING);
    const { events } = serverEvents(initial(), [
      { type: 'item:start', itemId: 'i1' },
      { type: 'timer:pause', itemId: 'i1' },
    ]);
    answer = () => ({ ok: true, data: { seq: 2, events } });
    push(events[1]);
    await new Promise((r) => setTimeout(r, 0));
    expect(emits.at(-1)?.payload).toMatchObject({ lastSeq: 0 });
    expect(store.lastSeq()).toBe(2);
    expect(store.gapRejoins()).toBe(1);
  });

  it('sends a command with a fresh commandId and retries the same id on timeout', async () => {
    await store.join(MEETING);
    let attempts = 0;
    answer = (e) => {
      if (e.event !== 'meeting:command') return null;
      attempts++;
      return attempts < 2
        ? { ok: false, timeout: true }
        : { ok: true, data: { seq: 1, duplicate: true } };
    };
    const result = await store.send({ type: 'item:start', itemId: 'i1' });
    expect(result).toEqual({ ok: true, data: { seq: 1, duplicate: true } });
    const commands = emits.filter((e) => e.event === 'meeting:command');
    expect(commands).toHaveLength(2);
    expect(commands[0].payload['commandId']).toBe(commands[1].payload['commandId']);
    expect(commands[0].payload).toMatchObject({
      type: 'item:start',
      itemId: 'i1',
      meetingId: MEETING,
    });

    answer = () => ({ ok: true, data: { seq: 2, duplicate: false } });
    await store.send({ type: 'hand:raise' });
    const next = emits.filter((e) => e.event === 'meeting:command').at(-1);
    expect(next?.payload['commandId']).not.toBe(commands[0].payload['commandId']);
  });

  it('reports a refused command without retrying', async () => {
    await store.join(MEETING);
    answer = () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'x' } });
    expect(await store.send({ type: 'queue:next' })).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(emits.filter((e) => e.event === 'meeting:command')).toHaveLength(1);
  });

  it('shows the timer in server time and signals over time', async () => {
    await store.join(MEETING);
    const { events } = serverEvents(initial(), [{ type: 'item:start', itemId: 'i1' }]);
    push(events[0]);
    clientNow = T0 + 4 * MIN;
    await new Promise((r) => setTimeout(r, 1100));
    expect(store.clock()?.text).toBe('06:00');
    expect(store.overTime()).toBe(false);
    clientNow = T0 + 11 * MIN;
    await new Promise((r) => setTimeout(r, 1100));
    expect(store.clock()?.text).toBe('-01:00');
    expect(store.overTime()).toBe(true);
  });

  it('keeps presence per mode and notices the meeting closed', async () => {
    await store.join(MEETING);
    meeting$.next({
      type: 'presence',
      presence: {
        meetingId: MEETING,
        present: [
          { userId: 'a', displayName: 'Fatima', mode: 'in-de-ruimte' },
          { userId: 'b', displayName: 'Jeroen', mode: 'op-afstand' },
        ],
      },
    });
    expect(store.inRoom().map((p) => p.displayName)).toEqual(['Fatima']);
    expect(store.remote().map((p) => p.displayName)).toEqual(['Jeroen']);
    meeting$.next({ type: 'closed', meetingId: MEETING });
    expect(store.closed()).toBe(true);
  });

  it('keeps a dropped person listed as reconnecting until the server removes them', async () => {
    await store.join(MEETING);
    const fatima = { userId: 'a', displayName: 'Fatima', mode: 'in-de-ruimte' as const };
    meeting$.next({
      type: 'presence',
      presence: { meetingId: MEETING, present: [{ ...fatima, reconnecting: true }] },
    });
    expect(store.inRoom()).toEqual([{ ...fatima, reconnecting: true }]);
    meeting$.next({ type: 'presence', presence: { meetingId: MEETING, present: [] } });
    expect(store.presence()).toEqual([]);
  });
});

describe('the live clock', () => {
  it('reads the same on two screens whose clocks differ, given their offsets', () => {
    const timer = { durationMs: 20 * MIN, elapsedMs: 2 * MIN, startedAt: T0 };
    const server = T0 + 5 * MIN + 30_000;
    // Screen A runs 7 s behind the server, screen B 3.2 s ahead.
    const a = readClock(timer, serverNow(server - 7_000, { offsetMs: 7_000, roundTripMs: 20 }));
    const b = readClock(timer, serverNow(server + 3_200, { offsetMs: -3_200, roundTripMs: 40 }));
    expect(a).toEqual(b);
    expect(a.text).toBe('12:30');
  });
});
