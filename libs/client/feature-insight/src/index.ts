export * from './lib/insight.routes';
