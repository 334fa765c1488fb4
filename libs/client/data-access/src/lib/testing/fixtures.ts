import type {
  CurrentUser,
  OrganisationOverview,
  SessionState,
  TeamDetail,
  UserAdminView,
} from '@casustafel/contracts';

/** Test data in the shape of the contracts (used by specs only). */
export const IDS = {
  org: '0b6f1c1e-7a55-4c1e-9f0a-1a2b3c4d5e60',
  user: '1c7a2d2f-8b66-4d2f-8a1b-2b3c4d5e6f71',
  other: '2d8b3e3a-9c77-4e3a-9b2c-3c4d5e6f7a82',
  team: '3e9c4f4b-ad88-4f4b-ac3d-4d5e6f7a8b93',
} as const;

export function buildUser(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: IDS.user,
    displayName: 'Fatima el Amrani',
    email: 'fatima@voorbeeldstad.nl',
    discipline: 'generalist',
    organisationId: IDS.org,
    organisationName: 'Gemeente Voorbeeldstad',
    orgAdmin: false,
    totpEnabled: true,
    teams: [{ teamId: IDS.team, teamName: 'Wijkteam Noord', roles: ['member', 'chair'] }],
    guest: false,
    ...overrides,
  };
}

export function buildSession(overrides: Partial<SessionState> = {}): SessionState {
  const stage = overrides.stage ?? 'complete';
  return {
    stage,
    user: stage === 'anonymous' ? null : buildUser(),
    csrfToken: stage === 'anonymous' ? null : 'csrf-token-1',
    demo: false,
    idleTimeoutSeconds: 900,
    expiresAt: null,
    sso: { enabled: false, label: null },
    ...overrides,
  };
}

export function buildUserView(overrides: Partial<UserAdminView> = {}): UserAdminView {
  return {
    id: IDS.other,
    displayName: 'Jan de Vries',
    email: 'jan@voorbeeldstad.nl',
    discipline: 'wmo-consulent',
    orgAdmin: false,
    status: 'active',
    totpEnabled: true,
    ssoLinked: false,
    lastLoginAt: '2026-11-20T09:15:00.000Z',
    activeSessions: 2,
    teams: [{ teamId: IDS.team, teamName: 'Wijkteam Noord', roles: ['member'] }],
    ...overrides,
  };
}

export function buildTeamDetail(overrides: Partial<TeamDetail> = {}): TeamDetail {
  return {
    id: IDS.team,
    name: 'Wijkteam Noord',
    type: 'integraal',
    memberCount: 1,
    createdAt: '2026-01-05T08:00:00.000Z',
    members: [
      {
        userId: IDS.other,
        displayName: 'Jan de Vries',
        discipline: 'wmo-consulent',
        roles: ['member'],
      },
    ],
    ...overrides,
  };
}

export function buildOverview(overrides: Partial<OrganisationOverview> = {}): OrganisationOverview {
  const { members: _members, ...team } = buildTeamDetail();
  return {
    id: IDS.org,
    name: 'Gemeente Voorbeeldstad',
    kind: 'gemeente',
    teams: [team],
    users: [buildUserView()],
    ...overrides,
  };
}

export function apiError(
  code: string,
  status: number,
): [object, { status: number; statusText: string }] {
  return [
    { code, message: 'english text', requestId: 'req-1' },
    { status, statusText: 'Error' },
  ];
}
