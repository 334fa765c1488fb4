import type { Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { Clock } from '../../common/time/clock';
import type { AttendanceEntity } from '../meeting-records/meeting-records.entities';

/** Attendance pairs remembered per process (oldest forgotten first). */
const ATTENDED_MAX = 50_000;
/** Attendance entries of a join wave are written together: at most this long after the first… */
const ATTENDANCE_BATCH_MS = 20;
/** …or once this many are waiting. */
const ATTENDANCE_BATCH_MAX = 200;

interface AttendanceEntry {
  key: string;
  meetingId: string;
  userId: string;
  firstJoinedAt: Date;
}

/**
 * Attendance for the minutes, written for `LiveRoomRepository` (the room's one writer): a user
 * entered the room (the first entry counts). Entries of a join wave are written together, one
 * statement per `ATTENDANCE_BATCH_MS`; each promise settles when its entry is stored.
 */
export class AttendanceWriter {
  /** `meeting/user` pairs whose attendance this process recorded. */
  private readonly attended = new Set<string>();
  /** Entries waiting for their statement. */
  private batch: { entries: AttendanceEntry[]; written: Promise<void> } | null = null;

  constructor(
    private readonly attendance: Repository<AttendanceEntity>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  record(meetingId: string, userId: string): Promise<void> {
    // A reconnect wave rejoins every socket: the first entry counts, so write it once per process.
    const key = `${meetingId}/${userId}`;
    if (this.attended.has(key)) return Promise.resolve();
    this.attended.add(key);
    if (this.attended.size > ATTENDED_MAX)
      this.attended.delete(this.attended.values().next().value as string);
    let batch = this.batch;
    if (!batch) {
      const entries: AttendanceEntry[] = [];
      let flush!: () => void;
      const written = new Promise<void>((resolve) => {
        flush = () => {
          if (this.batch?.entries === entries) this.batch = null;
          void this.write(entries).then(resolve);
        };
      });
      setTimeout(flush, ATTENDANCE_BATCH_MS).unref();
      batch = this.batch = { entries, written };
    }
    batch.entries.push({ key, meetingId, userId, firstJoinedAt: this.clock.now() });
    if (batch.entries.length >= ATTENDANCE_BATCH_MAX) this.batch = null;
    return batch.written;
  }

  private async write(entries: AttendanceEntry[]): Promise<void> {
    try {
      await this.attendance
        .createQueryBuilder()
        .insert()
        .values(
          entries.map(({ meetingId, userId, firstJoinedAt }) => ({
            meetingId,
            userId,
            firstJoinedAt,
          })),
        )
        .orIgnore()
        .execute();
    } catch (error) {
      // One bad entry (its meeting erased meanwhile) must not cost the others theirs.
      if (entries.length > 1) {
        for (const entry of entries) await this.write([entry]);
        return;
      }
      for (const { key } of entries) this.attended.delete(key);
      this.logger.warn({ err: error, entries: entries.length }, 'Attendance not recorded');
    }
  }
}
