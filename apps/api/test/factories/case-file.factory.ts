import { expect } from '@jest/globals';
import { generate } from 'otplib';
import type { SessionState } from '@casustafel/contracts';
import { ZRM_DOMAIN_KEYS_2017 } from '@casustafel/domain';
import { BrowserClient } from '../support/browser-client';
import type { FakeClock, TestApp } from '../support/test-app';
import { TEST_PASSWORD } from './identity.factory';

/** Signs in with password and TOTP (a fresh time step each time: a code works once). */
export async function signIn(
  t: TestApp,
  clock: FakeClock | null,
  email: string,
  totpSecret: string | null,
  password = TEST_PASSWORD,
): Promise<BrowserClient> {
  const b = new BrowserClient(t.baseUrl);
  const login = await b.post<SessionState>('/api/auth/login', { email, password });
  expect(login.status).toBe(200);
  if (totpSecret) {
    clock?.advance(30_000);
    const now = clock ? clock.now() : new Date();
    const code = await generate({
      secret: totpSecret,
      epoch: Math.floor(now.getTime() / 1000),
      period: 30,
    });
    const passed = await b.post<SessionState>('/api/auth/second-factor', { code });
    expect(passed.body.stage).toBe('complete');
  }
  return b;
}

/** A complete, valid ZRM 2017 assessment request for `assessedAt`. */
export function zrm2017(
  assessedAt: string,
  score: number | 'niet-gescoord' = 3,
): { version: '2017'; assessedAt: string; domains: Record<string, Record<string, unknown>> } {
  return {
    version: '2017',
    assessedAt,
    domains: Object.fromEntries(
      ZRM_DOMAIN_KEYS_2017.map((key) => [
        key,
        score === 'niet-gescoord'
          ? { score }
          : { score, sources: ['client', 'professional'], toelichting: `toelichting ${key}` },
      ]),
    ),
  };
}

export const householdInput = (label = 'Huishouden Testfamilie') => ({
  label,
  address: { street: 'Teststraat 1', postcode: '1234 ab', city: 'Voorbeeldstad' },
});

export const personInput = (overrides: Record<string, unknown> = {}) => ({
  givenName: 'Test',
  familyName: 'Persoon',
  role: 'ouder',
  ...overrides,
});

/**
 * Records a legal basis for the MDO in the household's consent ledger, so the team may put
 * its cases on an agenda without a justification (the check of issue 10 point 7).
 */
export async function coverForMeetings(
  client: BrowserClient,
  householdId: string,
  teamId: string,
  grantedAt = '2026-01-01',
): Promise<void> {
  const answer = await client.post(`/api/households/${householdId}/consents`, {
    basis: 'wettelijke-grondslag',
    legalBasis: 'wettelijke-taak-wmo',
    purpose: 'mdo',
    dataCategories: ['identificatie'],
    recipients: [{ kind: 'team', teamId }],
    grantedAt,
  });
  expect(answer.status).toBe(201);
}
