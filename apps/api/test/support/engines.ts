import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import pg from 'pg';
import type { Env } from '../../src/config/env.schema';

export type EngineName = 'pglite' | 'postgres';

/**
 * The database engines every data test runs on: always the embedded PGlite, and PostgreSQL
 * too when TEST_DATABASE_URL points at a server (CI sets it).
 */
export function testEngines(): EngineName[] {
  return process.env['TEST_DATABASE_URL'] ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  /** Environment entries selecting this database (DATA_DIR or DATABASE_URL). */
  env: Partial<Record<keyof Env, string>>;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: an in-memory PGlite (or the given folder), or a
 * newly created PostgreSQL database on the TEST_DATABASE_URL server, dropped afterwards.
 */
export async function createTestDatabase(
  engine: EngineName,
  dataDir = 'memory://',
): Promise<TestDatabase> {
  if (engine === 'pglite') return { env: { DATA_DIR: dataDir }, drop: async () => undefined };
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `cst_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * As createTestDatabase, but PGlite keeps its data in a new temporary folder (`prefix` and a
 * random tail; removed by drop) instead of in memory: for tests that restart the api on it.
 */
export async function createTestDatabaseOnDisk(
  engine: EngineName,
  prefix: string,
): Promise<TestDatabase> {
  if (engine !== 'pglite') return createTestDatabase(engine);
  const dataDir = mkdtempSync(joinPath(tmpdir(), prefix));
  const db = await createTestDatabase(engine, dataDir);
  return {
    env: db.env,
    drop: async () => {
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
