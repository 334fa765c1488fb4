export * from './dashboard';
export * from './stats';
export * from './suppression';
