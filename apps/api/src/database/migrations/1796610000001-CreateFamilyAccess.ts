import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFamilyAccess1796610000001 implements MigrationInterface {
  name = 'CreateFamilyAccess1796610000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "family_invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "household_id" uuid NOT NULL, "family_user_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "token_hash" character varying(64) NOT NULL, "code_hash" character varying(64), "code_attempts" integer NOT NULL DEFAULT \'0\', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "signed_in_at" TIMESTAMP WITH TIME ZONE, "invited_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_family_invitation" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_family_invitation_user" ON "family_invitation"  ("family_user_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_family_invitation_token" ON "family_invitation"  ("token_hash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_family_invitation_household" ON "family_invitation"  ("household_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "family_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "invitation_id" uuid NOT NULL, "plan_version_id" uuid, "agrees" boolean NOT NULL, "comment" text NOT NULL, "content_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_family_agreement" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_family_agreement_household" ON "family_agreement"  ("household_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "family_invitation" ADD CONSTRAINT "FK_family_invitation_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_invitation" ADD CONSTRAINT "FK_family_invitation_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_invitation" ADD CONSTRAINT "FK_family_invitation_user" FOREIGN KEY ("family_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_agreement" ADD CONSTRAINT "FK_family_agreement_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "family_agreement" ADD CONSTRAINT "FK_family_agreement_invitation" FOREIGN KEY ("invitation_id") REFERENCES "family_invitation"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "family_agreement" DROP CONSTRAINT "FK_family_agreement_invitation"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_agreement" DROP CONSTRAINT "FK_family_agreement_household"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_invitation" DROP CONSTRAINT "FK_family_invitation_user"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_invitation" DROP CONSTRAINT "FK_family_invitation_household"',
    );
    await queryRunner.query(
      'ALTER TABLE "family_invitation" DROP CONSTRAINT "FK_family_invitation_organisation"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_family_agreement_household"');
    await queryRunner.query('DROP TABLE "family_agreement"');
    await queryRunner.query('DROP INDEX "public"."IDX_family_invitation_household"');
    await queryRunner.query('DROP INDEX "public"."UQ_family_invitation_token"');
    await queryRunner.query('DROP INDEX "public"."UQ_family_invitation_user"');
    await queryRunner.query('DROP TABLE "family_invitation"');
  }
}
