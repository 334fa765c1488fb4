import type { DataSourceOptions, EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { EmbeddedDatabase } from './embedded-database';
import { MIGRATIONS } from './migrations';

/** Entity classes (or schemas) as TypeORM takes them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = readonly (Function | EntitySchema)[];

/**
 * One set of TypeORM options for both engines: migrations only (never `synchronize`), run at
 * start, listed explicitly because the api is bundled.
 */
export function buildDataSourceOptions(
  database: AppConfig['database'],
  embedded: EmbeddedDatabase | null,
  /** The modules' entities, composed by the app (`src/entities.ts`); none for raw SQL work. */
  entities: EntityList = [],
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: [...entities],
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // gen_random_uuid() is core since PostgreSQL 13: no extension to create, none on PGlite.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logging: false,
  };
  if (database.engine === 'postgres') {
    return { ...common, url: database.url, extra: { max: 10, connectionTimeoutMillis: 5000 } };
  }
  if (!embedded) throw new Error('The embedded database must be open before TypeORM starts');
  return { ...common, extra: embedded.poolOptions() };
}
