import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The familienetwerkberaad: conferences, their circle and invitations, bottom lines, the plan (issue 13 §4–5). */
export class CreateFamilyConferences1796800000000 implements MigrationInterface {
  name = 'CreateFamilyConferences1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "family_conference" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "household_id" uuid NOT NULL, "team_id" uuid NOT NULL, "session_id" uuid, "status" character varying(14) NOT NULL, "question" character varying(500) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE, "place" character varying(200) NOT NULL, "coordinator_id" uuid NOT NULL, "created_by" uuid NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by" uuid, "follow_up_on" date, "follow_up_sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_family_conference" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_family_conference_household" ON "family_conference" ("household_id")',
    );
    await queryRunner.query(
      'CREATE TABLE "family_conference_participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "role" character varying(12) NOT NULL, "name" character varying(120) NOT NULL, "relation" character varying(80) NOT NULL DEFAULT \'\', "user_id" uuid, "person_id" uuid, "network_person_id" uuid, "consent_at" TIMESTAMP WITH TIME ZONE, "position" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_family_conference_participant" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_family_conference_participant_conference" ON "family_conference_participant" ("conference_id")',
    );
    await queryRunner.query(
      'CREATE TABLE "family_conference_invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "code_hash" character varying(64), "code_attempts" integer NOT NULL DEFAULT \'0\', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "signed_in_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "invited_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_family_conference_invitation" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_family_conference_invitation_user" ON "family_conference_invitation" ("user_id")',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_family_conference_invitation_participant" ON "family_conference_invitation" ("participant_id")',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_family_conference_invitation_token" ON "family_conference_invitation" ("token_hash")',
    );
    await queryRunner.query(
      'CREATE TABLE "family_conference_bottom_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "position" integer NOT NULL, "text" character varying(500) NOT NULL, "met" boolean, "note" character varying(1000) NOT NULL DEFAULT \'\', "checked_by" uuid, "checked_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_family_conference_bottom_line" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_family_conference_bottom_line_conference" ON "family_conference_bottom_line" ("conference_id")',
    );
    await queryRunner.query(
      'CREATE TABLE "family_conference_plan" ("conference_id" uuid NOT NULL, "rev" integer NOT NULL, "entries" jsonb NOT NULL, "family_lead" character varying(120) NOT NULL, "monitor" character varying(120) NOT NULL, "evaluation_on" date, "if_different" text NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_family_conference_plan" PRIMARY KEY ("conference_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" ADD CONSTRAINT "FK_family_conference_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" ADD CONSTRAINT "FK_family_conference_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" ADD CONSTRAINT "FK_family_conference_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" ADD CONSTRAINT "FK_family_conference_coordinator" FOREIGN KEY ("coordinator_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" ADD CONSTRAINT "FK_family_conference_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" ADD CONSTRAINT "FK_family_conference_accepted_by" FOREIGN KEY ("accepted_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_participant" ADD CONSTRAINT "FK_family_conference_participant_conference" FOREIGN KEY ("conference_id") REFERENCES "family_conference"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_participant" ADD CONSTRAINT "FK_family_conference_participant_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_participant" ADD CONSTRAINT "FK_family_conference_participant_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_participant" ADD CONSTRAINT "FK_family_conference_participant_network_person" FOREIGN KEY ("network_person_id") REFERENCES "network_person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_invitation" ADD CONSTRAINT "FK_family_conference_invitation_conference" FOREIGN KEY ("conference_id") REFERENCES "family_conference"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_invitation" ADD CONSTRAINT "FK_family_conference_invitation_participant" FOREIGN KEY ("participant_id") REFERENCES "family_conference_participant"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_invitation" ADD CONSTRAINT "FK_family_conference_invitation_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_bottom_line" ADD CONSTRAINT "FK_family_conference_bottom_line_conference" FOREIGN KEY ("conference_id") REFERENCES "family_conference"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_bottom_line" ADD CONSTRAINT "FK_family_conference_bottom_line_checked_by" FOREIGN KEY ("checked_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_plan" ADD CONSTRAINT "FK_family_conference_plan_conference" FOREIGN KEY ("conference_id") REFERENCES "family_conference"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_plan" ADD CONSTRAINT "FK_family_conference_plan_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "family_conference_plan" DROP CONSTRAINT "FK_family_conference_plan_updated_by"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_plan" DROP CONSTRAINT "FK_family_conference_plan_conference"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_bottom_line" DROP CONSTRAINT "FK_family_conference_bottom_line_checked_by"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_bottom_line" DROP CONSTRAINT "FK_family_conference_bottom_line_conference"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_invitation" DROP CONSTRAINT "FK_family_conference_invitation_user"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_invitation" DROP CONSTRAINT "FK_family_conference_invitation_participant"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_invitation" DROP CONSTRAINT "FK_family_conference_invitation_conference"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_participant" DROP CONSTRAINT "FK_family_conference_participant_network_person"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_participant" DROP CONSTRAINT "FK_family_conference_participant_person"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_participant" DROP CONSTRAINT "FK_family_conference_participant_user"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference_participant" DROP CONSTRAINT "FK_family_conference_participant_conference"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" DROP CONSTRAINT "FK_family_conference_accepted_by"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" DROP CONSTRAINT "FK_family_conference_created_by"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" DROP CONSTRAINT "FK_family_conference_coordinator"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" DROP CONSTRAINT "FK_family_conference_team"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" DROP CONSTRAINT "FK_family_conference_household"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" DROP CONSTRAINT "FK_family_conference_organisation"',
    );
    await queryRunner.query('DROP TABLE "family_conference_plan"');
    await queryRunner.query('DROP INDEX "public"."IDX_family_conference_bottom_line_conference"');
    await queryRunner.query('DROP TABLE "family_conference_bottom_line"');
    await queryRunner.query('DROP INDEX "public"."UQ_family_conference_invitation_token"');
    await queryRunner.query('DROP INDEX "public"."UQ_family_conference_invitation_participant"');
    await queryRunner.query('DROP INDEX "public"."UQ_family_conference_invitation_user"');
    await queryRunner.query('DROP TABLE "family_conference_invitation"');
    await queryRunner.query('DROP INDEX "public"."IDX_family_conference_participant_conference"');
    await queryRunner.query('DROP TABLE "family_conference_participant"');
    await queryRunner.query('DROP INDEX "public"."IDX_family_conference_household"');
    await queryRunner.query('DROP TABLE "family_conference"');
  }
}
