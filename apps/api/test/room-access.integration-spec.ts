import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  CaseDetail,
  DecisionView,
  HouseholdDetail,
  LiveAck,
  MeetingCommandResult,
  MeetingDetail,
  MeetingJoinResult,
  MeetingSeriesCreated,
  MinutesView,
  Preparation,
  RecordCommandResult,
} from '@casustafel/contracts';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import {
  FakeClock,
  type LiveClient,
  nextEvent,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { coverForMeetings, householdInput, signIn } from './factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from './factories/identity.factory';
import { must } from './support/must';

/** Refused joins the outsider sends, and how many are in flight at once. */
const REFUSED_JOINS = 520;
const JOINS_IN_FLIGHT = 20;

/**
 * Issue 10 §1: a refused `meeting:join` must never put the socket in the room, not even while
 * the refusal is on its way. A member of another team hammers the join while the room is busy
 * (the chair records decisions, a member raises and lowers a hand); it receives none of the
 * room's events and is not in the minutes' attendance.
 */
describe.each(testEngines())('check first, join after (meeting rooms) on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let dataDir: string | null = null;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let chair: BrowserClient;
  let member: BrowserClient;
  let outsider: BrowserClient;
  let chairId: string;
  let memberId: string;
  let outsiderId: string;
  let meetingId: string;
  let caseItemId: string;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    if (engine === 'pglite') {
      dataDir = mkdtempSync(joinPath(tmpdir(), 'cst-room-access-'));
      db = await createTestDatabase(engine, dataDir);
    } else {
      db = await createTestDatabase(engine);
    }
    t = await startTestApp(
      {
        ...db.env,
        DEMO_MODE: 'false',
        // The outsider's burst of joins must reach the handler, not the per-socket rate limit.
        LIVE_EVENTS_PER_SECOND: '10000',
        LIVE_EVENTS_BURST: '100000',
      },
      { clock },
    );
    const org = await createOrganisation(t.app);
    const teamA = (await createTeam(t.app, org.id, { name: 'Wijkteam Noord' })).id;
    const teamB = (await createTeam(t.app, org.id, { name: 'Wijkteam Zuid' })).id;
    const make = async (displayName: string, teams: [string, ('member' | 'chair')[]][]) => {
      const u = await createUser(t.app, { organisationId: org.id, displayName, totp: true, teams });
      return { id: u.user.id, client: await signIn(t, clock, u.user.email, u.totpSecret) };
    };
    const a = await make('Alice Aalbers', [[teamA, ['member', 'chair']]]);
    const n = await make('Anna Noordhoek', [[teamA, ['member']]]);
    const b = await make('Bob Buitenteam', [[teamB, ['member']]]);
    [chair, chairId, member, memberId, outsider, outsiderId] = [
      a.client,
      a.id,
      n.client,
      n.id,
      b.client,
      b.id,
    ];
    const household = await chair.post<HouseholdDetail>(
      `/api/teams/${teamA}/households`,
      householdInput(),
    );
    await coverForMeetings(chair, household.body.id, teamA);
    const created = await chair.post<CaseDetail>(`/api/teams/${teamA}/cases`, {
      householdId: household.body.id,
      title: 'Zorgen om het gezin',
      casusregisseurId: memberId,
    });
    const prep = await member.post<Preparation>(`/api/cases/${created.body.id}/preparations`, {
      content: { vraag: 'Welke hulp past?' },
    });
    expect((await member.post(`/api/preparations/${prep.body.id}/ready`)).status).toBe(200);
    const res = await chair.post<MeetingSeriesCreated>(`/api/teams/${teamA}/meeting-series`, {
      schedule: {
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        timeZone: 'Europe/Amsterdam',
        start: '2026-03-03T09:30',
        durationMinutes: 90,
      },
      chairId,
    });
    expect(res.status).toBe(201);
    meetingId = must(res.body.meetings[0]).id;
    const withCase = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
      kind: 'casusbespreking',
      presenterUserId: memberId,
      timeBoxMinutes: 30,
      preparationId: prep.body.id,
    });
    caseItemId = must(withCase.body.agenda[0]).id;
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const connect = async (client: BrowserClient): Promise<LiveClient> => {
    const socket = t.connectLive({ cookie: client.cookieHeader });
    sockets.push(socket);
    if (!socket.connected) await nextEvent(socket, 'connect');
    return socket;
  };
  const join = async (socket: LiveClient) =>
    (await socket.timeout(10_000).emitWithAck('meeting:join', {
      meetingId,
      mode: 'op-afstand',
    })) as LiveAck<MeetingJoinResult>;

  it('an outsider racing refused joins against a busy room receives none of its events and is not in the attendance', async () => {
    const a = await connect(chair);
    const m = await connect(member);
    expect((await join(a)).ok).toBe(true);
    expect((await join(m)).ok).toBe(true);
    const o = await connect(outsider);
    // Everything the outsider receives, except the product-wide connection count.
    const leaked: string[] = [];
    o.onAny((event: string) => {
      if (event !== 'presence:count') leaked.push(event);
    });
    const seenByMember: number[] = [];
    m.on('meeting:event', (e) => seenByMember.push(e.seq));

    let joining = true;
    const refusals: string[] = [];
    // The room is busy for as long as the outsider tries: decisions and raised hands.
    let decisions = 0;
    let commands = 0;
    const outsiderRun = (async () => {
      try {
        // At least REFUSED_JOINS, and on until the room has really been busy meanwhile (joins
        // can be much faster than commands): bounded in count and time.
        const deadline = Date.now() + 20_000;
        for (
          let sent = 0;
          sent < REFUSED_JOINS ||
          (decisions + commands < 40 && sent < 5 * REFUSED_JOINS && Date.now() < deadline);
          sent += JOINS_IN_FLIGHT
        ) {
          const acks = await Promise.all(Array.from({ length: JOINS_IN_FLIGHT }, () => join(o)));
          for (const ack of acks) refusals.push(ack.ok ? 'ADMITTED' : ack.error.code);
        }
      } finally {
        joining = false;
      }
    })();
    const chairRun = (async () => {
      for (let i = 0; joining && i < 2_000; i++) {
        const ack = (await a.timeout(10_000).emitWithAck('decision:create', {
          meetingId,
          commandId: randomUUID(),
          itemId: caseItemId,
          type: 'maatwerkvoorziening',
          text: `Besluit ${i}: ambulante gezinsbegeleiding`,
          rationale: 'Het netwerk is uitgeput',
        } as never)) as LiveAck<RecordCommandResult<DecisionView>>;
        expect(ack.ok).toBe(true);
        decisions++;
      }
    })();
    const memberRun = (async () => {
      for (let i = 0; joining && i < 4_000; i++) {
        const ack = (await m.timeout(10_000).emitWithAck('meeting:command', {
          meetingId,
          commandId: randomUUID(),
          type: i % 2 === 0 ? 'hand:raise' : 'hand:lower',
        } as never)) as LiveAck<MeetingCommandResult>;
        expect(ack.ok).toBe(true);
        commands++;
      }
    })();
    await Promise.all([outsiderRun, chairRun, memberRun]);
    // Let the last broadcasts arrive (bounded: 40 × 25 ms).
    for (let i = 0; i < 40 && seenByMember.length < decisions + commands; i++)
      await new Promise((resolve) => setTimeout(resolve, 25));

    process.stdout.write(
      `room access: ${refusals.length} refused joins while ${decisions} decisions and ` +
        `${commands} commands were broadcast; the outsider received ${leaked.length} events\n`,
    );
    expect(refusals.length).toBeGreaterThanOrEqual(REFUSED_JOINS);
    expect(new Set(refusals)).toEqual(new Set(['FORBIDDEN']));
    // The room really was busy meanwhile, and the members received it all.
    expect(decisions + commands).toBeGreaterThan(20);
    expect(seenByMember).toHaveLength(decisions + commands);
    expect(leaked).toEqual([]);

    const attendance = (await dataSourceOf(t.app).query(
      'SELECT "user_id" FROM "meeting_attendance" WHERE "meeting_id" = $1',
      [meetingId],
    )) as { user_id: string }[];
    expect(attendance.map((r) => r.user_id).sort()).toEqual([chairId, memberId].sort());
    const minutes = await chair.post<MinutesView>(`/api/meetings/${meetingId}/minutes`);
    expect(minutes.status).toBe(201);
    const listed = [...minutes.body.attendance.present, ...minutes.body.attendance.absent].map(
      (x) => x.userId,
    );
    expect(listed).not.toContain(outsiderId);
    expect(minutes.body.attendance.present.map((x) => x.userId).sort()).toEqual(
      [chairId, memberId].sort(),
    );
  }, 120_000);
});
