import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { of, Subject } from 'rxjs';
import type { ActionView, GuestSessionView, GuestStateEvent } from '@casustafel/contracts';
import {
  applyCommand,
  type GuestRoomView,
  guestView,
  type LiveCommandInput,
  type LiveRoomState,
} from '@casustafel/domain';
import type { ApiResult } from '../errors/api-failure';
import { LIVE_COMMAND_ID, type LiveCommandBody, LIVE_NOW } from '../meetings/live-room.store';
import type { RealtimeEvent } from '../realtime/connection-state';
import {
  type MeetingServerMessage,
  RealtimeClient,
  type RecordServerMessage,
} from '../realtime/realtime.client';
import { GuestRoomStore } from './guest-room.store';
import { GuestsApi } from './guests.api';
import {
  GUEST_MEETING,
  guestItemDecision,
  guestMeetingRoom,
  guestSessionView,
} from '../testing/guest-fixtures';

const MEETING = 'a3f0c6a2-2a47-4c53-9a8e-0d6e1c2b3f40';
const OTHER_MEETING = 'b3f0c6a2-2a47-4c53-9a8e-0d6e1c2b3f41';
const { chair: CHAIR, guest: GUEST, invitedItem: ITEM_A, otherItem: ITEM_B } = GUEST_MEETING;
const T0 = Date.parse('2026-12-01T08:30:00Z');
const MIN = 60_000;

const SESSION = guestSessionView(MEETING, 'Welke hulp past?');

/** The meeting as the server holds it: item B (not invited) first, then A (invited). */
const room = (): LiveRoomState => guestMeetingRoom(MEETING);

/** Runs the chair's commands through the domain and returns the guest's projection after each. */
function viewsAfter(commands: LiveCommandBody[]): GuestRoomView[] {
  let state = room();
  return commands.map((c, i) => {
    const result = applyCommand(
      state,
      { ...c, commandId: randomUUID(), meetingId: MEETING } as LiveCommandInput,
      { actorUserId: CHAIR, actorRoles: ['chair'], now: T0 + i * 1000 },
    );
    if (!result.ok) throw new Error(result.error);
    state = result.state;
    return guestView(state, [ITEM_A]);
  });
}

const decision = (id: string, text = 'Intake bij de GGZ') => guestItemDecision(MEETING, id, text);

function action(id: string, status: ActionView['status'], updatedAt: string): ActionView {
  return {
    id,
    meetingId: MEETING,
    teamId: '44444444-4444-4444-8444-444444444444',
    agendaItemId: ITEM_A,
    decisionId: null,
    description: 'Intake plannen',
    ownerUserId: CHAIR,
    due: '2026-12-15',
    status,
    createdByUserId: CHAIR,
    createdAt: '2026-12-01T08:46:00.000Z',
    updatedAt,
  };
}

interface Emit {
  event: string;
  payload: Record<string, unknown>;
}

