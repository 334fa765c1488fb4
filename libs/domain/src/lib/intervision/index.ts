export * from './method';
export * from './methods';
export * from './session-kind';
