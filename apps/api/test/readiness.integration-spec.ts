import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readyResponseSchema } from '@casustafel/contracts';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { startTestApp, type TestApp } from './support/test-app';
import { signIn } from './factories/case-file.factory';
import { createOrganisation, createTeam, createUser } from './factories/identity.factory';

const READY_TOKEN = 'operator-token-for-readiness-details-0123';

/**
 * Issue 10 §9: `/api/ready` answers ready / not ready to anyone; the details (engine, latency,
 * instance id, schema version, what is degraded) only to an authorised operator: a signed-in
 * organisation admin, or monitoring with `READY_DETAILS_TOKEN`.
 */
describe.each(testEngines())('readiness details on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false', READY_DETAILS_TOKEN: READY_TOKEN });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('tells an anonymous caller, a wrong token and a team member only ready / not ready', async () => {
    const anonymous = await fetch(`${t.baseUrl}/api/ready`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: 'ready' });
    for (const authorization of ['Bearer wrong', `Bearer ${READY_TOKEN}x`, READY_TOKEN]) {
      const res = await fetch(`${t.baseUrl}/api/ready`, { headers: { authorization } });
      expect(await res.json()).toEqual({ status: 'ready' });
    }
    const org = await createOrganisation(t.app);
    const teamId = (await createTeam(t.app, org.id, { name: 'Wijkteam Noord' })).id;
    const member = await createUser(t.app, {
      organisationId: org.id,
      displayName: 'Anna Noordhoek',
      totp: true,
      teams: [[teamId, ['member', 'chair']]],
    });
    const client = await signIn(t, null, member.user.email, member.totpSecret);
    const asMember = await client.get<unknown>('/api/ready');
    expect(asMember.body).toEqual({ status: 'ready' });
  }, 60_000);

  it('gives the details to the operator token and to a signed-in organisation admin', async () => {
    const token = await fetch(`${t.baseUrl}/api/ready`, {
      headers: { authorization: `Bearer ${READY_TOKEN}` },
    });
    const body = readyResponseSchema.parse(await token.json());
    expect(body.checks?.database).toMatchObject({ status: 'up', engine });
    expect(body.checks?.redis).toEqual({ status: 'disabled', downSince: null });
    expect(body.degraded).toEqual([]);
    expect(body.instance?.id).toBeDefined();

    const org = await createOrganisation(t.app);
    const admin = await createUser(t.app, {
      organisationId: org.id,
      displayName: 'Ada Beheer',
      totp: true,
      orgAdmin: true,
    });
    const client = await signIn(t, null, admin.user.email, admin.totpSecret);
    const asAdmin = await client.get<unknown>('/api/ready');
    expect(readyResponseSchema.parse(asAdmin.body).instance?.id).toBe(body.instance?.id);
  }, 60_000);
});
