/**
 * Moving from the embedded database to a PostgreSQL server (npm run database:export, then
 * database:import or psql; docs/operations.md). The export is a plain SQL file of the data only,
 * like pg_dump --data-only: one transaction, a guard refusing a target that is not migrated to the
 * same version or not empty, each table's rows as COPY … FROM stdin blocks in foreign-key order,
 * the sequences, and a final check of every table's row count. The schema comes from the target's
 * own migrations: the server's pg_dump cannot read PGlite (a newer PostgreSQL), and the migrations
 * are what defines the schema anyway.
 *
 * Rows are read with PGlite's COPY … TO '/dev/blob' (PGlite has no COPY over the wire protocol),
 * a range of heap blocks at a time, so that a national campaign never sits in memory at once.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { PGliteInterface } from '@electric-sql/pglite';
import { runMigrations } from './database';
import { PGDATA, startEmbeddedPostgres } from './embedded-postgres';

/** Heap blocks (8 kB) per COPY block of the export: a few MB of rows read and written at once. */
const BLOCKS_PER_CHUNK = 512;

export interface ExportSummary {
  migrations: string[];
  tables: { name: string; rows: number }[];
}

interface TableInfo {
  oid: number;
  name: string;
  partitioned: boolean;
  columns: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Tables in an order where each comes after those its foreign keys point to (self-references aside). */
export function dependencyOrder<T extends { oid: number; name: string }>(
  tables: T[],
  foreignKeys: { child: number; parent: number }[],
): T[] {
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const parents = new Map<number, Set<number>>(tables.map((t) => [t.oid, new Set<number>()]));
  for (const { child, parent } of foreignKeys) {
    if (child !== parent && byOid.has(child) && byOid.has(parent)) parents.get(child)!.add(parent);
  }
  const ordered: T[] = [];
  const placed = new Set<number>();
  while (ordered.length < tables.length) {
    const ready = tables
      .filter((t) => !placed.has(t.oid) && [...parents.get(t.oid)!].every((p) => placed.has(p)))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (ready.length === 0) {
      const left = tables.filter((t) => !placed.has(t.oid)).map((t) => t.name);
      throw new Error(`Foreign keys form a cycle between ${left.join(', ')}: no loading order exists`);
    }
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.oid);
    }
  }
  return ordered;
}

async function tablesOf(db: PGliteInterface): Promise<TableInfo[]> {
  const { rows: tables } = await db.query<{ oid: number; name: string; kind: string }>(
    `SELECT c.oid::int AS oid, c.relname AS name, c.relkind AS kind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> 'migrations'`,
  );
  const { rows: columns } = await db.query<{ table: number; name: string }>(
    `SELECT attrelid::int AS table, attname AS name FROM pg_attribute
      WHERE attrelid = ANY($1::int[]::oid[]) AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      ORDER BY attrelid, attnum`,
    [tables.map((t) => t.oid)],
  );
  const { rows: foreignKeys } = await db.query<{ child: number; parent: number }>(
    `SELECT conrelid::int AS child, confrelid::int AS parent FROM pg_constraint
      WHERE contype = 'f' AND conrelid = ANY($1::int[]::oid[])`,
    [tables.map((t) => t.oid)],
  );
  return dependencyOrder(
    tables.map((t) => ({
      oid: t.oid,
      name: t.name,
      partitioned: t.kind === 'p',
      columns: columns.filter((c) => c.table === t.oid).map((c) => c.name),
    })),
    foreignKeys,
  );
}

/** The table's rows as COPY text, a range of heap blocks at a time (the whole of a partitioned one). */
async function* chunksOf(db: PGliteInterface, table: TableInfo): AsyncGenerator<Buffer> {
  const select = `SELECT ${table.columns.map(ident).join(', ')} FROM ONLY public.${ident(table.name)}`;
  if (table.partitioned) {
    const result = await db.query(`COPY (${select.replace(' ONLY ', ' ')}) TO '/dev/blob'`);
    if (result.blob) yield Buffer.from(await result.blob.arrayBuffer());
    return;
  }
  const {
    rows: [size],
  } = await db.query<{ blocks: number }>(
    `SELECT (pg_relation_size($1::int::oid) / current_setting('block_size')::int)::int AS blocks`,
    [table.oid],
  );
  for (let from = 0; from < (size?.blocks ?? 0); from += BLOCKS_PER_CHUNK) {
    // A TID range scan: only these blocks are read.
    const result = await db.query(
      `COPY (${select} WHERE ctid >= '(${from},0)'::tid AND ctid < '(${from + BLOCKS_PER_CHUNK},0)'::tid) TO '/dev/blob'`,
    );
    if (result.blob && result.blob.size > 0) yield Buffer.from(await result.blob.arrayBuffer());
  }
}

