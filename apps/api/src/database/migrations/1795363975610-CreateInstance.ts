import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInstance1795363975610 implements MigrationInterface {
  name = 'CreateInstance1795363975610';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "instance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "singleton" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "schema_version" character varying(200) NOT NULL, CONSTRAINT "UQ_instance_singleton" UNIQUE ("singleton"), CONSTRAINT "CHK_instance_singleton" CHECK ("singleton"), CONSTRAINT "PK_instance" PRIMARY KEY ("id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "instance"');
  }
}
