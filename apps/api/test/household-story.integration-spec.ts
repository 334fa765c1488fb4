import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  CaseDetail,
  FamilyAccessLog,
  FamilyAgreementView,
  FamilyInvitationCreated,
  FamilyInvitationView,
  FamilyPlanView,
  FamilySessionView,
  HouseholdDetail,
  MeetingDetail,
  MeldcodeRecordView,
  Preparation,
  SessionState,
  SupportPlanPage,
  SupportPlanView,
  TimelinePage,
} from '@casustafel/contracts';
import { B1_FLESCH_DOUMA_MIN, dutchReadability } from '@casustafel/domain';
import { familyPlanFixedTexts } from '../src/modules/household-story/family-plan';
import { BrowserClient } from './support/browser-client';
import { testEngines, type TestDatabase, createTestDatabaseOnDisk } from './support/engines';
import { pdfPages } from './support/pdf-text';
import {
  FakeClock,
  type LiveClient,
  nextEvent,
  startTestApp,
  type TestApp,
} from './support/test-app';
import {
  coverForMeetings,
  householdInput,
  personInput,
  zrm2017,
} from './factories/case-file.factory';
import { dataSourceOf } from './factories/identity.factory';
import { must } from './support/must';
import { twoTeams } from './factories/team.factory';
import { weeklySeries } from './factories/meeting.factory';

/* Planted in household B (same team): the family of household A must never receive one. */
const CANARY = {
  label: 'Huishouden KANARIE-LABEL-4b1e',
  person: 'Kanariepersoonxq',
  caseTitle: 'KANARIE-CASUS-93ad',
  question: 'KANARIE-VRAAG-1f70 welke hulp past hier?',
  krachten: 'KANARIE-KRACHT-77c2',
  decision: 'KANARIE-BESLUIT-20b9',
  action: 'KANARIE-ACTIE-e5a1',
};
const QUESTION_A = 'Hoe helpen we het gezin aan werk en rust in de geldzaken?';