/** Rows in COPY text: one line each (a newline inside a value is written \n). */
const rowsIn = (chunk: Buffer) => {
  let rows = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
  return rows;
};

/**
 * Writes the data of the embedded database in `dataDir` to `file` (see above), after migrating it
 * to this version of the code. Takes the folder's lock: the platform must be stopped.
 */
export async function exportEmbedded(dataDir: string, file: string): Promise<ExportSummary> {
  // Not a new, empty database created on the way by a mistyped DATA_DIR.
  if (!fs.existsSync(path.join(dataDir, PGDATA, 'PG_VERSION')))
    throw new Error(`No embedded database in ${dataDir}`);
  const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
  const partial = `${file}.partial`;
  let out: fs.WriteStream | null = null;
  try {
    await runMigrations(embedded.url);
    const db = embedded.pglite;
    const migrations = (
      await db.query<{ name: string }>(`SELECT name FROM migrations ORDER BY name`)
    ).rows.map((r) => r.name);
    const tables = await tablesOf(db);
    const stream = fs.createWriteStream(partial);
    out = stream;
    const write = async (text: string | Buffer) => {
      if (!stream.write(text)) await once(stream, 'drain');
    };
    const names = tables.map((t) => literal(t.name)).join(', ');
    await write(
      [
        `-- TDB: the data of the embedded database ${dataDir}, exported ${new Date().toISOString()}`,
        '-- by npm run database:export. Load it into a new PostgreSQL database migrated by the same',
        '-- version of TDB: npm run database:import -- FILE (migrates, then loads), or',
        '-- npm run database:migrate then psql -v ON_ERROR_STOP=1 -f FILE "$DATABASE_URL".',
        "SET client_encoding = 'UTF8';",
        'SET standard_conforming_strings = on;',
        'SET client_min_messages = warning;',
        'BEGIN;',
        // One line: the importer runs a statement per line outside the COPY blocks.
        `DO $guard$ DECLARE applied text; t text; filled boolean; BEGIN ` +
          `SELECT string_agg(name, ',' ORDER BY name) INTO applied FROM public.migrations; ` +
          `IF applied IS DISTINCT FROM ${literal(migrations.join(','))} THEN RAISE EXCEPTION ` +
          `'TDB import: the target database is not migrated to the version of this export (run npm run database:migrate of the same TDB version on an empty database)'; END IF; ` +
          `FOREACH t IN ARRAY ARRAY[${names}]::text[] LOOP EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I)', t) INTO filled; ` +
          `IF filled THEN RAISE EXCEPTION 'TDB import: table % of the target database is not empty', t; END IF; END LOOP; END $guard$;`,
        '',
      ].join('\n'),
    );
    const summary: ExportSummary = { migrations, tables: [] };
    for (const table of tables) {
      let rows = 0;
      for await (const chunk of chunksOf(db, table)) {
        rows += rowsIn(chunk);
        await write(
          `COPY public.${ident(table.name)} (${table.columns.map(ident).join(', ')}) FROM stdin;\n`,
        );
        await write(chunk);
        await write('\\.\n');
      }
      summary.tables.push({ name: table.name, rows });
    }
    const { rows: sequences } = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
    );
    for (const { name } of sequences) {
      const {
        rows: [state],
      } = await db.query<{ last: string; called: boolean }>(
        `SELECT last_value::text AS last, is_called AS called FROM public.${ident(name)}`,
      );
      await write(
        `SELECT pg_catalog.setval(${literal(`public.${ident(name)}`)}, ${state!.last}, ${state!.called});\n`,
      );
    }
    const checks = summary.tables
      .map(
        (t) =>
          `IF (SELECT count(*) FROM public.${ident(t.name)}) <> ${t.rows} THEN RAISE EXCEPTION 'TDB import: table ${t.name} has % rows, ${t.rows} expected', (SELECT count(*) FROM public.${ident(t.name)}); END IF;`,
      )
      .join(' ');
    await write(`DO $check$ BEGIN ${checks} END $check$;\nCOMMIT;\n`);
    stream.end();
    await once(stream, 'finish');
    fs.renameSync(partial, file);
    return summary;
  } finally {
    out?.destroy();
    fs.rmSync(partial, { force: true });
    await embedded.stop();
  }
}
