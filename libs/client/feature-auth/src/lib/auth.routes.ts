import type { Routes } from '@angular/router';
import { provideTranslationFile, stageGuard } from '@casustafel/client/data-access';

/** `/inloggen`, `/inloggen/code`, `/inloggen/instellen`. */
export const LOGIN_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'login.title',
    canActivate: [stageGuard('anonymous')],
    loadComponent: () => import('./login-page.component').then((m) => m.LoginPageComponent),
  },
  {
    path: 'code',
    providers: [provideTranslationFile('auth')],
    title: 'secondFactor.title',
    canActivate: [stageGuard('second-factor')],
    loadComponent: () =>
      import('./second-factor-page.component').then((m) => m.SecondFactorPageComponent),
  },
  {
    path: 'instellen',
    providers: [provideTranslationFile('auth')],
    title: 'enrol.title',
    canActivate: [stageGuard('enrol-second-factor')],
    loadComponent: () => import('./enrol-page.component').then((m) => m.EnrolPageComponent),
  },
];

/** `/activeren#<token>`: the invitation link. */
export const ACTIVATE_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslationFile('auth')],
    title: 'activate.title',
    loadComponent: () => import('./activate-page.component').then((m) => m.ActivatePageComponent),
  },
];
