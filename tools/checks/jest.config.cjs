/** @type {import('jest').Config} */
module.exports = {
  displayName: 'workspace-checks',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testEnvironment: 'node',
  reporters: [
    'default',
    ['<rootDir>/../../tools/jest/summary-reporter.cjs', { name: 'workspace-checks' }],
  ],
  testTimeout: 60_000,
};
