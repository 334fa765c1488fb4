import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Intervision copies of cases and the creator-only link to their source (issue 14 §3). */
export class CreateIntervisionCases1796700000000 implements MigrationInterface {
  name = 'CreateIntervisionCases1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "intervision_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "status" character varying(12) NOT NULL, "sections" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "released_by" uuid, "released_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_intervision_case" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_intervision_case_team" ON "intervision_case" ("team_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "intervision_case_source" ("intervision_case_id" uuid NOT NULL, "case_id" uuid, "created_by" uuid NOT NULL, "reason" character varying(500) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_intervision_case_source" PRIMARY KEY ("intervision_case_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_intervision_case_source_case" ON "intervision_case_source" ("case_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_case" ADD CONSTRAINT "FK_intervision_case_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_case" ADD CONSTRAINT "FK_intervision_case_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_case" ADD CONSTRAINT "FK_intervision_case_released_by" FOREIGN KEY ("released_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_case_source" ADD CONSTRAINT "FK_intervision_case_source_copy" FOREIGN KEY ("intervision_case_id") REFERENCES "intervision_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_case_source" ADD CONSTRAINT "FK_intervision_case_source_case" FOREIGN KEY ("case_id") REFERENCES "client_case"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "intervision_case_source" DROP CONSTRAINT "FK_intervision_case_source_case"',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_case_source" DROP CONSTRAINT "FK_intervision_case_source_copy"',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_case" DROP CONSTRAINT "FK_intervision_case_released_by"',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_case" DROP CONSTRAINT "FK_intervision_case_created_by"',
    );
    await queryRunner.query(
      'ALTER TABLE "intervision_case" DROP CONSTRAINT "FK_intervision_case_team"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_intervision_case_source_case"');
    await queryRunner.query('DROP TABLE "intervision_case_source"');
    await queryRunner.query('DROP INDEX "public"."IDX_intervision_case_team"');
    await queryRunner.query('DROP TABLE "intervision_case"');
  }
}
