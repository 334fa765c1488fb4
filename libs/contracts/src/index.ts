export * from './lib/errors';
export * from './lib/health';
export * from './lib/live';
export * from './lib/identity';
export * from './lib/auth';
export * from './lib/audit';
export * from './lib/case-file';
export * from './lib/meetings';
export * from './lib/meeting-records';
export * from './lib/notes';
export * from './lib/guests';
export * from './lib/household-story';
export * from './lib/erasure';
export * from './lib/notifications';
export * from './lib/network-map';
export * from './lib/insight';
export * from './lib/support-plan';
export * from './lib/intervision';
// Zod-free values, types and checks for the client shell (issue 16 §1: zod stays out of the
// initial bundle). The zod schemas above import their values from here.
export type { Check, CheckResult } from './lib/plain/check';
export * from './lib/plain/errors';
export * from './lib/plain/identity';
export * from './lib/plain/auth';
export * from './lib/plain/notifications';
export * from './lib/plain/live';
export * from './lib/sessions';
export * from './lib/intervision-sessions';
export * from './lib/family-conference';
