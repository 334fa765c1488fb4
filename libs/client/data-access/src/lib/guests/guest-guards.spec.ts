import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { SessionState } from '@casustafel/contracts';
import { completeSessionGuard, guestSessionGuard, orgAdminGuard } from '../auth/auth.guards';
import { buildSession, buildUser } from '../testing/fixtures';
import { type GuardTestBed, guardTestBed } from '../testing/guard-test-bed';

const guestSession = (): SessionState =>
  buildSession({
    user: buildUser({ guest: true, teams: [], email: 'gerrit@ggz.example', discipline: 'ggz' }),
  });

describe('guards for remote specialists (guests)', () => {
  let bed: GuardTestBed;

  beforeEach(() => {
    bed = guardTestBed([
      { path: '', canActivate: [completeSessionGuard] },
      { path: 'teams/:id', canActivate: [completeSessionGuard] },
      { path: 'beheer', canActivate: [orgAdminGuard] },
      { path: 'gast' },
      { path: 'gast/overleg', canActivate: [guestSessionGuard] },
    ]);
  });

  afterEach(() => bed.http.verify());

  const visit = (url: string, session: SessionState) => bed.visit(url, session);

  it('sends a guest from the start page to their meeting', async () => {
    expect(await visit('/', guestSession())).toBe('/gast/overleg');
  });

  it('sends a guest from any member page to their meeting', async () => {
    expect(await visit('/teams/abc', guestSession())).toBe('/gast/overleg');
  });

  it('sends a guest away from administration too', async () => {
    expect(await visit('/beheer', guestSession())).toBe('/gast/overleg');
  });

  it('lets a guest into the guest meeting page', async () => {
    expect(await visit('/gast/overleg', guestSession())).toBe('/gast/overleg');
  });

  it('still lets a member into member pages and keeps them out of the guest page', async () => {
    expect(await visit('/teams/abc', buildSession())).toBe('/teams/abc');
    expect(bed.router.url).toBe('/teams/abc');
  });

  it('sends a member who opens the guest meeting page to their start page', async () => {
    const navigation = bed.router.navigateByUrl('/gast/overleg');
    await new Promise((resolve) => setTimeout(resolve, 0));
    bed.http.expectOne('/api/auth/session').flush(buildSession());
    await navigation;
    expect(bed.router.url).toBe('/');
  });

  it('sends someone without a session from the guest meeting page to the guest sign-in', async () => {
    expect(await visit('/gast/overleg', buildSession({ stage: 'anonymous' }))).toBe('/gast');
  });
});
