import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { of, type Subject } from 'rxjs';
import type { IntervisionSessionView, SessionEventMessage } from '@casustafel/contracts';
import {
  createSessionRoom,
  findMethod,
  intervisionSessionKind,
  projectEvent,
  projectState,
  type SessionEvent,
} from '@casustafel/domain';
import type { ApiResult } from '../errors/api-failure';
import { LIVE_COMMAND_ID, LIVE_NOW } from '../meetings/live-room.store';
import { RealtimeClient } from '../realtime/realtime.client';
import { type Emitted, fakeSessionClient, SessionEngine } from '../testing/session-engine';
import { applySessionEvent } from './intervision-session-room';
import { IntervisionSessionApi } from './intervision-session.api';
import { IntervisionSessionStore } from './intervision-session.store';

const SESSION = '7c4f2a1e-3b5d-4e6f-8a9b-0c1d2e3f4a5b';
const COPY = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const TEAM = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const USERS = {
  tina: '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f',
  inge: '4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a',
  dirk: '5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8a9b',
} as const;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const METHOD = findMethod('incidentmethode');
if (!METHOD) throw new Error('no incidentmethode');
const KIND = intervisionSessionKind(METHOD);
const ROLE_OF = { tina: 'gespreksleider', inge: 'inbrenger', dirk: 'deelnemer' } as const;

function view(role: string, status: 'running' | 'ended' = 'running'): IntervisionSessionView {
  return {
    id: SESSION,
    teamId: TEAM,
    status,
    kind: KIND.id,
    method: METHOD as IntervisionSessionView['method'],
    copy: { id: COPY, title: 'Zorgen om [naam]', sections: [] },
    trainer: { userId: USERS.tina, displayName: 'Tina Trainer' },
    participants: (Object.keys(USERS) as (keyof typeof USERS)[]).map((who) => ({
      userId: USERS[who],
      displayName: who,
      role: ROLE_OF[who],
    })),
    role: role as IntervisionSessionView['role'],
    startedAt: new Date(T0).toISOString(),
    endedAt: status === 'ended' ? new Date(T0 + 3_600_000).toISOString() : null,
  };
}

/** The server's side: the room, decided by the domain; events as `role` receives them. */
class Server extends SessionEngine<keyof typeof USERS> {
  constructor() {
    super(KIND, SESSION, createSessionRoom(KIND, SESSION, T0), USERS, ROLE_OF, T0);
  }
  message(event: SessionEvent, role: string): SessionEventMessage {
    const visible = this.visible(event, role);
    if (!visible) throw new Error('not for this role');
    return visible;
  }
}

