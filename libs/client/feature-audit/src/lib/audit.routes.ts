import type { Routes } from '@angular/router';
import { provideTranslationFile } from '@casustafel/client/data-access';

/** `/audit` (guarded by the shell: organisation admins with a complete session). */
export const AUDIT_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslationFile('audit')],
    title: 'auditLog.title',
    loadComponent: () => import('./audit-page.component').then((m) => m.AuditPageComponent),
  },
];
