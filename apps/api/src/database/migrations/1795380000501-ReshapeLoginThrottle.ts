import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login throttling becomes leaky buckets (a level that drains over time) instead of failure
 * counters with a block time. The old rows are transient state and are dropped.
 */
export class ReshapeLoginThrottle1795380000501 implements MigrationInterface {
  name = 'ReshapeLoginThrottle1795380000501';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "login_throttle"');
    await queryRunner.query('ALTER TABLE "login_throttle" DROP COLUMN "failures"');
    await queryRunner.query('ALTER TABLE "login_throttle" DROP COLUMN "blocked_until"');
    await queryRunner.query(
      'ALTER TABLE "login_throttle" ADD "level" double precision NOT NULL DEFAULT \'0\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "login_throttle"');
    await queryRunner.query('ALTER TABLE "login_throttle" DROP COLUMN "level"');
    await queryRunner.query(
      'ALTER TABLE "login_throttle" ADD "blocked_until" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query(
      'ALTER TABLE "login_throttle" ADD "failures" integer NOT NULL DEFAULT \'0\'',
    );
  }
}
