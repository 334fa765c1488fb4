import type { CurrentUser } from '../identity';
import { arrayOf, boolean, type Check, object, oneOf, string, uuid } from './check';

/** Roles a user has in a team. Organisation administration is a separate, organisation-level flag. */
export const TEAM_ROLES = ['member', 'chair', 'team_leader', 'trainer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TEAM_TYPES = ['integraal', 'jeugd', 'wmo', 'overig'] as const;
export type TeamType = (typeof TEAM_TYPES)[number];

export const ORGANISATION_KINDS = ['gemeente', 'aanbieder'] as const;

export const DISCIPLINES = [
  'generalist',
  'wmo-consulent',
  'jeugdprofessional',
  'ggz',
  'schuldhulpverlener',
  'werk-en-inkomen',
  'wijkagent',
  'teamleider',
  'beleidsmedewerker',
  'anders',
] as const;
export type Discipline = (typeof DISCIPLINES)[number];

/** Mirrors `currentUserSchema` (zod-free, for the client shell). */
export const currentUserCheck: Check<CurrentUser> = object({
  id: uuid,
  displayName: string,
  email: string,
  discipline: oneOf(DISCIPLINES),
  organisationId: uuid,
  organisationName: string,
  orgAdmin: boolean,
  totpEnabled: boolean,
  teams: arrayOf(object({ teamId: uuid, teamName: string, roles: arrayOf(oneOf(TEAM_ROLES)) })),
  guest: boolean,
});
