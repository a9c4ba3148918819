import type { Scope } from '@tdb/access';

/** A SQL condition on the structures (alias `s`) with its named parameters. */
export interface StructureCondition {
  sql: string;
  parameters: Record<string, unknown>;
}

/**
 * The structures (alias `s`) on which the scope's deciding authorities (APR, controller) act:
 * `decide` — they confirm or invalidate: an ARS those of its region of ARS or shared competence, a
 * Département those of its own competence, national every one; `consult` — a Département's shared
 * ones, which it marks "consultée" (ADR 0011). Mirrors the transitions' rule of @tdb/access, read
 * by "Mes étapes" to count and by the list of submissions to filter, so both agree.
 */
export function decisionConditions(scope: Scope): {
  decide: StructureCondition;
  consult: StructureCondition;
} {
  if (scope.all)
    return { decide: { sql: 'TRUE', parameters: {} }, consult: { sql: 'FALSE', parameters: {} } };
  const deciding = scope.authorities.filter((a) => a.role === 'APR' || a.role === 'CONTROLLER');
  const regions = [...new Set(deciding.filter((a) => a.kind === 'ARS').map((a) => a.code))];
  const departments = [...new Set(deciding.filter((a) => a.kind === 'CD').map((a) => a.code))];
  const decide: string[] = [];
  if (regions.length > 0)
    decide.push(`(s.region_code IN (:...gRegions) AND s.competence IN ('ARS', 'SHARED'))`);
  if (departments.length > 0)
    decide.push(`(s.department_code IN (:...gDepartments) AND s.competence = 'CD')`);
  const parameters = { gRegions: regions, gDepartments: departments };
  return {
    decide: { sql: decide.length > 0 ? `(${decide.join(' OR ')})` : 'FALSE', parameters },
    consult: {
      sql:
        departments.length > 0
          ? `(s.department_code IN (:...gDepartments) AND s.competence = 'SHARED')`
          : 'FALSE',
      parameters,
    },
  };
}
