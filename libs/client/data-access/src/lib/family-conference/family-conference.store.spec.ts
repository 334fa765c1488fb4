import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { of, Subject } from 'rxjs';
import type {
  ConferenceView,
  FamilyGroupPlanView,
  SessionEventMessage,
} from '@casustafel/contracts';
import {
  createSessionRoom,
  FAMILY_CONFERENCE_KIND,
  lockedOut,
  projectState,
  recordChangedInRoom,
  type SessionEvent,
} from '@casustafel/domain';
import type { ApiFailure, ApiResult } from '../errors/api-failure';
import { LIVE_COMMAND_ID } from '../meetings/live-room.store';
import { RealtimeClient } from '../realtime/realtime.client';
import { type Emitted, fakeSessionClient, SessionEngine } from '../testing/session-engine';
import { ConferenceRoomStore } from './conference-room.store';
import { FamilyConferenceApi } from './family-conference.api';
import { FamilyConferenceStore } from './family-conference.store';

const CONFERENCE = '6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const SESSION = '7c4f2a1e-3b5d-4e6f-8a9b-0c1d2e3f4a5b';
const HOUSEHOLD = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const USERS = {
  coby: '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f',
  pim: '4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a',
  sara: '5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8a9b',
} as const;
const ROLE_OF = { coby: 'coordinator', pim: 'professional', sara: 'familie' } as const;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const CANARY = 'KANARIE-BESLOTEN-spec';
const FORBIDDEN: ApiFailure = {
  kind: 'error',
  code: 'FORBIDDEN',
  status: 403,
  requestId: 'req-1',
};

type Who = keyof typeof USERS;

function view(role: string, phase: string | null): ConferenceView {
  return {
    id: CONFERENCE,
    householdId: HOUSEHOLD,
    householdLabel: role === 'familie' ? null : 'Gezin Bakker',
    status: 'bezig',
    phase: phase as ConferenceView['phase'],
    sessionId: SESSION,
    myRole: role as ConferenceView['myRole'],
    question: 'Hoe zorgen we samen voor Noor?',
    startsAt: null,
    place: '',
    staff: [
      { userId: USERS.coby, displayName: 'Coby Coördinator', role: 'coordinator' },
      { userId: USERS.pim, displayName: 'Pim Professional', role: 'professional' },
    ],
    circle: [],
    bottomLines: [],
    acceptedAt: null,
    acceptedBy: null,
    followUpOn: null,
    followUp: null,
    evaluationOn: null,
    createdAt: new Date(T0).toISOString(),
  };
}

const emptyPlan: FamilyGroupPlanView = {
  rev: 0,
  entries: [],
  familyLead: '',
  monitor: '',
  evaluationOn: null,
  ifDifferent: '',
  issues: [],
  updatedAt: null,
};

/** The engine's side, decided by the domain: events as each role receives them. */
class Server extends SessionEngine<Who> {
  constructor() {
    const kind = FAMILY_CONFERENCE_KIND;
    super(kind, SESSION, createSessionRoom(kind, SESSION, T0), USERS, ROLE_OF, T0);
  }
  /** The conference module announces that the plan or the bottom lines changed. */
  announce(record: string): SessionEvent {
    return this.commit(
      recordChangedInRoom(this.state, {
        commandId: crypto.randomUUID(),
        actorUserId: USERS.coby,
        now: T0,
        record,
      }),
    );
  }
  message(event: SessionEvent, role: string): SessionEventMessage | null {
    return this.visible(event, role);
  }
}

