import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiError, buildOverview, buildTeamDetail, buildUserView, IDS } from '../testing/fixtures';
import { AdminStore } from './admin.store';

describe('AdminStore', () => {
  let store: AdminStore;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(AdminStore);
    http = TestBed.inject(HttpTestingController);
    const load = store.loadOverview();
    http.expectOne('/api/admin/organisation').flush(buildOverview());
    await load;
  });

  afterEach(() => http.verify());

  it('loads the organisation overview', () => {
    expect(store.teams().map((t) => t.name)).toEqual(['Wijkteam Noord']);
    expect(store.users().map((u) => u.email)).toEqual(['jan@voorbeeldstad.nl']);
  });

  it('creates a team with POST /admin/teams and lists it', async () => {
    const create = store.createTeam({ name: 'Jeugdteam Zuid', type: 'jeugd' });
    const request = http.expectOne({ method: 'POST', url: '/api/admin/teams' });
    expect(request.request.body).toEqual({ name: 'Jeugdteam Zuid', type: 'jeugd' });
    request.flush({
      id: '4fad5a5c-be99-4a5c-bd4e-5e6f7a8b9ca4',
      name: 'Jeugdteam Zuid',
      type: 'jeugd',
      memberCount: 0,
      createdAt: '2026-11-22T10:00:00.000Z',
    });
    expect((await create).ok).toBe(true);
    expect(store.teams().map((t) => t.name)).toEqual(['Jeugdteam Zuid', 'Wijkteam Noord']);
  });

  it('renames a team with PATCH /admin/teams/:id', async () => {
    const update = store.updateTeam(IDS.team, { name: 'Wijkteam Noord-Oost' });
    const request = http.expectOne({ method: 'PATCH', url: `/api/admin/teams/${IDS.team}` });
    expect(request.request.body).toEqual({ name: 'Wijkteam Noord-Oost' });
    const { members: _m, ...summary } = buildTeamDetail({ name: 'Wijkteam Noord-Oost' });
    request.flush(summary);
    await update;
    expect(store.teams()[0].name).toBe('Wijkteam Noord-Oost');
  });

  it('invites a user with POST /admin/users and keeps the activation link', async () => {
    const invite = store.inviteUser({
      displayName: 'Noor Bakker',
      email: 'noor@voorbeeldstad.nl',
      discipline: 'jeugdprofessional',
      orgAdmin: false,
      teamId: IDS.team,
      roles: ['member'],
    });
    const request = http.expectOne({ method: 'POST', url: '/api/admin/users' });
    expect(request.request.body).toMatchObject({
      email: 'noor@voorbeeldstad.nl',
      teamId: IDS.team,
    });
    request.flush({
      user: buildUserView({
        id: IDS.user,
        displayName: 'Noor Bakker',
        email: 'noor@voorbeeldstad.nl',
        status: 'invited',
        lastLoginAt: null,
        activeSessions: 0,
      }),
      activationPath: '/activeren#tok',
      activationExpiresAt: '2026-11-29T10:00:00.000Z',
    });
    expect((await invite).ok).toBe(true);
    expect(store.invitation()?.activationPath).toBe('/activeren#tok');
    expect(store.users().map((u) => u.displayName)).toEqual(['Jan de Vries', 'Noor Bakker']);
    expect(store.teams()[0].memberCount).toBe(2);
    store.dismissInvitation();
    expect(store.invitation()).toBeNull();
  });

  it('answers a duplicate e-mail with CONFLICT and changes nothing', async () => {
    const invite = store.inviteUser({
      displayName: 'Jan de Vries',
      email: 'jan@voorbeeldstad.nl',
      discipline: 'generalist',
    });
    http.expectOne('/api/admin/users').flush(...apiError('CONFLICT', 409));
    const result = await invite;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure).toMatchObject({ code: 'CONFLICT' });
    expect(store.users()).toHaveLength(1);
  });

  it('disables and enables an account with PATCH /admin/users/:id', async () => {
    const disable = store.setDisabled(IDS.other, true);
    const request = http.expectOne({ method: 'PATCH', url: `/api/admin/users/${IDS.other}` });
    expect(request.request.body).toEqual({ disabled: true });
    request.flush(buildUserView({ status: 'disabled', activeSessions: 0 }));
    await disable;
    expect(store.users()[0].status).toBe('disabled');
  });

  it('ends sessions, resets 2FA and issues a new activation link on their endpoints', async () => {
    const end = store.endSessions(IDS.other);
    http
      .expectOne({ method: 'POST', url: `/api/admin/users/${IDS.other}/sessions/end` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await end;
    expect(store.users()[0].activeSessions).toBe(0);

    const reset = store.resetTotp(IDS.other);
    http
      .expectOne({ method: 'POST', url: `/api/admin/users/${IDS.other}/totp/reset` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await reset;
    expect(store.users()[0].totpEnabled).toBe(false);

    const link = store.newActivationLink(IDS.other);
    http.expectOne({ method: 'POST', url: `/api/admin/users/${IDS.other}/activation` }).flush({
      user: buildUserView({ status: 'invited' }),
      activationPath: '/activeren#new',
      activationExpiresAt: '2026-11-29T10:00:00.000Z',
    });
    await link;
    expect(store.invitation()?.activationPath).toBe('/activeren#new');
    expect(store.users()[0].status).toBe('invited');
  });

  it('changes roles with PUT and removes a member with DELETE', async () => {
    const load = store.loadTeam(IDS.team);
    http.expectOne({ method: 'GET', url: `/api/admin/teams/${IDS.team}` }).flush(buildTeamDetail());
    await load;

    const roles = store.setRoles(IDS.team, IDS.other, ['member', 'chair']);
    const put = http.expectOne({
      method: 'PUT',
      url: `/api/admin/teams/${IDS.team}/members/${IDS.other}`,
    });
    expect(put.request.body).toEqual({ roles: ['member', 'chair'] });
    put.flush(
      buildTeamDetail({
        members: [
          {
            userId: IDS.other,
            displayName: 'Jan de Vries',
            discipline: 'wmo-consulent',
            roles: ['member', 'chair'],
          },
        ],
      }),
    );
    await roles;
    expect(store.team()?.members[0].roles).toEqual(['member', 'chair']);

    const remove = store.removeMember(IDS.team, IDS.other);
    http
      .expectOne({ method: 'DELETE', url: `/api/admin/teams/${IDS.team}/members/${IDS.other}` })
      .flush(buildTeamDetail({ memberCount: 0, members: [] }));
    await remove;
    expect(store.team()?.members).toEqual([]);
    expect(store.teams()[0].memberCount).toBe(0);
  });
});
