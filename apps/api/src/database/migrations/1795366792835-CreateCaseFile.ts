import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCaseFile1795366792835 implements MigrationInterface {
  name = 'CreateCaseFile1795366792835';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "household" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "label" character varying(80) NOT NULL, "address" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_household" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_household_team" ON "household"  ("team_id") ');
    await queryRunner.query(
      'CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "given_name" character varying(60) NOT NULL, "family_name" character varying(80) NOT NULL, "role" character varying(20) NOT NULL, "date_of_birth" date, "phone" character varying(30), "email" character varying(254), "bsn_sealed" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_person" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_person_household" ON "person"  ("household_id") ');
    await queryRunner.query(
      'CREATE TABLE "network_person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "relation" character varying(20) NOT NULL, "relation_detail" character varying(80), "phone" character varying(30), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_network_person" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_network_person_household" ON "network_person"  ("household_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "basis" character varying(30) NOT NULL, "legal_basis" character varying(40), "person_id" uuid, "purpose" character varying(40) NOT NULL, "data_categories" jsonb NOT NULL, "recipients" jsonb NOT NULL, "granted_by_person_id" uuid, "recorded_by_user_id" uuid NOT NULL, "granted_at" date NOT NULL, "expires_at" date, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "note" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_consent" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_consent_household" ON "consent"  ("household_id") ');
    await queryRunner.query(
      'CREATE TABLE "client_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "household_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "casusregisseur_id" uuid NOT NULL, "procesregisseur_id" uuid, "involved" jsonb NOT NULL, "status" character varying(30) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_client_case" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_client_case_procesregisseur" ON "client_case"  ("procesregisseur_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_client_case_casusregisseur" ON "client_case"  ("casusregisseur_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_client_case_household" ON "client_case"  ("household_id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_client_case_team" ON "client_case"  ("team_id") ');
    await queryRunner.query(
      'CREATE TABLE "case_status_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "status" character varying(30) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "by_user_id" uuid, CONSTRAINT "PK_case_status_change" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_case_status_change_case" ON "case_status_change"  ("case_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "zrm_assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "version" character varying(4) NOT NULL, "assessed_at" date NOT NULL, "assessor_id" uuid NOT NULL, "domains" jsonb NOT NULL, "zwaartefactoren" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_zrm_assessment" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_zrm_assessment_case" ON "zrm_assessment"  ("case_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "meldcode_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_by" uuid NOT NULL, "state" jsonb NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_meldcode_record" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_meldcode_record_open_case" ON "meldcode_record"  ("case_id") WHERE "closed_at" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_meldcode_record_case" ON "meldcode_record"  ("case_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "preparation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "status" character varying(10) NOT NULL, "meeting_date" date, "content" jsonb NOT NULL, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ready_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_preparation" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_preparation_case" ON "preparation"  ("case_id") ');
    await queryRunner.query(
      'CREATE TABLE "preparation_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "preparation_id" uuid NOT NULL, "author_id" uuid NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_preparation_comment" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_preparation_comment_preparation" ON "preparation_comment"  ("preparation_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "household" ADD CONSTRAINT "FK_household_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "person" ADD CONSTRAINT "FK_person_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "network_person" ADD CONSTRAINT "FK_network_person_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "consent" ADD CONSTRAINT "FK_consent_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "consent" ADD CONSTRAINT "FK_consent_recorded_by" FOREIGN KEY ("recorded_by_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "client_case" ADD CONSTRAINT "FK_client_case_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "client_case" ADD CONSTRAINT "FK_client_case_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "client_case" ADD CONSTRAINT "FK_client_case_casusregisseur" FOREIGN KEY ("casusregisseur_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "client_case" ADD CONSTRAINT "FK_client_case_procesregisseur" FOREIGN KEY ("procesregisseur_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_status_change" ADD CONSTRAINT "FK_case_status_change_case" FOREIGN KEY ("case_id") REFERENCES "client_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_status_change" ADD CONSTRAINT "FK_case_status_change_user" FOREIGN KEY ("by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "zrm_assessment" ADD CONSTRAINT "FK_zrm_assessment_case" FOREIGN KEY ("case_id") REFERENCES "client_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "zrm_assessment" ADD CONSTRAINT "FK_zrm_assessment_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meldcode_record" ADD CONSTRAINT "FK_meldcode_record_case" FOREIGN KEY ("case_id") REFERENCES "client_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "meldcode_record" ADD CONSTRAINT "FK_meldcode_record_opened_by" FOREIGN KEY ("opened_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "preparation" ADD CONSTRAINT "FK_preparation_case" FOREIGN KEY ("case_id") REFERENCES "client_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "preparation" ADD CONSTRAINT "FK_preparation_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "preparation_comment" ADD CONSTRAINT "FK_preparation_comment_preparation" FOREIGN KEY ("preparation_id") REFERENCES "preparation"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "preparation_comment" ADD CONSTRAINT "FK_preparation_comment_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "preparation_comment" DROP CONSTRAINT "FK_preparation_comment_author"',
    );
    await queryRunner.query(
      'ALTER TABLE "preparation_comment" DROP CONSTRAINT "FK_preparation_comment_preparation"',
    );
    await queryRunner.query('ALTER TABLE "preparation" DROP CONSTRAINT "FK_preparation_author"');
    await queryRunner.query('ALTER TABLE "preparation" DROP CONSTRAINT "FK_preparation_case"');
    await queryRunner.query(
      'ALTER TABLE "meldcode_record" DROP CONSTRAINT "FK_meldcode_record_opened_by"',
    );
    await queryRunner.query(
      'ALTER TABLE "meldcode_record" DROP CONSTRAINT "FK_meldcode_record_case"',
    );
    await queryRunner.query(
      'ALTER TABLE "zrm_assessment" DROP CONSTRAINT "FK_zrm_assessment_assessor"',
    );
    await queryRunner.query(
      'ALTER TABLE "zrm_assessment" DROP CONSTRAINT "FK_zrm_assessment_case"',
    );
    await queryRunner.query(
      'ALTER TABLE "case_status_change" DROP CONSTRAINT "FK_case_status_change_user"',
    );
    await queryRunner.query(
      'ALTER TABLE "case_status_change" DROP CONSTRAINT "FK_case_status_change_case"',
    );
    await queryRunner.query(
      'ALTER TABLE "client_case" DROP CONSTRAINT "FK_client_case_procesregisseur"',
    );
    await queryRunner.query(
      'ALTER TABLE "client_case" DROP CONSTRAINT "FK_client_case_casusregisseur"',
    );
    await queryRunner.query('ALTER TABLE "client_case" DROP CONSTRAINT "FK_client_case_household"');
    await queryRunner.query('ALTER TABLE "client_case" DROP CONSTRAINT "FK_client_case_team"');
    await queryRunner.query('ALTER TABLE "consent" DROP CONSTRAINT "FK_consent_recorded_by"');
    await queryRunner.query('ALTER TABLE "consent" DROP CONSTRAINT "FK_consent_household"');
    await queryRunner.query(
      'ALTER TABLE "network_person" DROP CONSTRAINT "FK_network_person_household"',
    );
    await queryRunner.query('ALTER TABLE "person" DROP CONSTRAINT "FK_person_household"');
    await queryRunner.query('ALTER TABLE "household" DROP CONSTRAINT "FK_household_team"');
    await queryRunner.query('DROP INDEX "public"."IDX_preparation_comment_preparation"');
    await queryRunner.query('DROP TABLE "preparation_comment"');
    await queryRunner.query('DROP INDEX "public"."IDX_preparation_case"');
    await queryRunner.query('DROP TABLE "preparation"');
    await queryRunner.query('DROP INDEX "public"."IDX_meldcode_record_case"');
    await queryRunner.query('DROP INDEX "public"."UQ_meldcode_record_open_case"');
    await queryRunner.query('DROP TABLE "meldcode_record"');
    await queryRunner.query('DROP INDEX "public"."IDX_zrm_assessment_case"');
    await queryRunner.query('DROP TABLE "zrm_assessment"');
    await queryRunner.query('DROP INDEX "public"."IDX_case_status_change_case"');
    await queryRunner.query('DROP TABLE "case_status_change"');
    await queryRunner.query('DROP INDEX "public"."IDX_client_case_team"');
    await queryRunner.query('DROP INDEX "public"."IDX_client_case_household"');
    await queryRunner.query('DROP INDEX "public"."IDX_client_case_casusregisseur"');
    await queryRunner.query('DROP INDEX "public"."IDX_client_case_procesregisseur"');
    await queryRunner.query('DROP TABLE "client_case"');
    await queryRunner.query('DROP INDEX "public"."IDX_consent_household"');
    await queryRunner.query('DROP TABLE "consent"');
    await queryRunner.query('DROP INDEX "public"."IDX_network_person_household"');
    await queryRunner.query('DROP TABLE "network_person"');
    await queryRunner.query('DROP INDEX "public"."IDX_person_household"');
    await queryRunner.query('DROP TABLE "person"');
    await queryRunner.query('DROP INDEX "public"."IDX_household_team"');
    await queryRunner.query('DROP TABLE "household"');
  }
}
