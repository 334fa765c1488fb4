import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMeetingRecords1795369010810 implements MigrationInterface {
  name = 'CreateMeetingRecords1795369010810';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "meeting_decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "command_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "text" text NOT NULL, "rationale" text NOT NULL, "decided_by_id" uuid NOT NULL, "recorded_by_id" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_meeting_decision_command" UNIQUE ("meeting_id", "command_id"), CONSTRAINT "PK_meeting_decision" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_meeting_decision_item" ON "meeting_decision"  ("agenda_item_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "meeting_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "team_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "decision_id" uuid, "command_id" uuid NOT NULL, "description" text NOT NULL, "owner_id" uuid NOT NULL, "due" date NOT NULL, "status" character varying(12) NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_meeting_action_command" UNIQUE ("meeting_id", "command_id"), CONSTRAINT "PK_meeting_action" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_meeting_action_team" ON "meeting_action"  ("team_id", "status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_meeting_action_owner" ON "meeting_action"  ("owner_id", "status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_meeting_action_item" ON "meeting_action"  ("agenda_item_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "meeting_action_update" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "action_id" uuid NOT NULL, "command_id" uuid NOT NULL, "status" character varying(12) NOT NULL, "seq" integer NOT NULL, "actor_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_meeting_action_update_command" UNIQUE ("meeting_id", "command_id"), CONSTRAINT "PK_meeting_action_update" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "follow_up_action" ("agenda_item_id" uuid NOT NULL, "action_id" uuid NOT NULL, CONSTRAINT "PK_follow_up_action" PRIMARY KEY ("agenda_item_id", "action_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "meeting_attendance" ("meeting_id" uuid NOT NULL, "user_id" uuid NOT NULL, "first_joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_meeting_attendance" PRIMARY KEY ("meeting_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "meeting_minutes" ("meeting_id" uuid NOT NULL, "status" character varying(10) NOT NULL, "document" jsonb NOT NULL, "generated_by_id" uuid NOT NULL, "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "approved_by_id" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_meeting_minutes" PRIMARY KEY ("meeting_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_decision" ADD CONSTRAINT "FK_meeting_decision_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_decision" ADD CONSTRAINT "FK_meeting_decision_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action" ADD CONSTRAINT "FK_meeting_action_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action" ADD CONSTRAINT "FK_meeting_action_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action" ADD CONSTRAINT "FK_meeting_action_decision" FOREIGN KEY ("decision_id") REFERENCES "meeting_decision"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action_update" ADD CONSTRAINT "FK_meeting_action_update_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action_update" ADD CONSTRAINT "FK_meeting_action_update_action" FOREIGN KEY ("action_id") REFERENCES "meeting_action"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_action" ADD CONSTRAINT "FK_follow_up_action_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_action" ADD CONSTRAINT "FK_follow_up_action_action" FOREIGN KEY ("action_id") REFERENCES "meeting_action"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_attendance" ADD CONSTRAINT "FK_meeting_attendance_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_minutes" ADD CONSTRAINT "FK_meeting_minutes_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "meeting_minutes" DROP CONSTRAINT "FK_meeting_minutes_meeting"',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_attendance" DROP CONSTRAINT "FK_meeting_attendance_meeting"',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_action" DROP CONSTRAINT "FK_follow_up_action_action"',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_action" DROP CONSTRAINT "FK_follow_up_action_item"',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action_update" DROP CONSTRAINT "FK_meeting_action_update_action"',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action_update" DROP CONSTRAINT "FK_meeting_action_update_meeting"',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action" DROP CONSTRAINT "FK_meeting_action_decision"',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action" DROP CONSTRAINT "FK_meeting_action_item"',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_action" DROP CONSTRAINT "FK_meeting_action_meeting"',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_decision" DROP CONSTRAINT "FK_meeting_decision_item"',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_decision" DROP CONSTRAINT "FK_meeting_decision_meeting"',
    );
    await queryRunner.query('DROP TABLE "meeting_minutes"');
    await queryRunner.query('DROP TABLE "meeting_attendance"');
    await queryRunner.query('DROP TABLE "follow_up_action"');
    await queryRunner.query('DROP TABLE "meeting_action_update"');
    await queryRunner.query('DROP INDEX "public"."IDX_meeting_action_item"');
    await queryRunner.query('DROP INDEX "public"."IDX_meeting_action_owner"');
    await queryRunner.query('DROP INDEX "public"."IDX_meeting_action_team"');
    await queryRunner.query('DROP TABLE "meeting_action"');
    await queryRunner.query('DROP INDEX "public"."IDX_meeting_decision_item"');
    await queryRunner.query('DROP TABLE "meeting_decision"');
  }
}
