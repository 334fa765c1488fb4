import type { Routes } from '@angular/router';

/** `/beheer`, `/beheer/verwijderverzoeken` and `/beheer/teams/:teamId` (guarded by the shell: organisation admins only). */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'admin.title',
    loadComponent: () => import('./admin-page.component').then((m) => m.AdminPageComponent),
  },
  {
    path: 'verwijderverzoeken',
    title: 'erasure.title',
    loadComponent: () => import('./erasure-page.component').then((m) => m.ErasurePageComponent),
  },
  {
    path: 'teams/:teamId',
    title: 'teamAdmin.title',
    loadComponent: () =>
      import('./team-admin-page.component').then((m) => m.TeamAdminPageComponent),
  },
];
