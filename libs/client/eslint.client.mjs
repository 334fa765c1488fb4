import angular from 'angular-eslint';
import baseConfig from '../../eslint.config.mjs';

/**
 * Shared lint configuration of every Angular project (apps/client, libs/client/*): the root
 * configuration (module boundaries) plus angular-eslint's TypeScript, template and template
 * accessibility rules, all as errors.
 */
export function clientEslintConfig(prefix) {
  return [
    ...baseConfig,
    ...angular.configs.tsRecommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
    {
      files: ['**/*.ts'],
      processor: angular.processInlineTemplates,
      rules: {
        '@angular-eslint/component-selector': [
          'error',
          { type: 'element', prefix, style: 'kebab-case' },
        ],
        '@angular-eslint/directive-selector': [
          'error',
          { type: 'attribute', prefix, style: 'camelCase' },
        ],
        '@angular-eslint/pipe-prefix': ['error', { prefixes: [prefix] }],
        '@angular-eslint/prefer-on-push-component-change-detection': 'error',
        '@angular-eslint/prefer-standalone': 'error',
      },
    },
    ...angular.configs.templateRecommended.map((config) => ({ ...config, files: ['**/*.html'] })),
    ...angular.configs.templateAccessibility.map((config) => ({ ...config, files: ['**/*.html'] })),
    {
      files: ['**/*.html'],
      rules: {
        '@angular-eslint/template/prefer-control-flow': 'error',
        '@angular-eslint/template/button-has-type': 'error',
      },
    },
  ];
}
