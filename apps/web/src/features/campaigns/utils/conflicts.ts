import type { ItemValue, SubmissionDetail, ValueMap } from '@tdb/contracts';
import { sameValue } from './values';

export interface Conflict {
  /** The value the user typed (not saved). */
  mine: ItemValue;
  /** The value saved meanwhile by someone else. */
  theirs: ItemValue;
}

export interface Rebase {
  /** Changes that do not clash with the remote ones: sent again on the current version. */
  reapply: ValueMap;
  /** Items changed on both sides to different values: the user chooses. */
  conflicts: Record<string, Conflict>;
}

/**
 * After a 409: `known` is what the user saw, `current` what the server holds now, `mine` the
 * changes not saved. A change on an item nobody else touched is re-applied; a change on an item
 * also changed remotely (to another value) becomes a conflict; an identical change is dropped.
 */
export function rebase(known: ValueMap, current: ValueMap, mine: ValueMap): Rebase {
  const reapply: ValueMap = {};
  const conflicts: Record<string, Conflict> = {};
  for (const [code, value] of Object.entries(mine)) {
    const theirs = current[code] ?? null;
    if (sameValue(value, theirs)) continue;
    if (sameValue(known[code], theirs)) reapply[code] = value;
    else conflicts[code] = { mine: value, theirs };
  }
  return { reapply, conflicts };
}

/** What a 409 STALE_VERSION carries: the submission as the server holds it now. */
export interface StaleCurrent {
  version: number;
  status?: SubmissionDetail['status'];
  values: ValueMap;
  ogValues?: ValueMap;
  ogVersion?: number;
}

export function isStaleCurrent(value: unknown): value is StaleCurrent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StaleCurrent).version === 'number' &&
    typeof (value as StaleCurrent).values === 'object'
  );
}

/**
 * The submission shown after a 409 on `level`: the server's values and versions (an OG-level 409
 * that carries only the OG's values replaces those alone).
 */
export function withStaleCurrent(
  old: SubmissionDetail,
  remote: StaleCurrent,
  level: 'structure' | 'og',
): SubmissionDetail {
  if (level === 'og' && remote.ogValues === undefined) {
    return { ...old, ogValues: remote.values, ogVersion: remote.version };
  }
  return {
    ...old,
    version: remote.version,
    status: remote.status ?? old.status,
    values: remote.values,
    ogValues: remote.ogValues ?? old.ogValues,
    ogVersion: remote.ogVersion ?? old.ogVersion,
  };
}

const CONFLICT_MESSAGE =
  "Quelqu'un d'autre a modifié cette saisie pendant que vous la remplissiez. Les valeurs actuelles ont été rechargées et vos modifications des autres données ont été réappliquées.";

/** The notice after a 409, saying how many items the user must choose about. */
export function conflictNoticeText(clashCount: number): string {
  if (clashCount === 0) return CONFLICT_MESSAGE;
  const items = clashCount === 1 ? 'Une donnée a' : `${clashCount} données ont`;
  return `${CONFLICT_MESSAGE} ${items} été modifiée${clashCount === 1 ? '' : 's'} des deux côtés : choisissez la valeur à garder.`;
}
