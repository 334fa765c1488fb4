import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityAndSessions1795365143312 implements MigrationInterface {
  name = 'CreateIdentityAndSessions1795365143312';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "login_throttle" ("key" character varying(80) NOT NULL, "failures" integer NOT NULL DEFAULT \'0\', "blocked_until" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_login_throttle" PRIMARY KEY ("key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "kind" character varying(20) NOT NULL, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_organisation" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "discipline" character varying(40) NOT NULL, "org_admin" boolean NOT NULL DEFAULT false, "password_hash" character varying(255), "totp_secret" character varying(255), "totp_enabled_at" TIMESTAMP WITH TIME ZONE, "totp_last_step" bigint, "activation_token_hash" character varying(64), "activation_expires_at" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_app_user" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_app_user_email" ON "app_user"  ("email") ');
    await queryRunner.query(
      'CREATE TABLE "recovery_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" character varying(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_recovery_code" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_recovery_code_user" ON "recovery_code"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "auth_method" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "absolute_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "second_factor_at" TIMESTAMP WITH TIME ZONE, "csrf_token" character varying(64) NOT NULL, "source_ip" character varying(64), "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" character varying(30), CONSTRAINT "PK_session" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_session_user" ON "session"  ("user_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_session_token_hash" ON "session"  ("token_hash") ',
    );
    await queryRunner.query(
      'CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" character varying(80) NOT NULL, "type" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_team" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_team_organisation_name" ON "team"  ("organisation_id", "name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "roles" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_membership" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_membership_user" ON "membership"  ("user_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_membership_team_user" ON "membership"  ("team_id", "user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "user_identity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "issuer" character varying(255) NOT NULL, "subject" character varying(255) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_user_identity" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_user_identity_issuer_subject" ON "user_identity"  ("issuer", "subject") ',
    );
    await queryRunner.query(
      'ALTER TABLE "app_user" ADD CONSTRAINT "FK_app_user_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "recovery_code" ADD CONSTRAINT "FK_recovery_code_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "session" ADD CONSTRAINT "FK_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "team" ADD CONSTRAINT "FK_team_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "membership" ADD CONSTRAINT "FK_membership_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "membership" ADD CONSTRAINT "FK_membership_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_identity" ADD CONSTRAINT "FK_user_identity_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "user_identity" DROP CONSTRAINT "FK_user_identity_user"');
    await queryRunner.query('ALTER TABLE "membership" DROP CONSTRAINT "FK_membership_user"');
    await queryRunner.query('ALTER TABLE "membership" DROP CONSTRAINT "FK_membership_team"');
    await queryRunner.query('ALTER TABLE "team" DROP CONSTRAINT "FK_team_organisation"');
    await queryRunner.query('ALTER TABLE "session" DROP CONSTRAINT "FK_session_user"');
    await queryRunner.query('ALTER TABLE "recovery_code" DROP CONSTRAINT "FK_recovery_code_user"');
    await queryRunner.query('ALTER TABLE "app_user" DROP CONSTRAINT "FK_app_user_organisation"');
    await queryRunner.query('DROP INDEX "public"."UQ_user_identity_issuer_subject"');
    await queryRunner.query('DROP TABLE "user_identity"');
    await queryRunner.query('DROP INDEX "public"."UQ_membership_team_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_membership_user"');
    await queryRunner.query('DROP TABLE "membership"');
    await queryRunner.query('DROP INDEX "public"."UQ_team_organisation_name"');
    await queryRunner.query('DROP TABLE "team"');
    await queryRunner.query('DROP INDEX "public"."UQ_session_token_hash"');
    await queryRunner.query('DROP INDEX "public"."IDX_session_user"');
    await queryRunner.query('DROP TABLE "session"');
    await queryRunner.query('DROP INDEX "public"."IDX_recovery_code_user"');
    await queryRunner.query('DROP TABLE "recovery_code"');
    await queryRunner.query('DROP INDEX "public"."UQ_app_user_email"');
    await queryRunner.query('DROP TABLE "app_user"');
    await queryRunner.query('DROP TABLE "organisation"');
    await queryRunner.query('DROP TABLE "login_throttle"');
  }
}
