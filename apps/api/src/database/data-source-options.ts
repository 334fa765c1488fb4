import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { EmbeddedDatabase } from './embedded-database';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * One set of TypeORM options for both engines: migrations only (never `synchronize`), run at
 * start, listed explicitly because the api is bundled.
 */
export function buildDataSourceOptions(
  database: AppConfig['database'],
  embedded: EmbeddedDatabase | null,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
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
