// Data, one file: the table of every route's documented response (checked against the routes by the api-docs spec) reads best whole.
import * as z from 'zod';
import {
  accessLogSchema,
  auditEventPageSchema,
  calendarFeedViewSchema,
  caseDetailSchema,
  caseSummarySchema,
  consentSchema,
  erasureRequestListSchema,
  erasureRequestViewSchema,
  healthResponseSchema,
  insightComparisonSchema,
  insightDashboardSchema,
  insightTeamsSchema,
  householdDetailSchema,
  householdSummarySchema,
  mapPersonSchema,
  mapVersionSchema,
  mapVersionSummarySchema,
  networkMapSchema,
  ecoTieSchema,
  genogramLinkSchema,
  intervisionAttendanceSchema,
  myIntervisionSessionSchema,
  intervisionCaseSchema,
  intervisionCaseSummarySchema,
  intervisionSessionSchema,
  intervisionSourceSchema,
  inviteUserResponseSchema,
  meldcodeRecordSchema,
  networkPersonSchema,
  notificationListSchema,
  notificationSettingsViewSchema,
  organisationOverviewSchema,
  personSchema,
  preparationCommentSchema,
  preparationSchema,
  readyResponseSchema,
  regisseurCandidateSchema,
  sessionStateSchema,
  teamDetailSchema,
  teamSummarySchema,
  totpEnrolConfirmResponseSchema,
  totpEnrolmentSchema,
  userAdminViewSchema,
  zrmAssessmentSchema,
} from '@casustafel/contracts';

/**
 * What a route answers on success, for the OpenAPI document (request bodies, queries and path
 * parameters are read from the routes' zod pipes; see nest-routes.ts):
 * - a zod schema from `@casustafel/contracts`: the JSON body (responses are tested against it);
 * - `null`: no body (204, or 201/200 without content);
 * - `'redirect'`: a 302 to follow; a media type (`'application/pdf'`, `'text/calendar'`): a file;
 * - `{ typescript }`: JSON of that contracts type, which has no zod schema yet (documented by
 *   name only; giving it a schema in libs/contracts makes it validated like the others).
 * A route missing here fails `api-docs.integration-spec.ts` ("every route is documented").
 */
export type RouteMediaType = 'application/pdf' | 'text/calendar' | 'image/svg+xml' | 'text/csv';

export type RouteResponse = z.ZodType | null | 'redirect' | RouteMediaType | { typescript: string };

export interface RouteDoc {
  response: RouteResponse;
  summary?: string;
  /** Another media type the same route can answer with (e.g. a CSV export). */
  alsoAs?: string;
}

