import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Intervision sessions on released copies and their attendance records (issue 14 §2, §4). */
export class CreateIntervisionSessions1796700100000 implements MigrationInterface {
  name = 'CreateIntervisionSessions1796700100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "intervision_session" ("id" uuid NOT NULL, "team_id" uuid NOT NULL, "intervision_case_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "method" jsonb NOT NULL, "trainer_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_intervision_session" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_intervision_session_team" ON "intervision_session"  ("team_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_intervision_session_kind" ON "intervision_session"  ("kind") ',
    );
    await queryRunner.query(
      'CREATE TABLE "intervision_attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "participant_name" character varying(200) NOT NULL, "role" character varying(40) NOT NULL, "date" date NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL, "minutes" integer NOT NULL, "method_id" character varying(80) NOT NULL, "method_version" integer NOT NULL, "method_name" character varying(120) NOT NULL, "trainer_id" uuid NOT NULL, "trainer_name" character varying(200) NOT NULL, CONSTRAINT "UQ_intervision_attendance_session_user" UNIQUE ("session_id", "user_id"), CONSTRAINT "PK_intervision_attendance" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_intervision_attendance_user" ON "intervision_attendance"  ("user_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_session" ADD CONSTRAINT "FK_intervision_session_live" FOREIGN KEY ("id") REFERENCES "live_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_session" ADD CONSTRAINT "FK_intervision_session_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_session" ADD CONSTRAINT "FK_intervision_session_copy" FOREIGN KEY ("intervision_case_id") REFERENCES "intervision_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_session" ADD CONSTRAINT "FK_intervision_session_trainer" FOREIGN KEY ("trainer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_attendance" ADD CONSTRAINT "FK_intervision_attendance_session" FOREIGN KEY ("session_id") REFERENCES "intervision_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_attendance" ADD CONSTRAINT "FK_intervision_attendance_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "intervision_attendance" DROP CONSTRAINT "FK_intervision_attendance_user"',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_attendance" DROP CONSTRAINT "FK_intervision_attendance_session"',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_session" DROP CONSTRAINT "FK_intervision_session_trainer"',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_session" DROP CONSTRAINT "FK_intervision_session_copy"',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_session" DROP CONSTRAINT "FK_intervision_session_team"',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_session" DROP CONSTRAINT "FK_intervision_session_live"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_intervision_attendance_user"');
    await queryRunner.query('DROP TABLE "intervision_attendance"');
    await queryRunner.query('DROP INDEX "public"."IDX_intervision_session_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_intervision_session_team"');
    await queryRunner.query('DROP TABLE "intervision_session"');
  }
}
