export * from './lib/meetings.routes';
