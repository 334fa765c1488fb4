import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { MeetingDetail, TeamSummary } from '@casustafel/contracts';
import { pdfPages } from '../support/pdf-text';
import {
  type ApiProcess,
  demoSignIn,
  exitOf,
  launchBuiltApi,
  repoRoot as root,
} from '../support/process-kit';
import { TEST_ORIGIN as ORIGIN } from '../support/test-app';

/**
 * The built api as `npm start` runs it renders the minutes PDF in its document worker
 * (dist/apps/api/documents.worker.mjs) with the embedded font. Needs `nx build api` first.
 */

describe('documents in the built api', () => {
  const children: ApiProcess[] = [];

  afterAll(() => {
    for (const api of children) if (api.alive()) api.child.kill('SIGKILL');
  });

  it('bundles the document worker and renders a demo meeting’s minutes with Unicode names', async () => {
    expect(existsSync(path.join(root, 'dist/apps/api/documents.worker.mjs'))).toBe(true);
    const api = await launchBuiltApi(
      'documents',
      {
        DATA_DIR: 'memory://',
        ALLOWED_ORIGINS: ORIGIN,
        CLIENT_DIST: path.join(root, 'nonexistent-client'),
      },
      { nodeArgs: ['--enable-source-maps', '--v8-pool-size=1'], readyWithinMs: 90_000 },
    );
    children.push(api);
    const base = api.baseUrl;

    // Lotte Janssen chairs the demo's Wijkteam Zuid; Mehmet Yılmaz is a member there.
    const { cookie, session } = await demoSignIn(base, 'lotte@voorbeeldstad.nl');
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

    const exit = exitOf(api);
    api.child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 180_000);
});
