import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  GUEST_CODE_MAX_ATTEMPTS,
  type GuestInvitationCreated,
  type MeetingDetail,
  type MeetingSeriesCreated,
} from '@casustafel/contracts';
import { THROTTLE_LIMITS } from '../src/modules/auth/login-throttle.service';
import { signIn } from './factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
  TEST_PASSWORD,
} from './factories/identity.factory';
import { must } from './support/must';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { FakeClock, startTestApp, type TestApp } from './support/test-app';

interface LoginAnswer {
  status: number;
  code: string | undefined;
  retryAfter: number | null;
}

describe.each(testEngines())('login throttling on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-11-23T08:00:00Z'));
  let orgId: string;
  let addressSeq = 0;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    // One proxy hop is trusted, so each test can speak from its own X-Forwarded-For address.
    t = await startTestApp(
      { ...db.env, DEMO_MODE: 'false', TRUST_PROXY_HOPS: '1', RATE_LIMIT_PER_MINUTE: '10000' },
      { clock },
    );
    orgId = (await createOrganisation(t.app)).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  /** A fresh documentation address (TEST-NET-3) per call. */
  const newAddress = () => {
    addressSeq += 1;
    return `203.0.113.${addressSeq}`;
  };

  async function login(email: string, password: string, ip: string): Promise<LoginAnswer> {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.origin, 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { code?: string };
    const retryAfter = res.headers.get('retry-after');
    return {
      status: res.status,
      code: body.code,
      retryAfter: retryAfter ? Number(retryAfter) : null,
    };
  }

  const newAccount = async () =>
    (await createUser(t.app, { organisationId: orgId, totp: false })).user.email;

  it('checks at most the limit of 12 parallel wrong passwords; the rest get 429 RATE_LIMITED', async () => {
    const email = await newAccount();
    const ip = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(email, `fout-wachtwoord-${i}`, ip)),
    );
    const checked = answers.filter((a) => a.status === 401);
    const refused = answers.filter((a) => a.status === 429);
    expect(checked.length).toBe(THROTTLE_LIMITS.acct.capacity);
    expect(refused.length).toBe(12 - THROTTLE_LIMITS.acct.capacity);
    for (const r of refused) {
      expect(r.code).toBe('RATE_LIMITED');
      expect(r.retryAfter).toBeGreaterThan(0);
    }
    // Even the right password waits now.
    expect((await login(email, TEST_PASSWORD, ip)).status).toBe(429);
  });

  it('limits one account per address: the same account elsewhere and colleagues behind the same address go on', async () => {
    const victim = await newAccount();
    const colleague = await newAccount();
    const office = newAddress();
    for (let i = 0; i < THROTTLE_LIMITS.acct.capacity; i += 1)
      expect((await login(victim, 'typo-wachtwoord', office)).status).toBe(401);
    expect((await login(victim, TEST_PASSWORD, office)).status).toBe(429);
    // The office is not locked out, and the account itself is not locked from elsewhere.
    expect((await login(colleague, TEST_PASSWORD, office)).status).toBe(200);
    expect((await login(victim, TEST_PASSWORD, newAddress())).status).toBe(200);
  });

  it('lets a locked account + address go again as the bucket drains (injected clock)', async () => {
    const email = await newAccount();
    const ip = newAddress();
    for (let i = 0; i < THROTTLE_LIMITS.acct.capacity; i += 1)
      expect((await login(email, 'typo-wachtwoord', ip)).status).toBe(401);
    const refused = await login(email, TEST_PASSWORD, ip);
    expect(refused.status).toBe(429);
    const wait = refused.retryAfter as number;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    clock.advance((wait - 5) * 1000);
    expect((await login(email, TEST_PASSWORD, ip)).status).toBe(429);
    // That refusal added to the bucket: waiting what it says is enough.
    const again = await login(email, TEST_PASSWORD, ip);
    clock.advance((again.retryAfter as number) * 1000);
    expect((await login(email, TEST_PASSWORD, ip)).status).toBe(200);
  });

  it('slows password spraying from one address across accounts, with decay, and leaves other addresses alone', async () => {
    const sprayer = newAddress();
    const { capacity, leakPerSecond } = THROTTLE_LIMITS.ip;
    const accounts = await Promise.all(
      Array.from({ length: Math.ceil(capacity / 5) }, () => newAccount()),
    );
    const answers: LoginAnswer[] = [];
    // Never more than five tries per account: only the address's bucket can fill up.
    for (let i = 0; i < capacity; i += 1)
      answers.push(await login(accounts[i % accounts.length] as string, `spray-${i}`, sprayer));
    expect(answers.every((a) => a.status === 401)).toBe(true);
    const target = await newAccount();
    const blocked = await login(target, 'Welkom2026!', sprayer);
    expect(blocked).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // Elsewhere the same account signs in.
    expect((await login(target, TEST_PASSWORD, newAddress())).status).toBe(200);
    // The address's bucket drains: after the announced wait one more try is checked.
    clock.advance((blocked.retryAfter as number) * 1000);
    expect((await login(target, 'nog-een-gok', sprayer)).status).toBe(401);
    const again = await login(target, 'en-nog-een', sprayer);
    expect(again.status).toBe(429);
    expect(again.retryAfter).toBeLessThanOrEqual(Math.ceil(3 / leakPerSecond));
    clock.advance((again.retryAfter as number) * 1000);
    expect((await login(target, TEST_PASSWORD, sprayer)).status).toBe(200);
  });

  it('does not count successful sign-ins of an office against its address', async () => {
    const office = newAddress();
    const staff = await Promise.all(
      Array.from({ length: THROTTLE_LIMITS.ip.capacity + 5 }, () => newAccount()),
    );
    const answers: number[] = [];
    for (const email of staff) answers.push((await login(email, TEST_PASSWORD, office)).status);
    expect(answers.every((s) => s === 200)).toBe(true);
  });
  it('checks at most the allowed number of 12 parallel wrong guest codes for one link', async () => {
    const team = (await createTeam(t.app, orgId)).id;
    const c = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      teams: [[team, ['member', 'chair']]],
    });
    const chair = await signIn(t, clock, c.user.email, c.totpSecret);
    const series = await chair.post<MeetingSeriesCreated>(`/api/teams/${team}/meeting-series`, {
      schedule: {
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        timeZone: 'Europe/Amsterdam',
        start: '2026-11-24T09:30',
        durationMinutes: 90,
      },
      chairId: c.user.id,
    });
    expect(series.status).toBe(201);
    const meetingId = must(series.body.meetings[0]).id;
    const added = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
      kind: 'overig',
      title: 'Werkafspraken',
      presenterUserId: c.user.id,
      timeBoxMinutes: 15,
    });
    const invited = await chair.post<GuestInvitationCreated>(`/api/meetings/${meetingId}/guests`, {
      name: 'Karin Kramer',
      email: 'karin@werk-en-inkomen.example',
      discipline: 'werk-en-inkomen',
      organisationName: 'Werkplein Voorbeeldstad',
      itemIds: [must(added.body.agenda[0]).id],
    });
    expect(invited.status).toBe(201);
    const token = must(new URL(invited.body.link).hash.slice(1));
    const guessing = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const res = await fetch(`${t.baseUrl}/api/guest/sign-in`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: t.origin,
            'x-forwarded-for': guessing,
          },
          body: JSON.stringify({ token, code: `1000000${i % 10}`.slice(0, 8) }),
        });
        return { status: res.status, body: (await res.json()) as { code?: string } };
      }),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(GUEST_CODE_MAX_ATTEMPTS);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(12 - GUEST_CODE_MAX_ATTEMPTS);
    for (const r of refused) expect(r.body.code).toBe('RATE_LIMITED');
    const rows = (await dataSourceOf(t.app).query(
      'SELECT "code_attempts" FROM "guest_invitation" WHERE "id" = $1',
      [invited.body.invitation.id],
    )) as { code_attempts: number }[];
    expect(Number(rows[0]?.code_attempts)).toBe(GUEST_CODE_MAX_ATTEMPTS);
  });
});
