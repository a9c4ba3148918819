import type { ItemValue, ValueMap } from '@tdb/contracts';
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
