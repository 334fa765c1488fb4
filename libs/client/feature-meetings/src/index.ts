export * from './lib/meetings.routes';
export * from './lib/guest.routes';
