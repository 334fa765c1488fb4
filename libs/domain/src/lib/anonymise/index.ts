export * from './types';
export * from './anonymise';
export * from './evaluate';
export { isValidIban, ageBand } from './patterns';
export { fold } from './text';
