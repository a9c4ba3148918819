/**
 * Writes a synthetic FINESS extract (etalab format) for the TDB demo:
 *   DIR/finess-et.csv  header + structureet rows + geolocalisation rows
 *   DIR/finess-ej.csv  header + structureej rows
 *   DIR/finess-equipements.csv  header + equipementsocial rows (capacities of the same ESMS)
 *
 * Usage:
 *   node -r @swc-node/register tools/generate-finess/generate-finess.ts \
 *     [--seed 42] [--scope national|region:84] [--out DIR] [--encoding latin1|utf8] [--date 2026-01-15]
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { CATEGORIES, findRegion } from '@tdb/reference';
import { generateEquipmentLines } from './equipment';
import { generateExtract } from './generator';

interface CliOptions {
  seed: number;
  regionCode?: string;
  scope: string;
  out: string;
  encoding: 'latin1' | 'utf8';
  fileDate: string;
}

const USAGE = `Usage: generate-finess [--seed 42] [--scope national|region:<INSEE region code>] [--out DIR]
                       [--encoding latin1|utf8] [--date YYYY-MM-DD]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): CliOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m || !m[1]) fail(`Unknown argument: ${arg}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) fail(`Missing value for --${m[1]}`);
    values.set(m[1], value);
  }
  for (const key of values.keys()) {
    if (!['seed', 'scope', 'out', 'encoding', 'date'].includes(key)) fail(`Unknown option --${key}`);
  }
  const seed = Number(values.get('seed') ?? '42');
  if (!Number.isInteger(seed)) fail('--seed must be an integer');
  const scope = values.get('scope') ?? 'national';
  let regionCode: string | undefined;
  if (scope !== 'national') {
    const m = /^region:(\w+)$/.exec(scope);
    if (!m || !m[1] || !findRegion(m[1]))
      fail(`--scope must be "national" or "region:<code>" with an INSEE region code, got ${scope}`);
    regionCode = m[1];
  }
  const encoding = values.get('encoding') ?? 'latin1';
  if (encoding !== 'latin1' && encoding !== 'utf8') fail('--encoding must be latin1 or utf8');
  const fileDate = values.get('date') ?? '2026-01-15';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fileDate)) fail('--date must be YYYY-MM-DD');
  const out =
    values.get('out') ?? path.join('tmp', `finess-${regionCode ? `region-${regionCode}` : 'national'}`);
  return { seed, regionCode, scope, out, encoding, fileDate };
}

function encode(lines: readonly string[], encoding: 'latin1' | 'utf8'): Buffer {
  const text = `${lines.join('\n')}\n`;
  if (encoding === 'latin1') {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0xff)
        throw new Error(`Character outside ISO-8859-1 at ${i}: ${text.slice(i - 20, i + 20)}`);
    }
  }
  return Buffer.from(text, encoding);
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const bar = new SingleBar(
    { format: 'Génération FINESS [{bar}] {percentage}% | {value}/{total}', hideCursor: true },
    Presets.shades_classic,
  );
  let barStarted = false;
  const extract = generateExtract({
    seed: options.seed,
    regionCode: options.regionCode,
    fileDate: options.fileDate,
    onProgress: (done, total) => {
      if (!barStarted) {
        bar.start(total, 0);
        barStarted = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
  });
  if (barStarted) bar.stop();

  mkdirSync(options.out, { recursive: true });
  const files = [
    { file: path.join(options.out, 'finess-et.csv'), lines: extract.etLines },
    { file: path.join(options.out, 'finess-ej.csv'), lines: extract.ejLines },
    {
      file: path.join(options.out, 'finess-equipements.csv'),
      lines: generateEquipmentLines(extract.structures, { seed: options.seed, fileDate: options.fileDate }),
    },
  ];
  for (const f of files) writeFileSync(f.file, encode(f.lines, options.encoding));
  const elapsed = (performance.now() - started) / 1000;

  const s = extract.stats;
  console.log(
    `\nExtrait FINESS synthétique — seed ${options.seed}, périmètre ${options.scope}, date ${options.fileDate}, encodage ${options.encoding}`,
  );
  console.log('\nCatégorie   Codes FINESS                          ESMS    Places');
  for (const c of CATEGORIES) {
    const entry = s.byCategory[c.code] ?? { count: 0, places: 0 };
    const codes = c.finessCodes.map((code) => `${code}:${s.byFinessCategory[code] ?? 0}`).join(' ');
    console.log(
      `${c.code.padEnd(11)} ${codes.padEnd(37)} ${String(entry.count).padStart(5)} ${entry.places ? String(entry.places).padStart(9) : '        -'}`,
    );
  }
  console.log(`${'Total TDB'.padEnd(49)} ${String(s.esms).padStart(5)}`);
  const nonTdb = Object.entries(s.byFinessCategory)
    .filter(([code]) => !CATEGORIES.some((c) => c.finessCodes.includes(code)))
    .map(([code, n]) => `${code}:${n}`)
    .join(' ');
  console.log(`Hors TDB (à ignorer à l'import) : ${s.nonTdbStructures} (${nonTdb})`);
  console.log(`Départements : ${s.departments} — géolocalisés : ${s.geolocated}`);
  console.log(
    `Organismes gestionnaires : ${s.organisations} — 1 ESMS : ${s.ogSizes.single}, 2-10 : ${s.ogSizes.from2to10}, 11-29 : ${s.ogSizes.from11to29}, ≥ 30 : ${s.ogSizes.from30}, le plus grand : ${s.ogSizes.largest}`,
  );
  console.log('\nFichiers :');
  for (const f of files) {
    const size = statSync(f.file).size;
    console.log(`  ${path.resolve(f.file)}  ${(size / 1024 / 1024).toFixed(2)} Mo, ${f.lines.length} lignes`);
  }
  console.log(`Durée : ${elapsed.toFixed(1)} s`);
}

main();
