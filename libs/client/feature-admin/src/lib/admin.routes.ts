import type { Routes } from '@angular/router';
import { provideTranslationFile } from '@casustafel/client/data-access';

/** `/beheer`, `/beheer/verwijderverzoeken` and `/beheer/teams/:teamId` (guarded by the shell: organisation admins only). */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslationFile('admin')],
    pathMatch: 'full',
    title: 'admin.title',
    loadComponent: () => import('./admin-page.component').then((m) => m.AdminPageComponent),
  },
  {
    path: 'verwijderverzoeken',
    providers: [provideTranslationFile('admin')],
    title: 'erasure.title',
    loadComponent: () => import('./erasure-page.component').then((m) => m.ErasurePageComponent),
  },
  {
    path: 'teams/:teamId',
    providers: [provideTranslationFile('admin')],
    title: 'teamAdmin.title',
    loadComponent: () =>
      import('./team-admin-page.component').then((m) => m.TeamAdminPageComponent),
  },
];
