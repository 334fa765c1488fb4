export * from './plan';
export * from './evaluation';
export * from './diff';
