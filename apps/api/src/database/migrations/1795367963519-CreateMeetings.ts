import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMeetings1795367963519 implements MigrationInterface {
  name = 'CreateMeetings1795367963519';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "meeting_series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "schedule" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_meeting_series" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_meeting_series_team" ON "meeting_series"  ("team_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "series_id" uuid, "type" character varying(30) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "chair_id" uuid NOT NULL, "timekeeper_id" uuid, "minute_taker_id" uuid, "published" boolean NOT NULL DEFAULT false, "status" character varying(12) NOT NULL, "live_state" jsonb, "seq" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_meeting" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_meeting_series" ON "meeting"  ("series_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_meeting_team_starts" ON "meeting"  ("team_id", "starts_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "agenda_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "presenter_id" uuid NOT NULL, "time_box_minutes" integer NOT NULL, "position" integer NOT NULL, "status" character varying(12) NOT NULL, "preparation_id" uuid, "carried_from_item_id" uuid, CONSTRAINT "PK_agenda_item" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_agenda_item_meeting" ON "agenda_item"  ("meeting_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "meeting_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "seq" integer NOT NULL, "command_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "actor_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_meeting_event_command" UNIQUE ("meeting_id", "command_id"), CONSTRAINT "UQ_meeting_event_seq" UNIQUE ("meeting_id", "seq"), CONSTRAINT "PK_meeting_event" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_series" ADD CONSTRAINT "FK_meeting_series_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting" ADD CONSTRAINT "FK_meeting_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting" ADD CONSTRAINT "FK_meeting_series" FOREIGN KEY ("series_id") REFERENCES "meeting_series"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "agenda_item" ADD CONSTRAINT "FK_agenda_item_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meeting_event" ADD CONSTRAINT "FK_meeting_event_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "meeting_event" DROP CONSTRAINT "FK_meeting_event_meeting"',
    );
    await queryRunner.query('ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_agenda_item_meeting"');
    await queryRunner.query('ALTER TABLE "meeting" DROP CONSTRAINT "FK_meeting_series"');
    await queryRunner.query('ALTER TABLE "meeting" DROP CONSTRAINT "FK_meeting_team"');
    await queryRunner.query(
      'ALTER TABLE "meeting_series" DROP CONSTRAINT "FK_meeting_series_team"',
    );
    await queryRunner.query('DROP TABLE "meeting_event"');
    await queryRunner.query('DROP INDEX "public"."IDX_agenda_item_meeting"');
    await queryRunner.query('DROP TABLE "agenda_item"');
    await queryRunner.query('DROP INDEX "public"."IDX_meeting_team_starts"');
    await queryRunner.query('DROP INDEX "public"."IDX_meeting_series"');
    await queryRunner.query('DROP TABLE "meeting"');
    await queryRunner.query('DROP INDEX "public"."IDX_meeting_series_team"');
    await queryRunner.query('DROP TABLE "meeting_series"');
  }
}
