import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateJobsAndNotifications1796601077802 implements MigrationInterface {
  name = 'CreateJobsAndNotifications1796601077802';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "payload" jsonb NOT NULL, "state" character varying(10) NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "max_attempts" integer NOT NULL, "backoff_ms" integer NOT NULL, "singleton_key" character varying(200), "cron" character varying(100), "locked_by" character varying(64), "locked_until" TIMESTAMP WITH TIME ZONE, "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_job" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_job_singleton" ON "job"  ("name", "singleton_key") WHERE "singleton_key" IS NOT NULL AND "state" IN (\'queued\', \'active\')',
    );
    await queryRunner.query('CREATE INDEX "IDX_job_due" ON "job"  ("state", "run_at") ');
    await queryRunner.query(
      'CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "params" jsonb NOT NULL, "dedup_key" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "emailed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_notification_dedup" UNIQUE ("user_id", "dedup_key"), CONSTRAINT "PK_notification" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_notification_user_created" ON "notification"  ("user_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "notification_preference" ("user_id" uuid NOT NULL, "email_kinds" jsonb NOT NULL, "language" character varying(2) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_notification_preference" PRIMARY KEY ("user_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "calendar_feed_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_calendar_feed_token_hash" UNIQUE ("token_hash"), CONSTRAINT "PK_calendar_feed_token" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_calendar_feed_token_user" ON "calendar_feed_token"  ("user_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "notification" ADD CONSTRAINT "FK_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notification_preference" ADD CONSTRAINT "FK_notification_preference_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "calendar_feed_token" ADD CONSTRAINT "FK_calendar_feed_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "calendar_feed_token" DROP CONSTRAINT "FK_calendar_feed_token_user"',
    );
    await queryRunner.query(
      'ALTER TABLE "notification_preference" DROP CONSTRAINT "FK_notification_preference_user"',
    );
    await queryRunner.query('ALTER TABLE "notification" DROP CONSTRAINT "FK_notification_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_calendar_feed_token_user"');
    await queryRunner.query('DROP TABLE "calendar_feed_token"');
    await queryRunner.query('DROP TABLE "notification_preference"');
    await queryRunner.query('DROP INDEX "public"."IDX_notification_user_created"');
    await queryRunner.query('DROP TABLE "notification"');
    await queryRunner.query('DROP INDEX "public"."IDX_job_due"');
    await queryRunner.query('DROP INDEX "public"."UQ_job_singleton"');
    await queryRunner.query('DROP TABLE "job"');
  }
}