/** Every byte the family's client receives: REST bodies, PDF text, socket events. */
class Recorder {
  readonly chunks: string[] = [];
  add(label: string, value: unknown): void {
    this.chunks.push(`${label} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  watch(socket: LiveClient): void {
    socket.onAny((event: string, ...args: unknown[]) => this.add(`event:${event}`, args));
  }
  get all(): string {
    return this.chunks.join('\n');
  }
}

describe.each(testEngines())('household story and family access on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let chair: BrowserClient;
  let member: BrowserClient;
  let outsider: BrowserClient;
  let householdA: string;
  let householdB: string;
  let caseA: string;
  let caseB: string;
  let familyLink: string;
  let familyCode: string;
  let invitationId: string;
  let family: BrowserClient;
  const seen = new Recorder();
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabaseOnDisk(engine, 'cst-story-');
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    family = new BrowserClient(t.baseUrl);
    const cast = await twoTeams(t, clock, { outsider: 'Zeger Zuidema' });
    const { teamA, member: n } = cast;
    [chair, member, outsider] = [cast.chair.client, n.client, cast.outsider.client];

    const setUp = async (
      label: string,
      given: string,
      familyName: string,
      title: string,
      content: Record<string, unknown>,
    ) => {
      const household = await chair.post<HouseholdDetail>(
        `/api/teams/${teamA}/households`,
        householdInput(label),
      );
      expect(household.status).toBe(201);
      const h = household.body.id;
      expect(
        (
          await chair.post(
            `/api/households/${h}/persons`,
            personInput({ givenName: given, familyName }),
          )
        ).status,
      ).toBe(201);
      await coverForMeetings(chair, h, teamA);
      const created = await chair.post<CaseDetail>(`/api/teams/${teamA}/cases`, {
        householdId: h,
        title,
        casusregisseurId: n.id,
      });
      expect(created.status).toBe(201);
      const prep = await member.post<Preparation>(`/api/cases/${created.body.id}/preparations`, {
        content,
      });
      expect(prep.status).toBe(201);
      expect((await member.post(`/api/preparations/${prep.body.id}/ready`)).status).toBe(200);
      return { householdId: h, caseId: created.body.id, prepId: prep.body.id };
    };
    const A = await setUp('Huishouden Yılmaz', 'Şükrü', 'Yılmaz', 'Werk en geld', {
      vraag: QUESTION_A,
      krachten: 'Het gezin praat open met elkaar.\nOpa helpt.',
      zorgen: 'Er zijn schulden.',
    });
    const B = await setUp(CANARY.label, CANARY.person, 'Kanarie', CANARY.caseTitle, {
      vraag: CANARY.question,
      krachten: CANARY.krachten,
      zorgen: CANARY.krachten,
    });
    [householdA, caseA, householdB, caseB] = [A.householdId, A.caseId, B.householdId, B.caseId];
    const zrmScores = zrm2017('2026-02-20', 4);
    (zrmScores.domains['financien'] as Record<string, unknown>)['score'] = 2;
    expect((await member.post(`/api/cases/${caseA}/zrm`, zrmScores)).status).toBe(201);
    expect((await member.post(`/api/cases/${caseB}/zrm`, zrm2017('2026-02-20', 2))).status).toBe(
      201,
    );
    expect(
      (await member.post(`/api/cases/${caseA}/status`, { to: 'vraagverheldering' })).status,
    ).toBe(200);
    // A Meldcode record on B's case: the team sees its steps; nobody else ever does.
    const meldcode = await member.post<MeldcodeRecordView>(`/api/cases/${caseB}/meldcode`);
    expect(meldcode.status).toBe(201);
    expect(
      (
        await member.post(`/api/meldcode/${meldcode.body.id}/steps`, {
          step: 1,
          decision: 'Signalen vastgelegd',
          kindcheck: { kinderenAanwezig: true },
        })
      ).status,
    ).toBe(200);

    const meetingId = must((await weeklySeries(chair, teamA, cast.chair.id)).meetings[0]).id;
    const add = (title: string, preparationId: string) =>
      chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
        presenterUserId: n.id,
        timeBoxMinutes: 20,
        kind: 'casusbespreking',
        title,
        preparationId,
      });
    const itemA = must((await add('Gezin A', A.prepId)).body.agenda[0]).id;
    const itemB = must((await add(CANARY.caseTitle, B.prepId)).body.agenda[1]).id;
    for (const [itemId, text, action] of [
      [itemA, 'Vader gaat naar het werkplein.', 'Afspraak maken bij het werkplein'],
      [itemB, CANARY.decision, CANARY.action],
    ] as const) {
      const decided = await chair.post<{ record: { id: string } }>(
        `/api/meetings/${meetingId}/decisions`,
        {
          commandId: randomUUID(),
          itemId,
          type: 'verwijzing-1e-lijn',
          text,
          rationale: 'Werk en schulden hangen samen.',
        },
      );
      expect(decided.status).toBe(201);
      const acted = await chair.post(`/api/meetings/${meetingId}/actions`, {
        commandId: randomUUID(),
        itemId,
        ownerUserId: n.id,
        text: action,
        due: '2026-03-20',
      });
      expect(acted.status).toBe(201);
    }
  }, 180_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
    await db?.drop();
  });

  const auditRows = (action: string) =>
    dataSourceOf(t.app).query(
      'SELECT "outcome", "actor_role", "client_id", "object_type" FROM "audit_event" WHERE "action" = $1 ORDER BY "seq"',
      [action],
    ) as Promise<
      {
        outcome: string;
        actor_role: string | null;
        client_id: string | null;
        object_type: string;
      }[]
    >;

  it('shows the team the case’s story newest first, with its sources, and pages it', async () => {
    const page = await member.get<TimelinePage>(`/api/cases/${caseA}/timeline`);
    expect(page.status).toBe(200);
    const kinds = page.body.entries.map((e) => e.kind);
    expect(new Set(kinds)).toEqual(new Set(['meeting', 'decision', 'action', 'zrm', 'status']));
    const decision = must(page.body.entries.find((e) => e.kind === 'decision'));
    expect(decision).toMatchObject({
      text: 'Vader gaat naar het werkplein.',
      status: 'verwijzing-1e-lijn',
      source: { kind: 'minutes', caseId: caseA },
    });
    const meeting = must(page.body.entries.find((e) => e.kind === 'meeting'));
    expect(meeting).toMatchObject({ text: QUESTION_A, status: 'gepland' });
    const times = page.body.entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(page.body)).not.toContain('KANARIE');
    // Pages: two at a time, following nextBefore, until the end.
    const first = await member.get<TimelinePage>(`/api/cases/${caseA}/timeline?limit=2`);
    expect(first.body.entries).toHaveLength(2);
    const rest = await member.get<TimelinePage>(
      `/api/cases/${caseA}/timeline?limit=100&before=${encodeURIComponent(must(first.body.nextBefore))}`,
    );
    expect(rest.body.entries.every((e) => e.at < must(first.body.entries[1]).at)).toBe(true);
    expect((await member.get(`/api/cases/${caseA}/timeline?limit=0`)).status).toBe(400);
    expect((await member.get<TimelinePage>(`/api/households/${householdA}/timeline`)).status).toBe(
      200,
    );
  });

  it('filters the timeline by the reader’s rights: Meldcode for the team, nothing for another team', async () => {
    const b = await member.get<TimelinePage>(`/api/households/${householdB}/timeline`);
    expect(b.body.entries.some((e) => e.kind === 'meldcode')).toBe(true);
    for (const path of [
      `/api/cases/${caseA}/timeline`,
      `/api/households/${householdA}/timeline`,
      `/api/households/${householdB}/timeline`,
    ])
      expect((await outsider.get(path)).status).toBe(403);
    const reads = await auditRows('timeline.read');
    expect(reads.some((r) => r.outcome === 'allowed' && r.client_id === householdA)).toBe(true);
    expect(reads.some((r) => r.outcome === 'denied' && r.client_id === householdA)).toBe(true);
  });

  it('refuses a family link while a Meldcode record is open, and to another team', async () => {
    const meldcodeOpen = await chair.post(`/api/households/${householdB}/family-invitations`, {
      name: 'Kanarie Kanarie',
    });
    expect(meldcodeOpen.status).toBe(409);
    expect(
      (await outsider.post(`/api/households/${householdA}/family-invitations`, { name: 'Iemand' }))
        .status,
    ).toBe(403);
  });

  it('locks a link after five wrong codes; the right code no longer works', async () => {
    const other = await chair.post<FamilyInvitationCreated>(
      `/api/households/${householdA}/family-invitations`,
      { name: 'Ayşe Yılmaz', days: 7 },
    );
    expect(other.status).toBe(201);
    const token = must(other.body.link.split('#')[1]);
    const stranger = new BrowserClient(t.baseUrl);
    for (let i = 0; i < 5; i++)
      expect(
        (await stranger.post('/api/family/sign-in', { token, code: `9999999${i}` })).status,
      ).toBe(401);
    const locked = await stranger.post('/api/family/sign-in', { token, code: other.body.code });
    expect(locked.status).toBe(429);
    const list = await chair.get<FamilyInvitationView[]>(
      `/api/households/${householdA}/family-invitations`,
    );
    expect(list.body.find((i) => i.id === other.body.invitation.id)?.codeAttempts).toBe(5);
  });

  it('signs the family in with link + code and shows the B1 plan of their household only', async () => {
    const created = await chair.post<FamilyInvitationCreated>(
      `/api/households/${householdA}/family-invitations`,
      { name: 'Şükrü Yılmaz' },
    );
    expect(created.status).toBe(201);
    expect(created.body.link).toMatch(/\/gezin#[A-Za-z0-9_-]{40,}$/);
    expect(created.body.code).toMatch(/^\d{8}$/);
    [familyLink, familyCode, invitationId] = [
      created.body.link,
      created.body.code,
      created.body.invitation.id,
    ];
    const token = must(familyLink.split('#')[1]);
    const signedIn = await family.post<SessionState>('/api/family/sign-in', {
      token,
      code: familyCode,
    });
    expect(signedIn.status).toBe(200);
    seen.add('rest:sign-in', signedIn.body);
    expect(signedIn.body.user).toMatchObject({ family: true, guest: false, teams: [] });
    // One-time: the same code again is refused.
    expect(
      (await new BrowserClient(t.baseUrl).post('/api/family/sign-in', { token, code: familyCode }))
        .status,
    ).toBe(401);

    const socket = t.connectLive({ cookie: family.cookieHeader });
    sockets.push(socket);
    seen.watch(socket);
    if (!socket.connected) await nextEvent(socket, 'connect');

    const session = await family.get<FamilySessionView>('/api/family/session');
    seen.add('rest:session', session.body);
    expect(session.body).toMatchObject({ householdLabel: 'Huishouden Yılmaz' });
    const plan = await family.get<FamilyPlanView>('/api/family/plan');
    seen.add('rest:plan', plan.body);
    expect(plan.status).toBe(200);
    expect(plan.body.members).toEqual(['Şükrü Yılmaz']);
    expect(plan.body.regisseur).toBe('Anna Noordhoek');
    expect(plan.body.krachten).toEqual(
      expect.arrayContaining(['Het gezin praat open met elkaar.', 'Opa helpt.']),
    );
    expect(plan.body.zorgen).toEqual(['Er zijn schulden.']);
    // The ZRM's client-language label, and plain words for the score.
    expect(plan.body.doelen).toEqual([
      { key: 'financien', label: 'Geldzaken', state: 'Hier is hulp nodig.', score: 2 },
    ]);
    expect(plan.body.afspraken).toEqual([
      {
        who: 'Anna Noordhoek',
        what: 'Afspraak maken bij het werkplein',
        when: '20 maart 2026',
        status: 'Nog te doen',
      },
    ]);
    const english = await family.get<FamilyPlanView>('/api/family/plan?lang=en');
    seen.add('rest:plan-en', english.body);
    expect(must(english.body.doelen[0]).label).toBe('Finances');
  });

  it('records the family’s agreement with a comment, and shows it on the plan', async () => {
    const read = await family.get<FamilyPlanView>('/api/family/plan');
    const agreed = await family.post<FamilyAgreementView>('/api/family/agreement', {
      planVersionId: read.body.planVersionId,
      agrees: true,
      comment: 'Goed plan, we doen mee.',
    });
    seen.add('rest:agreement', agreed.body);
    expect(agreed.status).toBe(201);
    expect(agreed.body).toMatchObject({ agrees: true, byName: 'Şükrü Yılmaz' });
    const plan = await family.get<FamilyPlanView>('/api/family/plan');
    seen.add('rest:plan-after', plan.body);
    expect(plan.body.agreement).toMatchObject({ agrees: true, comment: 'Goed plan, we doen mee.' });
    expect(
      (await family.post('/api/family/agreement', { planVersionId: null, agrees: 'ja' })).status,
    ).toBe(400);
  });

  it('renders the B1 plan as a PDF whose text keeps "Şükrü Yılmaz" intact', async () => {
    const res = await fetch(`${t.baseUrl}/api/family/plan.pdf`, {
      headers: { cookie: family.cookieHeader },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfPages(new Uint8Array(await res.arrayBuffer()))).join('\n');
    seen.add('rest:pdf', text);
    expect(text).toContain('Şükrü Yılmaz');
    expect(text).toContain('Wie doet wat en wanneer');
    expect(text).toContain('Geldzaken');
    expect(dutchReadability(text).fleschDouma).toBeGreaterThanOrEqual(B1_FLESCH_DOUMA_MIN);
  });

  it('shows the family who accessed their file, in plain Dutch, and audits every family call', async () => {
    const log = await family.get<FamilyAccessLog>('/api/family/access-log');
    seen.add('rest:access-log', log.body);
    expect(log.status).toBe(200);
    const actions = log.body.entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'Verloop van de hulp bekeken',
        'Het gezin logde in',
        'Het gezin las het plan',
      ]),
    );
    expect(log.body.entries.some((e) => e.role === 'U of uw gezin')).toBe(true);
    for (const action of ['family.sign-in', 'family.read', 'family.agree', 'family.export']) {
      const rows = (await auditRows(action)).filter((r) => r.outcome === 'allowed');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.client_id === householdA && r.actor_role === 'family')).toBe(true);
    }
  });

  it('once the household has a support plan, the family reads the plan and agrees on its version', async () => {
    const created = await member.post<SupportPlanView>(
      `/api/households/${householdA}/support-plan`,
      {
        krachten: 'Wij koken samen.',
        zorgen: 'De huur is te hoog.',
      },
    );
    expect(created.status).toBe(201);
    const planId = created.body.id;
    expect(
      (
        await member.post(`/api/support-plans/${planId}/goals`, {
          zrmDomain: 'financien',
          text: 'De schulden worden minder.',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await member.post(`/api/support-plans/${planId}/items`, {
          type: 'netwerk',
          title: 'Oma past op woensdag op',
          owner: 'Oma Yılmaz',
          startDate: '2026-03-04',
        })
      ).status,
    ).toBe(201);
    // Household B gets a plan too, with a canary in it.
    expect(
      (
        await member.post(`/api/households/${householdB}/support-plan`, {
          krachten: CANARY.krachten,
        })
      ).status,
    ).toBe(201);

    const plan = await family.get<FamilyPlanView>('/api/family/plan');
    seen.add('rest:plan-from-support-plan', plan.body);
    expect(plan.body).toMatchObject({
      source: 'plan',
      krachten: ['Wij koken samen.'],
      zorgen: ['De huur is te hoog.'],
      doelen: [{ key: 'financien', label: 'Geldzaken', state: 'De schulden worden minder.' }],
      afspraken: [
        {
          who: 'Oma Yılmaz',
          what: 'Oma past op woensdag op',
          when: 'vanaf 4 maart 2026',
          status: 'Nog niet begonnen',
        },
      ],
    });
    expect(plan.body.planVersionId).toMatch(/^[0-9a-f-]{36}$/);

    const agreed = await family.post<FamilyAgreementView>('/api/family/agreement', {
      planVersionId: plan.body.planVersionId,
      agrees: false,
      comment: 'Wij willen eerst praten.',
    });
    seen.add('rest:agreement-on-plan', agreed.body);
    expect(agreed.body.planVersionId).toBe(plan.body.planVersionId);
    const page = await member.get<SupportPlanPage>(`/api/households/${householdA}/support-plan`);
    expect(page.body.plan?.agreements.at(-1)).toMatchObject({
      versionNumber: page.body.plan?.version,
      method: 'digitaal',
      byName: 'Şükrü Yılmaz',
      agreed: false,
      comment: 'Wij willen eerst praten.',
    });
    expect(page.body.plan?.agreementState).toBe('niet-akkoord');

    // Found by the attacker walk: an answer given on a page read before the regisseur changed
    // the plan landed on the new version. Now it is refused, and nothing is recorded.
    const before = must(page.body.plan);
    const changed = await member.request<SupportPlanView>(
      'PATCH',
      `/api/support-plans/${before.id}/sections`,
      { section: 'zorgen', expectedRev: before.sectionRevs.zorgen, text: 'Nieuwe zorg erbij.' },
    );
    expect(changed.status).toBe(200);
    const stale = await family.post<{ code: string }>('/api/family/agreement', {
      planVersionId: plan.body.planVersionId,
      agrees: true,
      comment: '',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('FAMILY_PLAN_CHANGED');
    const after = await member.get<SupportPlanPage>(`/api/households/${householdA}/support-plan`);
    expect(after.body.plan?.agreements.length).toBe(before.agreements.length);
    expect(after.body.plan?.agreementState).toBe('niet-akkoord');

    // Answers sent at once are stored in one order: the family page and the plan agree.
    const fresh = await family.get<FamilyPlanView>('/api/family/plan');
    const answers = await Promise.all(
      [true, false, true, false, true, false].map((agrees) =>
        family.post<FamilyAgreementView>('/api/family/agreement', {
          planVersionId: fresh.body.planVersionId,
          agrees,
          comment: '',
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const familyLast = (await family.get<FamilyPlanView>('/api/family/plan')).body.agreement;
    const staffLast = (
      await member.get<SupportPlanPage>(`/api/households/${householdA}/support-plan`)
    ).body.plan?.agreements.at(-1);
    expect(staffLast?.agreed).toBe(familyLast?.agrees);

    const story = await member.get<TimelinePage>(`/api/cases/${caseA}/timeline`);
    const versions = story.body.entries.filter((e) => e.kind === 'plan-version');
    expect(versions.length).toBeGreaterThanOrEqual(3);
    expect(must(versions[0]).source).toMatchObject({ kind: 'plan', householdId: householdA });
    const storyB = await member.get<TimelinePage>(`/api/cases/${caseA}/timeline`);
    expect(JSON.stringify(storyB.body)).not.toContain(CANARY.krachten);
  });

  it('refuses the family every professional endpoint (403)', async () => {
    const gets = [
      `/api/households/${householdA}`,
      `/api/cases/${caseA}`,
      `/api/cases/${caseA}/timeline`,
      `/api/households/${householdA}/timeline`,
      `/api/households/${householdA}/access-log`,
      `/api/households/${householdA}/family-invitations`,
      `/api/households/${householdA}/support-plan`,
      `/api/guest/households/${householdA}/support-plan`,
      `/api/households/${householdB}`,
      `/api/teams`,
      `/api/notifications`,
      `/api/guest/session`,
    ];
    for (const [index, path] of gets.entries()) {
      const res = await family.get(path);
      seen.add(`rest:professional-${index}`, res.body);
      expect([path, res.status]).toEqual([path, 403]);
    }
    const invite = await family.post(`/api/households/${householdA}/family-invitations`, {
      name: 'Nog Iemand',
    });
    expect(invite.status).toBe(403);
    const ack = await must(sockets[0])
      .timeout(5000)
      .emitWithAck('meeting:join', { meetingId: randomUUID(), lastSeq: null } as never);
    seen.add('ack:meeting:join', ack);
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('gives the family zero bytes of another household (canary)', () => {
    const everything = seen.all;
    expect(everything.length).toBeGreaterThan(1000);
    for (const canary of Object.values(CANARY)) expect(everything).not.toContain(canary);
    expect(everything).not.toContain(householdB);
    expect(everything).not.toContain(caseB);
  });

  it('keeps the family’s fixed texts at B1 (Flesch-Douma ≥ 60)', () => {
    const score = dutchReadability(familyPlanFixedTexts('nl'));
    expect(score.fleschDouma).toBeGreaterThanOrEqual(B1_FLESCH_DOUMA_MIN);
  });

  it('revoking ends the family’s session and disconnects their socket at once', async () => {
    const socket = must(sockets[0]);
    const gone = nextEvent(socket, 'disconnect', 3000);
    const revoked = await chair.request<FamilyInvitationView>(
      'DELETE',
      `/api/households/${householdA}/family-invitations/${invitationId}`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('ingetrokken');
    await gone;
    expect((await family.get('/api/family/plan')).status).toBe(401);
    const token = must(familyLink.split('#')[1]);
    expect(
      (await new BrowserClient(t.baseUrl).post('/api/family/sign-in', { token, code: familyCode }))
        .status,
    ).toBe(410);
  });
});
