import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  DecisionCreatedEvent,
  GuestInvitationCreated,
  GuestInvitationView,
  GuestJoinResult,
  GuestSessionView,
  GuestStateEvent,
  LiveAck,
  NoteJoinResult,
  SessionState,
} from '@casustafel/contracts';
import { NOTE_TEXT_NAME } from '@casustafel/contracts';
import * as Y from 'yjs';
import { BrowserClient } from './support/browser-client';
import { testEngines, type TestDatabase, createTestDatabaseOnDisk } from './support/engines';
import {
  FakeClock,
  type LiveClient,
  nextEvent,
  pollUntil,
  startTestApp,
  type TestApp,
  connectedLive,
} from './support/test-app';
import { signIn } from './factories/case-file.factory';
import { dataSourceOf } from './factories/identity.factory';
import { must } from './support/must';
import { addAgendaItem, readyCase, weeklySeries } from './factories/meeting.factory';
import { oneTeam } from './factories/team.factory';

/*
 * Canaries: planted in every part of item B (and of an announcement the guest is not invited
 * to). The guest, invited to item A only, must never receive one of them — over REST, socket
 * events, acks, note sync, minutes or exports.
 */
const CANARY = {
  caseTitle: 'KANARIE-B-CASUS-7f3a',
  question: 'KANARIE-B-VRAAG-91c2 welke hulp past?',
  note: 'KANARIE-B-NOTITIE-55d0',
  decision: 'KANARIE-B-BESLUIT-e81b',
  rationale: 'KANARIE-B-ONDERBOUWING-0c4d',
  action: 'KANARIE-B-ACTIE-3aa9',
  announcement: 'KANARIE-C-MEDEDELING-d2e7',
};
const QUESTION_A = 'Welke ondersteuning kan de GGZ bieden aan moeder?';
const NOTE_A = 'GGZ kan binnen twee weken een intake doen.';
const GUEST_ORG = 'GGZ Centraal';

/** Records every byte a guest client receives: REST bodies, socket events and acks. */
class Recorder {
  readonly chunks: string[] = [];
  add(label: string, value: unknown): void {
    this.chunks.push(`${label} ${JSON.stringify(value)}`);
  }
  watch(socket: LiveClient): void {
    socket.onAny((event: string, ...args: unknown[]) => this.add(`event:${event}`, args));
  }
  get all(): string {
    return this.chunks.join('\n');
  }
}

