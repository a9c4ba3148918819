import type { EntityManager } from 'typeorm';
import type { StructureFacts } from '@tdb/access';
import type { ItemValue, SubmissionStatusCode, ValueMap } from '@tdb/contracts';
import type { Dictionary } from '@tdb/dictionary';
import type { SubmissionState } from '@tdb/submission-workflow';
import { DomainError } from '../../common/errors/domain-error';
import type { CampaignRow } from './campaign-row';
import { structureFactsOf } from '../../common/auth/structure-facts';

/** A submission joined with its structure (what every submission route needs). */
export interface SubmissionRow {
  campaign_year: number;
  finess: string;
  in_scope: boolean;
  scope_reason: string | null;
  status: SubmissionStatusCode;
  consulted_by_cd: boolean;
  reopened_by_authority: boolean;
  values: ValueMap;
  completeness: string;
  blocking_errors: number;
  version: number;
  updated_at: Date;
  name: string;
  category_code: string;
  og_finess: string;
  og_name: string | null;
  department_code: string;
  region_code: string;
  competence: 'ARS' | 'CD' | 'SHARED';
}

export const SUBMISSION_SELECT = `SELECT sub.campaign_year, sub.finess, sub.in_scope, sub.scope_reason, sub.status,
    sub.consulted_by_cd, sub.reopened_by_authority, sub.values, sub.completeness::text AS completeness,
    sub.blocking_errors, sub.version, sub.updated_at, s.name, s.category_code, s.og_finess,
    coalesce(og.name, og.short_name) AS og_name, s.department_code, s.region_code, s.competence
  FROM submissions sub
  JOIN structures s ON s.finess = sub.finess
  LEFT JOIN managing_organisations og ON og.finess = s.og_finess`;

export interface OgValuesRow {
  values: ValueMap;
  version: number;
}

/** Everything a decision on one submission needs, read in one place. */
export interface SubmissionContext {
  campaign: CampaignRow;
  dictionary: Dictionary;
  submission: SubmissionRow;
  facts: StructureFacts;
  og: OgValuesRow;
  state: SubmissionState;
}

export function factsOf(row: SubmissionRow): StructureFacts {
  return structureFactsOf(row);
}

export function stateOf(row: SubmissionRow): SubmissionState {
  return {
    status: row.status,
    consultedByCd: row.consulted_by_cd,
    reopenedByAuthority: row.reopened_by_authority,
  };
}

export async function loadSubmissionRow(
  manager: EntityManager,
  year: number,
  finess: string,
  lock: boolean,
): Promise<SubmissionRow> {
  const rows: SubmissionRow[] = await manager.query(
    `${SUBMISSION_SELECT} WHERE sub.campaign_year = $1 AND sub.finess = $2${lock ? ' FOR UPDATE OF sub' : ''}`,
    [year, finess],
  );
  const row = rows[0];
  if (!row)
    throw new DomainError('NOT_FOUND', `Aucune saisie de la structure ${finess} pour la campagne ${year}.`);
  return row;
}

export async function loadOgValues(
  manager: EntityManager,
  year: number,
  ogFiness: string,
  lock: boolean,
): Promise<OgValuesRow> {
  if (lock) {
    await manager.query(
      `INSERT INTO og_submissions (campaign_year, og_finess) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [year, ogFiness],
    );
  }
  const rows: OgValuesRow[] = await manager.query(
    `SELECT values, version FROM og_submissions WHERE campaign_year = $1 AND og_finess = $2${lock ? ' FOR UPDATE' : ''}`,
    [year, ogFiness],
  );
  return rows[0] ?? { values: {}, version: 0 };
}

const ogCodesCache = new WeakMap<Dictionary, readonly string[]>();

/** The codes of the items entered at OG level (cached per dictionary). */
export function ogItemCodes(dictionary: Dictionary): readonly string[] {
  let codes = ogCodesCache.get(dictionary);
  if (!codes) {
    codes = dictionary.items.filter((i) => i.ogLevel).map((i) => i.code);
    ogCodesCache.set(dictionary, codes);
  }
  return codes;
}

/**
 * Own values with the OG-level ones: what completeness, checks and indicators read. `inPlace`
 * writes into `own` (for callers that own the object, e.g. the recompute job): copying hundreds of
 * keys per structure dominated a national recompute.
 */
export function mergedValues(own: ValueMap, og: ValueMap, dictionary: Dictionary, inPlace = false): ValueMap {
  const merged: ValueMap = inPlace ? own : Object.assign({}, own);
  for (const code of ogItemCodes(dictionary)) {
    const value: ItemValue | undefined = og[code];
    if (value === undefined) delete merged[code];
    else merged[code] = value;
  }
  return merged;
}
