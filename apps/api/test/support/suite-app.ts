import { afterAll, beforeAll } from '@jest/globals';
import type { Env } from '../../src/config/env.schema';
import type { Clock } from '../../src/common/time/clock';
import { createTestDatabase, type EngineName, type TestDatabase } from './engines';
import { startTestApp, type TestApp } from './test-app';

/**
 * A fresh database on `engine` and the api on it for the calling describe block: started before
 * its tests, closed and dropped after them. Read `.t` inside the tests.
 */
export function appForSuite(
  engine: EngineName,
  env: Partial<Record<keyof Env, string>>,
  options: { clock?: Clock } = {},
): { readonly t: TestApp } {
  let db: TestDatabase | undefined;
  let app: TestApp | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    app = await startTestApp({ ...db.env, ...env }, options);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });
  return {
    get t(): TestApp {
      if (!app) throw new Error('the app of this suite has not started');
      return app;
    },
  };
}
