import type { Routes } from '@angular/router';

/** Every feature is lazy; `title` is a translation key (see TranslatedTitleStrategy). */
export const appRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'home.title',
    loadComponent: () => import('@casustafel/client/feature-home').then((m) => m.HomePageComponent),
  },
  {
    path: 'status',
    loadChildren: () => import('@casustafel/client/feature-status').then((m) => m.STATUS_ROUTES),
  },
  {
    path: '**',
    title: 'notFound.title',
    loadComponent: () =>
      import('@casustafel/client/feature-home').then((m) => m.NotFoundPageComponent),
  },
];
