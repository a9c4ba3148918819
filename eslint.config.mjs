import nx from '@nx/eslint-plugin';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

const FRAMEWORK_PACKAGES = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'react',
  'react-dom',
  'class-validator',
  'class-transformer',
  'express',
];

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.data',
      '**/coverage',
      'apps/web/public/**',
      '**/vite.config.*.timestamp*',
      '.nx/**',
      'tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:app'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
              bannedExternalImports: FRAMEWORK_PACKAGES,
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: FRAMEWORK_PACKAGES,
            },
            { sourceTag: 'scope:web', notDependOnLibsWithTags: ['scope:api'] },
            { sourceTag: 'scope:api', notDependOnLibsWithTags: ['scope:web'] },
          ],
        },
      ],
    },
  },
  {
    // Config files and scripts of the workspace itself are not project code.
    files: ['**/jest.config.js', '**/*.config.ts', '**/*.config.mjs', 'jest.preset.js', 'tools/scripts/**'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // Benchmarks measure the API itself: they boot its app and services.
    files: ['tools/bench/**'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  prettier,
];
