import { describe, expect, it, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { createLiveRoomState } from '@casustafel/domain';
import { RealtimeClient } from '../realtime/realtime.client';
import { LIVE_COMMAND_ID, LiveRoomStore } from './live-room.store';

const MEETING = 'a3f0c6a2-2a47-4c53-9a8e-0d6e1c2b3f40';
const unavailable = { ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'x' } };

interface Emit {
  event: string;
  payload: Record<string, unknown>;
}

describe('live commands during a database outage', () => {
  it('sends a command refused as SERVICE_UNAVAILABLE again with the same command id, until it is taken', async () => {
    const emits: Emit[] = [];
    let commandAnswers = 0;
    const client = {
      events$: new Subject(),
      meeting$: new Subject(),
      connected: true,
      connect: jest.fn(),
      disconnect: jest.fn(),
      emitWithAck: jest.fn(async (event: string, payload: Record<string, unknown>) => {
        emits.push({ event, payload: { ...payload } });
        if (event === 'meeting:join')
          return {
            ok: true,
            data: {
              seq: 0,
              snapshot: createLiveRoomState(MEETING, [
                { id: 'i1', kind: 'mededeling', order: 0, timeBoxMinutes: 10 },
              ]),
            },
          };
        commandAnswers += 1;
        return commandAnswers < 3 ? unavailable : { ok: true, data: { seq: 1, duplicate: false } };
      }),
    };
    let n = 0;
    TestBed.configureTestingModule({
      providers: [
        { provide: RealtimeClient, useValue: client },
        { provide: LIVE_COMMAND_ID, useValue: () => `00000000-0000-4000-8000-00000000000${++n}` },
      ],
    });
    const store = TestBed.inject(LiveRoomStore);
    await store.join(MEETING);
    const result = await store.send({ type: 'hand:raise' });
    expect(result).toEqual({ ok: true, data: { seq: 1, duplicate: false } });
    const commands = emits.filter((e) => e.event === 'meeting:command');
    expect(commands).toHaveLength(3);
    expect(new Set(commands.map((c) => c.payload['commandId'])).size).toBe(1);
    store.leave();
  }, 10_000);
});
