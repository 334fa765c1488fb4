import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type {
  ActionEvent,
  ActionView,
  DecisionCreatedEvent,
  DecisionView,
  FollowUpView,
  LiveAck,
  MeetingDetail,
  MeetingJoinResult,
  MeetingRecordsView,
  MeetingSeriesCreated,
  MinutesView,
  RecordCommandResult,
} from '@casustafel/contracts';
import * as Y from 'yjs';
import { BrowserClient } from './support/browser-client';
import { testEngines, type TestDatabase, createTestDatabaseOnDisk } from './support/engines';
import {
  FakeClock,
  type LiveClient,
  nextMeetingEvent,
  startTestApp,
  type TestApp,
  connectedLive,
} from './support/test-app';
import { dataSourceOf } from './factories/identity.factory';
import { must } from './support/must';
import { LiveRoomCache } from '../src/modules/live-session/live-room-cache';
import {
  addAgendaItem,
  auditRows,
  joinMeeting,
  readyCase,
  weeklySeries,
} from './factories/meeting.factory';
import { twoTeams } from './factories/team.factory';

const QUESTION = 'Welke hulp past het best bij dit gezin?';
const NOTE = 'Moeder wil hulp bij de opvoeding; school is betrokken.';
const APPROVED = { code: 'CONFLICT', details: [{ path: 'minutes', issue: 'minutes-approved' }] };

