import { AsyncLocalStorage } from 'node:async_hooks';
import type { TeamRole } from '@casustafel/contracts';

/** The signed-in caller, as resolved from the session by the access guard or the socket handshake. */
export interface Actor {
  userId: string;
  sessionId: string;
  organisationId: string;
  orgAdmin: boolean;
  /** teamId → roles */
  teams: ReadonlyMap<string, readonly TeamRole[]>;
  secondFactorPassed: boolean;
  /** Set for an invited external specialist: the only meeting and agenda items they may see. */
  guest: GuestGrant | null;
  /** Set for a member of a household signed in with its link and code: that household only. */
  family: FamilyGrant | null;
  /** Set for a family or network member of a family conference (link + code): that conference only. */
  conference: ConferenceGrant | null;
}

/** What a conference participant's session may reach: one conference (checked on every resolve). */
export interface ConferenceGrant {
  invitationId: string;
  conferenceId: string;
  householdId: string;
  teamId: string;
  role: 'familie' | 'netwerk';
  expiresAt: Date;
}

/** What a family session may reach: one household (checked again on every resolve). */
export interface FamilyGrant {
  invitationId: string;
  householdId: string;
  teamId: string;
  expiresAt: Date;
}

/** What a guest session may reach (checked again on every resolve: revoked or expired ends it). */
export interface GuestGrant {
  invitationId: string;
  meetingId: string;
  teamId: string;
  itemIds: readonly string[];
  expiresAt: Date;
}

/** What the audit trail needs to know about the call being handled. */
export interface AuditNote {
  objectType?: string;
  objectId?: string | null;
  clientId?: string | null;
  purpose?: string | null;
  context?: Record<string, string> | null;
  legalBasis?: string | null;
}

export interface RequestContextStore {
  requestId: string | null;
  ip: string | null;
  channel: 'http' | 'socket' | 'system';
  actor: Actor | null;
  audit: AuditNote;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

/**
 * Per-call context (HTTP request or socket event), so services can add what the audit record
 * needs (the object, the client concerned) without knowing about requests or sockets.
 */
export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  /** Adds audit details for the current call; a no-op outside a call (jobs, CLI). */
  note(note: AuditNote): void {
    const store = storage.getStore();
    if (store) store.audit = { ...store.audit, ...note };
  },
  /** Records the call as this actor's (a sign-in: the call began without a session). */
  actAs(actor: Actor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};

/** The role recorded in the audit trail (as an audit code): the strongest role relevant to the call. */
export function actorRole(actor: Actor | null, teamId?: string): string | null {
  if (!actor) return null;
  if (actor.guest) return 'guest';
  if (actor.family) return 'family';
  if (actor.conference) return actor.conference.role === 'netwerk' ? 'network' : 'family';
  const roles = teamId ? actor.teams.get(teamId) : undefined;
  if (roles?.length) {
    const strongest = (['team_leader', 'chair', 'trainer', 'member'] as const).find((r) =>
      roles.includes(r),
    );
    return (strongest ?? 'member').replace('_', '-');
  }
  if (actor.orgAdmin) return 'org-admin';
  return actor.teams.size > 0 ? 'member' : 'user';
}
