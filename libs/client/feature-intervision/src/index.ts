export * from './lib/intervision.routes';
