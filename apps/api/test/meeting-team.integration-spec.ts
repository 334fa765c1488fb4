import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  CaseDetail,
  FollowUpView,
  GuestInvitationCreated,
  LiveAck,
  MeetingPresence,
  MinutesView,
  HouseholdDetail,
  MeetingClosePreview,
  MeetingDetail,
  MeetingSeriesCreated,
  MyActionView,
  MyMeetingView,
  OwedPreparationView,
  NotificationList,
  Preparation,
} from '@casustafel/contracts';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { FakeClock, nextEvent, pollUntil, startTestApp, type TestApp } from './support/test-app';
import { coverForMeetings, householdInput, signIn } from './factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from './factories/identity.factory';
import { must } from './support/must';

/**
 * The meeting as a team runs it (issue 11 point 3): a counted series makes every meeting, the
 * follow-up item lists the open actions, "Mijn acties", what closing does with undiscussed items,
 * and cancelling a meeting (guests lose access, the team is told).
 */
describe.each(testEngines())('the meeting as a team runs it on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let teamA: string;
  let chair: BrowserClient;
  let member: BrowserClient;
  let outsider: BrowserClient;
  let chairId: string;
  let memberId: string;
  let caseId: string;
  let preparationId: string;
  let first: MeetingDetail;
  let second: MeetingDetail;
  let caseItemId: string;
  let actionId: string;
  let memberLogin: { email: string; totpSecret: string | null };

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const org = await createOrganisation(t.app);
    teamA = (await createTeam(t.app, org.id, { name: 'Wijkteam West' })).id;
    const teamB = (await createTeam(t.app, org.id, { name: 'Wijkteam Oost' })).id;
    const make = async (displayName: string, teams: [string, ('member' | 'chair')[]][]) => {
      const u = await createUser(t.app, { organisationId: org.id, displayName, totp: true, teams });
      return {
        id: u.user.id,
        login: { email: u.user.email, totpSecret: u.totpSecret },
        client: await signIn(t, clock, u.user.email, u.totpSecret),
      };
    };
    const a = await make('Carla Voorzitter', [[teamA, ['member', 'chair']]]);
    const n = await make('Mo Lid', [[teamA, ['member']]]);
    const b = await make('Bas Buiten', [[teamB, ['member']]]);
    [chair, chairId, member, memberId, outsider] = [a.client, a.id, n.client, n.id, b.client];
    memberLogin = n.login;

    const household = await chair.post<HouseholdDetail>(
      `/api/teams/${teamA}/households`,
      householdInput(),
    );
    await coverForMeetings(chair, household.body.id, teamA);
    const created = await chair.post<CaseDetail>(`/api/teams/${teamA}/cases`, {
      householdId: household.body.id,
      title: 'Gezin met schulden',
      casusregisseurId: memberId,
    });
    caseId = created.body.id;
    const prep = await member.post<Preparation>(`/api/cases/${caseId}/preparations`, {
      content: { vraag: 'Hoe voorkomen we dat het gezin de woning verliest?' },
    });
    preparationId = prep.body.id;
    expect((await member.post(`/api/preparations/${preparationId}/ready`)).status).toBe(200);

    const single = (startsAt: string) =>
      chair.post<MeetingDetail>(`/api/teams/${teamA}/meetings`, {
        startsAt,
        durationMinutes: 90,
        chairId,
      });
    first = (await single('2026-03-03T08:30:00Z')).body;
    second = (await single('2026-03-10T08:30:00Z')).body;
    const added = await chair.post<MeetingDetail>(`/api/meetings/${first.id}/agenda`, {
      kind: 'casusbespreking',
      presenterUserId: memberId,
      timeBoxMinutes: 20,
      preparationId,
    });
    expect(added.status).toBe(201);
    caseItemId = must(added.body.agenda[0]).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('makes every meeting of a counted series: four asked, four made, even every fourth week', async () => {
    const res = await chair.post<MeetingSeriesCreated>(`/api/teams/${teamA}/meeting-series`, {
      schedule: {
        rrule: 'FREQ=WEEKLY;INTERVAL=4;BYDAY=TH;COUNT=4',
        start: '2026-03-05T14:00',
        durationMinutes: 60,
      },
      chairId,
    });
    expect(res.status).toBe(201);
    expect(res.body.meetings.map((m) => m.startsAt)).toEqual([
      '2026-03-05T13:00:00.000Z',
      '2026-04-02T12:00:00.000Z',
      '2026-04-30T12:00:00.000Z',
      '2026-05-28T12:00:00.000Z',
    ]);

    // Closing: the chair is told where undiscussed case items go.
    const [head, , , last] = res.body.meetings;
    const toNext = await chair.get<MeetingClosePreview>(
      `/api/meetings/${must(head).id}/close-preview`,
    );
    expect(toNext.body).toEqual({
      undiscussedItemIds: [],
      destination: 'volgend-overleg',
      nextMeeting: { id: must(res.body.meetings[1]).id, startsAt: '2026-04-02T12:00:00.000Z' },
    });
    const end = await chair.get<MeetingClosePreview>(
      `/api/meetings/${must(last).id}/close-preview`,
    );
    expect(end.body).toEqual({
      undiscussedItemIds: [],
      destination: 'einde-reeks',
      nextMeeting: null,
    });
  });

  it('previews the close of a meeting on its own: the undiscussed case item stays here', async () => {
    const preview = await chair.get<MeetingClosePreview>(`/api/meetings/${first.id}/close-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      undiscussedItemIds: [caseItemId],
      destination: 'geen-reeks',
      nextMeeting: null,
    });
    expect((await outsider.get(`/api/meetings/${first.id}/close-preview`)).status).toBe(403);
  });

  it("lists the team's open actions on the follow-up item of a meeting planned by hand", async () => {
    const action = await chair.post<{ record: { id: string } }>(
      `/api/meetings/${first.id}/actions`,
      {
        commandId: randomUUID(),
        itemId: caseItemId,
        ownerUserId: memberId,
        text: 'Schuldhulp aanvragen',
        due: '2026-03-04',
      },
    );
    expect(action.status).toBe(201);
    actionId = action.body.record.id;
    const withFollowUp = await chair.post<MeetingDetail>(`/api/meetings/${second.id}/agenda`, {
      kind: 'opvolging-acties',
      presenterUserId: chairId,
      timeBoxMinutes: 10,
    });
    expect(withFollowUp.status).toBe(201);
    const followUpId = must(withFollowUp.body.agenda.find((i) => i.kind === 'opvolging-acties')).id;
    const view = await member.get<FollowUpView>(`/api/agenda-items/${followUpId}/follow-up`);
    expect(view.status).toBe(200);
    expect(view.body.entries).toEqual([
      expect.objectContaining({
        actionId,
        description: 'Schuldhulp aanvragen',
        ownerUserId: memberId,
        due: '2026-03-04',
      }),
    ]);
    // The first meeting's own case item is no follow-up item: nothing listed there.
    const notFollowUp = await member.get<FollowUpView>(`/api/agenda-items/${caseItemId}/follow-up`);
    expect(notFollowUp.body.entries).toEqual([]);
    expect((await outsider.get(`/api/agenda-items/${followUpId}/follow-up`)).status).toBe(403);
  });

  it("the minutes record the time spent per item and per phase, from the room's events", async () => {
    const socket = t.connectLive({ cookie: chair.cookieHeader });
    if (!socket.connected) await nextEvent(socket, 'connect');
    const joined = (await socket.timeout(5000).emitWithAck('meeting:join', {
      meetingId: first.id,
      mode: 'in-de-ruimte',
    })) as LiveAck<unknown>;
    expect(joined.ok).toBe(true);
    const send = async (command: Record<string, unknown>) =>
      (await socket.timeout(5000).emitWithAck('meeting:command', {
        meetingId: first.id,
        commandId: randomUUID(),
        ...command,
      } as never)) as LiveAck<unknown>;
    expect((await send({ type: 'item:start', itemId: caseItemId })).ok).toBe(true);
    clock.advance(2 * 60_000);
    expect((await send({ type: 'phase:advance', itemId: caseItemId })).ok).toBe(true);
    clock.advance(3 * 60_000);
    expect((await send({ type: 'item:finish', itemId: caseItemId })).ok).toBe(true);
    socket.disconnect();
    const minutes = await chair.post<MinutesView>(`/api/meetings/${first.id}/minutes`);
    expect(minutes.status).toBe(201);
    expect(minutes.body.items.find((i) => i.itemId === caseItemId)).toMatchObject({
      timeSpentMs: 5 * 60_000,
      phaseMs: { inbreng: 2 * 60_000, vraagverheldering: 3 * 60_000 },
    });
  });

  it('"my meetings this week" and "preparations I owe" for the home page', async () => {
    const meetings = await member.get<MyMeetingView[]>('/api/me/meetings');
    expect(meetings.status).toBe(200);
    expect(meetings.body.map((m) => [m.id, m.teamName, m.myRoles])).toEqual(
      expect.arrayContaining([[first.id, 'Wijkteam West', []]]),
    );
    expect(meetings.body.some((m) => m.id === second.id)).toBe(false); // more than a week ahead
    const chairs = await chair.get<MyMeetingView[]>('/api/me/meetings');
    expect(chairs.body.find((m) => m.id === first.id)?.myRoles).toEqual(['chair']);
    expect((await outsider.get<MyMeetingView[]>('/api/me/meetings')).body).toEqual([]);

    expect((await member.get<OwedPreparationView[]>('/api/me/preparations')).body).toEqual([]);
    const draft = await member.post<Preparation>(`/api/cases/${caseId}/preparations`, {
      content: { krachten: 'Het netwerk helpt mee' },
    });
    expect(draft.status).toBe(201);
    const owed = await member.get<OwedPreparationView[]>('/api/me/preparations');
    expect(owed.body).toEqual([
      expect.objectContaining({
        preparationId: draft.body.id,
        caseId,
        caseTitle: 'Gezin met schulden',
        teamId: teamA,
      }),
    ]);
    // Not mine to write, nor readable for another team.
    expect((await chair.get<OwedPreparationView[]>('/api/me/preparations')).body).toEqual([]);
    const other = await outsider.get<OwedPreparationView[]>('/api/me/preparations');
    expect(other.body).toEqual([]);
  });

  it('cancels a meeting: its guest loses access at once, the team is told, others are refused', async () => {
    const caseItem = await chair.post<MeetingDetail>(`/api/meetings/${second.id}/agenda`, {
      kind: 'casusbespreking',
      presenterUserId: memberId,
      timeBoxMinutes: 20,
      preparationId,
    });
    const itemId = must(caseItem.body.agenda.find((i) => i.kind === 'casusbespreking')).id;
    const invited = await chair.post<GuestInvitationCreated>(`/api/meetings/${second.id}/guests`, {
      name: 'Gerrit de Graaf',
      email: 'gerrit@ggz.example',
      discipline: 'ggz',
      organisationName: 'GGZ Centraal',
      itemIds: [itemId],
      justification: 'De GGZ-behandelaar moet meedenken over de veiligheid van het gezin.',
    });
    expect(invited.status).toBe(201);
    const guest = new BrowserClient(t.baseUrl);
    const signedIn = await guest.post('/api/guest/sign-in', {
      token: must(new URL(invited.body.link).hash.slice(1)),
      code: invited.body.code,
    });
    expect(signedIn.status).toBe(200);
    expect((await guest.get('/api/guest/session')).status).toBe(200);

    // Presence marks the guest as a guest for the members in the room.
    const chairSocket = t.connectLive({ cookie: chair.cookieHeader });
    const guestSocket = t.connectLive({ cookie: guest.cookieHeader });
    const seen: MeetingPresence[] = [];
    chairSocket.on('meeting:presence', (p) => seen.push(p));
    for (const socket of [chairSocket, guestSocket])
      if (!socket.connected) await nextEvent(socket, 'connect');
    expect(
      (
        (await chairSocket.timeout(5000).emitWithAck('meeting:join', {
          meetingId: second.id,
          mode: 'in-de-ruimte',
        })) as LiveAck<unknown>
      ).ok,
    ).toBe(true);
    expect(
      (
        (await guestSocket
          .timeout(5000)
          .emitWithAck('guest:join', { meetingId: second.id })) as LiveAck<unknown>
      ).ok,
    ).toBe(true);
    await pollUntil(
      () => seen.at(-1),
      (last) => (last?.present.length ?? 0) === 2,
    );
    expect(seen.at(-1)?.present.map((p) => [p.displayName, p.guest === true])).toEqual(
      expect.arrayContaining([
        ['Gerrit de Graaf', true],
        ['Carla Voorzitter', false],
      ]),
    );
    const guestGone = nextEvent(guestSocket, 'disconnect', 5000);

    for (const path of ['/api/me/actions', '/api/me/meetings', '/api/me/preparations'])
      expect((await guest.get(path)).status).toBe(403);
    expect((await guest.get(`/api/meetings/${second.id}/close-preview`)).status).toBe(403);
    expect((await member.post(`/api/meetings/${second.id}/cancel`)).status).toBe(403);
    expect((await outsider.post(`/api/meetings/${second.id}/cancel`)).status).toBe(403);
    expect((await guest.post(`/api/meetings/${second.id}/cancel`)).status).toBe(403);
    const cancelled = await chair.post<MeetingDetail>(`/api/meetings/${second.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('geannuleerd');
    expect((await guest.get('/api/guest/session')).status).toBe(401);
    await guestGone; // the guest's socket is disconnected too
    chairSocket.disconnect();
    expect((await chair.post(`/api/meetings/${second.id}/cancel`)).status).toBe(409);
    expect((await chair.post(`/api/meetings/${second.id}/publish`)).status).toBe(409);
    const list = await pollUntil(
      () => member.get<NotificationList>('/api/notifications'),
      (r) => r.body.notifications.some((n) => n.kind === 'meeting-cancelled'),
    );
    expect(list.body.notifications.find((n) => n.kind === 'meeting-cancelled')).toMatchObject({
      params: { meetingId: second.id, teamName: 'Wijkteam West' },
    });
    const audit = (await dataSourceOf(t.app).query(
      `SELECT "outcome" FROM "audit_event" WHERE "action" = 'meeting.cancel' ORDER BY "occurred_at"`,
    )) as { outcome: string }[];
    expect(audit.map((r) => r.outcome)).toEqual([
      'denied',
      'denied',
      'denied',
      'allowed',
      'failed',
    ]);
  });

  it('"Mijn acties": my open actions with meeting, case and overdue marking', async () => {
    const mine = await member.get<MyActionView[]>('/api/me/actions');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([
      expect.objectContaining({
        id: actionId,
        meetingId: first.id,
        meetingStartsAt: '2026-03-03T08:30:00.000Z',
        caseId,
        overdue: false,
      }),
    ]);
    expect((await chair.get<MyActionView[]>('/api/me/actions')).body).toEqual([]);
    expect((await outsider.get<MyActionView[]>('/api/me/actions')).body).toEqual([]);
    clock.advance(3 * 86_400_000);
    // Three days on, sessions have timed out: sign in again.
    member = await signIn(t, clock, memberLogin.email, memberLogin.totpSecret);
    const later = await member.get<MyActionView[]>('/api/me/actions');
    expect(later.body.map((a) => a.overdue)).toEqual([true]);
  });
});
