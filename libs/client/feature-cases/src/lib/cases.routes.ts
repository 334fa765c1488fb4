import type { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { provideTranslationFile } from '@casustafel/client/data-access';

/*
 * Mounted by the app under full paths (guarded by a complete session there); each child has an
 * empty path so it inherits the parent's `:teamId`, `:householdId` or `:caseId` as an input.
 */

/** `/teams/:teamId/casussen` */
export const CASE_LIST_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslationFile('cases')],
    title: 'caseList.title',
    loadComponent: () => import('./case-list-page.component').then((m) => m.CaseListPageComponent),
  },
];

/** `/teams/:teamId/huishoudens/nieuw` */
export const NEW_HOUSEHOLD_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslationFile('cases')],
    title: 'household.new.title',
    loadComponent: () =>
      import('./household-new-page.component').then((m) => m.HouseholdNewPageComponent),
  },
];

/** `/huishoudens/:householdId` */
export const HOUSEHOLD_ROUTES: Routes = [
  {
    path: ':householdId',
    // The timeline and the family link panel come from `/i18n/story/<lang>.json`.
    providers: [provideTranslationFile('cases'), provideTranslocoScope('story')],
    title: 'household.title',
    loadComponent: () => import('./household-page.component').then((m) => m.HouseholdPageComponent),
  },
];

/** `/casussen/:caseId` */
export const CASE_ROUTES: Routes = [
  {
    path: ':caseId',
    providers: [provideTranslationFile('cases', 'preparation'), provideTranslocoScope('story')],
    title: 'caseDetail.title',
    loadComponent: () => import('./case-page.component').then((m) => m.CasePageComponent),
  },
];
