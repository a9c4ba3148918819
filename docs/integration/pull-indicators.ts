/**
 * Pulls the indicators of a region (or a département) from TDB with the typed client generated from
 * the API's OpenAPI document — a starting point for a regional data warehouse.
 *
 *   TDB_URL=https://tdb.example.fr TDB_TOKEN=tdb_… npx tsx pull-indicators.ts 2026 > indicateurs.csv
 *
 * Types: in your project, `npx openapi-typescript "$TDB_URL/api/docs-json" -o tdb-api.ts` and import
 * `paths` from it; this repository imports the SPA's copy (generated from openapi.json).
 * The token is a read-only API token bound to an ARS or a Département (menu « Jetons d'API »): the
 * lists are then those of its territory, with no parameter to give.
 */
import createClient from 'openapi-fetch';
import type { paths } from '../../apps/web/src/lib/api/openapi.gen';

export interface IndicatorRow {
  finess: string;
  name: string;
  categoryCode: string;
  departmentCode: string;
  indicatorCode: string;
  value: number | null;
  nationalDecile: number | null;
}

/** Every structure of the token's territory × every indicator of the campaign, page after page. */
export async function pullIndicators(options: {
  baseUrl: string;
  token: string;
  year: number;
  pageSize?: number;
}): Promise<IndicatorRow[]> {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { Authorization: `Bearer ${options.token}` },
  });
  const fail = (what: string, error: unknown): never => {
    // Errors are { statusCode, code, message } with a message in French.
    throw new Error(`${what} : ${(error as { message?: string } | undefined)?.message ?? 'erreur inconnue'}`);
  };

  const guide = await client.GET('/api/indicators/guide', {
    params: { query: { year: String(options.year) } },
  });
  if (!guide.data) return fail('Guide des indicateurs', guide.error);
  // The table has the single-figure indicators; the distributions (parts of a whole: GIR, ages…)
  // are columns of the JSON lines export (exports/regional.jsonl).
  const codes = guide.data.sheets.filter((sheet) => sheet.kind !== 'distribution').map((sheet) => sheet.code);

  const rows: IndicatorRow[] = [];
  // The table answers at most 20 indicators at a time: ask them by groups, each page after page.
  for (let from = 0; from < codes.length; from += 20) {
    const group = codes.slice(from, from + 20);
    for (let page = 1; ; page += 1) {
      const table = await client.GET('/api/campaigns/{year}/restitution/table', {
        params: {
          path: { year: options.year },
          query: { indicators: group.join(','), page, pageSize: options.pageSize ?? 500, sort: 'finess' },
        },
      });
      if (!table.data) return fail(`Tableau, page ${page}`, table.error);
      for (const row of table.data.rows) {
        for (const code of group) {
          const cell = row.values[code];
          rows.push({
            finess: row.finess,
            name: row.name,
            categoryCode: row.categoryCode,
            departmentCode: row.departmentCode,
            indicatorCode: code,
            value: cell?.value ?? null,
            nationalDecile: cell?.nationalDecile ?? null,
          });
        }
      }
      // The Link header names the next page while there is one (X-Total-Count gives the total).
      if (!/rel="next"/.test(table.response.headers.get('Link') ?? '')) break;
    }
  }
  return rows;
}

/** CSV with a semicolon and a decimal comma, as French spreadsheets read it. */
export function toCsv(rows: readonly IndicatorRow[]): string {
  const quote = (v: unknown) =>
    v === null ? '' : /[;"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  const header = 'finess;nom;categorie;departement;indicateur;valeur;decile_national';
  const lines = rows.map((r) =>
    [
      r.finess,
      r.name,
      r.categoryCode,
      r.departmentCode,
      r.indicatorCode,
      r.value === null ? null : String(r.value).replace('.', ','),
      r.nationalDecile,
    ]
      .map(quote)
      .join(';'),
  );
  return [header, ...lines].join('\n') + '\n';
}

if (require.main === module) {
  const baseUrl = process.env['TDB_URL'];
  const token = process.env['TDB_TOKEN'];
  const year = Number(process.argv[2] ?? new Date().getFullYear());
  if (!baseUrl || !token) {
    console.error('TDB_URL et TDB_TOKEN sont requis.');
    process.exit(2);
  }
  pullIndicators({ baseUrl, token, year })
    .then((rows) => process.stdout.write(toCsv(rows)))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
