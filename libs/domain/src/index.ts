export * from './lib/clock';
export * from './lib/password-policy';
