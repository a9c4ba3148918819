/**
 * Territories as a whole (a département, a region, the nation): who may read the data entered by
 * the ESMS of a territory and the figures aggregated over them — the exports of the data entered
 * and the benchmark of a data item. The rows themselves are still filtered by `structureInScope`
 * (its SQL form): a Département reads its ESMS of Département or shared competence, an ARS those of
 * ARS or shared competence.
 */
import { findDepartment } from '@tdb/reference';
import type { Scope } from './scope';

export type TerritoryLevel = 'NATION' | 'REGION' | 'DEPARTMENT';

/** A territory: `code` is "FR" for the nation, an INSEE region or department code otherwise. */
export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

/**
 * Whether `scope` covers a whole territory: the national administrator every territory; an ARS
 * (any role, its API tokens included) its region and each département of it; a Département its
 * own département. Nobody else (organismes gestionnaires, ESMS) reads a territory as a whole.
 */
export function territoryInScope(scope: Scope, territory: TerritoryRef): boolean {
  if (scope.all) return true;
  switch (territory.level) {
    case 'NATION':
      return false;
    case 'REGION':
      return scope.authorities.some((a) => a.kind === 'ARS' && a.code === territory.code);
    case 'DEPARTMENT': {
      const regionCode = findDepartment(territory.code)?.regionCode;
      return scope.authorities.some((a) =>
        a.kind === 'CD' ? a.code === territory.code : regionCode !== undefined && a.code === regionCode,
      );
    }
  }
}

/**
 * Whether `scope` reads some territory as a whole, its own: what opens the aggregated views of the
 * restitution (map, scatter plot, territorial report) and the data entered by territory — the
 * national administrator, an ARS, a Département. Organismes gestionnaires and ESMS read their own
 * structures one by one, never a territory.
 */
export function readsTerritories(scope: Scope): boolean {
  return (
    scope.all ||
    scope.authorities.some((a) =>
      territoryInScope(scope, { level: a.kind === 'ARS' ? 'REGION' : 'DEPARTMENT', code: a.code }),
    )
  );
}

/**
 * The territory a request names implicitly, when the actor has exactly one: the national
 * administrator's is the nation (unless `level` asks for a region or a département); an actor whose
 * grants name one authority (an API token always does) has that authority's territory, restricted
 * to `level` when given (the export of a region defaults only for an ARS). Null when there is none,
 * or several to choose from.
 */
export function ownTerritory(scope: Scope, level?: Exclude<TerritoryLevel, 'NATION'>): TerritoryRef | null {
  if (scope.all) return level === undefined ? { level: 'NATION', code: 'FR' } : null;
  const own = new Map<string, TerritoryRef>();
  for (const a of scope.authorities) {
    const ref: TerritoryRef = { level: a.kind === 'ARS' ? 'REGION' : 'DEPARTMENT', code: a.code };
    own.set(`${ref.level}:${ref.code}`, ref);
  }
  const candidates = [...own.values()].filter((t) => level === undefined || t.level === level);
  return candidates.length === 1 ? candidates[0]! : null;
}
