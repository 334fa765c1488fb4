import {
  AbilityBuilder,
  type ForcedSubject,
  type MongoAbility,
  type MongoQuery,
  createMongoAbility,
  subject,
} from '@casl/ability';
import type { Actor } from '../context/request-context';

type Shaped<Name extends string, Fields> = Name | (Fields & ForcedSubject<Name>);

/** What can be acted upon, with the fields object-level rules match. */
export type Subject =
  | Shaped<'Organisation', { id: string }>
  | Shaped<'Team', { id?: string; organisationId: string }>
  | Shaped<'Membership', { organisationId: string }>
  | Shaped<'User', { organisationId: string }>
  | Shaped<'AuditEvent', { organisationId: string }>
  | Shaped<'ClientData', { teamId: string }>
  | Shaped<'Meeting', { teamId: string }>
  | Shaped<'Case', { teamId: string; casusregisseurId: string; procesregisseurId: string | null }>;
export type PolicyAction = 'manage' | 'read' | 'update' | 'create' | 'delete';
export type AppAbility = MongoAbility<[PolicyAction, Subject], MongoQuery>;

/**
 * The one policy layer (CASL): abilities computed from memberships (and, in later features,
 * case relations and guest grants). Need-to-know: an organisation admin manages teams and
 * accounts of the own organisation but gets no client data from that role; team data is for
 * the team's members.
 */
export function abilityFor(actor: Actor): AppAbility {
  // An actor is resolved once per request or socket and never changes: build its ability once
  // (a socket asks on every event, several times a second while someone types).
  const known = abilities.get(actor);
  if (known) return known;
  const ability = buildAbility(actor);
  abilities.set(actor, ability);
  return ability;
}

const abilities = new WeakMap<Actor, AppAbility>();

function buildAbility(actor: Actor): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const teamIds = [...actor.teams.keys()];
  if (actor.orgAdmin) {
    can('manage', 'Organisation', { id: actor.organisationId });
    can('manage', 'Team', { organisationId: actor.organisationId });
    can('manage', 'Membership', { organisationId: actor.organisationId });
    can('manage', 'User', { organisationId: actor.organisationId });
    can('read', 'AuditEvent', { organisationId: actor.organisationId });
  }
  if (teamIds.length > 0) {
    can('read', 'Team', { id: { $in: teamIds } });
    can(['read', 'create', 'update', 'delete'], 'ClientData', { teamId: { $in: teamIds } });
    can(['read', 'create', 'update'], 'Case', { teamId: { $in: teamIds } });
    can(['read', 'create', 'update', 'delete'], 'Meeting', { teamId: { $in: teamIds } });
  }
  can(['read', 'update'], 'Case', { casusregisseurId: actor.userId });
  can(['read', 'update'], 'Case', { procesregisseurId: actor.userId });
  return build();
}

export { subject as asSubject };
