import { Injectable } from '@nestjs/common';
import type { MeetingEntity } from '../meetings/meeting.entities';

/** Meetings kept at most (the least recently used one goes first). */
export const LIVE_ROOM_CACHE_SIZE = 1_000;

/**
 * The live meetings as this api instance last read or committed them: the room state a live
 * command is applied to without reading the meeting first. Only a hint: a write based on it
 * is conditional on the meeting row being unchanged (seq, updated-at, not closed), so an entry
 * made stale by another instance, the records or a close costs one refused write and the
 * locked path, never a wrong state.
 */
@Injectable()
export class LiveRoomCache {
  private readonly meetings = new Map<string, MeetingEntity>();

  get(meetingId: string): MeetingEntity | undefined {
    const meeting = this.meetings.get(meetingId);
    if (!meeting) return undefined;
    // Most recently used last.
    this.meetings.delete(meetingId);
    this.meetings.set(meetingId, meeting);
    return meeting;
  }

  /** Keeps a copy of a live meeting, unless a newer one (higher seq) is kept already. */
  put(meeting: MeetingEntity): void {
    if (meeting.liveState === null || meeting.status !== 'live') {
      this.meetings.delete(meeting.id);
      return;
    }
    const known = this.meetings.get(meeting.id);
    if (known && known.seq > meeting.seq) return;
    this.meetings.delete(meeting.id);
    this.meetings.set(meeting.id, { ...meeting });
    if (this.meetings.size > LIVE_ROOM_CACHE_SIZE) {
      const oldest = this.meetings.keys().next().value;
      if (oldest !== undefined) this.meetings.delete(oldest);
    }
  }

  forget(meetingId: string): void {
    this.meetings.delete(meetingId);
  }

  get size(): number {
    return this.meetings.size;
  }
}
