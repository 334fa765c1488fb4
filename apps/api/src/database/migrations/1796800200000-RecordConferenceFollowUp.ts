import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The four-week follow-up of a family conference, as done: when, by whom, how it went. */
export class RecordConferenceFollowUp1796800200000 implements MigrationInterface {
  name = 'RecordConferenceFollowUp1796800200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "family_conference" ADD "follow_up_done_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "family_conference" ADD "follow_up_done_by" uuid');
    await queryRunner.query(
      'ALTER TABLE "family_conference" ADD "follow_up_note" character varying(1000) NOT NULL DEFAULT \'\'',
    );
    await queryRunner.query(
      'ALTER TABLE "family_conference" ADD CONSTRAINT "FK_family_conference_follow_up_by" FOREIGN KEY ("follow_up_done_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "family_conference" DROP CONSTRAINT "FK_family_conference_follow_up_by"',
    );
    await queryRunner.query('ALTER TABLE "family_conference" DROP COLUMN "follow_up_note"');
    await queryRunner.query('ALTER TABLE "family_conference" DROP COLUMN "follow_up_done_by"');
    await queryRunner.query('ALTER TABLE "family_conference" DROP COLUMN "follow_up_done_at"');
  }
}
