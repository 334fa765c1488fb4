/**
 * Browser tests: playwright-core drives Debian's Chromium (never a downloaded browser) against
 * the built product, started once by the global setup on a free port with a fresh embedded
 * database. axe checks every page a test visits.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'client-e2e',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.cjs',
  globalTeardown: '<rootDir>/src/support/global-teardown.cjs',
  testTimeout: 60_000,
  maxWorkers: 1,
  reporters: [
    'default',
    ['<rootDir>/../../tools/jest/summary-reporter.cjs', { name: 'client-e2e' }],
  ],
};
