import type { Routes } from '@angular/router';
import {
  completeSessionGuard,
  orgAdminGuard,
  provideTranslationFile,
} from '@casustafel/client/data-access';

/**
 * Every feature is lazy; `title` is a translation key (see TranslatedTitleStrategy). Each
 * feature's routes provide its translation file (`provideTranslationFile`).
 * Public: sign-in, activation, system status and the error pages. Everything else needs a
 * complete session; administration and the audit log an organisation admin.
 */
export const appRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'home.title',
    canActivate: [completeSessionGuard],
    providers: [provideTranslationFile('home', 'status', 'meetings')],
    loadComponent: () => import('@casustafel/client/feature-home').then((m) => m.HomePageComponent),
  },
  {
    path: 'inloggen',
    loadChildren: () => import('@casustafel/client/feature-auth').then((m) => m.LOGIN_ROUTES),
  },
  {
    path: 'activeren',
    loadChildren: () => import('@casustafel/client/feature-auth').then((m) => m.ACTIVATE_ROUTES),
  },
  {
    path: 'teams/:teamId/casussen',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-cases').then((m) => m.CASE_LIST_ROUTES),
  },
  {
    path: 'teams/:teamId/huishoudens/nieuw',
    canActivate: [completeSessionGuard],
    loadChildren: () =>
      import('@casustafel/client/feature-cases').then((m) => m.NEW_HOUSEHOLD_ROUTES),
  },
  {
    path: 'huishoudens/:householdId/netwerk',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-network').then((m) => m.NETWORK_ROUTES),
  },
  {
    path: 'huishoudens/:householdId/beraden',
    canActivate: [completeSessionGuard],
    loadChildren: () =>
      import('@casustafel/client/feature-conference').then((m) => m.HOUSEHOLD_CONFERENCE_ROUTES),
  },
  // A bare address without a page of its own goes where its pages are reached from.
  { path: 'beraden', pathMatch: 'full', redirectTo: '' },
  {
    path: 'beraden',
    canActivate: [completeSessionGuard],
    loadChildren: () =>
      import('@casustafel/client/feature-conference').then((m) => m.CONFERENCE_ROUTES),
  },
  {
    path: 'huishoudens/:householdId/plan',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-plan').then((m) => m.PLAN_ROUTES),
  },
  {
    path: 'besluiten/:decisionId/plan',
    canActivate: [completeSessionGuard],
    loadChildren: () =>
      import('@casustafel/client/feature-plan').then((m) => m.DECISION_PLAN_ROUTES),
  },
  {
    path: 'teams/:teamId/evaluaties',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-plan').then((m) => m.EVALUATION_ROUTES),
  },
  // A bare address without a page of its own goes where its pages are reached from.
  { path: 'huishoudens', pathMatch: 'full', redirectTo: '' },
  {
    path: 'huishoudens',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-cases').then((m) => m.HOUSEHOLD_ROUTES),
  },
  {
    path: 'casussen/:caseId/intervisie',
    canActivate: [completeSessionGuard],
    loadChildren: () =>
      import('@casustafel/client/feature-intervision').then((m) => m.INTERVISION_NEW_ROUTES),
  },
  { path: 'casussen', pathMatch: 'full', redirectTo: '' },
  {
    path: 'casussen',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-cases').then((m) => m.CASE_ROUTES),
  },
  {
    path: 'teams/:teamId/overleggen',
    canActivate: [completeSessionGuard],
    loadChildren: () =>
      import('@casustafel/client/feature-meetings').then((m) => m.MEETING_LIST_ROUTES),
  },
  {
    path: 'overleggen',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-meetings').then((m) => m.MEETING_ROUTES),
  },
  {
    path: 'inzicht',
    title: 'nav.insight',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-insight').then((m) => m.INSIGHT_ROUTES),
  },
  {
    path: 'teams/:teamId/inzicht',
    title: 'nav.insight',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-insight').then((m) => m.INSIGHT_ROUTES),
  },
  {
    path: 'teams/:teamId/intervisie',
    canActivate: [completeSessionGuard],
    loadChildren: () =>
      import('@casustafel/client/feature-intervision').then((m) => m.INTERVISION_LIST_ROUTES),
  },
  // A bare address without a page of its own goes where its pages are reached from.
  { path: 'intervisie', pathMatch: 'full', redirectTo: 'intervisie/aanwezigheid' },
  {
    path: 'intervisie',
    canActivate: [completeSessionGuard],
    loadChildren: () =>
      import('@casustafel/client/feature-intervision').then((m) => m.INTERVISION_ROUTES),
  },
  {
    path: 'teams',
    canActivate: [completeSessionGuard],
    loadChildren: () => import('@casustafel/client/feature-teams').then((m) => m.TEAMS_ROUTES),
  },
  {
    path: 'beheer',
    canActivate: [orgAdminGuard],
    loadChildren: () => import('@casustafel/client/feature-admin').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: 'audit',
    canActivate: [orgAdminGuard],
    loadChildren: () => import('@casustafel/client/feature-audit').then((m) => m.AUDIT_ROUTES),
  },
  {
    path: 'meldingen',
    title: 'notifications.title',
    canActivate: [completeSessionGuard],
    loadComponent: () =>
      import('@casustafel/client/feature-home').then((m) => m.NotificationsPageComponent),
  },
  {
    path: 'mijn-acties',
    title: 'home.myActions.title',
    canActivate: [completeSessionGuard],
    providers: [provideTranslationFile('home', 'meetings')],
    loadComponent: () =>
      import('@casustafel/client/feature-home').then((m) => m.MyActionsPageComponent),
  },
  {
    path: 'status',
    loadChildren: () => import('@casustafel/client/feature-status').then((m) => m.STATUS_ROUTES),
  },
  {
    // Remote specialists: sign-in with the invitation link, and their meeting (guest sessions only).
    path: 'gast',
    loadChildren: () => import('@casustafel/client/feature-meetings').then((m) => m.GUEST_ROUTES),
  },
  {
    // The family: sign-in with the household link, and their own plan (family sessions only).
    path: 'gezin',
    loadChildren: () => import('@casustafel/client/feature-family').then((m) => m.FAMILY_ROUTES),
  },
  {
    // Family and network members of a conference: sign-in with link + code, and their conference.
    path: 'beraad',
    loadChildren: () =>
      import('@casustafel/client/feature-conference').then((m) => m.CIRCLE_ROUTES),
  },
  {
    path: 'geen-toegang',
    title: 'forbidden.title',
    loadComponent: () =>
      import('./layout/forbidden-page.component').then((m) => m.ForbiddenPageComponent),
  },
  {
    path: '**',
    title: 'notFound.title',
    loadComponent: () =>
      import('@casustafel/client/feature-home').then((m) => m.NotFoundPageComponent),
  },
];
