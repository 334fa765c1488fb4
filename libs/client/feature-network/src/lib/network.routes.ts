import type { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';

/** `/huishoudens/:householdId/netwerk` (mounted by the app behind a complete session). */
export const NETWORK_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslocoScope('network')],
    title: 'household.title',
    loadComponent: () => import('./network-page.component').then((m) => m.NetworkPageComponent),
  },
];
