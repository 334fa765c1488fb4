export * from './bsn';
export * from './consent';
export * from './case-status';
export * from './meldcode';
export * from './preparation';
export * from './zrm';
