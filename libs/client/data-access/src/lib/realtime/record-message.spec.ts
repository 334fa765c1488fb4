import { describe, expect, it } from '@jest/globals';
import type { MeetingEvent } from '@casustafel/contracts';
import { recordMessage } from './realtime.client';

const base = { meetingId: 'm1', commandId: 'c1', actorUserId: 'u1', at: 0, patch: {} };

describe('recordMessage', () => {
  it('hands decisions and actions of the room sequence to the records stores', () => {
    const decision = { id: 'd1', agendaItemId: 'i1' };
    expect(
      recordMessage({
        ...base,
        seq: 3,
        type: 'decision:created',
        payload: { decision },
      } as MeetingEvent),
    ).toEqual({
      type: 'decision:created',
      event: { meetingId: 'm1', seq: 3, commandId: 'c1', decision },
    });
    const action = { id: 'a1', status: 'gereed' };
    expect(
      recordMessage({
        ...base,
        seq: 4,
        type: 'action:updated',
        payload: { action },
      } as MeetingEvent),
    ).toEqual({
      type: 'action:updated',
      event: { meetingId: 'm1', seq: 4, commandId: 'c1', action },
    });
  });

  it('ignores the room’s own events', () => {
    expect(
      recordMessage({
        ...base,
        seq: 5,
        type: 'hand:raised',
        payload: { userId: 'u1' },
      } as MeetingEvent),
    ).toBeNull();
  });
});
