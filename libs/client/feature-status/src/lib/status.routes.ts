import type { Routes } from '@angular/router';

export const STATUS_ROUTES: Routes = [
  {
    path: '',
    title: 'status.title',
    loadComponent: () => import('./status-page.component').then((m) => m.StatusPageComponent),
  },
];
