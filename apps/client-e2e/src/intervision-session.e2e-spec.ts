import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
  waitUntil,
  watchConsole,
  waitForText,
} from './support/browser';
import { getJson, signIn } from './support/demo';

const CANARY = 'CANARY-BLIND-VRAAG-7731';
const PEOPLE = ['priya', 'fatima', 'jeroen', 'sanne'] as const;
type Who = (typeof PEOPLE)[number];

/**
 * Issue 14 §2 and §4 in the browser: the trainer (Priya) starts an incidentmethode session on
 * the demo's released intervision copy with three team members — Fatima the inbrenger, Jeroen a
 * participant, Sanne the timekeeper — each in a browser of their own, and leads it through every
 * phase. A blind question stays a placeholder for everyone, also in every websocket frame each
 * browser receives, until the reveal; the inbrenger rates it; the trainer ends the session and
 * downloads the attendance PDF; a participant finds their own attendance.
 */
describe('intervision session: the live runner and the attendance', () => {
  let session: BrowserSession;
  const pages = {} as Record<Who, Page>;
  /** Every websocket frame each browser received, as text. */
  const frames = {} as Record<Who, string[]>;
  const problems: string[][] = [];
  let noord = '';
  let copyId = '';
  let sessionId = '';

  const leader = () => pages.priya;
  const phaseTitle = (page: Page) => page.getByTestId('iv-phase-title').textContent();
  const onPhase = async (n: number) => {
    for (const who of PEOPLE)
      await waitUntil(
        async () => ((await phaseTitle(pages[who])) ?? '').includes(`Fase ${n} van 10`),
        `${who} on phase ${n}`,
      );
  };
  const next = async (n: number) => {
    await leader().getByTestId('iv-next-phase').click();
    await onPhase(n);
  };
  const contribute = async (who: Who, text: string) => {
    await pages[who].getByTestId('iv-contribution-text').fill(text);
    await pages[who].getByTestId('iv-contribute-submit').click();
    await pages[who].getByTestId('iv-notice').waitFor();
  };

  beforeAll(async () => {
    session = await launchBrowser();
    for (const who of PEOPLE) {
      const page = await (await session.newContext()).newPage();
      page.setDefaultTimeout(15_000);
      problems.push(watchConsole(page));
      frames[who] = [];
      page.on('websocket', (ws) =>
        ws.on('framereceived', (frame) => frames[who].push(String(frame.payload))),
      );
      pages[who] = page;
      await signIn(page, `${who}@voorbeeldstad.nl`);
    }
    const teams = await getJson<{ id: string; name: string }[]>(leader(), '/api/teams');
    noord = teams.find((t) => t.name === 'Wijkteam Noord')?.id ?? '';
    const copies = await getJson<{ id: string; status: string }[]>(
      leader(),
      `/api/teams/${noord}/intervision-cases`,
    );
    copyId = copies.find((c) => c.status === 'released')?.id ?? '';
    if (!copyId) throw new Error('no released demo intervision copy in Wijkteam Noord');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('the trainer starts an incidentmethode session from the released copy', async () => {
    const priya = leader();
    await priya.goto(`/intervisie/${copyId}`);
    await priya.getByTestId('intervision-start-link').click();
    await priya.waitForURL(`**/intervisie/${copyId}/starten`);
    await priya.getByTestId('iv-phases').waitFor();
    expect(await priya.getByTestId('iv-method-incidentmethode').isChecked()).toBe(true);
    expect(await priya.getByTestId('iv-phases').textContent()).toContain(
      'Informatievragen noteren',
    );
    // Starting without an inbrenger is refused on the page.
    await priya.getByTestId('iv-start-submit').click();
    await priya.getByTestId('iv-start-error').waitFor();
    expect(await priya.getByTestId('iv-start-error').textContent()).toContain(
      'Kies precies één inbrenger',
    );
    const team = await getJson<{ members: { userId: string; displayName: string }[] }>(
      priya,
      `/api/teams/${noord}`,
    );
    const idOf = (name: string) => team.members.find((m) => m.displayName.startsWith(name))?.userId;
    for (const [name, role] of [
      ['Fatima', 'inbrenger'],
      ['Jeroen', 'deelnemer'],
      ['Sanne', 'timekeeper'],
    ] as const)
      await priya.getByTestId(`iv-role-${idOf(name)}`).selectOption(role);
    // The trainer gives the first phase a minute more: the session runs on her own copy.
    await priya.getByTestId('iv-adapt').check();
    await priya.getByTestId('iv-minutes-incident-kiezen').fill('6');
    await expectNoA11yViolations(priya, 'intervision start 1280');
    await screenshot(priya, 'intervision-start-1280');
    await priya.getByTestId('iv-start-submit').click();
    await priya.waitForURL(/\/intervisie\/sessies\/[0-9a-f-]{36}$/);
    sessionId = new URL(priya.url()).pathname.split('/').pop() ?? '';
    await priya.getByTestId('iv-phase-title').waitFor();
    expect(await priya.locator('h1').textContent()).toContain('(eigen versie)');
    expect(await priya.getByTestId('iv-clock').textContent()).toMatch(/0[56]:\d\d/);
  });

  it('the participants open the session page and see the case, their role and the phase', async () => {
    // Fatima, remote, finds the running session among her own on the team's intervision page.
    await pages.fatima.goto(`/teams/${noord}/intervisie`);
    const mine = pages.fatima.getByTestId(`iv-my-session-${sessionId}`);
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Loopt');
    await mine.getByRole('link').click();
    await pages.fatima.waitForURL(`**/intervisie/sessies/${sessionId}`);
    await pages.fatima.getByTestId('iv-phase-title').waitFor();
    for (const who of ['jeroen', 'sanne'] as const) {
      await pages[who].goto(`/intervisie/sessies/${sessionId}`);
      await pages[who].getByTestId('iv-phase-title').waitFor();
    }
    await onPhase(1);
    expect(await pages.fatima.getByTestId('iv-session-you').textContent()).toContain(
      'Jouw rol: Inbrenger',
    );
    expect(await pages.jeroen.getByTestId('iv-lead').count()).toBe(0);
    expect(await pages.jeroen.getByTestId('iv-case').textContent()).toContain('De casus');
    await next(2);
    await next(3);
    // The inbrenger only listens while the questions are written.
    expect(await pages.fatima.getByTestId('iv-phase-asks').textContent()).toContain(
      'je luistert alleen',
    );
    expect(await pages.fatima.getByTestId('iv-contribute').count()).toBe(0);
  });

  it('a blind question stays hidden from everyone, on the socket too, until the reveal', async () => {
    await contribute('jeroen', CANARY);
    for (const who of PEOPLE)
      await waitUntil(
        async () => (await pages[who].getByTestId('iv-contribution-hidden').count()) === 1,
        `${who} sees the hidden placeholder`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const who of PEOPLE) {
      expect({ who, inFrames: frames[who].some((f) => f.includes(CANARY)) }).toEqual({
        who,
        inFrames: false,
      });
      expect({ who, onPage: (await pages[who].content()).includes(CANARY) }).toEqual({
        who,
        onPage: false,
      });
    }
    expect(await pages.sanne.getByTestId('iv-contribution-hidden').textContent()).toContain(
      'verborgen',
    );
    await expectNoA11yViolations(leader(), 'intervision session blind round 1280');
    await screenshot(leader(), 'intervision-session-blind-1280');
    await expectNoA11yViolations(pages.jeroen, 'intervision session participant 1280');
    await screenshot(pages.jeroen, 'intervision-session-participant-1280');

    await leader().getByTestId('iv-reveal-blind-question').click();
    for (const who of PEOPLE)
      await waitForText(
        pages[who].getByTestId('iv-contributions'),
        CANARY,
        `${who} sees the revealed question`,
      );
    for (const who of PEOPLE) expect(frames[who].some((f) => f.includes(CANARY))).toBe(true);
    expect(await pages.sanne.getByTestId('iv-contribution-hidden').count()).toBe(0);
  });

  it('the inbrenger rates the question in the information round', async () => {
    await next(4);
    const fatima = pages.fatima;
    await fatima.getByTestId('iv-rate-warm').focus();
    await fatima.keyboard.press('Enter');
    await waitForText(
      leader().getByTestId('iv-contribution-rating'),
      'Warm',
      'the rating reaches the trainer',
    );
    expect(await fatima.getByTestId('iv-rate-warm').getAttribute('aria-pressed')).toBe('true');
    expect(await pages.jeroen.getByTestId('iv-rate-warm').count()).toBe(0);
    await fatima.setViewportSize({ width: 390, height: 844 });
    await expectNoA11yViolations(fatima, 'intervision session inbrenger 390');
    await screenshot(fatima, 'intervision-session-inbrenger-390');
  });

  it('runs through every phase; learning points and reflections are recorded', async () => {
    for (let n = 5; n <= 9; n++) await next(n);
    await contribute('jeroen', 'Leerpunt: eerst de vraag van moeder helder krijgen.');
    await next(10);
    await contribute('sanne', 'Reflectie: de blinde vragenronde gaf meer verschillende vragen.');
    await leader().getByTestId('iv-last-phase').waitFor();
    expect(await leader().getByTestId('iv-next-phase').count()).toBe(0);
    await waitForText(
      pages.fatima.getByTestId('iv-contributions'),
      'Reflectie: de blinde',
      'the reflection reaches the inbrenger',
    );
  });

  it('the trainer ends the session and downloads the attendance PDF', async () => {
    const priya = leader();
    await priya.getByTestId('iv-end').click();
    await priya.getByTestId('iv-end-confirm').click();
    await priya.getByTestId('iv-attendance-table').waitFor();
    expect(await priya.getByTestId('iv-session-status').textContent()).toContain('Afgelopen');
    expect(await priya.getByTestId('iv-attendance-table').locator('tbody tr').count()).toBe(4);
    // The others learn of the end over the socket.
    await pages.jeroen.getByTestId('iv-attendance-table').waitFor();
    expect(await pages.jeroen.getByTestId('iv-contribute').count()).toBe(0);
    const [download] = await Promise.all([
      priya.waitForEvent('download'),
      priya.getByTestId('iv-attendance-pdf').click(),
    ]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await expectNoA11yViolations(priya, 'intervision session ended 1280');
    await screenshot(priya, 'intervision-session-ended-1280');
  });

  it('a participant finds their own attendance from the intervision list, with a PDF', async () => {
    const jeroen = pages.jeroen;
    await jeroen.goto(`/teams/${noord}/intervisie`);
    await jeroen.getByTestId('iv-own-link').click();
    await jeroen.waitForURL('**/intervisie/aanwezigheid');
    await jeroen.getByTestId('iv-own-table').waitFor();
    expect(await jeroen.getByTestId('iv-own-row').count()).toBe(1);
    expect(await jeroen.getByTestId('iv-own-table').textContent()).toContain('Incidentmethode');
    const href = (await jeroen.getByTestId('iv-own-pdf').getAttribute('href')) ?? '';
    const head = await jeroen.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return String.fromCharCode(...bytes.subarray(0, 4));
    }, href);
    expect(head).toBe('%PDF');
    await expectNoA11yViolations(jeroen, 'own attendance 1280');
    await screenshot(jeroen, 'intervision-attendance-1280');
    await jeroen.setViewportSize({ width: 390, height: 844 });
    await expectNoA11yViolations(jeroen, 'own attendance 390');
    await screenshot(jeroen, 'intervision-attendance-390');
    await leader().setViewportSize({ width: 390, height: 844 });
    await expectNoA11yViolations(leader(), 'intervision session ended 390');
    await screenshot(leader(), 'intervision-session-ended-390');
    for (const list of problems) expect(unexpectedProblems(list, [409])).toEqual([]);
  });
});
