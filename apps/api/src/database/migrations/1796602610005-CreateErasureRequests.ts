import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateErasureRequests1796602610005 implements MigrationInterface {
  name = 'CreateErasureRequests1796602610005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "erasure_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "household_id" uuid NOT NULL, "person_id" uuid, "scope" character varying(10) NOT NULL, "requested_by" character varying(30) NOT NULL, "received_on" date NOT NULL, "status" character varying(12) NOT NULL, "exceptions" jsonb NOT NULL, "reason" character varying(500), "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "assessed_by" uuid, "assessed_at" TIMESTAMP WITH TIME ZONE, "executed_by" uuid, "executed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_erasure_request" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_erasure_request_organisation" ON "erasure_request"  ("organisation_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "erasure_request" ADD CONSTRAINT "FK_erasure_request_org" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "erasure_request" DROP CONSTRAINT "FK_erasure_request_org"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_erasure_request_organisation"');
    await queryRunner.query('DROP TABLE "erasure_request"');
  }
}