/** Keyed `METHOD /api/path/:param`, as Fastify routes it. */
export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'GET /api/audit-events': { response: auditEventPageSchema },
  'GET /api/auth/session': { response: sessionStateSchema },
  'POST /api/auth/login': { response: sessionStateSchema },
  'POST /api/auth/second-factor': { response: sessionStateSchema },
  'POST /api/auth/totp/enrolment': { response: totpEnrolmentSchema },
  'POST /api/auth/totp/enrolment/confirm': { response: totpEnrolConfirmResponseSchema },
  'POST /api/auth/activate': { response: sessionStateSchema },
  'POST /api/auth/logout': { response: null, summary: 'Sign out (ends the session)' },
  'GET /api/auth/oidc/start': {
    response: 'redirect',
    summary: 'Sign in with the organisation account: redirect to the identity provider',
  },
  'GET /api/auth/oidc/callback': {
    response: 'redirect',
    summary: 'Return from the identity provider: redirect into the app',
  },
  'GET /api/teams/:teamId/cases': { response: z.array(caseSummarySchema) },
  'POST /api/teams/:teamId/cases': { response: caseDetailSchema },
  'GET /api/teams/:teamId/regisseur-candidates': {
    response: z.array(regisseurCandidateSchema),
    summary: 'Who may be casusregisseur or procesregisseur of the team’s cases',
  },
  'GET /api/cases/:caseId': { response: caseDetailSchema },
  'PATCH /api/cases/:caseId': { response: caseDetailSchema },
  'POST /api/cases/:caseId/status': { response: caseDetailSchema },
  'POST /api/cases/:caseId/zrm': { response: zrmAssessmentSchema },
  'POST /api/cases/:caseId/meldcode': { response: meldcodeRecordSchema },
  'POST /api/meldcode/:recordId/steps': { response: meldcodeRecordSchema },
  'POST /api/cases/:caseId/preparations': { response: preparationSchema },
  'PUT /api/preparations/:preparationId': { response: preparationSchema },
  'POST /api/preparations/:preparationId/ready': { response: preparationSchema },
  'POST /api/preparations/:preparationId/draft': { response: preparationSchema },
  'POST /api/preparations/:preparationId/comments': { response: preparationCommentSchema },
  'GET /api/teams/:teamId/households': { response: z.array(householdSummarySchema) },
  'POST /api/teams/:teamId/households': { response: householdDetailSchema },
  'GET /api/households/:householdId': { response: householdDetailSchema },
  'PATCH /api/households/:householdId': { response: householdDetailSchema },
  'GET /api/households/:householdId/network-map': {
    response: networkMapSchema,
    summary: 'Genogram and ecogram of the household: its people, links and ties',
  },
  'POST /api/households/:householdId/network-map/persons': {
    response: mapPersonSchema,
    summary: 'Add a person drawn in the maps (a network person marked map-only)',
  },
  'PATCH /api/households/:householdId/network-map/persons/:personId': {
    response: null,
    summary: 'Change genogram traits of a member or network person',
  },
  'DELETE /api/households/:householdId/network-map/persons/:personId': {
    response: null,
    summary: 'Remove a map-only person and their lines',
  },
  'POST /api/households/:householdId/network-map/links': { response: genogramLinkSchema },
  'PATCH /api/households/:householdId/network-map/links/:linkId': { response: genogramLinkSchema },
  'DELETE /api/households/:householdId/network-map/links/:linkId': { response: null },
  'POST /api/households/:householdId/network-map/ties': { response: ecoTieSchema },
  'PATCH /api/households/:householdId/network-map/ties/:tieId': { response: null },
  'DELETE /api/households/:householdId/network-map/ties/:tieId': { response: null },
  'POST /api/households/:householdId/network-map/versions': {
    response: mapVersionSummarySchema,
    summary: 'Save a named version of both maps',
  },
  'GET /api/households/:householdId/network-map/versions': {
    response: z.array(mapVersionSummarySchema),
  },
  'GET /api/households/:householdId/network-map/versions/:versionId': {
    response: mapVersionSchema,
  },
  'GET /api/households/:householdId/network-map/export.svg': {
    response: 'image/svg+xml',
    summary: 'The genogram or ecogram (now, or a saved version) as an SVG file',
  },
  'POST /api/households/:householdId/persons': { response: personSchema },
  'PATCH /api/persons/:personId': { response: personSchema },
  'POST /api/households/:householdId/network': { response: networkPersonSchema },
  'DELETE /api/network/:networkPersonId': { response: null },
  'POST /api/households/:householdId/consents': { response: consentSchema },
  'POST /api/consents/:consentId/withdraw': { response: consentSchema },
  'GET /api/households/:householdId/access-log': {
    response: accessLogSchema,
    alsoAs: 'text/csv',
    summary: 'Who accessed this household (CSV with ?format=csv)',
  },
  'POST /api/meetings/:meetingId/guests': { response: { typescript: 'GuestInvitationCreated' } },
  'GET /api/meetings/:meetingId/guests': { response: { typescript: 'GuestInvitationView[]' } },
  'DELETE /api/meetings/:meetingId/guests/:invitationId': {
    response: { typescript: 'GuestInvitationView' },
  },
  'POST /api/meetings/:meetingId/guests/:invitationId/code': {
    response: { typescript: 'GuestInvitationCreated' },
  },
  'POST /api/guest/sign-in': { response: sessionStateSchema },
  'GET /api/guest/session': { response: { typescript: 'GuestSessionView' } },
  'GET /api/cases/:caseId/timeline': {
    response: { typescript: 'TimelinePage' },
    summary: 'The case’s story, newest first, filtered by the reader’s rights (?before=&limit=)',
  },
  'GET /api/households/:householdId/timeline': {
    response: { typescript: 'TimelinePage' },
    summary: 'The household’s story over the cases the reader may read',
  },
  'POST /api/households/:householdId/family-invitations': {
    response: { typescript: 'FamilyInvitationCreated' },
    summary: 'A link + one-time code for the family (shown once)',
  },
  'GET /api/households/:householdId/family-invitations': {
    response: { typescript: 'FamilyInvitationView[]' },
  },
  'DELETE /api/households/:householdId/family-invitations/:invitationId': {
    response: { typescript: 'FamilyInvitationView' },
  },
  'POST /api/family/sign-in': { response: sessionStateSchema },
  'GET /api/family/session': { response: { typescript: 'FamilySessionView' } },
  'GET /api/family/plan': { response: { typescript: 'FamilyPlanView' } },
  'GET /api/family/plan.pdf': {
    response: 'application/pdf',
    summary: 'The family’s plan in plain language (B1) as PDF',
  },
  'POST /api/family/agreement': { response: { typescript: 'FamilyAgreementView' } },
  'GET /api/family/access-log': {
    response: { typescript: 'FamilyAccessLog' },
    summary: 'Who accessed the family’s file, in plain words (AVG art. 15)',
  },
  'GET /api/health': { response: healthResponseSchema },
  'GET /api/ready': { response: readyResponseSchema },
  'GET /api/admin/organisation': { response: organisationOverviewSchema },
  'POST /api/admin/teams': { response: teamSummarySchema },
  'GET /api/admin/teams/:teamId': { response: teamDetailSchema },
  'PATCH /api/admin/teams/:teamId': { response: teamSummarySchema },
  'PUT /api/admin/teams/:teamId/members/:userId': { response: teamDetailSchema },
  'DELETE /api/admin/teams/:teamId/members/:userId': { response: teamDetailSchema },
  'POST /api/admin/users': { response: inviteUserResponseSchema },
  'POST /api/admin/users/:userId/activation': { response: inviteUserResponseSchema },
  'PATCH /api/admin/users/:userId': { response: userAdminViewSchema },
  'POST /api/admin/users/:userId/sessions/end': { response: null },
  'POST /api/admin/users/:userId/totp/reset': { response: null },
  'GET /api/teams': { response: z.array(teamSummarySchema) },
  'GET /api/teams/:teamId': { response: teamDetailSchema },
  'GET /api/meetings/:meetingId/records': { response: { typescript: 'MeetingRecordsView' } },
  'GET /api/live-sessions/:sessionId': {
    response: { typescript: 'SessionView' },
    summary: 'A live session as the caller’s role may see it (403 while locked out)',
  },
  'POST /api/meetings/:meetingId/decisions': {
    response: { typescript: 'RecordCommandResult<DecisionView>' },
  },
  'POST /api/meetings/:meetingId/actions': {
    response: { typescript: 'RecordCommandResult<ActionView>' },
  },
  'PATCH /api/actions/:actionId': { response: { typescript: 'RecordCommandResult<ActionView>' } },
  'GET /api/households/:householdId/support-plan': {
    response: { typescript: 'SupportPlanPage' },
    summary: 'The household support plan (or null), unprocessed decisions, latest ZRM',
  },
  'POST /api/households/:householdId/support-plan': { response: { typescript: 'SupportPlanView' } },
  'PATCH /api/support-plans/:planId/sections': {
    response: { typescript: 'SupportPlanView' },
    summary: 'Replace one section (basis, krachten, zorgen); 409 PLAN_CONFLICT when stale',
  },
  'POST /api/support-plans/:planId/goals': { response: { typescript: 'SupportPlanView' } },
  'PATCH /api/support-plans/:planId/goals/:goalId': {
    response: { typescript: 'SupportPlanView' },
    summary: '409 PLAN_CONFLICT (with the current plan) when expectedRev is stale',
  },
  'DELETE /api/support-plans/:planId/goals/:goalId': {
    response: { typescript: 'SupportPlanView' },
  },
  'POST /api/support-plans/:planId/items': { response: { typescript: 'SupportPlanView' } },
  'PATCH /api/support-plans/:planId/items/:itemId': {
    response: { typescript: 'SupportPlanView' },
    summary: '409 PLAN_CONFLICT (with the current plan) when expectedRev is stale',
  },
  'DELETE /api/support-plans/:planId/items/:itemId': {
    response: { typescript: 'SupportPlanView' },
  },
  'POST /api/support-plans/:planId/evaluations': { response: { typescript: 'SupportPlanView' } },
  'POST /api/support-plans/:planId/agreements': { response: { typescript: 'SupportPlanView' } },
  'GET /api/support-plans/:planId/versions': { response: { typescript: 'PlanVersionSummary[]' } },
  'GET /api/support-plans/:planId/versions/:number': {
    response: { typescript: 'PlanVersionView' },
  },
  'GET /api/support-plans/:planId/diff': {
    response: { typescript: 'PlanDiffView' },
    summary: 'Readable difference between two versions (from=0: the empty plan)',
  },
  'GET /api/teams/:teamId/support-plans/overdue-evaluations': {
    response: { typescript: 'OverdueEvaluationView[]' },
  },
  'GET /api/decisions/:decisionId/plan-items': { response: { typescript: 'DecisionPlanItems' } },
  'POST /api/decisions/:decisionId/plan-items': {
    response: { typescript: 'SupportPlanView' },
    summary: 'In plan opnemen: plan items pre-filled from the decision (the plan is made if none)',
  },
  'GET /api/guest/households/:householdId/support-plan': {
    response: { typescript: 'SharedPlanView' },
    summary: 'A guest specialist reads the plan only under a valid consent entry',
  },
  'GET /api/me/actions': { response: { typescript: 'MyActionView[]' } },
  'GET /api/me/meetings': { response: { typescript: 'MyMeetingView[]' } },
  'GET /api/me/preparations': { response: { typescript: 'OwedPreparationView[]' } },
  'GET /api/teams/:teamId/actions': { response: { typescript: 'ActionView[]' } },
  'GET /api/agenda-items/:itemId/follow-up': { response: { typescript: 'FollowUpView' } },
  'POST /api/meetings/:meetingId/minutes': { response: { typescript: 'MinutesView' } },
  'GET /api/meetings/:meetingId/minutes': { response: { typescript: 'MinutesView' } },
  'PATCH /api/meetings/:meetingId/minutes': { response: { typescript: 'MinutesView' } },
  'POST /api/meetings/:meetingId/minutes/approve': { response: { typescript: 'MinutesView' } },
  'GET /api/meetings/:meetingId/minutes.pdf': {
    response: 'application/pdf',
    summary: 'The approved minutes as PDF',
  },
  'GET /api/teams/:teamId/meetings': { response: { typescript: 'MeetingSummary[]' } },
  'POST /api/teams/:teamId/meetings': { response: { typescript: 'MeetingDetail' } },
  'POST /api/teams/:teamId/meeting-series': { response: { typescript: 'MeetingSeriesCreated' } },
  'GET /api/meetings/:meetingId': { response: { typescript: 'MeetingDetail' } },
  'PATCH /api/meetings/:meetingId': { response: { typescript: 'MeetingDetail' } },
  'POST /api/meetings/:meetingId/agenda': { response: { typescript: 'MeetingDetail' } },
  'POST /api/meetings/:meetingId/agenda/reorder': { response: { typescript: 'MeetingDetail' } },
  'PATCH /api/agenda-items/:itemId': { response: { typescript: 'MeetingDetail' } },
  'DELETE /api/agenda-items/:itemId': { response: null },
  'POST /api/meetings/:meetingId/publish': { response: { typescript: 'MeetingDetail' } },
  'POST /api/meetings/:meetingId/close': { response: { typescript: 'MeetingDetail' } },
  'GET /api/meetings/:meetingId/close-preview': { response: { typescript: 'MeetingClosePreview' } },
  'POST /api/meetings/:meetingId/cancel': { response: { typescript: 'MeetingDetail' } },
  'GET /api/notifications': { response: notificationListSchema },
  'POST /api/notifications/read': { response: notificationListSchema },
  'GET /api/notifications/settings': { response: notificationSettingsViewSchema },
  'PUT /api/notifications/settings': { response: notificationSettingsViewSchema },
  'GET /api/meetings/:meetingId/calendar.ics': {
    response: 'text/calendar',
    summary: 'The meeting as a calendar invitation (.ics)',
  },
  'GET /api/meeting-series/:seriesId/calendar.ics': {
    response: 'text/calendar',
    summary: 'The meetings of a series as calendar invitations (.ics)',
  },
  'GET /api/calendar/feed': { response: calendarFeedViewSchema },
  'POST /api/calendar/feed': {
    response: calendarFeedViewSchema,
    summary: 'Create or replace the user’s calendar feed (the secret URL is shown once)',
  },
  'DELETE /api/calendar/feed': { response: calendarFeedViewSchema },
  'GET /api/calendar/feed.ics': {
    response: 'text/calendar',
    summary: 'The user’s calendar feed (no session: the secret token in ?token= is the key)',
  },
  'POST /api/households/:householdId/erasure-requests': {
    response: erasureRequestViewSchema,
    summary: 'File an AVG art. 17 erasure request (a member of the household’s team)',
  },
  'GET /api/admin/erasure-requests': { response: erasureRequestListSchema },
  'POST /api/admin/erasure-requests/:requestId/assess': { response: erasureRequestViewSchema },
  'POST /api/admin/erasure-requests/:requestId/execute': { response: erasureRequestViewSchema },
  'POST /api/cases/:caseId/intervision-copies': {
    response: intervisionCaseSchema,
    summary:
      'Make an anonymised intervision copy of a case (in review until a second person releases it)',
  },
  'GET /api/teams/:teamId/intervision-cases': { response: z.array(intervisionCaseSummarySchema) },
  'GET /api/intervision-cases/:copyId': { response: intervisionCaseSchema },
  'POST /api/intervision-cases/:copyId/review': { response: intervisionCaseSchema },
  'POST /api/intervision-cases/:copyId/release': { response: intervisionCaseSchema },
  'GET /api/intervision-cases/:copyId/source': {
    response: intervisionSourceSchema,
    summary: 'The source case of a copy: for its creator only',
  },
  'POST /api/intervision-cases/:copyId/sessions': {
    response: intervisionSessionSchema,
    summary:
      'Start an intervision session with a method on a released copy (the caller leads it); the room runs on the live-session engine',
  },
  'GET /api/intervision-sessions/:sessionId': {
    response: intervisionSessionSchema,
    summary: 'An intervision session: method, phases and the anonymised text (participants only)',
  },
  'POST /api/intervision-sessions/:sessionId/end': {
    response: intervisionSessionSchema,
    summary: 'The trainer ends the session: attendance records are written',
  },
  'GET /api/intervision-sessions/:sessionId/attendance': {
    response: z.array(intervisionAttendanceSchema),
    summary: 'Attendance of an ended session (participants only)',
  },
  'GET /api/intervision-sessions/:sessionId/attendance.pdf': {
    response: 'application/pdf',
    summary: 'Attendance record of an ended session as PDF, for accreditation',
  },
  'GET /api/me/intervision-sessions': {
    response: z.array(myIntervisionSessionSchema),
    summary: 'The caller’s intervision sessions: running, or ended in the last 14 days',
  },
  'GET /api/me/intervision-attendance': {
    response: z.array(intervisionAttendanceSchema),
    summary: 'Own intervision attendance in a period',
  },
  'GET /api/me/intervision-attendance.pdf': {
    response: 'application/pdf',
    summary: 'Own intervision attendance in a period as PDF, for accreditation',
  },
  'GET /api/insight/teams': {
    response: insightTeamsSchema,
    summary: 'Teams whose management information the caller may read',
  },
  'GET /api/insight/compare': {
    response: insightComparisonSchema,
    summary: 'Headline figures of every team of the organisation (small cells hidden)',
  },
  'GET /api/teams/:teamId/insight': {
    response: insightDashboardSchema,
    summary: 'Management information of a team for a period (aggregates, small cells hidden)',
  },
  'GET /api/teams/:teamId/insight/export': {
    response: 'text/csv',
    summary:
      'The management information as CSV (?format=csv) or shaped after the GMSD (?format=gmsd)',
  },
  'GET /api/households/:householdId/family-conferences': {
    response: { typescript: 'ConferenceSummary[]' },
    summary: 'The household’s family group conferences (familienetwerkberaden)',
  },
  'GET /api/households/:householdId/family-conference-circle': {
    response: { typescript: 'CircleSuggestion[]' },
    summary: 'The circle drawn from the household and its ecogram, strongest ties first',
  },
  'POST /api/households/:householdId/family-conferences': {
    response: { typescript: 'ConferenceView' },
    summary: 'Prepare a family group conference (circle, coordinator, bottom lines)',
  },
  'GET /api/family-conferences/:conferenceId': {
    response: { typescript: 'ConferenceView' },
    summary:
      'The conference, as far as the caller’s role and the phase allow (403 in besloten tijd for professionals)',
  },
  'PATCH /api/family-conferences/:conferenceId': { response: { typescript: 'ConferenceView' } },
  'POST /api/family-conferences/:conferenceId/circle': {
    response: { typescript: 'ConferenceView' },
    summary: 'Add someone to the circle (before the start)',
  },
  'POST /api/family-conferences/:conferenceId/bottom-lines': {
    response: { typescript: 'ConferenceView' },
    summary: 'Add a bottom line (safety condition), before the start',
  },
  'POST /api/family-conferences/:conferenceId/circle/:participantId/invitation': {
    response: { typescript: 'CircleInvitationCreated' },
    summary: 'A link + one-time code for a member of the circle (shown once)',
  },
  'DELETE /api/family-conferences/:conferenceId/circle/:participantId/invitation': {
    response: { typescript: 'ConferenceView' },
    summary:
      'Withdraw a circle member’s invitation: link, code and session stop at once (also while it runs)',
  },
  'DELETE /api/family-conferences/:conferenceId/circle/:participantId': {
    response: { typescript: 'ConferenceView' },
    summary: 'Take someone who never signed in out of the circle (before the start)',
  },
  'POST /api/family-conferences/:conferenceId/start': {
    response: { typescript: 'ConferenceView' },
    summary: 'The coordinator starts the conference: its session on the live engine',
  },
  'GET /api/family-conferences/:conferenceId/plan': {
    response: { typescript: 'FamilyGroupPlanView' },
    summary: 'The familiegroepsplan (during besloten tijd: the family’s and network’s only)',
  },
  'PUT /api/family-conferences/:conferenceId/plan': {
    response: { typescript: 'FamilyGroupPlanView' },
    summary: 'Draft (family, besloten tijd) or record (coordinator, presentation) the plan',
  },
  'GET /api/family-conferences/:conferenceId/plan.csv': {
    response: 'text/csv',
    summary: 'The familiegroepsplan as CSV, under the same rule as the plan',
  },
  'POST /api/family-conferences/:conferenceId/bottom-lines/:lineId/check': {
    response: { typescript: 'ConferenceView' },
    summary: 'The coordinator checks one bottom line at the presentation',
  },
  'POST /api/family-conferences/:conferenceId/accept': {
    response: { typescript: 'ConferenceView' },
    summary: 'The professional accepts the plan: it becomes the household’s leading plan',
  },
  'POST /api/family-conferences/:conferenceId/follow-up': {
    response: { typescript: 'ConferenceView' },
    summary: 'The coordinator or a professional records the four-week follow-up as done (once)',
  },
  'POST /api/conference/sign-in': {
    response: { typescript: 'ConferenceSessionView' },
    summary: 'A family or network member signs in with link + code (network: with consent)',
  },
  'GET /api/conference/session': { response: { typescript: 'ConferenceSessionView' } },
};
