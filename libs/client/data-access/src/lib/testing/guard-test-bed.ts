import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type CanActivateFn, provideRouter, Router } from '@angular/router';
import type { SessionState } from '@casustafel/contracts';
import { NO_REALTIME } from './api-test-providers';

@Component({ selector: 'cst-blank', template: '' })
class BlankComponent {}

/** The router and the faked api of a guard spec. */
export interface GuardTestBed {
  http: HttpTestingController;
  router: Router;
  /** Opens `url`, answers the session read with `session`; where the guards let it end. */
  visit(url: string, session: SessionState): Promise<string>;
}

/**
 * Specs only: a TestBed whose routes are blank pages behind the given guards, with the api
 * faked (`http.verify()` after each) and no realtime connection.
 */
export function guardTestBed(
  routes: { path: string; canActivate?: CanActivateFn[] }[],
): GuardTestBed {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      NO_REALTIME,
      provideRouter(routes.map((route) => ({ ...route, component: BlankComponent }))),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const router = TestBed.inject(Router);
  return {
    http,
    router,
    async visit(url, session) {
      const navigation = router.navigateByUrl(url);
      await new Promise((resolve) => setTimeout(resolve, 0));
      http.expectOne('/api/auth/session').flush(session);
      await navigation;
      return router.url;
    },
  };
}
