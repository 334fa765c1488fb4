/**
 * Shared Jest configuration of every Angular project (apps/client, libs/client/*):
 * jest-preset-angular 17 in zoneless mode, jsdom, CommonJS through ts-jest.
 */
const path = require('node:path');
const { createCjsPreset } = require('jest-preset-angular/presets');

const root = path.join(__dirname, '../..');

/** @returns {import('jest').Config} */
module.exports = function clientJestConfig(displayName, projectDir) {
  return {
    displayName,
    ...createCjsPreset({ tsconfig: path.join(projectDir, 'tsconfig.spec.json') }),
    rootDir: projectDir,
    setupFilesAfterEnv: [path.join(__dirname, 'jest.setup.ts')],
    moduleNameMapper: {
      '^@casustafel/contracts$': path.join(root, 'libs/contracts/src/index.ts'),
      '^@casustafel/domain$': path.join(root, 'libs/domain/src/index.ts'),
      '^@casustafel/client/ui$': path.join(root, 'libs/client/ui/src/index.ts'),
      '^@casustafel/client/data-access$': path.join(root, 'libs/client/data-access/src/index.ts'),
      '^@casustafel/client/feature-home$': path.join(root, 'libs/client/feature-home/src/index.ts'),
      '^@casustafel/client/feature-status$': path.join(
        root,
        'libs/client/feature-status/src/index.ts',
      ),
      '^@casustafel/client/feature-auth$': path.join(root, 'libs/client/feature-auth/src/index.ts'),
      '^@casustafel/client/feature-teams$': path.join(
        root,
        'libs/client/feature-teams/src/index.ts',
      ),
      '^@casustafel/client/feature-admin$': path.join(
        root,
        'libs/client/feature-admin/src/index.ts',
      ),
      '^@casustafel/client/feature-audit$': path.join(
        root,
        'libs/client/feature-audit/src/index.ts',
      ),
      '^@casustafel/client/feature-cases$': path.join(
        root,
        'libs/client/feature-cases/src/index.ts',
      ),
      '^@casustafel/client/feature-meetings$': path.join(
        root,
        'libs/client/feature-meetings/src/index.ts',
      ),
      '^@casustafel/client/feature-plan$': path.join(root, 'libs/client/feature-plan/src/index.ts'),
    },
    // Angular ships .mjs; @jsverse/utils (a Transloco dependency) ships ESM as .esm.js.
    transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$|@jsverse/)'],
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    // Counts per suite for the summary `npm test` prints.
    reporters: [
      'default',
      [path.join(root, 'tools/jest/summary-reporter.cjs'), { name: displayName }],
    ],
  };
};
