import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { readyResponseSchema } from '@casustafel/contracts';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { ENTITIES } from '../src/entities';
import { schemaDiff } from '../src/database/schema-drift';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { startTestApp } from './support/test-app';

/** An entity no migration knows: stands for "someone changed an entity and forgot the migration". */
@Entity({ name: 'drift_probe' })
class DriftProbeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  label!: string;
}

/** The operator's token for the details of `/api/ready`. */
const READY_TOKEN = 'operator-token-for-readiness-details-0123';
const OPERATOR = { authorization: `Bearer ${READY_TOKEN}` };
const readiness = async (baseUrl: string): Promise<unknown> =>
  (await fetch(`${baseUrl}/api/ready`, { headers: OPERATOR })).json();
describe.each(testEngines())('database on %s', (engine) => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cst-db-'));
    db = await createTestDatabase(engine, path.join(dir, 'data'));
  });

  afterAll(async () => {
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function withDataSourceOptions<T>(
    run: (options: ReturnType<typeof buildDataSourceOptions>) => Promise<T>,
  ): Promise<T> {
    const config = new AppConfig(parseEnv({ ...db.env }));
    const embedded =
      config.database.engine === 'pglite'
        ? await EmbeddedDatabase.open(config.database.dataDir)
        : null;
    try {
      return await run(buildDataSourceOptions(config.database, embedded, ENTITIES));
    } finally {
      await embedded?.close();
    }
  }

  it('keeps its data across a restart: the instance is created once and reused', async () => {
    const first = await startTestApp({ ...db.env, READY_DETAILS_TOKEN: READY_TOKEN });
    const a = readyResponseSchema.parse(await readiness(first.baseUrl));
    expect(first.logs.some((l) => l['msg'] === 'Instance initialised')).toBe(true);
    await first.close();

    const second = await startTestApp({ ...db.env, READY_DETAILS_TOKEN: READY_TOKEN });
    const b = readyResponseSchema.parse(await readiness(second.baseUrl));
    expect(second.logs.some((l) => l['msg'] === 'Instance reused')).toBe(true);
    await second.close();

    expect(a.instance?.id).toBeDefined();
    expect(b.instance).toEqual(a.instance);
  });

  it('refuses a second instance row', async () => {
    await withDataSourceOptions(async (options) => {
      const dataSource = await new DataSource(options).initialize();
      try {
        await expect(
          dataSource.query(
            `INSERT INTO "instance" ("singleton", "schema_version") VALUES (true, 'x')`,
          ),
        ).rejects.toThrow(/duplicate key|UQ_instance_singleton/);
        await expect(
          dataSource.query(
            `INSERT INTO "instance" ("singleton", "schema_version") VALUES (false, 'x')`,
          ),
        ).rejects.toThrow(/CHK_instance_singleton|check constraint/);
      } finally {
        await dataSource.destroy();
      }
    });
  });

  it('has no schema drift: the migrations build exactly what the entities describe', async () => {
    const diff = await withDataSourceOptions((options) => schemaDiff(options));
    expect(diff.up).toEqual([]);
  });

  it('detects drift when an entity changes without a migration', async () => {
    const diff = await withDataSourceOptions((options) =>
      schemaDiff({ ...options, entities: [...ENTITIES, DriftProbeEntity] }),
    );
    expect(diff.up.join('\n')).toMatch(/CREATE TABLE "drift_probe"/);
    expect(diff.down.join('\n')).toMatch(/DROP TABLE "drift_probe"/);
  });

  it('reports not ready (503) while the database is unreachable, and ready again after', async () => {
    const t = await startTestApp({ ...db.env, READY_DETAILS_TOKEN: READY_TOKEN });
    try {
      const dataSource = t.app.get<DataSource>(getDataSourceToken());
      const query = dataSource.query.bind(dataSource);
      dataSource.query = (() =>
        Promise.reject(new Error('connection terminated'))) as typeof dataSource.query;
      const down = await fetch(`${t.baseUrl}/api/ready`, { headers: OPERATOR });
      expect(down.status).toBe(503);
      expect(await (await fetch(`${t.baseUrl}/api/ready`)).json()).toEqual({ status: 'not_ready' });
      expect(readyResponseSchema.parse(await down.json()).checks?.database).toEqual({
        status: 'down',
        engine,
        latencyMs: null,
      });
      dataSource.query = query;
      expect((await fetch(`${t.baseUrl}/api/ready`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
