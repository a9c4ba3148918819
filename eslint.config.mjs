import nx from '@nx/eslint-plugin';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { readFileSync, readdirSync } from 'node:fs';

/**
 * What a pure library (type:domain, type:contracts) may not import: every framework, every I/O
 * package (database, jobs, files, mail, HTTP, logs) and every UI package. Pure code takes data and
 * "now" as arguments; the apps do the I/O.
 */
const FRAMEWORK_PACKAGES = [
  // API framework and HTTP
  '@nestjs/*',
  'express',
  'cookie-parser',
  'helmet',
  'multer',
  'passport',
  'passport-*',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
  'rxjs',
  // database and jobs
  'typeorm',
  'pg',
  'pg-boss',
  '@electric-sql/*',
  // files, mail, logs, security
  'exceljs',
  'pdfmake',
  'nodemailer',
  'nestjs-pino',
  'pino',
  'pino-*',
  'otplib',
  '@node-rs/*',
  'argon2',
  'cli-progress',
  // UI
  'react',
  'react-*',
  'react-dom',
  'react-router',
  '@tanstack/*',
  '@codegouvfr/*',
  '@zxcvbn-ts/*',
  '@svg-maps/*',
];

/** The pure libraries (tags type:domain and type:contracts), found from their project.json. */
const PURE_LIBS = readdirSync(new URL('./libs', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((name) => {
    const project = JSON.parse(readFileSync(new URL(`./libs/${name}/project.json`, import.meta.url), 'utf8'));
    return project.tags?.some((tag) => tag === 'type:domain' || tag === 'type:contracts');
  });

/** The SPA's feature folders: each one may import lib/, components/ and itself, never another. */
const WEB_SRC = 'apps/web/src';
const WEB_FEATURES = readdirSync(new URL(`./${WEB_SRC}/features`, import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const WEB_ZONES = [
  ...WEB_FEATURES.map((feature) => ({
    target: `${WEB_SRC}/features/${feature}`,
    from: `${WEB_SRC}/features`,
    except: [`./${feature}`],
    message:
      'A feature does not import another feature: compose them in app/, or move the shared piece to lib/ or components/.',
  })),
  {
    target: [`${WEB_SRC}/features`, `${WEB_SRC}/components`, `${WEB_SRC}/lib`],
    from: `${WEB_SRC}/app`,
    message: 'Only app/ imports app/: routes compose features, not the other way round.',
  },
  {
    target: [`${WEB_SRC}/components`, `${WEB_SRC}/lib`],
    from: `${WEB_SRC}/features`,
    message: 'The shared layer (components/, lib/) imports no feature.',
  },
  {
    target: `${WEB_SRC}/lib`,
    from: `${WEB_SRC}/components`,
    message: 'lib/ holds logic and data access, not components.',
  },
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
      'apps/web/src/lib/api/openapi.gen.ts',
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
    // Node's own modules are not npm packages, so the Nx rule above does not see them: pure code
    // reads no file, no clock, no network (their generators under tools/ may).
    files: PURE_LIBS.map((name) => `libs/${name}/src/**`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(node:|(fs|path|os|http|https|net|child_process|crypto|stream|worker_threads)(/|$))',
              message: 'A pure library does no I/O: the apps pass it data.',
            },
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
        AbortSignal: 'readonly',
      },
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The SPA's boundaries (docs/adr/0009-spa-boundaries.md): app/ composes features; a feature
    // imports lib/, components/ and itself only; components/ and lib/ import no feature and no
    // route; no import cycle anywhere.
    files: [`${WEB_SRC}/**/*.ts`, `${WEB_SRC}/**/*.tsx`],
    plugins: { 'import-x': importX },
    settings: {
      // How import-x reads TypeScript files (to follow their imports); the resolver knows the aliases.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: 'apps/web/tsconfig.json', alwaysTryTypes: true }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: WEB_ZONES }],
    },
  },
  {
    // Application code does not import the test helpers (specs do).
    files: [`${WEB_SRC}/**/*.ts`, `${WEB_SRC}/**/*.tsx`],
    ignores: [`${WEB_SRC}/**/*.spec.ts`, `${WEB_SRC}/**/*.spec.tsx`, `${WEB_SRC}/testing/**`],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            ...WEB_ZONES,
            {
              target: WEB_SRC,
              from: `${WEB_SRC}/testing`,
              message: 'Only tests import the test helpers.',
            },
          ],
        },
      ],
    },
  },
  prettier,
];
