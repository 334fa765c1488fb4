import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotes1795369500000 implements MigrationInterface {
  name = 'CreateNotes1795369500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "note_update" ("seq" BIGSERIAL NOT NULL, "item_id" uuid NOT NULL, "bytes" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_note_update" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_note_update_item_seq" ON "note_update"  ("item_id", "seq") ',
    );
    await queryRunner.query(
      'CREATE TABLE "note_snapshot" ("item_id" uuid NOT NULL, "state" bytea NOT NULL, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_note_snapshot" PRIMARY KEY ("item_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "note_update" ADD CONSTRAINT "FK_note_update_item" FOREIGN KEY ("item_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "note_snapshot" ADD CONSTRAINT "FK_note_snapshot_item" FOREIGN KEY ("item_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "note_snapshot" DROP CONSTRAINT "FK_note_snapshot_item"');
    await queryRunner.query('ALTER TABLE "note_update" DROP CONSTRAINT "FK_note_update_item"');
    await queryRunner.query('DROP TABLE "note_snapshot"');
    await queryRunner.query('DROP INDEX "public"."IDX_note_update_item_seq"');
    await queryRunner.query('DROP TABLE "note_update"');
  }
}
