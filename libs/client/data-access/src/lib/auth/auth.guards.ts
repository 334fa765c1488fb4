import { inject } from '@angular/core';
import { type CanActivateFn, Router, type UrlTree } from '@angular/router';
import type { SessionStage } from '@casustafel/contracts';
import { AuthStore } from './auth.store';
import { safeReturnPath } from './return-path';

/** The page a session at `stage` belongs on. */
export function pathForStage(stage: SessionStage): string {
  switch (stage) {
    case 'anonymous':
      return '/inloggen';
    case 'second-factor':
      return '/inloggen/code';
    case 'enrol-second-factor':
      return '/inloggen/instellen';
    case 'complete':
      return '/';
  }
}

/** Where a signed-in guest belongs; their sign-in page is `/gast`. */
export const GUEST_ROOM_PATH = '/gast/overleg';
export const GUEST_SIGN_IN_PATH = '/gast';
export const FAMILY_PLAN_PATH = '/gezin/plan';
export const FAMILY_SIGN_IN_PATH = '/gezin';
/** A family or network member's conference (`/beraad#<token>` signs them in). */
export const CIRCLE_CONFERENCE_PATH = '/beraad/overleg';
export const CIRCLE_SIGN_IN_PATH = '/beraad';

async function stageOf(): Promise<SessionStage> {
  const auth = inject(AuthStore);
  await auth.ensureLoaded();
  return auth.stage();
}

/**
 * Pages of the product: a complete session (password and second factor). Otherwise to the
 * step the session is at; anonymous visitors come back here after signing in (`terug`).
 */
export const completeSessionGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const auth = inject(AuthStore);
  const stage = await stageOf();
  // A remote specialist (guest) has no member pages: only their meeting.
  if (stage === 'complete') {
    if (auth.user()?.guest) return router.parseUrl(GUEST_ROOM_PATH);
    // A family or network member of a conference: only their conference.
    if (auth.user()?.conference) return router.parseUrl(CIRCLE_CONFERENCE_PATH);
    return auth.user()?.family ? router.parseUrl(FAMILY_PLAN_PATH) : true;
  }
  if (stage === 'anonymous') {
    return router.createUrlTree(['/inloggen'], { queryParams: { terug: state.url } });
  }
  return router.parseUrl(pathForStage(stage));
};

/** Organisation administration: a complete session of an organisation admin. */
export const orgAdminGuard: CanActivateFn = async (route, state) => {
  // inject() only works before the first await.
  const auth = inject(AuthStore);
  const router = inject(Router);
  const verdict = await completeSessionGuard(route, state);
  if (verdict !== true) return verdict as boolean | UrlTree;
  return auth.isAdmin() ? true : router.parseUrl('/geen-toegang');
};

/** A sign-in step page (`/inloggen`, `/inloggen/code`, `/inloggen/instellen`): only at that stage. */
export function stageGuard(expected: SessionStage): CanActivateFn {
  return async (route) => {
    const router = inject(Router);
    const stage = await stageOf();
    if (stage === expected) return true;
    if (stage === 'complete') {
      return router.parseUrl(safeReturnPath(route.queryParamMap.get('terug')));
    }
    return router.parseUrl(pathForStage(stage));
  };
}

/**
 * The guest's meeting page: a complete session of a guest. Members go to their start page;
 * anyone else to the guest sign-in (the invitation link).
 */
export const guestSessionGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const stage = await stageOf();
  if (stage === 'complete') return auth.user()?.guest ? true : router.parseUrl('/');
  return router.parseUrl(GUEST_SIGN_IN_PATH);
};

/**
 * The family's plan page: a complete session of a family (household link + code). Anyone
 * else goes to the family sign-in (members to their start page).
 */
export const familySessionGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const stage = await stageOf();
  if (stage === 'complete') return auth.user()?.family ? true : router.parseUrl('/');
  return router.parseUrl(FAMILY_SIGN_IN_PATH);
};
