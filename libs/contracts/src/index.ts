export * from './lib/errors';
export * from './lib/health';
export * from './lib/live';
