// npm start: build the SPA, generate and load the demo data (first run only), serve everything.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data');
const demoScope = process.env.DEMO_SCOPE ?? '24';
const demoDir = path.join(dataDir, 'demo', demoScope === 'national' ? 'national' : `region-${demoScope}`);
const nodeRegister = ['-r', '@swc-node/register'];

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
    ...nodeRegister,
    'tools/generate-finess/generate-finess.ts',
    '--seed',
    '42',
    '--scope',
    scope,
    '--out',
    demoDir,
  ]);
}
run('Loading the demo data (skipped when the registry is not empty)', 'node', [
  ...nodeRegister,
  'apps/api/src/cli/import-finess.ts',
  '--if-empty',
  path.join(demoDir, 'finess-et.csv'),
  path.join(demoDir, 'finess-ej.csv'),
]);
run('Loading the demo FINESS equipment extract (capacities; skipped when already loaded)', 'node', [
  ...nodeRegister,
  'apps/api/src/cli/import-finess-equipements.ts',
  '--if-empty',
  path.join(demoDir, 'finess-equipements.csv'),
]);

console.log('\n▶ Creating the demo accounts (one per role)');
const seed = spawnSync('node', [...nodeRegister, 'apps/api/src/cli/seed-demo.ts'], {
  cwd: root,
  env: process.env,
  encoding: 'utf8',
});
if (seed.status !== 0) {
  console.error(seed.stdout, seed.stderr, '✖ Creating the demo accounts failed.');
  process.exit(seed.status ?? 1);
}

run('Opening the demo campaigns (first run only)', 'node', [
  ...nodeRegister,
  'tools/scripts/seed-demo-campaigns.ts',
]);

console.log('\n▶ Starting the API and the SPA');
const api = spawn('node', [...nodeRegister, 'apps/api/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));

// Print the demo logins once the platform answers, below its startup logs.
const port = process.env.PORT ?? '3000';
for (let attempt = 0; attempt < 240 && api.exitCode === null; attempt++) {
  const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    (response) => response.ok,
    () => false,
  );
  if (healthy) {
    console.log(seed.stdout.trimEnd());
    console.log(`\nOpen http://localhost:${port}/ and sign in with one of the accounts above.\n`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