describe('GuestRoomStore', () => {
  let events$: Subject<RealtimeEvent>;
  let meeting$: Subject<MeetingServerMessage>;
  let records$: Subject<RecordServerMessage>;
  let guest$: Subject<GuestStateEvent>;
  let emits: Emit[];
  let answer: (e: Emit) => unknown;
  let sessionAnswer: ApiResult<GuestSessionView>;
  let client: { connected: boolean };
  let store: GuestRoomStore;
  let clientNow: number;

  beforeEach(() => {
    events$ = new Subject();
    meeting$ = new Subject();
    records$ = new Subject();
    guest$ = new Subject();
    emits = [];
    clientNow = T0;
    sessionAnswer = { ok: true, data: SESSION };
    answer = () => ({
      ok: true,
      data: { view: guestView(room(), [ITEM_A]), decisions: [], actions: [] },
    });
    client = { connected: true };
    const fake = Object.assign(client, {
      events$,
      meeting$,
      records$,
      guest$,
      connect: jest.fn(),
      disconnect: jest.fn(),
      emitWithAck: jest.fn(async (event: string, payload: Record<string, unknown>) => {
        const e = { event, payload: { ...payload } };
        emits.push(e);
        return answer(e);
      }),
    });
    let n = 0;
    TestBed.configureTestingModule({
      providers: [
        { provide: RealtimeClient, useValue: fake },
        { provide: GuestsApi, useValue: { session: () => of(sessionAnswer) } },
        { provide: LIVE_COMMAND_ID, useValue: () => `00000000-0000-4000-8000-00000000000${++n}` },
        { provide: LIVE_NOW, useValue: () => clientNow },
      ],
    });
    store = TestBed.inject(GuestRoomStore);
  });

  afterEach(() => store.leave());

  const joins = () => emits.filter((e) => e.event === 'guest:join');

  it('reads the session, joins with guest:join and shows the view and the records', async () => {
    answer = () => ({
      ok: true,
      data: {
        view: guestView(room(), [ITEM_A]),
        decisions: [decision('d1')],
        actions: [action('a1', 'open', '2026-12-01T08:46:00.000Z')],
      },
    });
    expect(await store.open()).toBe(true);
    expect(store.session()?.meeting.teamName).toBe('Wijkteam Noord');
    expect(joins()).toEqual([{ event: 'guest:join', payload: { meetingId: MEETING } }]);
    expect(store.view()?.items.map((i) => i.id)).toEqual([ITEM_A]);
    expect(store.currentItem()).toBeNull();
    expect(store.decisions().map((d) => d.id)).toEqual(['d1']);
    expect(store.actions().map((a) => a.id)).toEqual(['a1']);
  });

  it('does not join when the session cannot be read', async () => {
    sessionAnswer = {
      ok: false,
      failure: { kind: 'error', code: 'UNAUTHENTICATED', status: 401, requestId: 'r' },
    };
    expect(await store.open()).toBe(false);
    expect(store.sessionFailure()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(joins()).toHaveLength(0);
  });

  it('applies guest:state only when it is not older than the shown view', async () => {
    await store.open();
    const [other, ours, phase] = viewsAfter([
      { type: 'item:start', itemId: ITEM_B },
      { type: 'item:start', itemId: ITEM_A },
      { type: 'phase:advance', itemId: ITEM_A },
    ]);
    if (!other || !ours || !phase) throw new Error('views expected');
    guest$.next(other);
    expect(store.otherItemInProgress()).toBe(true);
    expect(store.currentItem()).toBeNull();
    guest$.next(phase);
    expect(store.currentItem()?.id).toBe(ITEM_A);
    expect(store.phase()).toBe('vraagverheldering');
    // An older view arriving late is ignored; one at the same seq is applied.
    guest$.next(ours);
    expect(store.phase()).toBe('vraagverheldering');
    guest$.next({ ...phase, speakingQueue: [GUEST] });
    expect(store.speakingQueue()).toEqual([GUEST]);
    // Another meeting's view never shows.
    guest$.next({ ...other, meetingId: OTHER_MEETING, asOfSeq: 99 });
    expect(store.currentItem()?.id).toBe(ITEM_A);
  });

  it('joins again after every reconnect; records arriving twice are kept once', async () => {
    await store.open();
    records$.next({
      type: 'decision:created',
      event: { meetingId: MEETING, seq: 3, commandId: 'c1', decision: decision('d1') },
    });
    answer = () => ({
      ok: true,
      data: { view: guestView(room(), [ITEM_A]), decisions: [decision('d1')], actions: [] },
    });
    events$.next({ type: 'disconnected', willReconnect: true });
    events$.next({ type: 'connected' });
    await new Promise((r) => setTimeout(r, 0));
    expect(joins()).toHaveLength(2);
    expect(store.decisions().map((d) => d.id)).toEqual(['d1']);
    expect(store.ended()).toBe(false);
    records$.next({
      type: 'decision:created',
      event: { meetingId: OTHER_MEETING, seq: 4, commandId: 'c2', decision: decision('dx') },
    });
    expect(store.decisions()).toHaveLength(1);
  });

  it('keeps the newest version of an action', async () => {
    await store.open();
    const done = action('a1', 'gereed', '2026-12-01T09:00:00.000Z');
    records$.next({
      type: 'action:created',
      event: { meetingId: MEETING, seq: 5, commandId: 'c1', action: done },
    });
    records$.next({
      type: 'action:updated',
      event: {
        meetingId: MEETING,
        seq: 4,
        commandId: 'c0',
        action: action('a1', 'open', '2026-12-01T08:50:00.000Z'),
      },
    });
    expect(store.actions()).toEqual([done]);
  });

  it('keeps presence and notices the meeting closed', async () => {
    await store.open();
    meeting$.next({
      type: 'presence',
      presence: {
        meetingId: MEETING,
        present: [{ userId: CHAIR, displayName: 'Fatima', mode: 'in-de-ruimte' }],
      },
    });
    expect(store.presence().map((p) => p.displayName)).toEqual(['Fatima']);
    meeting$.next({ type: 'closed', meetingId: OTHER_MEETING });
    expect(store.closed()).toBe(false);
    meeting$.next({ type: 'closed', meetingId: MEETING });
    expect(store.closed()).toBe(true);
  });

  it('raises and lowers the hand with a fresh commandId, retrying a lost ack with the same id', async () => {
    await store.open();
    let lost = 1;
    answer = (e) => {
      if (e.event !== 'meeting:command') return { ok: true, data: {} };
      if (lost-- > 0) return { ok: false, timeout: true };
      return { ok: true, data: { seq: 7, duplicate: false } };
    };
    expect(await store.hand(true)).toEqual({ ok: true });
    expect(await store.hand(false)).toEqual({ ok: true });
    const commands = emits.filter((e) => e.event === 'meeting:command').map((e) => e.payload);
    expect(commands).toHaveLength(3);
    expect(commands[0]).toEqual({
      commandId: '00000000-0000-4000-8000-000000000001',
      meetingId: MEETING,
      type: 'hand:raise',
    });
    expect(commands[1]).toEqual(commands[0]);
    expect(commands[2]).toMatchObject({
      commandId: '00000000-0000-4000-8000-000000000002',
      type: 'hand:lower',
    });
    answer = () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'x' } });
    expect(await store.hand(true)).toEqual({ ok: false, code: 'FORBIDDEN' });
  });

  it('shows the invited item’s clock in server time', async () => {
    await store.open();
    const [ours] = viewsAfter([{ type: 'item:start', itemId: ITEM_A }]);
    if (!ours) throw new Error('view expected');
    guest$.next(ours);
    clientNow = T0 + 5 * MIN;
    await new Promise((r) => setTimeout(r, 1100));
    expect(store.clock()?.text).toBe('15:00');
    expect(store.clock()?.running).toBe(true);
  });

  it('ends when the server drops the connection (revoked or expired) and forgets the meeting', async () => {
    answer = () => ({
      ok: true,
      data: { view: guestView(room(), [ITEM_A]), decisions: [decision('d1')], actions: [] },
    });
    await store.open();
    meeting$.next({
      type: 'presence',
      presence: {
        meetingId: MEETING,
        present: [{ userId: CHAIR, displayName: 'Fatima', mode: 'in-de-ruimte' }],
      },
    });
    client.connected = false;
    events$.next({ type: 'disconnected', willReconnect: false });
    expect(store.ended()).toBe(true);
    expect(store.view()).toBeNull();
    expect(store.decisions()).toEqual([]);
    expect(store.presence()).toEqual([]);
    // Nothing arriving later is shown any more.
    const [ours] = viewsAfter([{ type: 'item:start', itemId: ITEM_A }]);
    if (ours) guest$.next(ours);
    expect(store.view()).toBeNull();
    expect(await store.hand(true)).toEqual({ ok: false, code: 'NOT_JOINED' });
  });
});
