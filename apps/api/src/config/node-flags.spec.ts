import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const { flags } = JSON.parse(read('apps/api/node-flags.json')) as { flags: string[] };

// The API's V8 flags are written once (apps/api/node-flags.json); the two launchers that cannot
// read a file repeat them, and must not drift.
describe('the API’s V8 flags', () => {
  it('are a non-empty list of V8 options', () => {
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) expect(flag).toMatch(/^--[a-z-]+=\d+$/);
  });

  it('are those of npm run start:api', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start:api']).toContain(`node ${flags.join(' ')} dist/node/apps/api/src/main.js`);
  });

  it('are those of the Docker image', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read('docker/Dockerfile'));
    expect(JSON.parse(cmd![1]!)).toEqual(['node', ...flags, 'dist/node/apps/api/src/main.js']);
  });

  it('are read by npm start, the browser tests and the benchmarks', () => {
    for (const file of ['tools/scripts/start.mjs', 'tools/scripts/e2e.mjs', 'tools/bench/bench-database.ts'])
      expect(read(file)).toContain('apps/api/node-flags.json');
  });
});
