import type { Routes } from '@angular/router';
import { provideTranslationFile } from '@casustafel/client/data-access';

export const STATUS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslationFile('status')],
    title: 'status.title',
    loadComponent: () => import('./status-page.component').then((m) => m.StatusPageComponent),
  },
];