describe.each(testEngines())('remote specialists (guests) on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  // Monday 2 March 2026; the meeting is on Tuesday 3 March, 09:30–11:00 Amsterdam time.
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let teamA: string;
  let chair: BrowserClient;
  let member: BrowserClient;
  let chairId: string;
  let chairLogin: { email: string; totpSecret: string | null };
  let memberId: string;
  let meetingId: string;
  let itemA: string;
  let itemB: string;
  let itemC: string;
  let caseB: string;
  let householdB: string;
  const seen = new Recorder();

  beforeAll(async () => {
    db = await createTestDatabaseOnDisk(engine, 'cst-guests-');
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const cast = await oneTeam(t, clock);
    teamA = cast.teamA;
    chairLogin = { email: cast.chair.email, totpSecret: cast.chair.totpSecret };
    [chair, chairId, member, memberId] = [
      cast.chair.client,
      cast.chair.id,
      cast.member.client,
      cast.member.id,
    ];

    const caseWith = (label: string, title: string, question: string) =>
      readyCase(chair, member, teamA, {
        casusregisseurId: memberId,
        label,
        title,
        question,
        covered: false,
      });
    const a1 = await caseWith('Huishouden Akkerman', 'Zorgen om moeder', QUESTION_A);
    const b1 = await caseWith('Huishouden Bakker', CANARY.caseTitle, CANARY.question);
    caseB = b1.caseId;
    householdB = b1.householdId;
    // Household A: a legal basis naming the GGZ organisation; household B: nothing.
    const consent = await chair.post(`/api/households/${a1.householdId}/consents`, {
      basis: 'wettelijke-grondslag',
      legalBasis: 'wettelijke-taak-wmo',
      purpose: 'mdo',
      dataCategories: ['ggz'],
      recipients: [{ kind: 'organisatie', name: GUEST_ORG }],
      grantedAt: '2026-03-01',
    });
    expect(consent.status).toBe(201);

    meetingId = must((await weeklySeries(chair, teamA, chairId)).meetings[0]).id;
    const add = (body: Record<string, unknown>) =>
      addAgendaItem(chair, meetingId, { presenterUserId: memberId, timeBoxMinutes: 20, ...body });
    itemA = must(
      (await add({ kind: 'casusbespreking', title: 'Gezin A', preparationId: a1.preparationId }))
        .agenda[0],
    ).id;
    itemB = must(
      (
        await add({
          kind: 'casusbespreking',
          title: CANARY.caseTitle,
          preparationId: b1.preparationId,
          // Household B has no consent for the meeting: the chair records why (point 7).
          consentJustification: 'Acute zorgen over de veiligheid; bespreking kan niet wachten.',
        })
      ).agenda[1],
    ).id;
    itemC = must((await add({ kind: 'mededeling', title: CANARY.announcement })).agenda[2]).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const connect = (client: BrowserClient) => connectedLive(t, client);
  const invite = (client: BrowserClient, body: Record<string, unknown>) =>
    client.post<GuestInvitationCreated>(`/api/meetings/${meetingId}/guests`, {
      name: 'Gerrit de Graaf',
      email: 'Gerrit@GGZ-centraal.example',
      discipline: 'ggz',
      organisationName: GUEST_ORG,
      ...body,
    });
  const tokenOf = (link: string) => must(new URL(link).hash.slice(1));
  const auditRows = (action: string) =>
    dataSourceOf(t.app).query(
      'SELECT "outcome", "actor_role", "legal_basis", "object_id" FROM "audit_event" WHERE "action" = $1 ORDER BY "occurred_at"',
      [action],
    ) as Promise<
      {
        outcome: string;
        actor_role: string | null;
        legal_basis: string | null;
        object_id: string;
      }[]
    >;

  let invitationA: GuestInvitationCreated;
  let guest: BrowserClient;
  let guestSocket: LiveClient;
  let guestDoc: Y.Doc;
  let guestUserId: string;

  it('refuses an invitation that consent does not cover, unless the chair records why', async () => {
    const refused = await invite(chair, { itemIds: [itemA, itemB] });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      details: [{ path: 'itemIds.1', issue: 'consent-missing' }],
    });
    const tooShort = await invite(chair, { itemIds: [itemB], justification: 'kort' });
    expect(tooShort.status).toBe(400);
    expect((await invite(member, { itemIds: [itemA] })).status).toBe(403);
    const foreign = await invite(chair, { itemIds: [randomUUID()] });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ details: [{ path: 'itemIds.0', issue: 'unknown-item' }] });
    expect((await invite(chair, { itemIds: [itemA], email: 'geen-adres' })).status).toBe(400);
  });

  it('invites a GGZ specialist to item A on the recorded legal basis; the code is shown once', async () => {
    const res = await invite(chair, { itemIds: [itemA] });
    expect(res.status).toBe(201);
    invitationA = res.body;
    expect(invitationA.code).toMatch(/^\d{8}$/);
    expect(invitationA.link).toMatch(/\/gast#[A-Za-z0-9_-]{40,}$/);
    expect(invitationA.invitation).toMatchObject({
      status: 'uitgenodigd',
      delivery: 'uitnodiger',
      email: 'gerrit@ggz-centraal.example',
      items: [{ itemId: itemA, basis: 'wettelijke-grondslag' }],
      justification: null,
      // Meeting ends 11:00 Amsterdam (10:00 UTC) + 60 minutes' grace.
      expiresAt: '2026-03-03T11:00:00.000Z',
    });
    expect(invitationA.invitation.items[0]?.consentId).toEqual(expect.any(String));
    const list = await member.get<GuestInvitationView[]>(`/api/meetings/${meetingId}/guests`);
    expect(list.status).toBe(200);
    expect(list.body.map((g) => g.id)).toEqual([invitationA.invitation.id]);
    expect(JSON.stringify(list.body)).not.toContain(invitationA.code ?? 'x');
    const audited = await auditRows('guest.invite');
    expect(audited.filter((r) => r.outcome === 'allowed')).toHaveLength(1);
    // The guest account is not an organisation account.
    const admin = await dataSourceOf(t.app).query(
      `SELECT "kind", "password_hash" FROM "app_user" WHERE "display_name" = 'Gerrit de Graaf'`,
    );
    expect(admin).toEqual([{ kind: 'guest', password_hash: null }]);
  });

  it('signs the guest in with link plus one-time code; a wrong or reused code is refused', async () => {
    guest = new BrowserClient(t.baseUrl);
    const token = tokenOf(invitationA.link);
    const wrong = await guest.post('/api/guest/sign-in', { token, code: '00000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'GUEST_ACCESS_INVALID' });
    const bogus = await guest.post('/api/guest/sign-in', { token: 'x'.repeat(43), code: '1' });
    expect(bogus.status).toBe(400);
    const ok = await guest.post<SessionState>('/api/guest/sign-in', {
      token,
      code: invitationA.code,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ stage: 'complete', user: { guest: true, teams: [] } });
    seen.add('rest:sign-in', ok.body);
    guestUserId = must(ok.body.user).id;
    const again = await new BrowserClient(t.baseUrl).post('/api/guest/sign-in', {
      token,
      code: invitationA.code,
    });
    expect(again.status).toBe(401);
    const session = await guest.get<GuestSessionView>('/api/guest/session');
    seen.add('rest:session', session.body);
    expect(session.status).toBe(200);
    expect(session.body.items).toEqual([
      expect.objectContaining({ id: itemA, title: 'Gezin A', question: QUESTION_A }),
    ]);
    expect(session.body.meeting).toMatchObject({ id: meetingId, teamName: 'Wijkteam Noord' });
    // Wrong code, malformed request, the sign-in, the reused code.
    expect((await auditRows('guest.sign-in')).map((r) => r.outcome)).toEqual([
      'failed',
      'failed',
      'allowed',
      'failed',
    ]);
  });

  it('gives the guest no member endpoint: meeting, records, minutes, PDF, cases, follow-up', async () => {
    const paths = [
      `/api/meetings/${meetingId}`,
      `/api/meetings/${meetingId}/records`,
      `/api/meetings/${meetingId}/minutes`,
      `/api/meetings/${meetingId}/minutes.pdf`,
      `/api/meetings/${meetingId}/guests`,
      `/api/teams/${teamA}/meetings`,
      `/api/teams/${teamA}/cases`,
      `/api/cases/${caseB}`,
      `/api/households/${householdB}`,
      `/api/agenda-items/${itemB}/follow-up`,
      `/api/teams/${teamA}/actions`,
    ];
    for (const path of paths) {
      const res = await guest.get(path);
      // Labelled by position: the paths themselves hold the ids the check looks for.
      seen.add(`rest:${paths.indexOf(path)}`, res.body);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const inviteBack = await guest.post(`/api/meetings/${meetingId}/guests`, {});
    expect(inviteBack.status).toBe(403);
    // Nor an authenticator app on the guest account, nor a team list.
    expect((await guest.post('/api/auth/totp/enrolment')).status).toBe(403);
    const teams = await guest.get<unknown[]>('/api/teams');
    seen.add('rest:teams', teams.body);
    expect(teams.body).toEqual([]);
  });

  it('in the live room the guest gets only item A: its state, note and records', async () => {
    const chairSocket = await connect(chair);
    const memberSocket = await connect(member);
    for (const s of [chairSocket, memberSocket])
      expect(
        (await s.timeout(5000).emitWithAck('meeting:join', { meetingId, mode: 'in-de-ruimte' })).ok,
      ).toBe(true);
    guestSocket = await connect(guest);
    seen.watch(guestSocket);
    const joined = (await guestSocket
      .timeout(5000)
      .emitWithAck('guest:join', { meetingId })) as LiveAck<GuestJoinResult>;
    seen.add('ack:guest:join', joined);
    expect(joined.ok).toBe(true);
    if (!joined.ok) return;
    expect(joined.data.view.items.map((i) => i.id)).toEqual([itemA]);
    // Member channels stay closed to a guest.
    const memberJoin = await guestSocket.timeout(5000).emitWithAck('meeting:join', { meetingId });
    seen.add('ack:meeting:join', memberJoin);
    expect(memberJoin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noteB = await guestSocket.timeout(5000).emitWithAck('note:join', { itemId: itemB });
    seen.add('ack:note:join:B', noteB);
    expect(noteB).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const decide = await guestSocket.timeout(5000).emitWithAck('decision:create', {
      meetingId,
      commandId: randomUUID(),
      itemId: itemA,
      type: 'geen-actie',
      text: 'x',
      rationale: 'y',
    } as never);
    expect(decide).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noteA = (await guestSocket
      .timeout(5000)
      .emitWithAck('note:join', { itemId: itemA })) as LiveAck<NoteJoinResult>;
    seen.add('ack:note:join:A', noteA);
    expect(noteA.ok).toBe(true);
    guestDoc = new Y.Doc();
    if (noteA.ok) Y.applyUpdate(guestDoc, Buffer.from(noteA.data.update, 'base64'));
    guestSocket.on('note:update', (e) => {
      if (e.itemId === itemA) Y.applyUpdate(guestDoc, Buffer.from(e.update, 'base64'), 'remote');
    });

    // The chair discusses item B first: canaries in its note, decision and action.
    const command = (body: Record<string, unknown>) =>
      chairSocket
        .timeout(5000)
        .emitWithAck('meeting:command', { commandId: randomUUID(), meetingId, ...body } as never);
    expect(await command({ type: 'item:start', itemId: itemB })).toMatchObject({ ok: true });
    const otherItem = await pollUntil(
      () => seen.chunks.filter((c) => c.startsWith('event:guest:state')),
      (c) => c.length > 0,
    );
    expect(otherItem.at(-1)).toContain('"otherItemInProgress":true');
    await command({ type: 'phase:advance', itemId: itemB });
    await command({ type: 'timer:extend', itemId: itemB, minutes: 5 });
    expect((await chairSocket.timeout(5000).emitWithAck('note:join', { itemId: itemB })).ok).toBe(
      true,
    );
    const docB = new Y.Doc();
    docB.on('update', (update: Uint8Array) => {
      void chairSocket.timeout(5000).emitWithAck('note:update', {
        itemId: itemB,
        update: Buffer.from(update).toString('base64'),
      });
    });
    docB.getText(NOTE_TEXT_NAME).insert(0, CANARY.note);
    await chairSocket.timeout(5000).emitWithAck('note:awareness', {
      itemId: itemB,
      update: Buffer.from(CANARY.note).toString('base64'),
    });
    const decisionB = await chairSocket.timeout(5000).emitWithAck('decision:create', {
      meetingId,
      commandId: randomUUID(),
      itemId: itemB,
      type: 'maatwerkvoorziening',
      text: CANARY.decision,
      rationale: CANARY.rationale,
    } as never);
    expect(decisionB).toMatchObject({ ok: true });
    const actionB = await chairSocket.timeout(5000).emitWithAck('action:create', {
      meetingId,
      commandId: randomUUID(),
      itemId: itemB,
      ownerUserId: memberId,
      text: CANARY.action,
      due: '2026-03-20',
    } as never);
    expect(actionB).toMatchObject({ ok: true });
    // A guest's hand counts only while one of their items is current.
    const earlyHand = await guestSocket
      .timeout(5000)
      .emitWithAck('meeting:command', { commandId: randomUUID(), meetingId, type: 'hand:raise' });
    expect(earlyHand.ok).toBe(false);

    // Now item A: the guest sees it start, types with the member, and sees its records.
    const started = nextEvent<GuestStateEvent>(guestSocket, 'guest:state');
    await command({ type: 'item:start', itemId: itemA });
    expect(await started).toMatchObject({ currentItemId: itemA, otherItemInProgress: false });
    const hand = await guestSocket
      .timeout(5000)
      .emitWithAck('meeting:command', { commandId: randomUUID(), meetingId, type: 'hand:raise' });
    expect(hand).toMatchObject({ ok: true });
    const queued = await pollUntil(
      () => seen.chunks.filter((c) => c.startsWith('event:guest:state')).at(-1) ?? '',
      (last) => last.includes('speakingQueue":["'),
    );
    expect(queued).toContain(`"speakingQueue":["${guestUserId}"]`);
    expect((await memberSocket.timeout(5000).emitWithAck('note:join', { itemId: itemA })).ok).toBe(
      true,
    );
    const docA = new Y.Doc();
    docA.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      void memberSocket.timeout(5000).emitWithAck('note:update', {
        itemId: itemA,
        update: Buffer.from(update).toString('base64'),
      });
    });
    docA.getText(NOTE_TEXT_NAME).insert(0, NOTE_A);
    const decisionSeen = nextEvent<DecisionCreatedEvent>(guestSocket, 'decision:created');
    await chairSocket.timeout(5000).emitWithAck('decision:create', {
      meetingId,
      commandId: randomUUID(),
      itemId: itemA,
      type: 'verwijzing-2e-lijn',
      text: 'Intake bij GGZ Centraal',
      rationale: 'Moeder vraagt er zelf om',
    } as never);
    expect((await decisionSeen).decision).toMatchObject({ agendaItemId: itemA });
    await pollUntil(
      () => guestDoc.getText(NOTE_TEXT_NAME).toString(),
      (text) => text === NOTE_A,
    );
    // The guest types too; the member's document converges.
    guestDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      void guestSocket.timeout(5000).emitWithAck('note:update', {
        itemId: itemA,
        update: Buffer.from(update).toString('base64'),
      });
    });
    memberSocket.on('note:update', (e) => {
      if (e.itemId === itemA) Y.applyUpdate(docA, Buffer.from(e.update, 'base64'), 'remote');
    });
    guestDoc.getText(NOTE_TEXT_NAME).insert(NOTE_A.length, ' Gerrit: wachttijd is kort.');
    await pollUntil(
      () => docA.getText(NOTE_TEXT_NAME).toString(),
      (text) => text.endsWith('wachttijd is kort.'),
    );
  });

  it('the minutes (with every canary) and their PDF are refused to the guest', async () => {
    const generated = await chair.post<{
      items: unknown[];
      attendance: { present: { role: string; name?: string }[] };
    }>(`/api/meetings/${meetingId}/minutes`);
    expect(generated.status).toBe(201);
    expect(JSON.stringify(generated.body)).toContain(CANARY.decision);
    // The guest who joined is in the attendance as a guest, under the name they were invited.
    expect(generated.body.attendance.present).toContainEqual(
      expect.objectContaining({ role: 'guest', name: 'Gerrit de Graaf' }),
    );
    expect(
      generated.body.attendance.present.filter((a) => a.role !== 'guest').every((a) => !a.name),
    ).toBe(true);
    for (const path of [`/minutes`, `/minutes.pdf`, `/records`]) {
      const res = await guest.get(`/api/meetings/${meetingId}${path}`);
      seen.add(`rest:${path}`, res.body);
      expect(res.status).toBe(403);
    }
    // A new join after all this still holds only item A.
    const rejoin = (await guestSocket
      .timeout(5000)
      .emitWithAck('guest:join', { meetingId })) as LiveAck<GuestJoinResult>;
    seen.add('ack:guest:join:2', rejoin);
    expect(rejoin.ok && rejoin.data.decisions.map((d) => d.agendaItemId)).toEqual([itemA]);
  });

  it('the guest received zero bytes of item B and of the announcement (canary check)', () => {
    seen.add('note:A', guestDoc.getText(NOTE_TEXT_NAME).toString());
    const everything = seen.all;
    expect(everything.length).toBeGreaterThan(2000);
    expect(everything).toContain(NOTE_A);
    expect(everything).toContain('Intake bij GGZ Centraal');
    for (const [name, canary] of Object.entries(CANARY))
      expect({ name, leaked: everything.includes(canary) }).toEqual({ name, leaked: false });
    for (const id of [itemB, itemC, caseB, householdB])
      expect({ id, leaked: everything.includes(id) }).toEqual({ id, leaked: false });
  });

  it('revoking a guest disconnects their socket within a second and ends their session', async () => {
    const second = await invite(chair, {
      name: 'Sara Schuld',
      email: 'sara@schuldhulp.example',
      discipline: 'schuldhulpverlener',
      organisationName: 'Schuldhulp Stad',
      itemIds: [itemB],
      justification: 'Acuut huisuitzettingsrisico; de schuldhulpverlener moet nu meedenken.',
    });
    expect(second.status).toBe(201);
    expect(second.body.invitation).toMatchObject({
      items: [{ itemId: itemB, basis: 'motivering', consentId: null }],
      justification: expect.stringContaining('huisuitzettingsrisico'),
    });
    expect((await auditRows('guest.invite')).at(-1)).toMatchObject({ legal_basis: 'motivering' });
    const sara = new BrowserClient(t.baseUrl);
    expect(
      (
        await sara.post('/api/guest/sign-in', {
          token: tokenOf(second.body.link),
          code: second.body.code,
        })
      ).status,
    ).toBe(200);
    const socket = await connect(sara);
    expect((await socket.timeout(5000).emitWithAck('guest:join', { meetingId })).ok).toBe(true);
    const gone = nextEvent(socket, 'disconnect', 3000);
    const before = Date.now();
    const revoked = await chair.request<GuestInvitationView>(
      'DELETE',
      `/api/meetings/${meetingId}/guests/${second.body.invitation.id}`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('ingetrokken');
    await gone;
    expect(Date.now() - before).toBeLessThan(1000);
    expect((await sara.get('/api/guest/session')).status).toBe(401);
    // A revoked invitation cannot be used again, nor given a new code.
    const reuse = await new BrowserClient(t.baseUrl).post('/api/guest/sign-in', {
      token: tokenOf(second.body.link),
      code: '12345678',
    });
    expect(reuse).toMatchObject({ status: 410, body: { code: 'GUEST_ACCESS_ENDED' } });
    const code = await chair.post(
      `/api/meetings/${meetingId}/guests/${second.body.invitation.id}/code`,
    );
    expect(code.status).toBe(410);
  });

  it('locks an invitation after five wrong codes; a new code (and link) unlocks it', async () => {
    const third = await invite(chair, { name: 'Wim Werk', itemIds: [itemC] });
    expect(third.status).toBe(201);
    const token = tokenOf(third.body.link);
    const stranger = new BrowserClient(t.baseUrl);
    for (let i = 0; i < 5; i += 1)
      expect(
        (await stranger.post('/api/guest/sign-in', { token, code: `0000000${i}` })).status,
      ).toBe(401);
    const locked = await stranger.post('/api/guest/sign-in', { token, code: third.body.code });
    expect(locked.status).toBe(429);
    const renewed = await chair.post<GuestInvitationCreated>(
      `/api/meetings/${meetingId}/guests/${third.body.invitation.id}/code`,
    );
    expect(renewed.status).toBe(201);
    expect(renewed.body.code).toMatch(/^\d{8}$/);
    // The old link no longer works; the new link with the new code does.
    expect(
      (await stranger.post('/api/guest/sign-in', { token, code: renewed.body.code })).status,
    ).toBe(401);
    expect(
      (
        await stranger.post('/api/guest/sign-in', {
          token: tokenOf(renewed.body.link),
          code: renewed.body.code,
        })
      ).status,
    ).toBe(200);
  });

  it('access ends after the meeting plus the grace period: sockets disconnect, sign-in refused', async () => {
    const renewed = await chair.post<GuestInvitationCreated>(
      `/api/meetings/${meetingId}/guests/${invitationA.invitation.id}/code`,
    );
    expect(renewed.status).toBe(201);
    expect((await guest.get('/api/guest/session')).status).toBe(200);
    const gone = nextEvent(guestSocket, 'disconnect', 8000);
    // Tuesday 11:00 UTC = 10:00 meeting end (Amsterdam 11:00) + 60 minutes' grace.
    clock.advance(Date.parse('2026-03-03T11:00:01Z') - clock.now().getTime());
    await gone;
    expect((await guest.get('/api/guest/session')).status).toBe(401);
    const late = await new BrowserClient(t.baseUrl).post('/api/guest/sign-in', {
      token: tokenOf(renewed.body.link),
      code: renewed.body.code,
    });
    expect(late).toMatchObject({ status: 410, body: { code: 'GUEST_ACCESS_ENDED' } });
    // The chair's own session timed out over the night: sign in again.
    const chairAgain = await signIn(t, clock, chairLogin.email, chairLogin.totpSecret);
    const list = await chairAgain.get<GuestInvitationView[]>(`/api/meetings/${meetingId}/guests`);
    expect(list.body.find((g) => g.id === invitationA.invitation.id)?.status).toBe('verlopen');
  }, 20_000);
});
