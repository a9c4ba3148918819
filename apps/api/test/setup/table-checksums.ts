import { Client } from 'pg';

export type TableChecksums = Record<string, { rows: number; md5: string }>;

/**
 * Each table of the public schema with its row count and a checksum of its rows (their text,
 * sorted): two databases with the same checksums hold the same data, whatever the rows' physical
 * order. The session's settings are pinned, so that a timestamp prints the same on PGlite and on
 * the server.
 */
export async function tableChecksums(url: string): Promise<TableChecksums> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'`);
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
    );
    const sums: TableChecksums = {};
    for (const { name } of tables) {
      const {
        rows: [sum],
      } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS md5
           FROM public."${name}" t`,
      );
      sums[name] = sum!;
    }
    return sums;
  } finally {
    await client.end();
  }
}
