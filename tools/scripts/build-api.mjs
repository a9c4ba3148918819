// npm run build:api: the API, its libraries and the command-line tools compiled once to JavaScript
// in dist/node (same tree as the sources), so that the platform does not compile TypeScript at
// every start (ADR 0016): less memory held and a faster start than @swc-node/register.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { transformFile } from '@swc/core';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'dist/node');
// Written aside then swapped in: a platform already running from dist/node keeps its files.
const building = `${out}.building-${process.pid}`;
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const SOURCES = [
  'apps/api/src',
  'tools/bench',
  'tools/generate-finess',
  'tools/generate-values',
  'tools/scripts',
];
for (const lib of fs.readdirSync(path.join(root, 'libs'))) {
  for (const part of ['src', 'data']) {
    if (fs.existsSync(path.join(root, 'libs', lib, part))) SOURCES.push(`libs/${lib}/${part}`);
  }
}

const options = (file) => ({
  filename: file,
  sourceMaps: false,
  swcrc: false,
  configFile: false,
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2022',
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
    keepClassNames: true,
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
});

// Tests, declarations, the tools' own scripts (.mjs, run from the sources) and project files have
// no use at run time; data files (JSON under libs/*/data) are copied.
const skipped = (name) =>
  /\.(spec|test)\.tsx?$/.test(name) ||
  name.endsWith('.d.ts') ||
  name.endsWith('.mjs') ||
  ['node_modules', 'project.json', 'tsconfig.json'].includes(name);

async function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skipped(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

const started = performance.now();
fs.rmSync(building, { recursive: true, force: true });
let compiled = 0;
let copied = 0;
const pending = [];
for (const source of SOURCES) {
  for await (const file of files(path.join(root, source))) {
    const target = path.join(building, path.relative(root, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (/\.tsx?$/.test(file)) {
      pending.push(
        transformFile(file, options(file)).then(({ code }) => {
          fs.writeFileSync(target.replace(/\.tsx?$/, '.js'), code);
          compiled++;
        }),
      );
    } else {
      fs.copyFileSync(file, target);
      copied++;
    }
  }
}
await Promise.all(pending);
const previous = `${out}.previous-${process.pid}`;
if (fs.existsSync(out)) fs.renameSync(out, previous);
fs.renameSync(building, out);
fs.rmSync(previous, { recursive: true, force: true });
console.log(
  `API compiled to ${path.relative(root, out)}: ${compiled} files, ${copied} copied, ${Math.round(performance.now() - started)} ms`,
);
