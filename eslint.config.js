import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import skillswap from './eslint-rules/layers.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      '**/*.js',
      '!eslint.config.js',
      '!eslint-rules/*.js',
      'web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Imports point one way: web → (HTTP) → features → projections → platform (docs/architecture.md).
    files: ['src/**/*.ts', 'projections/**/*.ts', 'web/**/*.{ts,tsx}'],
    plugins: { skillswap },
    rules: { 'skillswap/layers': 'error' },
  },
  { files: ['eslint.config.js', 'eslint-rules/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
