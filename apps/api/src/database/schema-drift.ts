import { DataSource, type DataSourceOptions } from 'typeorm';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * Applies every migration to the database, then asks TypeORM what SQL would make the schema
 * match the entities. An empty answer means migrations and entities agree; anything else is
 * drift: an entity changed without a migration (this is what `migration:generate` computes).
 */
export async function schemaDiff(options: DataSourceOptions): Promise<SchemaDiff> {
  const dataSource = new DataSource({ ...options, migrationsRun: false, synchronize: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query),
      down: sql.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await dataSource.destroy();
  }
}

/** Source of a TypeORM migration class running `diff`. */
export function migrationSource(name: string, timestamp: number, diff: SchemaDiff): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(diff.down)}
  }
}
`;
}
