import { SetMetadata } from '@nestjs/common';

/**
 * What a route or socket handler requires. `public` needs no session; `session` needs a
 * signed-in session that may still have to pass its second factor (enrolment, verification);
 * every other permission needs a session that passed the second factor, and is computed by the
 * policy layer (CASL) from the user's memberships and, later, case relations and guest grants.
 */
export type Permission =
  | 'public'
  | 'session'
  | 'authenticated'
  | 'organisation:manage'
  | 'team:read'
  | 'audit:read'
  /** Client data (the case file): a member of at least one team, or a case's regisseur. */
  | 'client-data'
  /** Meetings of a team: a member of at least one team (the service checks the meeting's team). */
  | 'meeting'
  /** A signed-in guest (invited external specialist); the service checks the invitation. */
  | 'guest'
  /** The live room and notes: a team member, or a guest (the service checks the items). */
  | 'meeting-or-guest'
  /** A signed-in family (household link + code); the service checks the household. */
  | 'family'
  /**
   * A family conference: a family or network member signed in with its link + code, or a staff
   * member (the service checks the conference: coordinator, professional, the household's team).
   */
  | 'conference'
  /**
   * Management information (aggregates only): a team leader, or an organisation admin (the
   * policy role); the service checks the team and its organisation.
   */
  | 'insight';

/**
 * The NEN 7513 audit action recorded for each call (`<object>.<verb>`), or `none` for calls
 * that touch no protected data (liveness, the clock, the own session).
 */
export type AuditAction =
  | 'none'
  | 'access.denied'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.second-factor'
  | 'auth.totp-enrol'
  | 'auth.activate'
  | 'auth.oidc-login'
  | 'organisation.read'
  | 'team.create'
  | 'team.update'
  | 'team.read'
  | 'user.invite'
  | 'user.update'
  | 'user.disable'
  | 'user.enable'
  | 'user.sessions-end'
  | 'user.totp-reset'
  | 'membership.update'
  | 'membership.remove'
  | 'audit.read'
  | 'audit.export'
  | 'household.read'
  | 'household.create'
  | 'household.update'
  | 'person.create'
  | 'person.update'
  | 'network.update'
  | 'network-map.read'
  | 'network-map.update'
  | 'network-map.version'
  | 'network-map.export'
  | 'consent.create'
  | 'consent.withdraw'
  | 'case.list'
  | 'case.read'
  | 'case.create'
  | 'case.update'
  | 'case.status'
  | 'zrm.create'
  | 'meldcode.open'
  | 'meldcode.step'
  | 'preparation.create'
  | 'preparation.update'
  | 'preparation.ready'
  | 'preparation.comment'
  | 'intervision-case.create'
  | 'intervision-case.list'
  | 'intervision-case.read'
  | 'intervision-case.review'
  | 'intervision-case.release'
  | 'intervision-case.source'
  | 'intervision-session.start'
  | 'intervision-session.read'
  | 'intervision-session.list'
  | 'intervision-session.end'
  | 'intervision-attendance.list'
  | 'intervision-attendance.export'
  | 'preparation.list'
  | 'access-log.export'
  | 'erasure.list'
  | 'erasure.request'
  | 'erasure.assess'
  | 'erasure.execute'
  | 'meeting-series.create'
  | 'meeting.list'
  | 'meeting.create'
  | 'meeting.read'
  | 'meeting.update'
  | 'meeting.publish'
  | 'meeting.close'
  | 'meeting.cancel'
  | 'meeting.join'
  | 'meeting.command'
  | 'live-session.join'
  | 'live-session.command'
  | 'live-session.read'
  | 'agenda.create'
  | 'agenda.update'
  | 'agenda.delete'
  | 'agenda.reorder'
  | 'note.read'
  | 'note.update'
  | 'decision.create'
  | 'decision.list'
  | 'action.create'
  | 'action.update'
  | 'action.list'
  | 'follow-up.read'
  | 'minutes.read'
  | 'minutes.generate'
  | 'minutes.update'
  | 'minutes.approve'
  | 'minutes.export'
  | 'guest.invite'
  | 'guest.list'
  | 'guest.revoke'
  | 'guest.code'
  | 'guest.sign-in'
  | 'guest.read'
  | 'guest.join'
  | 'timeline.read'
  | 'family.invite'
  | 'family.list'
  | 'family.revoke'
  | 'family.sign-in'
  | 'family.read'
  | 'family.access-log'
  | 'family.agree'
  | 'family.export'
  | 'notification-settings.update'
  | 'calendar.download'
  | 'calendar-feed.create'
  | 'calendar-feed.revoke'
  | 'calendar-feed.read'
  | 'insight.read'
  | 'insight.export'
  | 'support-plan.read'
  | 'support-plan.create'
  | 'support-plan.update'
  | 'support-plan.version-read'
  | 'support-plan.agreement'
  | 'support-plan.evaluation'
  | 'support-plan.overdue-list'
  | 'support-plan.from-decision'
  | 'support-plan.decision-items'
  | 'support-plan.shared-read'
  | 'family-conference.list'
  | 'family-conference.circle'
  | 'family-conference.create'
  | 'family-conference.read'
  | 'family-conference.update'
  | 'family-conference.invite'
  | 'family-conference.revoke'
  | 'family-conference.circle-remove'
  | 'family-conference.start'
  | 'family-conference.plan-read'
  | 'family-conference.plan-update'
  | 'family-conference.bottom-line'
  | 'family-conference.accept'
  | 'family-conference.follow-up'
  | 'family-conference.export'
  | 'family-conference.join'
  | 'family-conference.command'
  | 'conference.sign-in'
  | 'conference.session';

export interface AccessPolicy {
  permission: Permission;
  audit: AuditAction;
}

export const ACCESS_POLICY = 'casustafel:access-policy';

/**
 * Declares the permission and audit action of a controller method or socket handler. The
 * global guard refuses any handler without one, and a test enumerates every handler.
 */
export const Access = (
  permission: Permission,
  audit: AuditAction,
): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { permission, audit } satisfies AccessPolicy);

/** Explicit opt-out of authentication, for liveness, readiness and the clock. */
export const Public = (): MethodDecorator & ClassDecorator => Access('public', 'none');
