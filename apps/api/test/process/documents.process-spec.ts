import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { MeetingDetail, SessionState, TeamSummary } from '@casustafel/contracts';
import { pdfPages } from '../support/pdf-text';

/**
 * The built api as `npm start` runs it renders the minutes PDF in its document worker
 * (dist/apps/api/documents.worker.mjs) with the embedded font. Needs `nx build api` first.
 */
const root = path.resolve(import.meta.dirname, '../../../..');
const main = path.join(root, 'dist/apps/api/main.mjs');
const ORIGIN = 'http://casustafel.test';

describe('documents in the built api', () => {
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('bundles the document worker and renders a demo meeting’s minutes with Unicode names', async () => {
    expect(existsSync(path.join(root, 'dist/apps/api/documents.worker.mjs'))).toBe(true);
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const base = `http://127.0.0.1:${port}`;
    let output = '';
    const child = spawn(process.execPath, ['--enable-source-maps', '--v8-pool-size=1', main], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        PORT: String(port),
        DATA_DIR: 'memory://',
        ALLOWED_ORIGINS: ORIGIN,
        CLIENT_DIST: path.join(root, 'nonexistent-client'),
      },
    });
    children.push(child);
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 90_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      ready = await fetch(`${base}/api/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect({ ready, output: ready ? '' : output }).toEqual({ ready: true, output: '' });

    // Lotte Janssen chairs the demo's Wijkteam Zuid; Mehmet Yılmaz is a member there.
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({
        email: 'lotte@voorbeeldstad.nl',
        password: 'Voorbeeldstad-demo-2026',
      }),
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as SessionState;
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const headers = {
      cookie,
      origin: ORIGIN,
      'content-type': 'application/json',
      'x-csrf-token': session.csrfToken ?? '',
    };
    const teams = (await (await fetch(`${base}/api/teams`, { headers })).json()) as TeamSummary[];
    const team = teams.find((t) => t.name === 'Wijkteam Zuid');
    expect(team).toBeDefined();
    const meeting = await fetch(`${base}/api/teams/${team?.id}/meetings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        durationMinutes: 60,
        chairId: session.user?.id,
      }),
    });
    expect(meeting.status).toBe(201);
    const meetingId = ((await meeting.json()) as MeetingDetail).id;
    const minutes = await fetch(`${base}/api/meetings/${meetingId}/minutes`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(minutes.status).toBe(201);

    const pdf = await fetch(`${base}/api/meetings/${meetingId}/minutes.pdf`, {
      headers: { cookie },
    });
    expect(pdf.status).toBe(200);
    const text = (await pdfPages(new Uint8Array(await pdf.arrayBuffer()))).join('\n');
    for (const words of [
      'Mehmet Yılmaz (lid)',
      'Lotte Janssen (voorzitter)',
      'Team: Wijkteam Zuid',
      'Organisatie: Gemeente Voorbeeldstad',
      'VERTROUWELIJK',
      'pagina 1 van 1',
    ])
      expect({ words, found: text.includes(words) }).toEqual({ words, found: true });

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 180_000);
});
