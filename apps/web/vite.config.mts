/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));
/** Where the dev server sends /api (the API's default port unless told otherwise). */
const apiTarget = process.env['API_PROXY_TARGET'] ?? 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  plugins: [react()],
  resolve: {
    alias: {
      // `@/lib/format` is apps/web/src/lib/format (the same alias as in tsconfig.json).
      '@': `${webRoot}src`,
      '@tdb/access': `${workspaceRoot}libs/access/src/index.ts`,
      '@tdb/contracts': `${workspaceRoot}libs/contracts/src/index.ts`,
      '@tdb/reference': `${workspaceRoot}libs/reference/src/index.ts`,
      '@tdb/dictionary': `${workspaceRoot}libs/dictionary/src/index.ts`,
      '@tdb/submission-workflow': `${workspaceRoot}libs/submission-workflow/src/index.ts`,
    },
  },
  server: {
    port: 4200,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  preview: {
    port: 4300,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  build: {
    outDir: `${workspaceRoot}dist/apps/web`,
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Framework code in long-lived chunks; each route is its own lazy chunk (src/app/router.tsx),
        // and the DSFR components are split along with the routes that use them.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 2,
            },
            { name: 'react-query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    root: webRoot,
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/testing/setup-tests.ts'],
    restoreMocks: true,
    // A page renders in milliseconds on a quiet machine and a hundred times slower on one running
    // other test suites: the limits say "hung", not "slow" (see also asyncUtilTimeout in setup-tests).
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
