export * from './lib/clock';
export * from './lib/password-policy';
export * from './lib/case-file';
export * from './lib/meeting';
export * from './lib/retention';
export * from './lib/insight';
export * from './lib/plan';
