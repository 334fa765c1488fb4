import type { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { familySessionGuard } from '@casustafel/client/data-access';

/**
 * Mounted by the app at `/gezin`: the public sign-in with the household link (`/gezin#<token>`)
 * and the family's own plan (`/gezin/plan`, a complete family session). Texts: the `family`
 * Transloco scope (`/i18n/family/<lang>.json`).
 */
export const FAMILY_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslocoScope('family')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'nav.familySignIn',
        loadComponent: () =>
          import('./family-sign-in-page.component').then((m) => m.FamilySignInPageComponent),
      },
      {
        path: 'plan',
        title: 'nav.family',
        canActivate: [familySessionGuard],
        loadComponent: () =>
          import('./family-plan-page.component').then((m) => m.FamilyPlanPageComponent),
      },
    ],
  },
];
