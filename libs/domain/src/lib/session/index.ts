export * from './kind';
export * from './session-room';
