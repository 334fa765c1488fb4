export * from './lib/errors';
export * from './lib/health';
export * from './lib/live';
export * from './lib/identity';
export * from './lib/auth';
export * from './lib/audit';
export * from './lib/case-file';
export * from './lib/meetings';
