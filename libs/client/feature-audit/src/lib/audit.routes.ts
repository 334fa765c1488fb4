import type { Routes } from '@angular/router';

/** `/audit` (guarded by the shell: organisation admins with a complete session). */
export const AUDIT_ROUTES: Routes = [
  {
    path: '',
    title: 'auditLog.title',
    loadComponent: () => import('./audit-page.component').then((m) => m.AuditPageComponent),
  },
];
