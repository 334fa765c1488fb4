import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type {
  LiveAck,
  MeetingCommandResult,
  MeetingDetail,
  MeetingEvent,
  MeetingJoinResult,
  MeetingPresence,
  MeetingSeriesCreated,
  MeetingSummary,
  Preparation,
} from '@casustafel/contracts';
import { type LiveCommandInput, readTimer } from '@casustafel/domain';
import { BrowserClient } from './support/browser-client';
import { createTestDatabaseOnDisk, testEngines, type TestDatabase } from './support/engines';
import {
  connectedLive,
  FakeClock,
  type LiveClient,
  nextEvent,
  pollUntil,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { dataSourceOf } from './factories/identity.factory';
import { auditRows, joinMeeting, readyCase } from './factories/meeting.factory';
import { twoTeams } from './factories/team.factory';
import { must } from './support/must';
import { LiveRoomCache } from '../src/modules/live-session/live-room-cache';

describe.each(testEngines())('live case meeting on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let teamA: string;
  let chair: BrowserClient; // Alice: chair of the meetings
  let member: BrowserClient; // Anna: member of A
  let outsider: BrowserClient; // Bob: member of B
  let chairId: string;
  let memberId: string;
  let outsiderId: string;
  let seriesMeetings: MeetingSeriesCreated['meetings'];
  let meetingId: string;
  let caseItemId: string;
  let readyPreparationId: string;
  let draftPreparationId: string;
  const events = new Map<LiveClient, MeetingEvent[]>();

  beforeAll(async () => {
    db = await createTestDatabaseOnDisk(engine, 'cst-meeting-');
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const cast = await twoTeams(t, clock);
    teamA = cast.teamA;
    [chair, chairId, member, memberId, outsider, outsiderId] = [
      cast.chair.client,
      cast.chair.id,
      cast.member.client,
      cast.member.id,
      cast.outsider.client,
      cast.outsider.id,
    ];
    // A case with one ready and one draft preparation.
    const ready = await readyCase(chair, member, teamA, {
      casusregisseurId: memberId,
      question: 'Welke hulp past het best bij dit gezin?',
      // The ledger covers the meeting (purpose mdo): case items need no justification here.
      coveredFrom: '2026-03-01',
    });
    readyPreparationId = ready.preparationId;
    const draft = await member.post<Preparation>(`/api/cases/${ready.caseId}/preparations`, {
      content: { krachten: 'veerkrachtig' },
    });
    draftPreparationId = draft.body.id;
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const log = (socket: LiveClient): MeetingEvent[] => must(events.get(socket));
  const connect = async (client: BrowserClient): Promise<LiveClient> => {
    const socket = await connectedLive(t, client);
    const log: MeetingEvent[] = [];
    events.set(socket, log);
    socket.on('meeting:event', (e) => log.push(e));
    return socket;
  };
  const join = (socket: LiveClient, lastSeq?: number) =>
    joinMeeting(socket, meetingId, { lastSeq });
  const send = async (
    socket: LiveClient,
    command: { commandId: string; type: LiveCommandInput['type']; [key: string]: unknown },
  ) =>
    (await socket.timeout(5000).emitWithAck('meeting:command', {
      meetingId,
      ...command,
    } as LiveCommandInput)) as LiveAck<MeetingCommandResult>;

  it('creates a weekly series on Tuesday 09:30 Amsterdam time for the next 8 weeks', async () => {
    const res = await chair.post<MeetingSeriesCreated>(`/api/teams/${teamA}/meeting-series`, {
      schedule: {
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        timeZone: 'Europe/Amsterdam',
        start: '2026-03-03T09:30',
        durationMinutes: 90,
      },
      chairId,
      timekeeperId: memberId,
    });
    expect(res.status).toBe(201);
    seriesMeetings = res.body.meetings;
    expect(seriesMeetings.map((m) => m.startsAt)).toEqual([
      '2026-03-03T08:30:00.000Z',
      '2026-03-10T08:30:00.000Z',
      '2026-03-17T08:30:00.000Z',
      '2026-03-24T08:30:00.000Z',
      // summer time from 29 March: still 09:30 local
      '2026-03-31T07:30:00.000Z',
      '2026-04-07T07:30:00.000Z',
      '2026-04-14T07:30:00.000Z',
      '2026-04-21T07:30:00.000Z',
    ]);
    expect(seriesMeetings[0]).toMatchObject({
      status: 'gepland',
      published: false,
      durationMinutes: 90,
    });
    const refused = await chair.post(`/api/teams/${teamA}/meeting-series`, {
      schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '2026-03-04T09:30', durationMinutes: 90 },
      chairId,
    });
    expect(refused.status).toBe(400);
    const list = await member.get<{ id: string }[]>(`/api/teams/${teamA}/meetings`);
    expect(list.body).toHaveLength(8);
    expect((await outsider.get(`/api/teams/${teamA}/meetings`)).status).toBe(403);
  });

  it('builds an agenda: a case item needs a ready preparation of the team; reorder and publish', async () => {
    meetingId = must(seriesMeetings[0]).id;
    const announce = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
      kind: 'mededeling',
      title: 'Nieuwe collega',
      presenterUserId: chairId,
      timeBoxMinutes: 5,
    });
    expect(announce.status).toBe(201);
    const draft = await chair.post(`/api/meetings/${meetingId}/agenda`, {
      kind: 'casusbespreking',
      presenterUserId: memberId,
      timeBoxMinutes: 30,
      preparationId: draftPreparationId,
    });
    expect(draft.status).toBe(400);
    expect(draft.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'preparationId', issue: 'preparation-not-ready' }],
    });
    const outsiderPresenter = await chair.post(`/api/meetings/${meetingId}/agenda`, {
      kind: 'overig',
      presenterUserId: outsiderId,
      timeBoxMinutes: 5,
    });
    expect(outsiderPresenter.body).toMatchObject({
      details: [{ path: 'presenterUserId', issue: 'not-a-member' }],
    });
    const ready = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
      kind: 'casusbespreking',
      presenterUserId: memberId,
      timeBoxMinutes: 30,
      preparationId: readyPreparationId,
    });
    expect(ready.status).toBe(201);
    caseItemId = must(ready.body.agenda[1]).id;
    const reordered = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda/reorder`, {
      itemId: caseItemId,
      toIndex: 0,
    });
    expect(reordered.status).toBe(200);
    expect(
      reordered.body.agenda.map((i) => [i.kind, i.order, i.plannedStart, i.plannedEnd]),
    ).toEqual([
      ['casusbespreking', 0, '2026-03-03T08:30:00.000Z', '2026-03-03T09:00:00.000Z'],
      ['mededeling', 1, '2026-03-03T09:00:00.000Z', '2026-03-03T09:05:00.000Z'],
    ]);
    expect(reordered.body.plannedMinutes).toBe(35);
    const published = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/publish`);
    expect(published.body).toMatchObject({ published: true, status: 'gepland', chairId });
    expect((await outsider.get(`/api/meetings/${meetingId}`)).status).toBe(403);
    const extra = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
      kind: 'overig',
      presenterUserId: chairId,
      timeBoxMinutes: 5,
    });
    const extraId = must(extra.body.agenda[2]).id;
    const patched = await chair.request<MeetingDetail>('PATCH', `/api/agenda-items/${extraId}`, {
      timeBoxMinutes: 10,
    });
    expect(patched.body.plannedMinutes).toBe(45);
    expect((await outsider.request('DELETE', `/api/agenda-items/${extraId}`)).status).toBe(403);
    expect((await chair.request('DELETE', `/api/agenda-items/${extraId}`)).status).toBe(204);
    const badChair = await chair.request('PATCH', `/api/meetings/${meetingId}`, {
      chairId: outsiderId,
    });
    expect(badChair.body).toMatchObject({ details: [{ path: 'chairId', issue: 'not-a-member' }] });
    const moved = await chair.request<MeetingDetail>('PATCH', `/api/meetings/${meetingId}`, {
      minuteTakerId: memberId,
    });
    expect(moved.body).toMatchObject({ minuteTakerId: memberId, plannedMinutes: 35 });
    expect((await auditRows(t, 'meeting.publish')).map((r) => r.outcome)).toEqual(['allowed']);
  });

  let a: LiveClient; // chair
  let b: LiveClient; // member

  it('two clients join; the chair starts the item and its timer; both see the same events', async () => {
    a = await connect(chair);
    b = await connect(member);
    const joinedA = await join(a);
    expect(joinedA).toMatchObject({
      ok: true,
      data: { seq: 0, snapshot: { seq: 0, currentItemId: null } },
    });
    // The presence after b's join (a's own join may still send one with a alone first).
    const presences: MeetingPresence[] = [];
    a.on('meeting:presence', (p) => presences.push(p));
    expect((await join(b)).ok).toBe(true);
    const presence = pollUntil(
      () => presences.find((p) => p.present.some((x) => x.userId === memberId)),
      (p) => p !== undefined,
    );
    expect(must(await presence).present).toEqual(
      expect.arrayContaining([
        { userId: chairId, displayName: 'Alice Aalbers', mode: 'in-de-ruimte' },
        { userId: memberId, displayName: 'Anna Noordhoek', mode: 'in-de-ruimte' },
      ]),
    );

    const started = await send(a, {
      commandId: randomUUID(),
      type: 'item:start',
      itemId: caseItemId,
    });
    expect(started).toEqual({ ok: true, data: { seq: 1, duplicate: false } });
    // The agenda follows the room: the started item is `actief` for the agenda page and minutes.
    const agenda = await chair.get<MeetingDetail>(`/api/meetings/${meetingId}`);
    expect(agenda.body.agenda.find((i) => i.id === caseItemId)?.status).toBe('actief');
    // Starting an item starts its timer; the timekeeper pauses, the chair resumes.
    clock.advance(60_000);
    expect(
      await send(b, { commandId: randomUUID(), type: 'timer:pause', itemId: caseItemId }),
    ).toEqual({
      ok: true,
      data: { seq: 2, duplicate: false },
    });
    expect(
      await send(a, { commandId: randomUUID(), type: 'timer:start', itemId: caseItemId }),
    ).toEqual({
      ok: true,
      data: { seq: 3, duplicate: false },
    });
    for (const s of [a, b])
      await pollUntil(
        () => log(s).length,
        (n) => n === 3,
      );
    expect(log(a).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events.get(b)).toEqual(events.get(a));
    expect(log(a).map((e) => e.type)).toEqual([
      'agenda:item-started',
      'timer:paused',
      'timer:started',
    ]);
    expect(must(log(a)[1]).payload).toEqual({ itemId: caseItemId, elapsedMs: 60_000 });
  });

  it('refuses a member moving the item, with a code; nothing is stored', async () => {
    const refused = await send(b, {
      commandId: randomUUID(),
      type: 'item:finish',
      itemId: caseItemId,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const notCurrent = await send(a, {
      commandId: randomUUID(),
      type: 'phase:advance',
      itemId: randomUUID(),
    });
    expect(notCurrent).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const invalid = await send(a, { commandId: 'nope', type: 'item:finish', itemId: caseItemId });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const [{ count }] = (await dataSourceOf(t.app).query(
      'SELECT count(*)::int AS count FROM "meeting_event" WHERE "meeting_id" = $1',
      [meetingId],
    )) as [{ count: number }];
    expect(count).toBe(3);
  });

  it('answers a retried command with its original seq and stores one event', async () => {
    const commandId = randomUUID();
    const first = await send(a, { commandId, type: 'phase:advance', itemId: caseItemId });
    expect(first).toEqual({ ok: true, data: { seq: 4, duplicate: false } });
    const retry = await send(a, { commandId, type: 'phase:advance', itemId: caseItemId });
    expect(retry).toEqual({ ok: true, data: { seq: 4, duplicate: true } });
    const rows = (await dataSourceOf(t.app).query(
      'SELECT "seq" FROM "meeting_event" WHERE "meeting_id" = $1 AND "command_id" = $2',
      [meetingId, commandId],
    )) as { seq: number }[];
    expect(rows).toEqual([{ seq: 4 }]);
    await pollUntil(
      () => log(b).length,
      (n) => n === 4,
    );
    // No second broadcast for the retry.
    await new Promise((r) => setTimeout(r, 100));
    expect(log(b).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('answers a retry older than the state window from the log, even when it would now be refused', async () => {
    // A command id that left the state's window of applied ids long ago: only the log has it.
    const commandId = randomUUID();
    await dataSourceOf(t.app).query(
      `INSERT INTO "meeting_event" ("meeting_id", "seq", "command_id", "type", "payload", "actor_id", "at")
       VALUES ($1, 9000, $2, 'phase:advanced', '{}', $3, now())`,
      [meetingId, commandId, chairId],
    );
    // Valid now: the event insert meets the unique command id; nothing is applied twice.
    expect(await send(a, { commandId, type: 'phase:advance', itemId: caseItemId })).toEqual({
      ok: true,
      data: { seq: 9000, duplicate: true },
    });
    // Refused now (not the current item): still the original answer, not the refusal.
    expect(await send(a, { commandId, type: 'item:finish', itemId: randomUUID() })).toEqual({
      ok: true,
      data: { seq: 9000, duplicate: true },
    });
    // Someone else reusing the id is a conflict.
    expect(await send(b, { commandId, type: 'hand:raise' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const [{ seq }] = (await dataSourceOf(t.app).query(
      'SELECT "seq" FROM "meeting" WHERE "id" = $1',
      [meetingId],
    )) as [{ seq: number }];
    expect(seq).toBe(4);
    await dataSourceOf(t.app).query('DELETE FROM "meeting_event" WHERE "command_id" = $1', [
      commandId,
    ]);
  });

  it('serialises concurrent commands of two clients: distinct, consecutive seqs', async () => {
    const [fromA, fromB] = await Promise.all([
      send(a, { commandId: randomUUID(), type: 'hand:raise' }),
      send(b, { commandId: randomUUID(), type: 'hand:raise' }),
    ]);
    const seqs = [fromA, fromB].map((r) => (r.ok ? r.data.seq : -1)).sort();
    expect(seqs).toEqual([5, 6]);
    const lowered = await Promise.all([
      send(a, { commandId: randomUUID(), type: 'hand:lower' }),
      send(b, { commandId: randomUUID(), type: 'hand:lower' }),
    ]);
    expect(lowered.map((r) => (r.ok ? r.data.seq : -1)).sort()).toEqual([7, 8]);
    await pollUntil(
      () => log(b).length,
      (n) => n === 8,
    );
    expect(log(b).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(log(a)).toEqual(log(b));
  });

  it('a client that reconnects with its lastSeq gets exactly the missed events', async () => {
    const lastSeq = must(log(b).at(-1)).seq;
    const left = nextEvent<MeetingPresence>(a, 'meeting:presence');
    b.disconnect();
    // At once: b is shown as reconnecting (removed after the grace period unless back).
    expect((await left).present.map((p) => [p.userId, p.reconnecting ?? false])).toEqual(
      expect.arrayContaining([
        [chairId, false],
        [memberId, true],
      ]),
    );
    await send(a, { commandId: randomUUID(), type: 'hand:raise' });
    await send(a, { commandId: randomUUID(), type: 'phase:advance', itemId: caseItemId });
    b = await connect(member);
    const rejoined = await join(b, lastSeq);
    expect(rejoined.ok).toBe(true);
    const data = (rejoined as { data: MeetingJoinResult }).data;
    expect(data.seq).toBe(10);
    expect(data.snapshot).toBeUndefined();
    expect(must(data.events).map((e) => [e.seq, e.type])).toEqual([
      [9, 'hand:raised'],
      [10, 'phase:changed'],
    ]);
    const upToDate = await join(b, 10);
    expect((upToDate as { data: MeetingJoinResult }).data).toEqual({ seq: 10, events: [] });
    const ahead = await join(b, 99);
    expect((ahead as { data: MeetingJoinResult }).data.snapshot?.seq).toBe(10);
  });

  it('keeps the room across an api restart: a rejoin gets the stored snapshot', async () => {
    await t.close();
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    // The sessions live in the database too: the same cookies, the new port.
    const moved = (client: BrowserClient) => client.movedTo(t.baseUrl);
    [chair, member, outsider] = [moved(chair), moved(member), moved(outsider)];
    clock.advance(30_000);
    a = await connect(chair);
    const rejoined = await join(a);
    const snapshot = must((rejoined as { data: MeetingJoinResult }).data.snapshot);
    expect(snapshot.seq).toBe(10);
    expect(snapshot.currentItemId).toBe(caseItemId);
    const item = must(snapshot.items.find((i) => i.id === caseItemId));
    expect(item.phase).not.toBeNull();
    expect(readTimer(item.timer, clock.now().getTime()).elapsedMs).toBeGreaterThanOrEqual(90_000);
    expect(await send(a, { commandId: randomUUID(), type: 'hand:lower' })).toEqual({
      ok: true,
      data: { seq: 11, duplicate: false },
    });
    const detail = await chair.get<MeetingDetail>(`/api/meetings/${meetingId}`);
    expect(detail.body.status).toBe('live');
    const edit = await chair.post(`/api/meetings/${meetingId}/agenda`, {
      kind: 'overig',
      presenterUserId: chairId,
      timeBoxMinutes: 5,
    });
    expect(edit.status).toBe(409);
  });

  it('refuses a user of another team at join, and audits it', async () => {
    const socket = await connect(outsider);
    const refused = await join(socket);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const rows = await auditRows(t, 'meeting.join');
    expect(rows).toContainEqual({ outcome: 'denied', actor_user_id: outsiderId });
    const command = await send(socket, { commandId: randomUUID(), type: 'hand:raise' });
    expect(command).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('applies a command to the room it knows without a transaction; a room changed elsewhere is read again', async () => {
    const dataSource = dataSourceOf(t.app);
    const rooms = t.app.get(LiveRoomCache);
    const transaction = jest.spyOn(dataSource.manager, 'transaction');
    try {
      // The room this instance committed last: one conditional statement, no transaction.
      const raised = await send(a, { commandId: randomUUID(), type: 'hand:raise' });
      expect(raised).toMatchObject({ ok: true, data: { duplicate: false } });
      expect(transaction).not.toHaveBeenCalled();
      const seq = (raised as { data: MeetingCommandResult }).data.seq;
      // Another api instance moves the room on: this one keeps its older copy.
      const older = must(rooms.get(meetingId));
      rooms.forget(meetingId);
      expect(await send(a, { commandId: randomUUID(), type: 'hand:lower' })).toEqual({
        ok: true,
        data: { seq: seq + 1, duplicate: false },
      });
      expect(transaction).toHaveBeenCalledTimes(1);
      rooms.forget(meetingId);
      rooms.put(older);
      // Valid in the older room too, but its write is refused: applied to the stored room.
      const extend = { type: 'timer:extend' as const, itemId: caseItemId, minutes: 1 };
      expect(await send(a, { commandId: randomUUID(), ...extend })).toEqual({
        ok: true,
        data: { seq: seq + 2, duplicate: false },
      });
      expect(transaction).toHaveBeenCalledTimes(2);
      // Known again: the next one needs no transaction.
      expect(await send(a, { commandId: randomUUID(), ...extend })).toEqual({
        ok: true,
        data: { seq: seq + 3, duplicate: false },
      });
      expect(transaction).toHaveBeenCalledTimes(2);
      const [stored] = (await dataSource.query(
        'SELECT "seq", "live_state" AS "state" FROM "meeting" WHERE "id" = $1',
        [meetingId],
      )) as [{ seq: number; state: { seq: number; speakingQueue: string[] } }];
      expect(stored.seq).toBe(seq + 3);
      expect(stored.state.seq).toBe(seq + 3);
      expect(stored.state.speakingQueue).toEqual([]);
      const logged = (await dataSource.query(
        'SELECT "seq" FROM "meeting_event" WHERE "meeting_id" = $1 ORDER BY "seq"',
        [meetingId],
      )) as { seq: number }[];
      expect(logged.map((e) => e.seq)).toEqual(Array.from({ length: seq + 3 }, (_, i) => i + 1));
    } finally {
      transaction.mockRestore();
    }
  });

  it('closing carries an undiscussed case item, with its preparation, to the next meeting', async () => {
    const rooms = t.app.get(LiveRoomCache);
    const open = must(rooms.get(meetingId));
    const told = nextEvent<{ meetingId: string }>(a, 'meeting:closed');
    const closed = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/close`);
    expect(await told).toEqual({ meetingId });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('afgesloten');
    expect(closed.body.agenda.find((i) => i.id === caseItemId)?.status).toBe('overgeslagen');
    const next = await chair.get<MeetingDetail>(`/api/meetings/${must(seriesMeetings[1]).id}`);
    expect(
      next.body.agenda.map((i) => [i.kind, i.preparationId, i.carriedFromItemId, i.order]),
    ).toEqual([
      ['opvolging-acties', null, null, 0],
      ['casusbespreking', readyPreparationId, caseItemId, 1],
    ]);
    const again = await send(a, { commandId: randomUUID(), type: 'hand:raise' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Also for an instance that still knows the room as open: its write is refused.
    const seq = open.seq;
    rooms.put(open);
    const stale = await send(a, { commandId: randomUUID(), type: 'hand:raise' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const [stored] = (await dataSourceOf(t.app).query(
      'SELECT "seq", "status" FROM "meeting" WHERE "id" = $1',
      [meetingId],
    )) as [{ seq: number; status: string }];
    expect(stored).toEqual({ seq, status: 'afgesloten' });
  });

  it('closing the last generated meeting of a series makes the next occurrence and carries to it', async () => {
    const last = must(seriesMeetings.at(-1)).id;
    const added = await chair.post<MeetingDetail>(`/api/meetings/${last}/agenda`, {
      kind: 'casusbespreking',
      presenterUserId: memberId,
      timeBoxMinutes: 20,
      preparationId: readyPreparationId,
    });
    expect(added.status).toBe(201);
    expect((await chair.post(`/api/meetings/${last}/close`)).status).toBe(200);
    const list = await chair.get<MeetingSummary[]>(`/api/teams/${teamA}/meetings`);
    const newest = must(list.body.at(-1));
    expect(list.body).toHaveLength(9);
    expect(newest.startsAt).toBe('2026-04-28T07:30:00.000Z');
    const detail = await chair.get<MeetingDetail>(`/api/meetings/${newest.id}`);
    expect(detail.body.agenda.map((i) => [i.kind, i.preparationId])).toEqual([
      ['opvolging-acties', null],
      ['casusbespreking', readyPreparationId],
    ]);
  });
});