describe('FamilyConferenceStore with its ConferenceRoomStore', () => {
  let session$: Subject<SessionEventMessage>;
  let emits: Emitted[];
  let server: Server;
  let role: string;
  let read: jest.Mock<() => ReturnType<FamilyConferenceApi['read']>>;
  let readPlan: jest.Mock<() => ReturnType<FamilyConferenceApi['readPlan']>>;
  let store: FamilyConferenceStore;

  /** Delivers an event to this page as the server's broadcaster would (nothing when not theirs). */
  const deliver = (event: SessionEvent) => {
    const message = server.message(event, role);
    if (message) session$.next(message);
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  beforeEach(() => {
    server = new Server();
    role = 'professional';
    let client: ReturnType<typeof fakeSessionClient>['client'];
    ({ client, session$, emits } = fakeSessionClient((event, payload) => {
      if (event !== 'conference:join') return { ok: true, data: { seq: 1, duplicate: false } };
      if (lockedOut(FAMILY_CONFERENCE_KIND, server.state.phase, role))
        return { ok: false, error: { code: 'FORBIDDEN', message: 'closed' } };
      const lastSeq = payload['lastSeq'] as number | undefined;
      if (lastSeq !== undefined && lastSeq === server.state.seq)
        return { ok: true, data: { seq: server.state.seq, role, events: [] } };
      return {
        ok: true,
        data: {
          seq: server.state.seq,
          role,
          snapshot: projectState(FAMILY_CONFERENCE_KIND, server.state, role),
        },
      };
    }));
    read = jest.fn(() =>
      lockedOut(FAMILY_CONFERENCE_KIND, server.state.phase, role)
        ? of<ApiResult<ConferenceView>>({ ok: false, failure: FORBIDDEN })
        : of<ApiResult<ConferenceView>>({ ok: true, data: view(role, server.state.phase) }),
    );
    readPlan = jest.fn(() => of<ApiResult<FamilyGroupPlanView>>({ ok: true, data: emptyPlan }));
    let n = 0;
    TestBed.configureTestingModule({
      providers: [
        FamilyConferenceStore,
        ConferenceRoomStore,
        { provide: RealtimeClient, useValue: client },
        { provide: FamilyConferenceApi, useValue: { read, readPlan } },
        { provide: LIVE_COMMAND_ID, useValue: () => `00000000-0000-4000-8000-00000000000${++n}` },
      ],
    });
    store = TestBed.inject(FamilyConferenceStore);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
  });

  it('joins the room, shows the information with the author, and lets the professional inform', async () => {
    server.run('pim', {
      type: 'contribution:add',
      contributionType: 'informatie',
      text: 'Noor mist school.',
    });
    await store.load(CONFERENCE);
    expect(emits[0]).toEqual({ event: 'conference:join', payload: { conferenceId: CONFERENCE } });
    expect(store.phase()).toBe('informatie');
    expect(store.contributions()).toEqual([
      expect.objectContaining({ text: 'Noor mist school.', authorName: 'Pim Professional' }),
    ]);
    expect(store.writes()).toBe('informatie');
    expect(store.mayAdvance()).toBe(false);
    expect(await store.say('Wat wij zien')).toEqual({ ok: true });
    expect(emits.at(-1)).toEqual({
      event: 'conference:command',
      payload: {
        type: 'contribution:add',
        text: 'Wat wij zien',
        conferenceId: CONFERENCE,
        commandId: '00000000-0000-4000-8000-000000000001',
      },
    });
  });

  it('besloten tijd: the professional is shut out and holds nothing of it until it ends', async () => {
    await store.load(CONFERENCE);
    deliver(server.run('coby', { type: 'phase:advance' }));
    await settle();
    await settle();
    expect(store.lockedOut()).toBe(true);
    expect(store.room()).toBeNull();
    expect(store.plan()).toBeNull();
    expect(store.phase()).toBe('besloten-tijd');
    expect(store.writes()).toBeNull();
    // The family works: none of it is delivered to this role.
    deliver(
      server.run('sara', { type: 'contribution:add', contributionType: 'besloten', text: CANARY }),
    );
    expect(JSON.stringify(store.contributions())).not.toContain(CANARY);
    // The coordinator ends it: the page joins again and reads the conference again.
    deliver(server.run('coby', { type: 'phase:advance' }));
    await settle();
    await settle();
    expect(store.lockedOut()).toBe(false);
    expect(store.phase()).toBe('planpresentatie');
    expect(store.room()).not.toBeNull();
    expect(JSON.stringify(store.room())).not.toContain(CANARY);
    expect(store.plan()).toEqual(emptyPlan);
  });

  it('gives the family its own space in besloten tijd: notes and the draft plan', async () => {
    role = 'familie';
    server.run('coby', { type: 'phase:advance' });
    await store.load(CONFERENCE);
    expect(store.isCircle()).toBe(true);
    expect(store.writes()).toBe('besloten');
    expect(store.mayWritePlan()).toBe(true);
    expect(readPlan).toHaveBeenCalled();
    deliver(
      server.run('sara', {
        type: 'contribution:add',
        contributionType: 'besloten',
        text: 'Onze notitie',
      }),
    );
    expect(store.contributions()).toEqual([
      expect.objectContaining({ text: 'Onze notitie', authorName: null, hidden: false }),
    ]);
  });

  it('joins again with the last seq when an event is missing', async () => {
    role = 'coordinator';
    await store.load(CONFERENCE);
    const seq = store.room()?.seq ?? -1;
    server.run('pim', { type: 'contribution:add', contributionType: 'informatie', text: 'één' });
    deliver(
      server.run('pim', { type: 'contribution:add', contributionType: 'informatie', text: 'twee' }),
    );
    await settle();
    const joins = emits.filter((e) => e.event === 'conference:join');
    expect(joins.at(-1)?.payload).toEqual({ conferenceId: CONFERENCE, lastSeq: seq });
  });

  it('reads the conference again when the acceptance is announced in the room', async () => {
    role = 'familie';
    for (let i = 0; i < 3; i++) server.run('coby', { type: 'phase:advance' });
    await store.load(CONFERENCE);
    const reads = read.mock.calls.length;
    deliver(
      server.run('pim', {
        type: 'contribution:add',
        contributionType: 'opmerking',
        text: 'Het familiegroepsplan is geaccepteerd.',
      }),
    );
    await settle();
    expect(read.mock.calls.length).toBe(reads + 1);
  });

  it('keeps the latest read when two reads of the conference answer out of order', async () => {
    role = 'familie';
    for (let i = 0; i < 3; i++) server.run('coby', { type: 'phase:advance' });
    await store.load(CONFERENCE);
    // A slow read (still "bezig") started first; the acceptance's read answers before it.
    const slow = new Subject<ApiResult<ConferenceView>>();
    read.mockImplementationOnce(() => slow);
    read.mockImplementationOnce(() =>
      of<ApiResult<ConferenceView>>({
        ok: true,
        data: { ...view(role, 'acceptatie'), status: 'afgerond' },
      }),
    );
    const first = store.refresh();
    await store.refresh();
    slow.next({ ok: true, data: view(role, 'acceptatie') });
    slow.complete();
    await first;
    expect(store.view()?.status).toBe('afgerond');
  });

  it('names everyone in the room by name and role, the family too', async () => {
    role = 'familie';
    read.mockImplementation(() =>
      of<ApiResult<ConferenceView>>({
        ok: true,
        data: {
          ...view(role, server.state.phase),
          circle: [
            {
              id: 'p-sara',
              name: 'Sara Bakker',
              role: 'familie',
              relation: 'moeder',
              invitation: 'aangemeld',
              consentAt: null,
              tookPart: true,
              userId: USERS.sara,
            },
            {
              id: 'p-kees',
              name: 'Buurman Kees',
              role: 'netwerk',
              relation: 'buurman',
              invitation: 'ingetrokken',
              consentAt: null,
              tookPart: false,
              userId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
            },
          ],
        },
      }),
    );
    server.run('sara', { type: 'contribution:add', contributionType: 'vraag', text: 'Hoe vaak?' });
    await store.load(CONFERENCE);
    expect(store.contributions()).toEqual([
      expect.objectContaining({ authorName: 'Sara Bakker', authorRole: 'familie' }),
    ]);
    // Withdrawn: no longer listed as taking part.
    expect(store.participants().map((p) => [p.name, p.role])).toEqual([
      ['Coby Coördinator', 'coordinator'],
      ['Pim Professional', 'professional'],
      ['Sara Bakker', 'familie'],
    ]);
  });

  it('reads the plan or the conference again when the room says it changed, not the room', async () => {
    role = 'professional';
    server.run('coby', { type: 'phase:advance' });
    server.run('coby', { type: 'phase:advance' });
    await store.load(CONFERENCE);
    const [plans, reads, joins] = [
      readPlan.mock.calls.length,
      read.mock.calls.length,
      emits.filter((e) => e.event === 'conference:join').length,
    ];
    deliver(server.announce('plan'));
    await settle();
    expect(readPlan.mock.calls.length).toBe(plans + 1);
    expect(read.mock.calls.length).toBe(reads);
    deliver(server.announce('bottom-lines'));
    await settle();
    expect(read.mock.calls.length).toBe(reads + 1);
    expect(emits.filter((e) => e.event === 'conference:join').length).toBe(joins);
    expect(store.room()?.seq).toBe(server.state.seq);
  });
});