describe.each(testEngines())('decisions, actions and minutes on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let teamA: string;
  let chair: BrowserClient; // Alice: chair
  let member: BrowserClient; // Anna: member of A
  let outsider: BrowserClient; // Bob: member of B
  let chairId: string;
  let memberId: string;
  let absenteeId: string; // Piet: member of A, never joins
  let outsiderId: string;
  let series: MeetingSeriesCreated['meetings'];
  let meetingId: string;
  let caseItemId: string;
  let infoItemId: string;

  beforeAll(async () => {
    db = await createTestDatabaseOnDisk(engine, 'cst-records-');
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const cast = await twoTeams(t, clock);
    teamA = cast.teamA;
    const p = await cast.add('Piet Pieters', [[teamA, ['member']]]);
    [chair, chairId, member, memberId, absenteeId, outsider, outsiderId] = [
      cast.chair.client,
      cast.chair.id,
      cast.member.client,
      cast.member.id,
      p.id,
      cast.outsider.client,
      cast.outsider.id,
    ];
    const { preparationId } = await readyCase(chair, member, teamA, {
      casusregisseurId: memberId,
      question: QUESTION,
      // The ledger covers the meeting (purpose mdo): case items need no justification here.
      coveredFrom: '2026-03-01',
    });
    series = (await weeklySeries(chair, teamA, chairId)).meetings;
    meetingId = must(series[0]).id;
    const withCase = await addAgendaItem(chair, meetingId, {
      kind: 'casusbespreking',
      presenterUserId: memberId,
      timeBoxMinutes: 30,
      preparationId,
    });
    caseItemId = must(withCase.agenda[0]).id;
    const withInfo = await addAgendaItem(chair, meetingId, {
      kind: 'mededeling',
      title: 'Nieuwe collega',
      presenterUserId: chairId,
      timeBoxMinutes: 5,
    });
    infoItemId = must(withInfo.agenda[1]).id;
    // Four sign-ins, a case and a series: generous on a loaded machine.
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const connect = (client: BrowserClient) => connectedLive(t, client);
  const join = (socket: LiveClient, lastSeq?: number) =>
    joinMeeting(socket, meetingId, { lastSeq });
  const decide = async (socket: LiveClient, body: Record<string, unknown>) =>
    (await socket.timeout(5000).emitWithAck('decision:create', {
      meetingId,
      itemId: caseItemId,
      type: 'maatwerkvoorziening',
      text: 'Ambulante gezinsbegeleiding aanvragen',
      rationale: 'Het netwerk is uitgeput; de ouders vragen zelf om hulp',
      ...body,
    } as never)) as LiveAck<RecordCommandResult<DecisionView>>;
  const act = async (socket: LiveClient, body: Record<string, unknown>) =>
    (await socket.timeout(5000).emitWithAck('action:create', {
      meetingId,
      itemId: caseItemId,
      ownerUserId: memberId,
      text: 'Aanvraag gezinsbegeleiding indienen',
      due: '2026-03-20',
      ...body,
    } as never)) as LiveAck<RecordCommandResult<ActionView>>;

  let a: LiveClient;
  let b: LiveClient;
  let decisionCommand: string;
  let decisionId: string;
  let annaActionId: string;
  let aliceActionId: string;

  it('a decision and an action made by one client appear at the other at once, with consecutive seqs', async () => {
    a = await connect(chair);
    b = await connect(member);
    expect((await join(a)).ok).toBe(true);
    expect((await join(b)).ok).toBe(true);
    decisionCommand = randomUUID();
    const seenDecision = nextMeetingEvent<DecisionCreatedEvent>(b, 'decision:created');
    const decided = await decide(a, { commandId: decisionCommand });
    expect(decided).toMatchObject({ ok: true, data: { seq: 1, duplicate: false } });
    const received = await seenDecision;
    expect(received).toMatchObject({
      meetingId,
      seq: 1,
      commandId: decisionCommand,
      decision: { type: 'maatwerkvoorziening', decidedByUserId: chairId, agendaItemId: caseItemId },
    });
    decisionId = received.decision.id;

    const seenAction = nextMeetingEvent<ActionEvent>(b, 'action:created');
    const acted = await act(a, { commandId: randomUUID(), decisionId });
    expect(acted).toMatchObject({ ok: true, data: { seq: 2, duplicate: false } });
    const action = await seenAction;
    expect(action).toMatchObject({
      seq: 2,
      action: { ownerUserId: memberId, status: 'open', due: '2026-03-20', decisionId },
    });
    annaActionId = action.action.id;

    // The minute taker's shared note of the item (the notes module's Yjs document).
    const joinedNote = (await b
      .timeout(5000)
      .emitWithAck('note:join', { itemId: caseItemId })) as LiveAck<unknown>;
    expect(joinedNote.ok).toBe(true);
    const doc = new Y.Doc();
    doc.getText('text').insert(0, NOTE);
    const noted = (await b.timeout(5000).emitWithAck('note:update', {
      itemId: caseItemId,
      update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
    })) as LiveAck<unknown>;
    expect(noted.ok).toBe(true);

    // Validation by the domain: grounds required, due not in the past, owner in the team.
    const noGrounds = await decide(b, { commandId: randomUUID(), rationale: '   ' });
    expect(noGrounds).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const past = await act(b, { commandId: randomUUID(), due: '2026-02-01' });
    expect(past).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const foreignOwner = await act(b, { commandId: randomUUID(), ownerUserId: outsiderId });
    expect(foreignOwner).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('a retried command returns the original and creates no duplicate', async () => {
    const retried = await decide(a, { commandId: decisionCommand });
    expect(retried).toMatchObject({
      ok: true,
      data: { seq: 1, duplicate: true, record: { id: decisionId } },
    });
    const viaRest = await chair.post<RecordCommandResult<DecisionView>>(
      `/api/meetings/${meetingId}/decisions`,
      {
        commandId: decisionCommand,
        itemId: caseItemId,
        type: 'maatwerkvoorziening',
        text: 'Ambulante gezinsbegeleiding aanvragen',
        rationale: 'Het netwerk is uitgeput; de ouders vragen zelf om hulp',
      },
    );
    expect(viaRest.body).toMatchObject({ seq: 1, duplicate: true, record: { id: decisionId } });
    // The same id from someone else is refused, never silently merged.
    expect((await decide(b, { commandId: decisionCommand })).ok).toBe(false);
    const records = await member.get<MeetingRecordsView>(`/api/meetings/${meetingId}/records`);
    expect(records.body.decisions).toHaveLength(1);
    expect(records.body.actions).toHaveLength(1);
  });

  it('a client that rejoins gets the decisions and actions it missed in the replay; live commands continue the seq', async () => {
    b.disconnect();
    const viaRest = await chair.post<RecordCommandResult<ActionView>>(
      `/api/meetings/${meetingId}/actions`,
      {
        commandId: randomUUID(),
        itemId: infoItemId,
        ownerUserId: chairId,
        text: 'Collega inwerken',
        due: '2026-03-10',
      },
    );
    expect(viaRest.status).toBe(201);
    expect(viaRest.body.seq).toBe(3);
    aliceActionId = viaRest.body.record.id;
    b = await connect(member);
    const rejoined = await join(b, 2);
    expect(rejoined.ok).toBe(true);
    const data = (rejoined as { data: MeetingJoinResult }).data;
    expect(data.seq).toBe(3);
    expect(data.events?.map((e) => [e.seq, e.type])).toEqual([[3, 'action:created']]);
    const fromStart = (await join(b, 0)) as { data: MeetingJoinResult };
    expect(fromStart.data.events?.map((e) => e.type)).toEqual([
      'decision:created',
      'action:created',
      'action:created',
    ]);
    const started = await a.timeout(5000).emitWithAck('meeting:command', {
      meetingId,
      commandId: randomUUID(),
      type: 'item:start',
      itemId: caseItemId,
    } as never);
    expect(started).toEqual({ ok: true, data: { seq: 4, duplicate: false } });
  });

  it('lists open actions per person and per team; a status change is broadcast', async () => {
    const anna = await member.get<ActionView[]>('/api/me/actions');
    expect(anna.body.map((x) => x.id)).toEqual([annaActionId]);
    const alice = await chair.get<ActionView[]>('/api/me/actions');
    expect(alice.body.map((x) => x.id)).toEqual([aliceActionId]);
    const team = await member.get<ActionView[]>(`/api/teams/${teamA}/actions?status=open`);
    expect(team.body.map((x) => x.id)).toEqual([aliceActionId, annaActionId]);

    const seen = nextMeetingEvent<ActionEvent>(b, 'action:updated');
    const done = (await a.timeout(5000).emitWithAck('action:update', {
      meetingId,
      commandId: randomUUID(),
      actionId: aliceActionId,
      status: 'gereed',
    })) as LiveAck<RecordCommandResult<ActionView>>;
    expect(done).toMatchObject({ ok: true, data: { seq: 5, record: { status: 'gereed' } } });
    expect(await seen).toMatchObject({ seq: 5, action: { id: aliceActionId, status: 'gereed' } });
    expect((await chair.get<ActionView[]>('/api/me/actions')).body).toEqual([]);
    const open = await member.get<ActionView[]>(`/api/teams/${teamA}/actions?status=open`);
    expect(open.body.map((x) => x.id)).toEqual([annaActionId]);
  });

  let nextFollowUpId: string;

  it("the next meeting's follow-up item lists the open actions", async () => {
    expect((await chair.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
    const next = await chair.get<MeetingDetail>(`/api/meetings/${must(series[1]).id}`);
    const followUp = must(next.body.agenda.find((i) => i.kind === 'opvolging-acties'));
    nextFollowUpId = followUp.id;
    const view = await member.get<FollowUpView>(`/api/agenda-items/${followUp.id}/follow-up`);
    expect(view.status).toBe(200);
    expect(view.body.entries).toEqual([
      expect.objectContaining({
        actionId: annaActionId,
        ownerUserId: memberId,
        due: '2026-03-20',
        overdue: false,
      }),
    ]);
  });

  it('records a decision under the room lock in the one sequence; a room changed elsewhere is read again', async () => {
    // A meeting of its own, so the figures of the shared one stay as the other tests expect.
    const created = await chair.post<MeetingDetail>(`/api/teams/${teamA}/meetings`, {
      startsAt: '2026-03-04T09:30:00+01:00',
      durationMinutes: 60,
      chairId,
    });
    const ownId = created.body.id;
    const withItem = await chair.post<MeetingDetail>(`/api/meetings/${ownId}/agenda`, {
      kind: 'overig',
      title: 'Werkafspraken',
      presenterUserId: chairId,
      timeBoxMinutes: 10,
    });
    const itemId = must(withItem.body.agenda[0]).id;
    const dataSource = dataSourceOf(t.app);
    const rooms = t.app.get(LiveRoomCache);
    const decideHere = async (body: Record<string, unknown> = {}) =>
      (
        await chair.post<RecordCommandResult<DecisionView>>(`/api/meetings/${ownId}/decisions`, {
          commandId: randomUUID(),
          itemId,
          type: 'geen-actie',
          text: 'Werkafspraken blijven zoals ze zijn',
          rationale: 'Het team is tevreden',
          ...body,
        })
      ).body;
    // Decisions are rare: each takes the room's row lock, so a stale copy here never matters.
    expect(await decideHere()).toMatchObject({ seq: 1, duplicate: false });
    const transaction = jest.spyOn(dataSource.manager, 'transaction');
    try {
      expect(await decideHere()).toMatchObject({ seq: 2, duplicate: false });
      expect(transaction).toHaveBeenCalledTimes(1);
      // Another api instance moves the room on: this one keeps its older copy.
      const older = must(rooms.get(ownId));
      rooms.forget(ownId);
      expect(await decideHere()).toMatchObject({ seq: 3 });
      rooms.forget(ownId);
      rooms.put(older);
      expect(await decideHere()).toMatchObject({ seq: 4 });
      // What the lock read and committed is known again: the next decision continues from it.
      expect(must(rooms.get(ownId)).seq).toBe(4);
      expect(await decideHere()).toMatchObject({ seq: 5 });
      expect(transaction).toHaveBeenCalledTimes(4);
      // Refusals keep their reasons and write nothing.
      expect(await decideHere({ itemId: caseItemId })).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'itemId', issue: 'not-on-agenda' }],
      });
      expect(await decideHere({ rationale: ' ' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    } finally {
      transaction.mockRestore();
    }
    const [stored] = (await dataSource.query(
      `SELECT "seq", ("live_state" ->> 'seq')::int AS "stateSeq" FROM "meeting" WHERE "id" = $1`,
      [ownId],
    )) as [{ seq: number; stateSeq: number }];
    expect(stored).toEqual({ seq: 5, stateSeq: 5 });
    const logged = (await dataSource.query(
      'SELECT "seq" FROM "meeting_event" WHERE "meeting_id" = $1 ORDER BY "seq"',
      [ownId],
    )) as { seq: number }[];
    expect(logged.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const records = await chair.get<MeetingRecordsView>(`/api/meetings/${ownId}/records`);
    expect(records.body.decisions).toHaveLength(5);
  });

  it('generates minutes with attendance, questions, decisions and actions; approval locks them', async () => {
    expect((await member.post(`/api/meetings/${meetingId}/minutes`)).status).toBe(403);
    const generated = await chair.post<MinutesView>(`/api/meetings/${meetingId}/minutes`);
    expect(generated.status).toBe(201);
    const m = generated.body;
    expect(m.status).toBe('draft');
    expect(m.attendance.present.map((x) => x.userId).sort()).toEqual([chairId, memberId].sort());
    expect(m.attendance.present.find((x) => x.userId === chairId)?.role).toBe('chair');
    expect(m.attendance.absent.map((x) => x.userId)).toEqual([absenteeId]);
    const caseItem = must(m.items.find((i) => i.itemId === caseItemId));
    expect(caseItem.question).toBe(QUESTION);
    expect(caseItem.notes).toBe(NOTE);
    expect(caseItem.decisions).toEqual([
      expect.objectContaining({
        decisionId,
        typeLabel: 'Maatwerkvoorziening',
        text: 'Ambulante gezinsbegeleiding aanvragen',
      }),
    ]);
    expect(caseItem.actions.map((x) => x.actionId)).toEqual([annaActionId]);
    expect(must(m.items.find((i) => i.itemId === infoItemId)).actions).toEqual([
      expect.objectContaining({ actionId: aliceActionId, status: 'gereed' }),
    ]);

    const edited = await chair.request<MinutesView>('PATCH', `/api/meetings/${meetingId}/minutes`, {
      items: [{ itemId: caseItemId, notes: 'Besproken met het hele team.' }],
    });
    expect(edited.status).toBe(200);
    expect(must(edited.body.items.find((i) => i.itemId === caseItemId)).notes).toBe(
      'Besproken met het hele team.',
    );
    expect((await member.post(`/api/meetings/${meetingId}/minutes/approve`)).status).toBe(403);
    const approved = await chair.post<MinutesView>(`/api/meetings/${meetingId}/minutes/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedByUserId: chairId });

    // Locked: the server refuses every edit, also to the meeting's decisions and actions.
    const refused = [
      await chair.request('PATCH', `/api/meetings/${meetingId}/minutes`, { items: [] }),
      await chair.post(`/api/meetings/${meetingId}/minutes`),
      await chair.post(`/api/meetings/${meetingId}/minutes/approve`),
      await chair.post(`/api/meetings/${meetingId}/decisions`, {
        commandId: randomUUID(),
        itemId: caseItemId,
        type: 'geen-actie',
        text: 'Niets',
        rationale: 'Achteraf',
      }),
      await chair.post(`/api/meetings/${meetingId}/actions`, {
        commandId: randomUUID(),
        itemId: caseItemId,
        ownerUserId: chairId,
        text: 'Achteraf',
        due: '2026-03-20',
      }),
      await member.request('PATCH', `/api/actions/${annaActionId}`, {
        commandId: randomUUID(),
        status: 'gereed',
      }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject(APPROVED);
    }
    const live = await decide(a, { commandId: randomUUID() });
    expect(live).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const read = await member.get<MinutesView>(`/api/meetings/${meetingId}/minutes`);
    expect(read.body.status).toBe('approved');
    expect(must(read.body.items.find((i) => i.itemId === caseItemId)).notes).toBe(
      'Besproken met het hele team.',
    );
  });

  it('exports the minutes as a PDF download', async () => {
    const res = await fetch(`${t.baseUrl}/api/meetings/${meetingId}/minutes.pdf`, {
      headers: { cookie: member.cookieHeader },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.pdf"$/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(body.length).toBeGreaterThan(1000);
    for (const action of ['minutes.generate', 'minutes.approve', 'minutes.read', 'minutes.export'])
      expect((await auditRows(t, action)).map((r) => r.outcome)).toContain('allowed');
  });

  it('refuses a member of another team everything, and audits it', async () => {
    const id = meetingId;
    const answers = [
      await outsider.get(`/api/meetings/${id}/records`),
      await outsider.post(`/api/meetings/${id}/decisions`, {
        commandId: randomUUID(),
        itemId: caseItemId,
        type: 'overig',
        text: 'x',
        rationale: 'y',
      }),
      await outsider.post(`/api/meetings/${id}/actions`, {
        commandId: randomUUID(),
        itemId: caseItemId,
        ownerUserId: outsiderId,
        text: 'x',
        due: '2026-03-20',
      }),
      await outsider.request('PATCH', `/api/actions/${annaActionId}`, {
        commandId: randomUUID(),
        status: 'gereed',
      }),
      await outsider.get(`/api/teams/${teamA}/actions?status=open`),
      await outsider.get(`/api/agenda-items/${nextFollowUpId}/follow-up`),
      await outsider.post(`/api/meetings/${id}/minutes`),
      await outsider.get(`/api/meetings/${id}/minutes`),
      await outsider.request('PATCH', `/api/meetings/${id}/minutes`, { items: [] }),
      await outsider.post(`/api/meetings/${id}/minutes/approve`),
      await outsider.get(`/api/meetings/${id}/minutes.pdf`),
    ];
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 403));
    expect((await outsider.get<ActionView[]>('/api/me/actions')).body).toEqual([]);
    const o = await connect(outsider);
    const decided = await o.timeout(5000).emitWithAck('decision:create', {
      meetingId: id,
      commandId: randomUUID(),
      itemId: caseItemId,
      type: 'overig',
      text: 'x',
      rationale: 'y',
    });
    expect(decided).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const action of [
      'decision.list',
      'decision.create',
      'action.create',
      'action.update',
      'action.list',
      'follow-up.read',
      'minutes.generate',
      'minutes.read',
      'minutes.update',
      'minutes.approve',
      'minutes.export',
    ]) {
      const rows = await auditRows(t, action);
      expect(rows).toContainEqual({ outcome: 'denied', actor_user_id: outsiderId });
    }
    const records = await chair.get<MeetingRecordsView>(`/api/meetings/${id}/records`);
    expect(records.body.decisions).toHaveLength(1);
    expect(records.body.actions).toHaveLength(2);
  });
});
