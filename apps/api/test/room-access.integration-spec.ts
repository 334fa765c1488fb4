import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  DecisionView,
  LiveAck,
  MeetingCommandResult,
  MinutesView,
  RecordCommandResult,
} from '@casustafel/contracts';
import { BrowserClient } from './support/browser-client';
import { testEngines, type TestDatabase, createTestDatabaseOnDisk } from './support/engines';
import {
  FakeClock,
  type LiveClient,
  startTestApp,
  type TestApp,
  connectedLive,
} from './support/test-app';
import { dataSourceOf } from './factories/identity.factory';
import { must } from './support/must';
import { addAgendaItem, joinMeeting, readyCase, weeklySeries } from './factories/meeting.factory';
import { twoTeams } from './factories/team.factory';

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
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let chair: BrowserClient;
  let member: BrowserClient;
  let outsider: BrowserClient;
  let chairId: string;
  let memberId: string;
  let outsiderId: string;
  let meetingId: string;
  let caseItemId: string;

  beforeAll(async () => {
    db = await createTestDatabaseOnDisk(engine, 'cst-room-access-');
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
    const cast = await twoTeams(t, clock);
    const teamA = cast.teamA;
    [chair, chairId, member, memberId, outsider, outsiderId] = [
      cast.chair.client,
      cast.chair.id,
      cast.member.client,
      cast.member.id,
      cast.outsider.client,
      cast.outsider.id,
    ];
    const { preparationId } = await readyCase(chair, member, teamA, {
      casusregisseurId: memberId,
      question: 'Welke hulp past?',
    });
    meetingId = must((await weeklySeries(chair, teamA, chairId)).meetings[0]).id;
    const withCase = await addAgendaItem(chair, meetingId, {
      kind: 'casusbespreking',
      presenterUserId: memberId,
      timeBoxMinutes: 30,
      preparationId,
    });
    caseItemId = must(withCase.agenda[0]).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const connect = (client: BrowserClient) => connectedLive(t, client);
  const join = (socket: LiveClient) =>
    joinMeeting(socket, meetingId, { mode: 'op-afstand', timeoutMs: 10_000 });

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
