import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import type { SessionState } from '@casustafel/contracts';
import { buildSession, buildUser } from '../testing/fixtures';
import { type GuardTestBed, guardTestBed } from '../testing/guard-test-bed';
import { completeSessionGuard, orgAdminGuard, stageGuard } from './auth.guards';

describe('route guards', () => {
  let bed: GuardTestBed;

  beforeEach(() => {
    bed = guardTestBed([
      { path: '', canActivate: [completeSessionGuard] },
      { path: 'teams/:id', canActivate: [completeSessionGuard] },
      { path: 'beheer', canActivate: [orgAdminGuard] },
      { path: 'inloggen', canActivate: [stageGuard('anonymous')] },
      {
        path: 'inloggen/code',
        canActivate: [stageGuard('second-factor')],
      },
      {
        path: 'inloggen/instellen',
        canActivate: [stageGuard('enrol-second-factor')],
      },
      { path: 'geen-toegang' },
    ]);
  });

  afterEach(() => bed.http.verify());

  const visit = (url: string, session: SessionState) => bed.visit(url, session);

  it('sends an anonymous visitor to the login page with the way back', async () => {
    expect(await visit('/teams/abc?x=1', buildSession({ stage: 'anonymous' }))).toBe(
      '/inloggen?terug=%2Fteams%2Fabc%3Fx%3D1',
    );
  });

  it('sends a session waiting for its code to /inloggen/code', async () => {
    expect(await visit('/beheer', buildSession({ stage: 'second-factor' }))).toBe('/inloggen/code');
  });

  it('sends a session that must set up its second factor to /inloggen/instellen', async () => {
    expect(await visit('/', buildSession({ stage: 'enrol-second-factor' }))).toBe(
      '/inloggen/instellen',
    );
  });

  it('lets a complete session in', async () => {
    expect(await visit('/teams/abc', buildSession())).toBe('/teams/abc');
  });

  it('sends a non-admin away from administration to /geen-toegang', async () => {
    expect(await visit('/beheer', buildSession())).toBe('/geen-toegang');
  });

  it('lets an organisation admin into administration', async () => {
    expect(await visit('/beheer', buildSession({ user: buildUser({ orgAdmin: true }) }))).toBe(
      '/beheer',
    );
  });

  it('sends a complete session away from the login page, to a safe way back only', async () => {
    expect(
      await visit(
        '/inloggen?terug=%2Fbeheer',
        buildSession({ user: buildUser({ orgAdmin: true }) }),
      ),
    ).toBe('/beheer');
  });

  it('ignores a way back that leaves the application', async () => {
    expect(await visit('/inloggen?terug=%2F%2Fevil.example', buildSession())).toBe('/');
  });

  it('keeps the code page for the code stage only', async () => {
    expect(await visit('/inloggen/code', buildSession({ stage: 'anonymous' }))).toBe('/inloggen');
  });
});
