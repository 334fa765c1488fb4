import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ClockSyncResponse, LiveAck, MeetingDetail, MinutesView } from '@casustafel/contracts';
import { createOrganisation, createTeam } from './factories/identity.factory';
import type { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { must } from './support/must';
import { pdfPages } from './support/pdf-text';
import {
  FakeClock,
  type LiveClient,
  nextEvent,
  startTestApp,
  type TestApp,
  connectedLive,
} from './support/test-app';
import { DocumentsService } from '../src/modules/documents/documents.service';
import { renderPdf } from '../src/modules/documents/pdf';
import { resolvePdfFonts } from '../src/modules/documents/pdf-fonts';
import { minutesPdfDefinition } from '../src/modules/meeting-records/minutes-pdf';
import { addAgendaItem, readyCase, weeklySeries } from './factories/meeting.factory';
import { colleague } from './factories/team.factory';

/** Items of ~100 KB of notes each (the most one item holds): minutes of about 900 KB. */
const LARGE_ITEMS = 9;
const NOTE_PARAGRAPH =
  'Moeder vertelt dat de schulden oplopen en dat Şükrü Yılmaz van de schuldhulp contact heeft ' +
  'gehad met de woningcorporatie; Łukasz Wałęsa bespreekt de school en de thuissituatie. ';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

describe.each(testEngines())('documents rendered off the event loop on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let chair: BrowserClient;
  let member: BrowserClient;
  let chairId: string;
  let memberId: string;
  let meetingId: string;
  let caseItemId: string;
  let socket: LiveClient;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    // One worker (the default), two waiting places: three documents at once fit, a fourth is refused.
    t = await startTestApp(
      {
        ...db.env,
        DEMO_MODE: 'false',
        DOCUMENT_WORKERS: '1',
        DOCUMENT_QUEUE_LIMIT: '2',
        // clock:sync every 20 ms stays below the per-socket event limit.
        LIVE_EVENTS_PER_SECOND: '200',
        LIVE_EVENTS_BURST: '400',
      },
      { clock },
    );
    const org = await createOrganisation(t.app, { name: 'Gemeente Voorbeeldstad' });
    const team = (await createTeam(t.app, org.id, { name: 'Wijkteam Noord' })).id;
    const a = await colleague(t, clock, org.id, 'Şükrü Yılmaz', [[team, ['member', 'chair']]]);
    const b = await colleague(t, clock, org.id, 'Łukasz Wałęsa', [[team, ['member']]]);
    [chair, chairId, member, memberId] = [a.client, a.id, b.client, b.id];
    const { preparationId } = await readyCase(chair, member, team, {
      casusregisseurId: memberId,
      title: 'Zorgen om gezin Dijkstra',
      question: 'Welke hulp past het best?',
    });
    meetingId = must((await weeklySeries(chair, team, chairId)).meetings[0]).id;
    const withCase = await addAgendaItem(chair, meetingId, {
      kind: 'casusbespreking',
      presenterUserId: memberId,
      timeBoxMinutes: 30,
      preparationId,
    });
    caseItemId = must(withCase.agenda[0]).id;
    for (let i = 1; i < LARGE_ITEMS; i += 1) {
      const added = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
        kind: 'mededeling',
        title: `Mededeling ${i}`,
        presenterUserId: chairId,
        timeBoxMinutes: 5,
      });
      expect(added.status).toBe(201);
    }
    expect((await chair.post(`/api/meetings/${meetingId}/minutes`)).status).toBe(201);
    socket = await connectedLive(t, member);
  }, 120_000);

  afterAll(async () => {
    socket?.disconnect();
    await t?.close();
    await db?.drop();
  });

  const download = (lang?: 'en') =>
    fetch(`${t.baseUrl}/api/meetings/${meetingId}/minutes.pdf${lang ? `?lang=${lang}` : ''}`, {
      headers: { cookie: member.cookieHeader },
    });

  it('renders the minutes in the worker pool with the names intact, in Dutch and in English', async () => {
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfPages(new Uint8Array(await res.arrayBuffer()))).join('\n');
    for (const words of [
      'Şükrü Yılmaz (voorzitter)',
      'Łukasz Wałęsa (lid)',
      '1. Casusbespreking: Zorgen om gezin Dijkstra',
      'Team: Wijkteam Noord',
      'Organisatie: Gemeente Voorbeeldstad',
      'VERTROUWELIJK',
      'pagina 1 van ',
    ])
      expect({ words, found: text.includes(words) }).toEqual({ words, found: true });
    const english = await download('en');
    expect(english.status).toBe(200);
    expect(english.headers.get('content-disposition')).toMatch(/filename="minutes-/);
    const en = (await pdfPages(new Uint8Array(await english.arrayBuffer()))).join('\n');
    expect(en).toContain('Şükrü Yılmaz (chair)');
    expect(en).toContain('1. Case discussion: Zorgen om gezin Dijkstra');
    expect((await download('xx' as 'en')).status).toBe(400);
  });

  describe('with minutes of about 900 KB', () => {
    let large: MinutesView;

    beforeAll(async () => {
      const minutes = await chair.get<MinutesView>(`/api/meetings/${meetingId}/minutes`);
      const notes = NOTE_PARAGRAPH.repeat(Math.floor(99_000 / NOTE_PARAGRAPH.length));
      for (const item of minutes.body.items) {
        const patched = await chair.request<MinutesView>(
          'PATCH',
          `/api/meetings/${meetingId}/minutes`,
          { items: [{ itemId: item.itemId, notes }] },
        );
        expect(patched.status).toBe(200);
        large = patched.body;
      }
      expect(Buffer.byteLength(JSON.stringify(large))).toBeGreaterThan(850_000);
    }, 60_000);

    /**
     * `clock:sync` latencies on a live socket, one request every 20 ms until `work` settles
     * (bounded). Each latency counts from when the request was due, so a stall that falls
     * between two requests is measured too (client and server share this process).
     */
    async function pingWhile<T>(
      live: LiveClient,
      work: Promise<T>,
    ): Promise<{ result: T; latencies: number[] }> {
      let settled = false;
      const done = work.finally(() => (settled = true));
      const latencies: number[] = [];
      const deadline = Date.now() + 200_000;
      let due = performance.now();
      for (;;) {
        const ack = (await live
          .timeout(20_000)
          .emitWithAck('clock:sync', { clientSentAt: Date.now() })) as LiveAck<ClockSyncResponse>;
        expect(ack).toMatchObject({ ok: true });
        latencies.push(performance.now() - due);
        // After the request that followed the end of `work`: a stall just before it is counted.
        if (settled || Date.now() > deadline || latencies.length >= 20_000) break;
        due = Math.max(due + 20, performance.now());
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      return { result: await done, latencies };
    }

    async function freshSocket(): Promise<LiveClient> {
      socket.disconnect();
      socket = t.connectLive({ cookie: member.cookieHeader });
      await nextEvent(socket, 'connect');
      return socket;
    }

    it('on the event loop (as before), one render stalls every live socket: the baseline', async () => {
      // A slice (~40 KB of notes): a stall of a second or more, yet below the socket's 5 s ping
      // timeout (the full minutes block far longer, and every live socket drops).
      const first = must(large.items[0]);
      const input = {
        minutes: { ...large, items: [{ ...first, notes: first.notes.slice(0, 40_000) }] },
        language: 'nl' as const,
        names: { [chairId]: 'Şükrü Yılmaz', [memberId]: 'Łukasz Wałęsa' },
        team: 'Wijkteam Noord',
        organisation: 'Gemeente Voorbeeldstad',
        caseTitles: { [caseItemId]: 'Zorgen om gezin Dijkstra' },
      };
      // Give the pinger a head start, then render on this (the server's) thread.
      const started = performance.now();
      const { latencies: rtts } = await pingWhile(
        await freshSocket(),
        new Promise((r) => setTimeout(r, 50)).then(() =>
          renderPdf(minutesPdfDefinition(input), resolvePdfFonts()),
        ),
      );
      const renderMs = performance.now() - started;
      expect(renderMs).toBeGreaterThan(300);
      expect(Math.max(...rtts)).toBeGreaterThan(300);
      process.stderr.write(
        `[documents] main thread: render ${Math.round(renderMs)} ms, clock:sync n=${rtts.length} p99 ${Math.round(percentile(rtts, 99))} ms max ${Math.round(Math.max(...rtts))} ms\n`,
      );
    }, 120_000);

    it('three large PDFs render in the pool while clock:sync stays ≤ 100 ms p99; a fourth gets 503 DOCUMENT_BUSY with retry-after', async () => {
      const documents = t.app.get(DocumentsService);
      const live = await freshSocket();
      const started = performance.now();
      const three = Promise.all([download(), download(), download()]).then((all) =>
        Promise.all(
          all.map(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength })),
        ),
      );
      const measured = pingWhile(live, three);
      // Once all three are rendering or waiting, the pool is full.
      const deadline = Date.now() + 20_000;
      while (documents.load < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(documents.load).toBe(3);
      const refused = await download();
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ code: 'DOCUMENT_BUSY' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const health = performance.now();
      expect((await fetch(`${t.baseUrl}/api/health`)).status).toBe(200);
      const healthMs = performance.now() - health;

      const { result, latencies: rtts } = await measured;
      const totalMs = performance.now() - started;
      expect(result.map((r) => r.status)).toEqual([200, 200, 200]);
      for (const r of result) expect(r.bytes).toBeGreaterThan(100_000);
      expect(rtts.length).toBeGreaterThan(50);
      const p99 = percentile(rtts, 99);
      process.stderr.write(
        `[documents] pool: three renders ${Math.round(totalMs)} ms, clock:sync n=${rtts.length} p50 ${Math.round(percentile(rtts, 50))} ms p99 ${Math.round(p99)} ms max ${Math.round(Math.max(...rtts))} ms, health ${Math.round(healthMs)} ms\n`,
      );
      expect(p99).toBeLessThanOrEqual(100);
      expect(healthMs).toBeLessThan(1_000);
      expect(documents.load).toBe(0);
    }, 240_000);

    it('refuses a document above the input limit with 413 DOCUMENT_TOO_LARGE, rendering nothing', async () => {
      const limits = t.config.documents as { maxInputBytes: number };
      const before = limits.maxInputBytes;
      limits.maxInputBytes = 500_000;
      try {
        const res = await download();
        expect(res.status).toBe(413);
        expect(await res.json()).toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
      } finally {
        limits.maxInputBytes = before;
      }
    });
  });
});
