import type { Routes } from '@angular/router';

/** `/teams` (my teams) and `/teams/:teamId`. */
export const TEAMS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'teams.title',
    loadComponent: () => import('./my-teams-page.component').then((m) => m.MyTeamsPageComponent),
  },
  {
    path: ':teamId',
    title: 'team.title',
    loadComponent: () => import('./team-page.component').then((m) => m.TeamPageComponent),
  },
];
