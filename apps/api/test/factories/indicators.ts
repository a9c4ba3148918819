import type { DataSource } from 'typeorm';

/** What a test stores for one indicator: a value, a distribution's parts, or why it is not computable. */
export type StoredIndicatorInput =
  | { value: number; details?: { base: number; values: Record<string, number> } }
  | { reason: string; message?: string };

/**
 * Stores one indicator of a structure as the computation module would (`structure_indicators`,
 * one row per campaign and structure), replacing that indicator and keeping the others.
 */
export async function storeIndicator(
  db: DataSource,
  year: number,
  finess: string,
  code: string,
  input: StoredIndicatorInput,
  dictionaryVersion: string,
): Promise<void> {
  const scalars = 'value' in input && !input.details ? { [code]: input.value } : {};
  const distributions =
    'value' in input && input.details ? { [code]: { ...input.details, total: input.value } } : {};
  const reasons = 'reason' in input ? { [code]: [input.reason, input.message ?? input.reason] } : {};
  await db.query(
    `INSERT INTO structure_indicators AS si (campaign_year, finess, scalars, distributions, reasons, dictionary_version)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (campaign_year, finess) DO UPDATE SET
       scalars = (si.scalars - $7) || EXCLUDED.scalars,
       distributions = (si.distributions - $7) || EXCLUDED.distributions,
       reasons = (si.reasons - $7) || EXCLUDED.reasons,
       dictionary_version = EXCLUDED.dictionary_version`,
    [
      year,
      finess,
      JSON.stringify(scalars),
      JSON.stringify(distributions),
      JSON.stringify(reasons),
      dictionaryVersion,
      code,
    ],
  );
}
