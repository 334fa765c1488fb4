import type { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { provideTranslationFile } from '@casustafel/client/data-access';

/** `/huishoudens/:householdId/plan`: the household's support plan. */
export const PLAN_ROUTES: Routes = [
  {
    path: '',
    title: 'plan.title',
    providers: [provideTranslocoScope('plan'), provideTranslationFile('meetings')],
    loadComponent: () => import('./plan-page.component').then((m) => m.PlanPageComponent),
  },
];

/** `/besluiten/:decisionId/plan`: "In plan opnemen" from a meeting: opens the household's plan. */
export const DECISION_PLAN_ROUTES: Routes = [
  {
    path: '',
    title: 'plan.title',
    providers: [provideTranslocoScope('plan'), provideTranslationFile('meetings')],
    loadComponent: () =>
      import('./decision-redirect.component').then((m) => m.DecisionRedirectComponent),
  },
];

/** `/teams/:teamId/evaluaties`: the team's overdue plan evaluations. */
export const EVALUATION_ROUTES: Routes = [
  {
    path: '',
    title: 'plan.overdue.title',
    providers: [provideTranslocoScope('plan'), provideTranslationFile('meetings')],
    loadComponent: () => import('./overdue-page.component').then((m) => m.OverduePageComponent),
  },
];
