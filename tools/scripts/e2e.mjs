// Browser tests: build the SPA, load a generated region into a throwaway embedded database, serve
// it, and drive Debian's Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { emailsIn, startDemoProvider } from '../oidc-demo-provider/start-demo-provider.mjs';

const root = path.resolve(import.meta.dirname, '../..');
// The API's V8 flags (apps/api/node-flags.json says why).
const apiFlags = JSON.parse(fs.readFileSync(path.join(root, 'apps/api/node-flags.json'), 'utf8')).flags;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing: installing Debian's chromium…");
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit' });
    if (install.status === 0 && fs.existsSync(CHROMIUM)) return;
  }
  console.error(
    `✖ Browser tests need Chromium at ${CHROMIUM}: run "apt-get install -y chromium" (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}

/** Runs one preparation step, and says how long it took (npm test prints the stage's total). */
function run(title, command, args, env = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
  console.log(`  ✔ ${title} (${Date.now() - started} ms)`);
}

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Starting the API on the embedded database takes seconds on a quiet machine, a minute on a busy one.
const HEALTH_TIMEOUT_MS = 180_000;

async function waitForHealth(baseUrl, api) {
  const started = Date.now();
  while (Date.now() - started < HEALTH_TIMEOUT_MS) {
    if (api.exitCode !== null) throw new Error(`the API exited with code ${api.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) {
        console.log(`  ✔ API started (${Date.now() - started} ms)`);
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

/** A structure whose name has accents, and a word of it typed without them. */
async function pickSample(baseUrl, accessToken) {
  const res = await fetch(`${baseUrl}/api/structures?pageSize=200&sort=name`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const page = await res.json();
  for (const s of page.items) {
    const word = s.name
      .split(/\s+/)
      .find((w) => w.length >= 5 && w !== w.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    if (!word) continue;
    const query = word
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    return {
      query: query.slice(1, -1),
      expectedName: s.name,
      finess: s.finess,
      categoryLabel: s.categoryLabel,
    };
  }
  throw new Error('no structure with an accented name in the demo data');
}

async function main() {
  ensureChromium();
  if (!fs.existsSync(path.join(root, 'apps/web/public/dsfr')))
    run('DSFR copied', 'npx', ['copy-dsfr-to-public', '--projectDir', 'apps/web']);
  run('API compiled', 'node', ['tools/scripts/build-api.mjs']);
  run('SPA built', 'npx', ['vite', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tdb-e2e-'));
  const env = {
    DATA_DIR: path.join(work, 'data'),
    DATABASE_URL: '',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    // Every journey signs its people in from this one address within a few minutes: more than a
    // person's 30 a minute. The per-address limits are tested by the API's integration tests.
    AUTH_THROTTLE_PER_MINUTE: '600',
  };
  run('FINESS extract generated', 'node', [
    'dist/node/tools/generate-finess/generate-finess.js',
    '--seed',
    '7',
    '--scope',
    'region:24',
    '--out',
    work,
  ]);
  run(
    'FINESS extract imported',
    'node',
    [
      'dist/node/apps/api/src/cli/import-finess.js',
      path.join(work, 'finess-et.csv'),
      path.join(work, 'finess-ej.csv'),
    ],
    env,
  );

  run(
    'FINESS equipment extract imported',
    'node',
    ['dist/node/apps/api/src/cli/import-finess-equipements.js', path.join(work, 'finess-equipements.csv')],
    env,
  );

  const seeding = Date.now();
  const seeded = spawnSync('node', ['dist/node/apps/api/src/cli/seed-demo.js', '--region', '24'], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stdout} ${seeded.stderr}`);
  console.log(`  ✔ demo accounts seeded (${Date.now() - seeding} ms)`);
  run('demo campaigns seeded', 'node', ['dist/node/tools/scripts/seed-demo-campaigns.js'], env);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The demo identity provider, as `npm start` runs it: its users are the demo accounts (oidc.e2e.mjs).
  const provider = await startDemoProvider({
    // The API's default PUBLIC_URL, whose callback the provider knows (oidc.e2e.mjs browses it).
    publicUrl: `http://localhost:${port}`,
    emails: emailsIn(seeded.stdout),
    password: 'Demo-TDB-paysage-2026',
  });
  const api = spawn('node', [...apiFlags, 'dist/node/apps/api/src/main.js'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env, ...provider.env, PORT: String(port) },
  });
  let browser;
  try {
    await waitForHealth(baseUrl, api);
    const login = { email: 'admin@tdb.localhost', password: 'Demo-TDB-paysage-2026' };
    const token = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(login),
    }).then((r) => r.json());
    const sample = { ...(await pickSample(baseUrl, token.accessToken)), login };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const specs = fs
      .readdirSync(path.join(root, 'tools/e2e'))
      .filter((f) => f.endsWith('.e2e.mjs'))
      // E2E_SPECS=oidc,prefill: only those journeys (while working on them).
      .filter((f) => {
        const only = process.env.E2E_SPECS;
        return !only || only.split(',').includes(f.replace('.e2e.mjs', ''));
      })
      .sort();
    for (const spec of specs) {
      const started = Date.now();
      const { run: runSpec } = await import(path.join(root, 'tools/e2e', spec));
      await runSpec({ baseUrl, browser, sample, provider });
      // A spec that passed while the API died (e.g. an unhandled error) would hide the crash.
      if (api.exitCode !== null) throw new Error(`the API exited with code ${api.exitCode} during ${spec}`);
      console.log(`  ✔ ${spec} (${Date.now() - started} ms)`);
    }
  } finally {
    await browser?.close();
    if (api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
    }
    await provider.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// Failure unless main() reaches its end: a run that stops early (a promise left pending when the
// API died) must not pass for a success.
process.exitCode = 1;
main()
  .then(() => {
    process.exitCode = 0;
  })
  .catch((error) => {
    console.error(`✖ Browser test failed: ${error.message}`);
    process.exit(1);
  });