describe('IntervisionSessionStore', () => {
  let session$: Subject<SessionEventMessage>;
  let emits: Emitted[];
  let answer: (event: string, payload: Record<string, unknown>) => unknown;
  let server: Server;
  let role: string;
  let clientNow: number;
  let read: jest.Mock<() => ReturnType<IntervisionSessionApi['read']>>;
  let attendance: jest.Mock<() => ReturnType<IntervisionSessionApi['attendance']>>;
  let store: IntervisionSessionStore;

  beforeEach(() => {
    const fake = fakeSessionClient((event, payload) => answer(event, payload));
    ({ session$, emits } = fake);
    server = new Server();
    role = 'deelnemer';
    clientNow = T0 + 60_000;
    answer = (event, payload) => {
      if (event === 'session:join') {
        const lastSeq = payload['lastSeq'] as number | undefined;
        if (lastSeq !== undefined)
          return {
            ok: true,
            data: {
              seq: server.state.seq,
              role,
              events: server.log
                .filter((e) => e.seq > lastSeq)
                .map((e) => projectEvent(KIND, e, role)),
            },
          };
        return {
          ok: true,
          data: { seq: server.state.seq, role, snapshot: projectState(KIND, server.state, role) },
        };
      }
      return { ok: true, data: { seq: server.state.seq + 1, duplicate: false } };
    };
    read = jest.fn(() => of<ApiResult<IntervisionSessionView>>({ ok: true, data: view(role) }));
    attendance = jest.fn(() => of({ ok: true as const, data: [] }));
    const { client } = fake;
    let n = 0;
    TestBed.configureTestingModule({
      providers: [
        IntervisionSessionStore,
        { provide: RealtimeClient, useValue: client },
        { provide: IntervisionSessionApi, useValue: { read, attendance, end: jest.fn() } },
        { provide: LIVE_COMMAND_ID, useValue: () => `00000000-0000-4000-8000-00000000000${++n}` },
        { provide: LIVE_NOW, useValue: () => clientNow },
      ],
    });
    store = TestBed.inject(IntervisionSessionStore);
  });

  afterEach(() => {
    store.leave();
    jest.useRealTimers();
  });

  it('joins for a snapshot, counts the time box down from the phase start, follows phase changes', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    await store.load(SESSION);
    expect(emits[0]).toEqual({ event: 'session:join', payload: { sessionId: SESSION } });
    expect(store.phase()?.key).toBe('incident-kiezen');
    // 5 minutes, one gone.
    expect(store.clock()).toMatchObject({ text: '04:00', overtime: false });
    session$.next(server.message(server.run('tina', { type: 'phase:advance' }, T0 + 90_000), role));
    expect(store.phase()?.key).toBe('probleemsituatie');
    expect(store.room()?.phaseStartedAt).toBe(T0 + 90_000);
    clientNow = T0 + 90_000 + 11 * 60_000;
    jest.advanceTimersByTime(1_000);
    expect(store.clock()).toMatchObject({ text: '-01:00', overtime: true });
    expect(store.mayAdvance()).toBe(false);
    expect(store.addTypes()).toEqual([]);
  });

  it('shows blind contributions as placeholders until the reveal, then with text and author', async () => {
    for (let i = 0; i < 2; i++) server.run('tina', { type: 'phase:advance' });
    await store.load(SESSION);
    expect(store.addTypes()).toEqual(['blind-question']);
    const added = server.run('dirk', {
      type: 'contribution:add',
      contributionType: 'blind-question',
      text: 'GEHEIM',
    });
    session$.next(server.message(added, role));
    expect(store.contributions()).toEqual([
      expect.objectContaining({ kind: 'question', blind: true, hidden: true, text: null }),
    ]);
    expect(JSON.stringify(store.room())).not.toContain('GEHEIM');
    session$.next(
      server.message(
        server.run('tina', { type: 'contribution:reveal', contributionType: 'blind-question' }),
        role,
      ),
    );
    expect(store.contributions()).toEqual([
      expect.objectContaining({ hidden: false, text: 'GEHEIM', authorName: 'dirk' }),
    ]);
  });

  it('offers the leader the reveal of hidden rounds, the next phase, and no rating', async () => {
    role = 'gespreksleider';
    for (let i = 0; i < 2; i++) server.run('tina', { type: 'phase:advance' });
    server.run('dirk', { type: 'contribution:add', contributionType: 'blind-question', text: 'x' });
    await store.load(SESSION);
    expect(store.isLeader()).toBe(true);
    expect(store.mayAdvance()).toBe(true);
    expect(store.revealTypes()).toEqual(['blind-question']);
    expect(store.contributions()[0]?.scale).toEqual([]);
  });

  it('lets the inbrenger rate revealed questions in the information round', async () => {
    role = 'inbrenger';
    for (let i = 0; i < 2; i++) server.run('tina', { type: 'phase:advance' });
    server.run('dirk', { type: 'contribution:add', contributionType: 'blind-question', text: 'x' });
    server.run('tina', { type: 'contribution:reveal', contributionType: 'blind-question' });
    server.run('tina', { type: 'phase:advance' });
    await store.load(SESSION);
    expect(store.phase()?.key).toBe('informatieronde');
    expect(store.contributions()[0]?.scale).toEqual(['koud', 'lauw', 'warm']);
    const rated = server.run('inge', {
      type: 'contribution:rate',
      contributionId: store.contributions()[0]?.id ?? '',
      rating: 'warm',
    });
    session$.next(server.message(rated, role));
    expect(store.contributions()[0]?.rating).toBe('warm');
  });

  it('rejoins with its last seq on a gap and ignores what it has already', async () => {
    await store.load(SESSION);
    const first = server.run('tina', { type: 'phase:advance' });
    session$.next(server.message(first, role));
    session$.next(server.message(first, role));
    server.run('tina', { type: 'phase:advance' });
    const third = server.run('tina', { type: 'phase:advance' });
    session$.next(server.message(third, role));
    await Promise.resolve();
    expect(store.gapRejoins()).toBe(1);
    expect(emits.at(-1)).toEqual({
      event: 'session:join',
      payload: { sessionId: SESSION, lastSeq: 1 },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.room()?.seq).toBe(3);
    expect(store.phase()?.key).toBe('informatieronde');
  });

  it('sends a command with a command id and sends it again with the same id without an ack', async () => {
    await store.load(SESSION);
    let calls = 0;
    answer = (event) => {
      if (event !== 'session:command') return { ok: false, timeout: true };
      calls += 1;
      return calls === 1 ? { ok: false, timeout: true } : { ok: true, data: { seq: 1 } };
    };
    const outcome = await store.send({
      type: 'contribution:add',
      contributionType: 'case',
      text: 'Een casus',
    });
    expect(outcome).toEqual({ ok: true });
    const sent = emits.filter((e) => e.event === 'session:command');
    expect(sent).toHaveLength(2);
    expect(sent[0]?.payload).toEqual({
      type: 'contribution:add',
      contributionType: 'case',
      text: 'Een casus',
      sessionId: SESSION,
      commandId: '00000000-0000-4000-8000-000000000001',
    });
    expect(sent[1]?.payload['commandId']).toBe(sent[0]?.payload['commandId']);
    answer = () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
    expect(await store.send({ type: 'phase:advance' })).toEqual({ ok: false, code: 'FORBIDDEN' });
  });

  it('tells a role shut out of the phase to wait, not that it failed', async () => {
    read.mockReturnValue(
      of<ApiResult<IntervisionSessionView>>({
        ok: false,
        failure: {
          kind: 'error',
          code: 'FORBIDDEN',
          status: 403,
          requestId: 'r',
          details: [{ path: 'phase', issue: 'closed-to-role' }],
        },
      }),
    );
    await store.load(SESSION);
    expect(store.waiting()).toBe(true);
    expect(store.failure()).toBeNull();
    expect(emits).toEqual([]);
  });

  it('reads the attendance once the session has ended', async () => {
    await store.load(SESSION);
    read.mockReturnValue(of({ ok: true, data: view(role, 'ended') }));
    const ended: SessionEvent = {
      seq: 1,
      type: 'session:ended',
      payload: {},
      commandId: crypto.randomUUID(),
      actorUserId: USERS.tina,
      at: T0,
      phase: 'incident-kiezen',
    };
    session$.next({ ...ended, sessionId: SESSION });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.ended()).toBe(true);
    expect(attendance).toHaveBeenCalled();
    expect(store.attendance()).toEqual([]);
    expect(store.clock()).toBeNull();
  });
});

describe('applySessionEvent', () => {
  it('refuses a gap and keeps an old event out', () => {
    const server = new Server();
    const state = projectState(KIND, server.state, 'deelnemer');
    if (!state) throw new Error('locked out');
    const first = server.message(server.run('tina', { type: 'phase:advance' }), 'deelnemer');
    const second = server.message(server.run('tina', { type: 'phase:advance' }), 'deelnemer');
    expect(applySessionEvent(state, second)).toEqual({ ok: false, gap: true });
    const step = applySessionEvent(state, first);
    if (!step.ok) throw new Error('gap');
    expect(applySessionEvent(step.state, first)).toEqual({ ok: true, state: step.state });
  });
});
