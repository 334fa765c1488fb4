import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who assigned a case's regisseurs and since when; the chair's justification for an agenda case without consent. */
export class AddRegisseurAssignmentAndConsentJustification1795380000000 implements MigrationInterface {
  name = 'AddRegisseurAssignmentAndConsentJustification1795380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "client_case" ADD "casusregisseur_since" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "client_case" ADD "casusregisseur_assigned_by" uuid');
    await queryRunner.query(
      'ALTER TABLE "client_case" ADD "procesregisseur_since" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "client_case" ADD "procesregisseur_assigned_by" uuid');
    await queryRunner.query('ALTER TABLE "agenda_item" ADD "consent_justification" text');
    await queryRunner.query('ALTER TABLE "agenda_item" ADD "consent_justified_by" uuid');
    await queryRunner.query(
      'ALTER TABLE "agenda_item" ADD "consent_justified_at" TIMESTAMP WITH TIME ZONE',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "agenda_item" DROP COLUMN "consent_justified_at"');
    await queryRunner.query('ALTER TABLE "agenda_item" DROP COLUMN "consent_justified_by"');
    await queryRunner.query('ALTER TABLE "agenda_item" DROP COLUMN "consent_justification"');
    await queryRunner.query('ALTER TABLE "client_case" DROP COLUMN "procesregisseur_assigned_by"');
    await queryRunner.query('ALTER TABLE "client_case" DROP COLUMN "procesregisseur_since"');
    await queryRunner.query('ALTER TABLE "client_case" DROP COLUMN "casusregisseur_assigned_by"');
    await queryRunner.query('ALTER TABLE "client_case" DROP COLUMN "casusregisseur_since"');
  }
}
