import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { SessionState } from '@casustafel/contracts';
import { completeSessionGuard, guestSessionGuard, orgAdminGuard } from '../auth/auth.guards';
import { ConnectionStore } from '../realtime/connection.store';
import { buildSession, buildUser } from '../testing/fixtures';

@Component({ selector: 'cst-blank', template: '' })
class BlankComponent {}

const guestSession = (): SessionState =>
  buildSession({
    user: buildUser({ guest: true, teams: [], email: 'gerrit@ggz.example', discipline: 'ggz' }),
  });

describe('guards for remote specialists (guests)', () => {
  let http: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: ConnectionStore,
          useValue: { connect: () => undefined, disconnect: () => undefined },
        },
        provideRouter([
          { path: '', component: BlankComponent, canActivate: [completeSessionGuard] },
          { path: 'teams/:id', component: BlankComponent, canActivate: [completeSessionGuard] },
          { path: 'beheer', component: BlankComponent, canActivate: [orgAdminGuard] },
          { path: 'gast', component: BlankComponent },
          { path: 'gast/overleg', component: BlankComponent, canActivate: [guestSessionGuard] },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => http.verify());

  async function visit(url: string, session: SessionState): Promise<string> {
    const navigation = router.navigateByUrl(url);
    await new Promise((resolve) => setTimeout(resolve, 0));
    http.expectOne('/api/auth/session').flush(session);
    await navigation;
    return router.url;
  }

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
    expect(router.url).toBe('/teams/abc');
  });

  it('sends a member who opens the guest meeting page to their start page', async () => {
    const navigation = router.navigateByUrl('/gast/overleg');
    await new Promise((resolve) => setTimeout(resolve, 0));
    http.expectOne('/api/auth/session').flush(buildSession());
    await navigation;
    expect(router.url).toBe('/');
  });

  it('sends someone without a session from the guest meeting page to the guest sign-in', async () => {
    expect(await visit('/gast/overleg', buildSession({ stage: 'anonymous' }))).toBe('/gast');
  });
});
