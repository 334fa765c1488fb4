import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { LIVE_CLIENT_EVENTS } from '@casustafel/contracts';
import { ACCESS_POLICY, type AccessPolicy } from '../src/common/access/access.decorator';
import { createTestDatabase, type TestDatabase } from './support/engines';
import { startTestApp, type TestApp } from './support/test-app';

const MESSAGE_METADATA = 'message';

/**
 * Secure by default: every HTTP route and every socket handler declares its permission and
 * its audit action. This test finds them all through Nest's own discovery and fails on any
 * handler that declares neither.
 */
describe('access declarations', () => {
  let db: TestDatabase;
  let t: TestApp;
  const handlers: { kind: 'route' | 'socket'; name: string; policy: AccessPolicy | undefined }[] =
    [];

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    t = await startTestApp(db.env);
    const discovery = new DiscoveryService(t.app.get(ModulesContainer));
    const scanner = new MetadataScanner();
    const reflector = new Reflector();
    const wrappers = [...discovery.getControllers(), ...discovery.getProviders()];
    for (const wrapper of wrappers) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of scanner.getAllMethodNames(prototype)) {
        const fn = (prototype as Record<string, unknown>)[method] as (
          ...args: unknown[]
        ) => unknown;
        const isRoute = Reflect.getMetadata(PATH_METADATA, fn) !== undefined;
        const event = Reflect.getMetadata(MESSAGE_METADATA, fn) as string | undefined;
        if (!isRoute && event === undefined) continue;
        const policy = reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
          fn,
          wrapper.metatype as new () => unknown,
        ]);
        handlers.push({
          kind: isRoute ? 'route' : 'socket',
          name: isRoute ? `${wrapper.name}.${method}` : String(event),
          policy,
        });
      }
    }
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('finds the routes and socket handlers', () => {
    expect(handlers.filter((h) => h.kind === 'route').length).toBeGreaterThanOrEqual(2);
    expect(handlers.filter((h) => h.kind === 'socket').map((h) => h.name)).toEqual(
      expect.arrayContaining([...LIVE_CLIENT_EVENTS]),
    );
  });

  it('every route and socket handler declares a permission and an audit action', () => {
    const missing = handlers
      .filter((h) => !h.policy?.permission || !h.policy.audit)
      .map((h) => h.name);
    expect(missing).toEqual([]);
  });

  it('every client event in the contracts has a handler', () => {
    const socketNames = handlers.filter((h) => h.kind === 'socket').map((h) => h.name);
    for (const event of LIVE_CLIENT_EVENTS) expect(socketNames).toContain(event);
  });
});
