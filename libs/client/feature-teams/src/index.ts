export * from './lib/teams.routes';
export * from './lib/team-list.component';
