import type { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

/*
 * Mounted by the app under full paths (guarded by a complete session there); each child has an
 * empty path so it inherits the parent's `:teamId`, `:householdId` or `:caseId` as an input.
 */

/** `/teams/:teamId/casussen` */
export const CASE_LIST_ROUTES: Routes = [
  {
    path: '',
    title: 'caseList.title',
    loadComponent: () => import('./case-list-page.component').then((m) => m.CaseListPageComponent),
  },
];

/** `/teams/:teamId/huishoudens/nieuw` */
export const NEW_HOUSEHOLD_ROUTES: Routes = [
  {
    path: '',
    title: 'household.new.title',
    loadComponent: () =>
      import('./household-new-page.component').then((m) => m.HouseholdNewPageComponent),
  },
];

/** `/huishoudens/:householdId` */
export const HOUSEHOLD_ROUTES: Routes = [
  {
    path: ':householdId',
    title: 'household.title',
    // The timeline and the family link panel (`/i18n/story/<lang>.json`).
    providers: [provideTranslocoScope('story')],
    loadComponent: () => import('./household-page.component').then((m) => m.HouseholdPageComponent),
  },
];

/** `/casussen/:caseId` */
export const CASE_ROUTES: Routes = [
  {
    path: ':caseId',
    title: 'caseDetail.title',
    providers: [provideTranslocoScope('story')],
    loadComponent: () => import('./case-page.component').then((m) => m.CasePageComponent),
  },
];
