import type { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

/*
 * Intervision copies of cases (issue 14 §3), mounted by the app behind a complete session.
 * Every page has the texts of `/i18n/intervision/<lang>.json`.
 */

/** `/teams/:teamId/intervisie`: the team's intervision cases. */
export const INTERVISION_LIST_ROUTES: Routes = [
  {
    path: '',
    title: 'intervision.list.heading',
    providers: [provideTranslocoScope('intervision')],
    loadComponent: () =>
      import('./intervision-list-page.component').then((m) => m.IntervisionListPageComponent),
  },
];

/** `/casussen/:caseId/intervisie`: "Anonimiseren voor intervisie", with a required reason. */
export const INTERVISION_NEW_ROUTES: Routes = [
  {
    path: '',
    title: 'intervision.create.title',
    providers: [provideTranslocoScope('intervision')],
    loadComponent: () =>
      import('./intervision-new-page.component').then((m) => m.IntervisionNewPageComponent),
  },
];

/** `/intervisie/:copyId`: the review screen, or the released copy as participants read it. */
export const INTERVISION_ROUTES: Routes = [
  {
    path: ':copyId',
    title: 'intervision.title',
    providers: [provideTranslocoScope('intervision')],
    loadComponent: () =>
      import('./intervision-case-page.component').then((m) => m.IntervisionCasePageComponent),
  },
];
