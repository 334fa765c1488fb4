import type { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

/** `/inzicht` (the first team the caller may read) and `/teams/:teamId/inzicht`. */
export const INSIGHT_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslocoScope('insight')],
    loadComponent: () => import('./insight-page.component').then((m) => m.InsightPageComponent),
  },
];
