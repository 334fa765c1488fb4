export * from './family-conference';
