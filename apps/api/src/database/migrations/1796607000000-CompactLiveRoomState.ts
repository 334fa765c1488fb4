import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live room's stored state no longer carries a replay window (the last 1,000 command ids and
 * events): the `meeting_event` table is the replay log and the idempotency record. Existing rows
 * keep their room and drop the window, so a running meeting's stored state shrinks to its room.
 */
export class CompactLiveRoomState1796607000000 implements MigrationInterface {
  name = 'CompactLiveRoomState1796607000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "meeting" SET "live_state" = "live_state" - 'appliedCommandIds' - 'recentEvents'
        WHERE "live_state" IS NOT NULL
          AND ("live_state" ? 'appliedCommandIds' OR "live_state" ? 'recentEvents')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The window is rebuilt empty: older versions then read retries from the log as before.
    await queryRunner.query(
      `UPDATE "meeting" SET "live_state" = "live_state"
          || '{"appliedCommandIds": [], "recentEvents": []}'::jsonb
        WHERE "live_state" IS NOT NULL`,
    );
  }
}
