// Jest for the api, in native ESM (NestJS 12 ships ESM only): run with
// `node --experimental-vm-modules`. swc strips types and emits decorator metadata; types are
// checked by the `typecheck` target. Unit specs live beside the code, integration specs in
// test/ (real app on port 0, real databases, real socket.io clients).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @type {import('jest').Config} */
export default {
  displayName: 'api',
  rootDir: path.join(root, 'apps/api'),
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          target: 'es2023',
          keepClassNames: true,
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@casustafel/contracts$': path.join(root, 'libs/contracts/src/index.ts'),
    '^@casustafel/domain$': path.join(root, 'libs/domain/src/index.ts'),
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.integration-spec.ts'],
  // Generous: a file boots real apps on real databases, and CI shares two cores with the other suites.
  testTimeout: 60_000,
  reporters: [
    'default',
    [
      path.join(root, 'tools/jest/summary-reporter.cjs'),
      { name: process.env.TEST_SUITE_NAME ?? 'api' },
    ],
  ],
  // Each test file opens its own embedded database (~3 s); two workers fit two cores.
  maxWorkers: 2,
};
