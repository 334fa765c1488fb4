export * from './shapes';
export * from './genogram';
export * from './ecogram';
export * from './geometry';
export * from './model';
