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
    providers: [provideTranslocoScope('intervision', 'refusals')],
    loadComponent: () =>
      import('./intervision-list-page.component').then((m) => m.IntervisionListPageComponent),
  },
];

/** `/casussen/:caseId/intervisie`: "Anonimiseren voor intervisie", with a required reason. */
export const INTERVISION_NEW_ROUTES: Routes = [
  {
    path: '',
    title: 'intervision.create.title',
    providers: [provideTranslocoScope('intervision', 'refusals')],
    loadComponent: () =>
      import('./intervision-new-page.component').then((m) => m.IntervisionNewPageComponent),
  },
];

/**
 * `/intervisie/:copyId`: the review screen, or the released copy as participants read it;
 * `/intervisie/:copyId/starten`: start a session on it; `/intervisie/sessies/:sessionId`: the
 * session's runner; `/intervisie/aanwezigheid`: one's own attendance.
 */
export const INTERVISION_ROUTES: Routes = [
  {
    path: 'aanwezigheid',
    title: 'intervision.attendance.title',
    providers: [provideTranslocoScope('intervision', 'refusals')],
    loadComponent: () =>
      import('./intervision-attendance-page.component').then(
        (m) => m.IntervisionAttendancePageComponent,
      ),
  },
  {
    path: 'sessies/:sessionId',
    title: 'intervision.session.title',
    providers: [provideTranslocoScope('intervision', 'refusals')],
    loadComponent: () =>
      import('./intervision-session-page.component').then((m) => m.IntervisionSessionPageComponent),
  },
  {
    path: ':copyId/starten',
    title: 'intervision.start.title',
    providers: [provideTranslocoScope('intervision', 'refusals')],
    loadComponent: () =>
      import('./intervision-start-page.component').then((m) => m.IntervisionStartPageComponent),
  },
  {
    path: ':copyId',
    title: 'intervision.title',
    providers: [provideTranslocoScope('intervision', 'refusals')],
    loadComponent: () =>
      import('./intervision-case-page.component').then((m) => m.IntervisionCasePageComponent),
  },
];
