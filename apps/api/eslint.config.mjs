import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The database folder is a layer below the feature modules: they use its interface
    // (database/index.ts), never its files, and it imports none of them (the app composes the
    // modules' entities in src/entities.ts).
    files: ['apps/api/src/modules/**/*.ts', 'apps/api/src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/database/*', '!**/database/index'],
              message: "Import the database module's interface: '../../database'.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/database/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/entities', '**/cli/**'],
              message:
                'The database layer knows no feature module; the app hands it what it needs.',
            },
          ],
        },
      ],
    },
  },
];
