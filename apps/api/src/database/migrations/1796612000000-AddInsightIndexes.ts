import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes for the management information (issue 15): periods of transitions, actions by due date. */
export class AddInsightIndexes1796612000000 implements MigrationInterface {
  name = 'AddInsightIndexes1796612000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_case_status_change_status_at" ON "case_status_change" ("status", "at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_meeting_action_team_due" ON "meeting_action" ("team_id", "due") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_meeting_action_update_action" ON "meeting_action_update" ("action_id", "status") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_meeting_action_update_action"');
    await queryRunner.query('DROP INDEX "public"."IDX_meeting_action_team_due"');
    await queryRunner.query('DROP INDEX "public"."IDX_case_status_change_status_at"');
  }
}
