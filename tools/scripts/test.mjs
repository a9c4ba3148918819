// npm test: lint, type check and unit/integration tests of every project, then the browser tests.
// The API tests run on the embedded PGlite, or on the server of DATABASE_URL when it is set.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
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
console.log('\n✔ All tests passed.');
