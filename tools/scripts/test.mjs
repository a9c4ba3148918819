// npm test: lint, type check and unit/integration tests of every project, then the browser tests.
// The API tests run on the embedded PGlite, or on the server of DATABASE_URL when it is set.
// Ends with the time of each stage and of each Nx task, passed or failed, to see where time goes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
// Nx writes the timings of its tasks there (a path relative to the working folder).
const nxProfile = path.join('node_modules', '.cache', `nx-profile-${process.pid}.json`);
const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NX_TUI: 'false',
  NX_PROFILE: nxProfile,
};
const stages = [];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);

function nxTasks() {
  const file = path.join(root, nxProfile);
  if (!fs.existsSync(file)) return [];
  const events = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.rmSync(file, { force: true });
  return events
    .filter((e) => e.ph === 'X')
    .map((e) => ({ name: e.name, ms: e.dur / 1000, status: e.args.status }))
    .sort((a, b) => b.ms - a.ms);
}

function summary() {
  console.log('\nTime of each stage:');
  for (const { title, ms, ok } of stages) console.log(`  ${ok ? '✔' : '✖'} ${seconds(ms)}  ${title}`);
  const total = stages.reduce((sum, s) => sum + s.ms, 0);
  console.log(`    ${seconds(total)}  total`);
  const tasks = nxTasks();
  if (tasks.length > 0) {
    console.log('\nNx tasks (two at a time), longest first:');
    for (const t of tasks) console.log(`    ${seconds(t.ms)}  ${t.name} (${t.status})`);
  }
}

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const ok = result.status === 0;
  stages.push({ title, ms: Date.now() - started, ok });
  if (!ok) {
    summary();
    console.error(`\n✖ ${title} failed.`);
    process.exit(result.status ?? 1);
  }
}

step('Formatting (Prettier)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
step('Lint, type check and tests of every project', 'npx', [
  'nx',
  'run-many',
  '-t',
  'lint',
  'typecheck',
  'test',
  '--outputStyle=static',
  '--parallel=2',
]);
step('Browser tests (headless Chromium)', 'node', ['tools/scripts/e2e.mjs']);
summary();
console.log('\n✔ All tests passed.');
