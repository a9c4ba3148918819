import type { EntityManager } from 'typeorm';
import type { StructureFacts } from '@tdb/access';
import type { ItemValue, ValueMap } from '@tdb/contracts';
import type { Dictionary } from '@tdb/dictionary';
import type { SubmissionState } from '@tdb/submission-workflow';
import type { CampaignRow } from './campaign-row';
import { structureFactsOf } from '../../common/auth/structure-facts';
import {
  SubmissionContextRepository,
  type OgValuesRow,
  type SubmissionRow,
} from './submission-context.repository';

export { SUBMISSION_SELECT, type OgValuesRow, type SubmissionRow } from './submission-context.repository';

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

/** The context of a submission from its rows: its facts and its state are derived from the row. */
export function contextOf(
  campaign: CampaignRow,
  dictionary: Dictionary,
  submission: SubmissionRow,
  og: OgValuesRow,
): SubmissionContext {
  return { campaign, dictionary, submission, facts: factsOf(submission), og, state: stateOf(submission) };
}

export function stateOf(row: SubmissionRow): SubmissionState {
  return {
    status: row.status,
    consultedByCd: row.consulted_by_cd,
    reopenedByAuthority: row.reopened_by_authority,
  };
}

// The services of campaigns/ still read through these two functions; until they inject
// SubmissionContextRepository, one instance serves them (it holds no state: every read runs on the
// caller's manager, in the caller's transaction).
const rows = new SubmissionContextRepository();

/** The submission with its structure, or a French 404 (see SubmissionContextRepository.submission). */
export function loadSubmissionRow(
  manager: EntityManager,
  year: number,
  finess: string,
  lock: boolean,
): Promise<SubmissionRow> {
  return rows.submission(manager, year, finess, lock);
}

/** The submission (locked with `lock`) and its OG's values, unlocked, in one round trip. */
export function loadSubmissionWithOg(
  manager: EntityManager,
  year: number,
  finess: string,
  lock: boolean,
): Promise<{ submission: SubmissionRow; og: OgValuesRow }> {
  return rows.submissionWithOg(manager, year, finess, lock);
}

/** The OG-level values, created to be locked with `lock` (see SubmissionContextRepository.ogValues). */
export function loadOgValues(
  manager: EntityManager,
  year: number,
  ogFiness: string,
  lock: boolean,
): Promise<OgValuesRow> {
  return rows.ogValues(manager, year, ogFiness, lock);
}

const ogCodesCache = new WeakMap<Dictionary, { codes: readonly string[]; set: ReadonlySet<string> }>();

function ogItems(dictionary: Dictionary): { codes: readonly string[]; set: ReadonlySet<string> } {
  let cached = ogCodesCache.get(dictionary);
  if (!cached) {
    const codes = dictionary.items.filter((i) => i.ogLevel).map((i) => i.code);
    cached = { codes, set: new Set(codes) };
    ogCodesCache.set(dictionary, cached);
  }
  return cached;
}

/** The codes of the items entered at OG level (cached per dictionary). */
export function ogItemCodes(dictionary: Dictionary): readonly string[] {
  return ogItems(dictionary).codes;
}

/**
 * Own values with the OG-level ones: what completeness, checks and indicators read. `inPlace`
 * writes into `own` (for callers that own the object, e.g. the recompute job): copying hundreds of
 * keys per structure dominated a national recompute. A copy is built key by key, skipping the
 * OG-level codes: copying everything then deleting them took five times as long (a deleted key
 * turns the object into a slow dictionary), three times per save at the deadline.
 */
export function mergedValues(own: ValueMap, og: ValueMap, dictionary: Dictionary, inPlace = false): ValueMap {
  const { codes, set } = ogItems(dictionary);
  if (inPlace) {
    for (const code of codes) {
      const value: ItemValue | undefined = og[code];
      if (value === undefined) delete own[code];
      else own[code] = value;
    }
    return own;
  }
  const merged: ValueMap = {};
  for (const code of Object.keys(own)) if (!set.has(code)) merged[code] = own[code] as ItemValue;
  for (const code of codes) {
    const value: ItemValue | undefined = og[code];
    if (value !== undefined) merged[code] = value;
  }
  return merged;
}
