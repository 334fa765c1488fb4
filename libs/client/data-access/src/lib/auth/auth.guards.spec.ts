import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { SessionState } from '@casustafel/contracts';
import { ConnectionStore } from '../realtime/connection.store';
import { buildSession, buildUser } from '../testing/fixtures';
import { completeSessionGuard, orgAdminGuard, stageGuard } from './auth.guards';

@Component({ selector: 'cst-blank', template: '' })
class BlankComponent {}

describe('route guards', () => {
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
          { path: 'inloggen', component: BlankComponent, canActivate: [stageGuard('anonymous')] },
          {
            path: 'inloggen/code',
            component: BlankComponent,
            canActivate: [stageGuard('second-factor')],
          },
          {
            path: 'inloggen/instellen',
            component: BlankComponent,
            canActivate: [stageGuard('enrol-second-factor')],
          },
          { path: 'geen-toegang', component: BlankComponent },
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
