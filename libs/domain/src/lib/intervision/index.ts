export * from './methods';
export * from './session-kind';
