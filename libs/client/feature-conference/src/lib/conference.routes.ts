import type { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

/**
 * The familienetwerkberaad (issue 13 §4–5). Texts: the `conference` Transloco scope
 * (`/i18n/conference/<lang>.json`).
 */

/** `/huishoudens/:householdId/beraden` (behind a complete session): the list and a new one. */
export const HOUSEHOLD_CONFERENCE_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslocoScope('conference', 'refusals')],
    title: 'nav.conference',
    loadComponent: () =>
      import('./conference-list-page.component').then((m) => m.ConferenceListPageComponent),
  },
];

/** `/beraden/:conferenceId` (behind a complete session): the conference for the team. */
export const CONFERENCE_ROUTES: Routes = [
  {
    path: ':conferenceId',
    providers: [provideTranslocoScope('conference', 'refusals')],
    title: 'nav.conference',
    loadComponent: () =>
      import('./conference-page.component').then((m) => m.ConferencePageComponent),
  },
];

/**
 * `/beraad` (public): a family or network member signs in with link + code (`/beraad#<token>`),
 * then `/beraad/overleg`: their conference only (the page checks their conference session).
 */
export const CIRCLE_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslocoScope('conference', 'refusals')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'nav.conferenceSignIn',
        loadComponent: () =>
          import('./circle-sign-in-page.component').then((m) => m.CircleSignInPageComponent),
      },
      {
        path: 'overleg',
        title: 'nav.conference',
        loadComponent: () =>
          import('./circle-conference-page.component').then((m) => m.CircleConferencePageComponent),
      },
    ],
  },
];
