/**
 * Shared Jest preset for node-side projects (libs and tools): TypeScript through swc, which
 * strips types only; `npm run typecheck` is what checks them.
 */
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  transform: {
    '^.+\\.[cm]?ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@casustafel/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@casustafel/domain$': path.join(__dirname, 'libs/domain/src/index.ts'),
  },
  testMatch: ['**/?(*.)+(spec|integration-spec).ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
