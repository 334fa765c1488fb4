import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Live sessions of kinds other than the case meeting: the session, its members, its events. */
export class CreateLiveSessions1796607100000 implements MigrationInterface {
  name = 'CreateLiveSessions1796607100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "live_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(40) NOT NULL, "team_id" uuid NOT NULL, "state" jsonb NOT NULL, "seq" integer NOT NULL DEFAULT 0, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_live_session" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "live_session_member" ("session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(40) NOT NULL, CONSTRAINT "PK_live_session_member" PRIMARY KEY ("session_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "live_session_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "seq" integer NOT NULL, "command_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "actor_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_live_session_event_command" UNIQUE ("session_id", "command_id"), CONSTRAINT "UQ_live_session_event_seq" UNIQUE ("session_id", "seq"), CONSTRAINT "PK_live_session_event" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "live_session_member" ADD CONSTRAINT "FK_live_session_member_session" FOREIGN KEY ("session_id") REFERENCES "live_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "live_session_event" ADD CONSTRAINT "FK_live_session_event_session" FOREIGN KEY ("session_id") REFERENCES "live_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "live_session_event" DROP CONSTRAINT "FK_live_session_event_session"',
    );
    await queryRunner.query(
      'ALTER TABLE "live_session_member" DROP CONSTRAINT "FK_live_session_member_session"',
    );
    await queryRunner.query('DROP TABLE "live_session_event"');
    await queryRunner.query('DROP TABLE "live_session_member"');
    await queryRunner.query('DROP TABLE "live_session"');
  }
}
