import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { of, Subject } from 'rxjs';
import type { ActionView, DecisionView, MeetingRecordsView } from '@casustafel/contracts';
import type { RealtimeEvent } from '../realtime/connection-state';
import { RealtimeClient, type RecordServerMessage } from '../realtime/realtime.client';
import { LIVE_COMMAND_ID } from './live-room.store';
import { MeetingRecordsApi } from './meeting-records.api';
import { MeetingRecordsStore } from './meeting-records.store';

const MEETING = 'a3f0c6a2-2a47-4c53-9a8e-0d6e1c2b3f40';
const ITEM = '0d3c1e7a-6a0b-4c59-8f1e-2b7d9c4a5e61';
const USER = '5b8e2a1c-7d3f-4e6a-9b2c-1f0e3d4c5b6a';

function decision(id: string, text = 'Inzet schuldhulp'): DecisionView {
  return {
    id,
    meetingId: MEETING,
    agendaItemId: ITEM,
    type: 'algemene-voorziening',
    text,
    rationale: 'Schulden lopen op',
    decidedByUserId: USER,
    recordedByUserId: USER,
    decidedAt: '2026-12-01T08:35:00.000Z',
  };
}

function action(id: string, status: ActionView['status'], updatedAt: string): ActionView {
  return {
    id,
    meetingId: MEETING,
    teamId: 'team',
    agendaItemId: ITEM,
    decisionId: null,
    description: 'Bel de schuldhulp',
    ownerUserId: USER,
    due: '2026-12-08',
    status,
    createdByUserId: USER,
    createdAt: '2026-12-01T08:36:00.000Z',
    updatedAt,
  };
}

describe('MeetingRecordsStore', () => {
  let events$: Subject<RealtimeEvent>;
  let records$: Subject<RecordServerMessage>;
  let emits: { event: string; payload: Record<string, unknown> }[];
  let answers: unknown[];
  let stored: MeetingRecordsView;
  let store: MeetingRecordsStore;

  beforeEach(() => {
    events$ = new Subject();
    records$ = new Subject();
    emits = [];
    answers = [];
    stored = { meetingId: MEETING, decisions: [decision('d1')], actions: [] };
    let n = 0;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: RealtimeClient,
          useValue: {
            events$,
            records$,
            connected: true,
            emitWithAck: jest.fn(async (event: string, payload: Record<string, unknown>) => {
              emits.push({ event, payload });
              return answers.shift() ?? { ok: false, timeout: true };
            }),
          },
        },
        { provide: MeetingRecordsApi, useValue: { records: () => of({ ok: true, data: stored }) } },
        { provide: LIVE_COMMAND_ID, useValue: () => `00000000-0000-4000-8000-00000000000${++n}` },
      ],
    });
    store = TestBed.inject(MeetingRecordsStore);
  });

  afterEach(() => store.close());

  it('loads the records, then adds broadcasts once (deduplicated by id)', async () => {
    await store.open(MEETING);
    expect(store.decisions().map((d) => d.id)).toEqual(['d1']);
    const event = { meetingId: MEETING, seq: 4, commandId: 'c', decision: decision('d2') };
    records$.next({ type: 'decision:created', event });
    records$.next({ type: 'decision:created', event });
    records$.next({
      type: 'decision:created',
      event: { ...event, meetingId: 'another-meeting', decision: decision('d3') },
    });
    expect(store.decisionsOf(ITEM).map((d) => d.id)).toEqual(['d1', 'd2']);
  });

  it('never replaces an action by an older version of it', async () => {
    await store.open(MEETING);
    const base = { meetingId: MEETING, commandId: 'c' };
    records$.next({
      type: 'action:updated',
      event: { ...base, seq: 6, action: action('a1', 'gereed', '2026-12-01T08:40:00.000Z') },
    });
    records$.next({
      type: 'action:created',
      event: { ...base, seq: 5, action: action('a1', 'open', '2026-12-01T08:36:00.000Z') },
    });
    expect(store.actions().map((a) => a.status)).toEqual(['gereed']);
  });

  it('sends a fresh commandId per command and the same one again after a timeout', async () => {
    await store.open(MEETING);
    answers = [
      { ok: false, timeout: true },
      { ok: true, data: { seq: 7, duplicate: false, record: decision('d9', 'Opschalen') } },
    ];
    const result = await store.createDecision({
      itemId: ITEM,
      type: 'opschalen',
      text: 'Opschalen',
      rationale: 'Veiligheid',
    });
    expect(result.ok).toBe(true);
    expect(emits.map((e) => e.event)).toEqual(['decision:create', 'decision:create']);
    expect(emits[0]?.payload['commandId']).toBe(emits[1]?.payload['commandId']);
    expect(emits[0]?.payload['meetingId']).toBe(MEETING);
    expect(store.decisions().map((d) => d.id)).toEqual(['d1', 'd9']);

    answers = [{ ok: false, error: { code: 'VALIDATION_FAILED', message: 'x' } }];
    const refused = await store.updateAction('a1', 'gereed');
    expect(refused).toEqual({ ok: false, code: 'VALIDATION_FAILED' });
    expect(emits[2]?.payload['commandId']).not.toBe(emits[0]?.payload['commandId']);
  });

  it('reloads the records after a reconnect', async () => {
    await store.open(MEETING);
    stored = { ...stored, actions: [action('a2', 'open', '2026-12-01T08:50:00.000Z')] };
    events$.next({ type: 'connected' });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.actions().map((a) => a.id)).toEqual(['a2']);
  });
});
