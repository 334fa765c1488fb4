import type { TeamRole } from '@casustafel/contracts';
import type { BrowserClient } from '../support/browser-client';
import type { FakeClock, TestApp } from '../support/test-app';
import { must } from '../support/must';
import { signIn } from './case-file.factory';
import { createOrganisation, createTeam, createUser } from './identity.factory';

/** A professional with a TOTP second factor, signed in. */
export interface Colleague {
  id: string;
  email: string;
  totpSecret: string | null;
  client: BrowserClient;
  /** A fresh sign-in (the clock moved past a timeout, or the session was ended). */
  signInAgain(): Promise<BrowserClient>;
}

/** Creates a user of `organisationId` in `teams` (with TOTP) and signs them in. */
export async function colleague(
  t: TestApp,
  clock: FakeClock | null,
  organisationId: string,
  displayName: string,
  teams: [string, TeamRole[]][],
  options: { orgAdmin?: boolean } = {},
): Promise<Colleague> {
  const u = await createUser(t.app, {
    organisationId,
    displayName,
    totp: true,
    teams,
    ...(options.orgAdmin ? { orgAdmin: true } : {}),
  });
  const signInAgain = () => signIn(t, clock, u.user.email, u.totpSecret);
  return {
    id: u.user.id,
    email: u.user.email,
    totpSecret: u.totpSecret,
    client: await signInAgain(),
    signInAgain,
  };
}

/** The cast of most meeting tests: a team of one organisation with its chair and a member. */
export interface OneTeam {
  organisationId: string;
  teamA: string;
  /** Alice Aalbers: member and chair of team A. */
  chair: Colleague;
  /** Anna Noordhoek: member of team A. */
  member: Colleague;
  /** Another colleague of the organisation (signed in after the others). */
  add(displayName: string, teams: [string, TeamRole[]][], orgAdmin?: boolean): Promise<Colleague>;
}

export interface TwoTeams extends OneTeam {
  teamB: string;
  /** Bob Buitenteam: member of team B. */
  outsider: Colleague;
}

/** An organisation with teams of these names, and a way to add signed-in colleagues to it. */
export async function organisationWith(t: TestApp, clock: FakeClock | null, teamNames: string[]) {
  const org = await createOrganisation(t.app);
  const teams: string[] = [];
  for (const name of teamNames) teams.push((await createTeam(t.app, org.id, { name })).id);
  const add = (displayName: string, teams: [string, TeamRole[]][], orgAdmin = false) =>
    colleague(t, clock, org.id, displayName, teams, { orgAdmin });
  return { organisationId: org.id, teams, add };
}

/** Team A (Wijkteam Noord, or `teamName`) with its chair Alice and its member Anna. */
export async function oneTeam(
  t: TestApp,
  clock: FakeClock | null,
  teamName = 'Wijkteam Noord',
): Promise<OneTeam> {
  const { organisationId, teams, add } = await organisationWith(t, clock, [teamName]);
  const teamA = must(teams[0]);
  const chair = await add('Alice Aalbers', [[teamA, ['member', 'chair']]]);
  const member = await add('Anna Noordhoek', [[teamA, ['member']]]);
  return { organisationId, teamA, chair, member, add };
}

/** Team A (Wijkteam Noord) with its chair and member, and Bob (or `outsider`) of team B (Zuid). */
export async function twoTeams(
  t: TestApp,
  clock: FakeClock | null,
  names: { outsider?: string } = {},
): Promise<TwoTeams> {
  const teamNames = ['Wijkteam Noord', 'Wijkteam Zuid'];
  const { organisationId, teams, add } = await organisationWith(t, clock, teamNames);
  const [teamA, teamB] = [must(teams[0]), must(teams[1])];
  const chair = await add('Alice Aalbers', [[teamA, ['member', 'chair']]]);
  const member = await add('Anna Noordhoek', [[teamA, ['member']]]);
  const outsider = await add(names.outsider ?? 'Bob Buitenteam', [[teamB, ['member']]]);
  return { organisationId, teamA, teamB, chair, member, outsider, add };
}
