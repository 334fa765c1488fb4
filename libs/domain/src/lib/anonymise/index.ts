export * from './types';
export * from './anonymise';
export * from './evaluate';
export { isValidBsn, isValidIban, ageBand } from './patterns';
