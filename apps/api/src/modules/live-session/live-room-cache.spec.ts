import { describe, expect, it } from '@jest/globals';
import type { LiveRoomState } from '@casustafel/domain';
import { LIVE_ROOM_CACHE_SIZE, LiveRoomCache } from './live-room-cache';
import type { MeetingEntity } from '../meetings/meeting.entities';

const meeting = (id: string, seq: number, status = 'live'): MeetingEntity =>
  ({
    id,
    seq,
    status,
    updatedAt: new Date(0),
    liveState: { meetingId: id, seq } as unknown as LiveRoomState,
  }) as MeetingEntity;

describe('LiveRoomCache', () => {
  it('keeps a copy of a live meeting and never goes back to an older seq', () => {
    const cache = new LiveRoomCache();
    const m = meeting('m1', 3);
    cache.put(m);
    m.seq = 99;
    expect(cache.get('m1')?.seq).toBe(3);
    cache.put(meeting('m1', 2));
    expect(cache.get('m1')?.seq).toBe(3);
    cache.put(meeting('m1', 4));
    expect(cache.get('m1')?.seq).toBe(4);
  });

  it('keeps no meeting without a live room, and drops one that closed', () => {
    const cache = new LiveRoomCache();
    cache.put({ ...meeting('m1', 0), liveState: null });
    expect(cache.get('m1')).toBeUndefined();
    cache.put(meeting('m2', 5));
    cache.put(meeting('m2', 6, 'afgesloten'));
    expect(cache.get('m2')).toBeUndefined();
    cache.put(meeting('m3', 1));
    cache.forget('m3');
    expect(cache.size).toBe(0);
  });

  it('holds at most LIVE_ROOM_CACHE_SIZE meetings, dropping the least recently used', () => {
    const cache = new LiveRoomCache();
    for (let i = 0; i < LIVE_ROOM_CACHE_SIZE; i += 1) cache.put(meeting(`m${i}`, 1));
    expect(cache.get('m0')?.seq).toBe(1); // used: now the most recent
    cache.put(meeting('new', 1));
    expect(cache.size).toBe(LIVE_ROOM_CACHE_SIZE);
    expect(cache.get('m0')).toBeDefined();
    expect(cache.get('m1')).toBeUndefined();
    expect(cache.get('new')).toBeDefined();
  });
});
