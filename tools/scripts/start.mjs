// npm start: build the SPA, generate and load the demo data (first run only), serve everything.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  emailsIn,
  startDemoProvider,
  UNKNOWN_DEMO_EMAIL,
} from '../oidc-demo-provider/start-demo-provider.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data');
const demoScope = process.env.DEMO_SCOPE ?? '24';
const demoDir = path.join(dataDir, 'demo', demoScope === 'national' ? 'national' : `region-${demoScope}`);
// The API, its command-line tools and the demo seeding run compiled (dist/node, ADR 0016).
const compiled = (file) => path.join('dist/node', file.replace(/\.ts$/, '.js'));
// The API's V8 flags (apps/api/node-flags.json says why).
const apiFlags = JSON.parse(fs.readFileSync(path.join(root, 'apps/api/node-flags.json'), 'utf8')).flags;

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

if (!fs.existsSync(path.join(root, 'apps/web/public/dsfr'))) {
  run('Copying the DSFR assets', 'npx', ['copy-dsfr-to-public', '--projectDir', 'apps/web']);
}
run('Compiling the API', 'node', ['tools/scripts/build-api.mjs']);
run('Building the SPA', 'npx', [
  'vite',
  'build',
  '--config',
  'apps/web/vite.config.mts',
  '--logLevel',
  'warn',
]);

// The equipment extract came later: a demo directory without it is generated again (same seed, same files).
if (!fs.existsSync(path.join(demoDir, 'finess-equipements.csv'))) {
  const scope = demoScope === 'national' ? 'national' : `region:${demoScope}`;
  run(`Generating the demo FINESS extract (${scope})`, 'node', [
    compiled('tools/generate-finess/generate-finess.ts'),
    '--seed',
    '42',
    '--scope',
    scope,
    '--out',
    demoDir,
  ]);
}
run('Loading the demo data (skipped when the registry is not empty)', 'node', [
  compiled('apps/api/src/cli/import-finess.ts'),
  '--if-empty',
  path.join(demoDir, 'finess-et.csv'),
  path.join(demoDir, 'finess-ej.csv'),
]);
run('Loading the demo FINESS equipment extract (capacities; skipped when already loaded)', 'node', [
  compiled('apps/api/src/cli/import-finess-equipements.ts'),
  '--if-empty',
  path.join(demoDir, 'finess-equipements.csv'),
]);

console.log('\n▶ Creating the demo accounts (one per role)');
const seed = spawnSync('node', [compiled('apps/api/src/cli/seed-demo.ts')], {
  cwd: root,
  env: process.env,
  encoding: 'utf8',
});
if (seed.status !== 0) {
  console.error(seed.stdout, seed.stderr, '✖ Creating the demo accounts failed.');
  process.exit(seed.status ?? 1);
}

run('Opening the demo campaigns (first run only)', 'node', [
  compiled('tools/scripts/seed-demo-campaigns.ts'),
]);

// The demo identity provider (« S’identifier avec ProConnect »), unless one is configured or
// OIDC_DEMO=0: the demo accounts sign in there with the same password.
const port = process.env.PORT ?? '3000';
let provider = null;
if (!process.env.OIDC_ISSUER && process.env.OIDC_DEMO !== '0' && process.env.NODE_ENV !== 'production') {
  console.log('\n▶ Starting the demo identity provider (OIDC_DEMO=0 to skip)');
  const password = /password for all: ([^)\s]+)/.exec(seed.stdout)?.[1] ?? '';
  try {
    provider = await startDemoProvider({
      publicUrl: (process.env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
      emails: emailsIn(seed.stdout),
      password,
      port: Number(process.env.OIDC_DEMO_PORT ?? 0),
    });
  } catch (error) {
    console.error(`  The demo identity provider did not start (${error.message}): sign in with passwords.`);
  }
}

console.log('\n▶ Starting the API and the SPA');
const api = spawn('node', [...apiFlags, compiled('apps/api/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...(provider?.env ?? {}) },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    api.kill(signal);
    provider?.child.kill(signal);
  });
}
api.on('exit', (code) => {
  provider?.child.kill('SIGTERM');
  process.exit(code ?? 0);
});

// Print the demo logins once the platform answers, below its startup logs.
for (let attempt = 0; attempt < 240 && api.exitCode === null; attempt++) {
  const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    (response) => response.ok,
    () => false,
  );
  if (healthy) {
    console.log(seed.stdout.trimEnd());
    if (provider) {
      console.log(
        `\nDemo identity provider at ${provider.issuer}: « S’identifier avec ProConnect » on the sign-in page,` +
          `\nthen one of the addresses above and the same password; ${UNKNOWN_DEMO_EMAIL} has no TDB account.`,
      );
    }
    console.log(`\nOpen http://localhost:${port}/ and sign in with one of the accounts above.\n`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
