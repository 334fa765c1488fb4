import { expect } from '@jest/globals';
import type { MeetingDetail, MeetingSummary, TeamRole } from '@casustafel/contracts';
import { createOrganisation, createTeam, createUser } from '../factories/identity.factory';
import type { BrowserClient } from './browser-client';
import { must } from './must';
import { startTestApp, type TestApp } from './test-app';

/**
 * Seeding for tests of built api processes: the database they share is filled through the api's
 * own code in this process first (its migrations run here, once), then closed.
 */
export interface SeedPerson {
  displayName: string;
  /** Roles in the team; none: not a member. */
  roles: TeamRole[];
  orgAdmin?: boolean;
}

/** A seeded account with an enrolled TOTP second factor. */
export interface SeededUser {
  id: string;
  email: string;
  totpSecret: string;
}

export interface SeededTeam {
  organisationId: string;
  teamId: string;
  /** In the order of the people asked for. */
  users: SeededUser[];
}

/** The api in this process on the shared database (`dbEnv`), demo mode off. */
export function startSeedApp(
  dbEnv: Record<string, string | undefined>,
  encryptionKey: string,
  extra: Record<string, string> = {},
): Promise<TestApp> {
  return startTestApp({ ...dbEnv, DEMO_MODE: 'false', ENCRYPTION_KEY: encryptionKey, ...extra });
}

/** On `seed`: an organisation with its team Wijkteam Noord and these people. */
export async function seedTeam(seed: TestApp, people: SeedPerson[]): Promise<SeededTeam> {
  const org = await createOrganisation(seed.app);
  const teamId = (await createTeam(seed.app, org.id, { name: 'Wijkteam Noord' })).id;
  const users: SeededUser[] = [];
  for (const person of people) {
    const u = await createUser(seed.app, {
      organisationId: org.id,
      displayName: person.displayName,
      totp: true,
      ...(person.orgAdmin ? { orgAdmin: true } : {}),
      teams: person.roles.length > 0 ? [[teamId, person.roles]] : [],
    });
    users.push({ id: u.user.id, email: u.user.email, totpSecret: must(u.totpSecret) });
  }
  return { organisationId: org.id, teamId, users };
}

/** startSeedApp, seedTeam, and the seeding api closed again. */
export async function seededTeam(
  dbEnv: Record<string, string | undefined>,
  encryptionKey: string,
  people: SeedPerson[],
): Promise<SeededTeam> {
  const seed = await startSeedApp(dbEnv, encryptionKey);
  try {
    return await seedTeam(seed, people);
  } finally {
    await seed.close();
  }
}

/** A meeting of the team starting in 24 hours (90 minutes unless told); its id. */
export async function meetingTomorrow(
  client: BrowserClient,
  teamId: string,
  meeting: { chairId: string; durationMinutes?: number; minuteTakerId?: string },
): Promise<string> {
  const res = await client.post<MeetingSummary>(`/api/teams/${teamId}/meetings`, {
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    durationMinutes: meeting.durationMinutes ?? 90,
    chairId: meeting.chairId,
    ...(meeting.minuteTakerId ? { minuteTakerId: meeting.minuteTakerId } : {}),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Puts an item of kind overig (Werkafspraken, 30 minutes unless told) on the agenda; its id. */
export async function workItem(
  client: BrowserClient,
  meetingId: string,
  item: { presenterUserId: string; title?: string; timeBoxMinutes?: number },
): Promise<string> {
  const res = await client.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
    kind: 'overig',
    title: item.title ?? 'Werkafspraken',
    presenterUserId: item.presenterUserId,
    timeBoxMinutes: item.timeBoxMinutes ?? 30,
  });
  expect(res.status).toBe(201);
  return must(res.body.agenda[0]).id;
}
