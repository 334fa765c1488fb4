/** @type {import('jest').Config} */
module.exports = {
  displayName: 'contracts',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testEnvironment: 'node',
  reporters: [
    'default',
    ['<rootDir>/../../tools/jest/summary-reporter.cjs', { name: 'contracts' }],
  ],
};
