import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Genogram and ecogram: traits on the household's people, links, ecogram ties and versions. */
export class CreateNetworkMaps1796610000000 implements MigrationInterface {
  name = 'CreateNetworkMaps1796610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "household" ADD "network_revision" integer NOT NULL DEFAULT 0',
    );
    for (const table of ['person', 'network_person']) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "gender" character varying(10) NOT NULL DEFAULT 'onbekend'`,
      );
      await queryRunner.query(`ALTER TABLE "${table}" ADD "birth_year" integer`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "deceased" boolean NOT NULL DEFAULT false`,
      );
      await queryRunner.query(`ALTER TABLE "${table}" ADD "death_year" integer`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "index_person" boolean NOT NULL DEFAULT false`,
      );
    }
    await queryRunner.query(
      'ALTER TABLE "network_person" ADD "map_only" boolean NOT NULL DEFAULT false',
    );
    await queryRunner.query(
      'CREATE TABLE "genogram_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "kind" character varying(12) NOT NULL, "from_id" uuid NOT NULL, "to_id" uuid NOT NULL, "variant" character varying(14) NOT NULL, "start_year" integer, "end_year" integer, "twin_group" character varying(8), "directed" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_genogram_link" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_genogram_link_household" ON "genogram_link" ("household_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "eco_tie" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "category" character varying(20) NOT NULL, "label" character varying(80), "network_person_id" uuid, "strength" character varying(10) NOT NULL, "energy" character varying(16) NOT NULL, "codes" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_eco_tie" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_eco_tie_household" ON "eco_tie" ("household_id") ');
    await queryRunner.query(
      'CREATE TABLE "network_map_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "name" character varying(80) NOT NULL, "map" jsonb NOT NULL, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_network_map_version" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_network_map_version_household" ON "network_map_version" ("household_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "genogram_link" ADD CONSTRAINT "FK_genogram_link_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "eco_tie" ADD CONSTRAINT "FK_eco_tie_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "eco_tie" ADD CONSTRAINT "FK_eco_tie_network_person" FOREIGN KEY ("network_person_id") REFERENCES "network_person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "network_map_version" ADD CONSTRAINT "FK_network_map_version_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "network_map_version" ADD CONSTRAINT "FK_network_map_version_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "network_map_version"');
    await queryRunner.query('DROP TABLE "eco_tie"');
    await queryRunner.query('DROP TABLE "genogram_link"');
    await queryRunner.query('ALTER TABLE "network_person" DROP COLUMN "map_only"');
    for (const table of ['person', 'network_person'])
      for (const column of ['index_person', 'death_year', 'deceased', 'birth_year', 'gender'])
        await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
    await queryRunner.query('ALTER TABLE "household" DROP COLUMN "network_revision"');
  }
}
