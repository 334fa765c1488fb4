import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGuestInvitations1795373098819 implements MigrationInterface {
  name = 'CreateGuestInvitations1795373098819';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "guest_invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "guest_user_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "email" character varying(254) NOT NULL, "discipline" character varying(40) NOT NULL, "organisation_name" character varying(120) NOT NULL, "justification" text, "token_hash" character varying(64) NOT NULL, "code_hash" character varying(64), "code_attempts" integer NOT NULL DEFAULT \'0\', "delivery" character varying(12) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "signed_in_at" TIMESTAMP WITH TIME ZONE, "invited_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_guest_invitation" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_guest_invitation_user" ON "guest_invitation"  ("guest_user_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_guest_invitation_token" ON "guest_invitation"  ("token_hash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_guest_invitation_meeting" ON "guest_invitation"  ("meeting_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "guest_invitation_item" ("invitation_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "basis" character varying(30) NOT NULL, "consent_id" uuid, CONSTRAINT "PK_guest_invitation_item" PRIMARY KEY ("invitation_id", "agenda_item_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_guest_invitation_item_item" ON "guest_invitation_item"  ("agenda_item_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "app_user" ADD "kind" character varying(10) NOT NULL DEFAULT \'staff\'',
    );
    await queryRunner.query(
      'ALTER TABLE "guest_invitation" ADD CONSTRAINT "FK_guest_invitation_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "guest_invitation" ADD CONSTRAINT "FK_guest_invitation_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "guest_invitation" ADD CONSTRAINT "FK_guest_invitation_user" FOREIGN KEY ("guest_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "guest_invitation_item" ADD CONSTRAINT "FK_guest_invitation_item_invitation" FOREIGN KEY ("invitation_id") REFERENCES "guest_invitation"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "guest_invitation_item" ADD CONSTRAINT "FK_guest_invitation_item_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "guest_invitation_item" DROP CONSTRAINT "FK_guest_invitation_item_item"',
    );
    await queryRunner.query(
      'ALTER TABLE "guest_invitation_item" DROP CONSTRAINT "FK_guest_invitation_item_invitation"',
    );
    await queryRunner.query(
      'ALTER TABLE "guest_invitation" DROP CONSTRAINT "FK_guest_invitation_user"',
    );
    await queryRunner.query(
      'ALTER TABLE "guest_invitation" DROP CONSTRAINT "FK_guest_invitation_meeting"',
    );
    await queryRunner.query(
      'ALTER TABLE "guest_invitation" DROP CONSTRAINT "FK_guest_invitation_organisation"',
    );
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_guest_invitation_item_item"');
    await queryRunner.query('DROP TABLE "guest_invitation_item"');
    await queryRunner.query('DROP INDEX "public"."IDX_guest_invitation_meeting"');
    await queryRunner.query('DROP INDEX "public"."UQ_guest_invitation_token"');
    await queryRunner.query('DROP INDEX "public"."UQ_guest_invitation_user"');
    await queryRunner.query('DROP TABLE "guest_invitation"');
  }
}
