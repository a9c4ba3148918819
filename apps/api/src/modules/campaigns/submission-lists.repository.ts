import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { SubmissionStatusCode } from '@tdb/contracts';
import type { Scope } from '@tdb/access';
import { decisionConditions } from '../../common/auth/decision-conditions';
import { structureSearchCondition } from '../../common/text/search-condition';
import { namedQuery } from '../../database/named-query';
import { SUBMISSION_SELECT, type SubmissionRow } from '../campaign-core/submission-context';

/** A SQL condition with its named parameters. */
export interface SqlCondition {
  sql: string;
  parameters: Record<string, unknown>;
}

/** The filters of the list of submissions (the query of `GET /campaigns/:year/submissions`). */
export interface SubmissionListFilters {
  includeExcluded?: boolean;
  status?: SubmissionStatusCode;
  department?: string;
  category?: string;
  og?: string;
  q?: string;
}

/** A count of the in-scope submissions of a department and a category in a status. */
export interface StatusCountRow {
  department_code: string;
  category_code: string;
  status: SubmissionStatusCode;
  n: string;
}

/** `scope` (alias `s`) narrowed to a department and a category of structures, when given. */
export function withStructureFilters(
  scope: SqlCondition,
  filters: { department?: string; category?: string },
): SqlCondition {
  const sql: string[] = [scope.sql];
  const parameters: Record<string, unknown> = { ...scope.parameters };
  if (filters.department) {
    sql.push('s.department_code = :fDepartment');
    parameters['fDepartment'] = filters.department;
  }
  if (filters.category) {
    sql.push('s.category_code = :fCategory');
    parameters['fCategory'] = filters.category;
  }
  return { sql: sql.join(' AND '), parameters };
}

/**
 * `scope` (alias `s`, with `sub` the submission) narrowed to what remains for the caller's authority:
 * DECIDE — validated, on structures it confirms or invalidates; CONSULT — shared competence,
 * validated or confirmed, not yet marked consulted by the Département. The same conditions as the
 * counts of "Mes étapes", so a step's link lists exactly what it counts.
 */
export function withWork(scope: SqlCondition, actorScope: Scope, work?: 'DECIDE' | 'CONSULT'): SqlCondition {
  if (!work) return scope;
  const { decide, consult } = decisionConditions(actorScope);
  const condition =
    work === 'DECIDE'
      ? `sub.status = 'VALIDATED' AND ${decide.sql}`
      : `sub.status IN ('VALIDATED', 'CONFIRMED') AND NOT sub.consulted_by_cd AND ${consult.sql}`;
  const parameters = work === 'DECIDE' ? decide.parameters : consult.parameters;
  return { sql: `${scope.sql} AND ${condition}`, parameters: { ...scope.parameters, ...parameters } };
}

/**
 * The submissions of a campaign within a condition on their structures (alias `s`; the scope
 * condition of AccessService, narrowed by the caller): the lists, counts and sheets of the
 * follow-up, the mailings and the campaign's scope. Reads run on the manager or data source given.
 */
@Injectable()
export class SubmissionListsRepository {
  /** One page of the submissions within `scope` that match `filters`, by name, with the count of all. */
  page(
    runner: DataSource | EntityManager,
    year: number,
    scope: SqlCondition,
    query: SubmissionListFilters,
    page: { limit: number; offset: number },
  ): Promise<(SubmissionRow & { total: string })[]> {
    const filters: string[] = ['sub.campaign_year = :year', scope.sql];
    const params: Record<string, unknown> = { ...scope.parameters, year };
    if (!query.includeExcluded) filters.push('sub.in_scope');
    if (query.status) {
      filters.push('sub.status = :status');
      params['status'] = query.status;
    }
    if (query.department) {
      filters.push('s.department_code = :department');
      params['department'] = query.department;
    }
    if (query.category) {
      filters.push('s.category_code = :category');
      params['category'] = query.category;
    }
    if (query.og) {
      filters.push('s.og_finess = :og');
      params['og'] = query.og;
    }
    const search = structureSearchCondition(query.q);
    if (search) {
      filters.push(search.sql);
      Object.assign(params, search.parameters);
    }
    params['limit'] = page.limit;
    params['offset'] = page.offset;
    return namedQuery<SubmissionRow & { total: string }>(
      runner,
      `${SUBMISSION_SELECT.replace('SELECT ', 'SELECT count(*) OVER () AS total, ')}
        WHERE ${filters.join(' AND ')}
        ORDER BY s.name, s.finess LIMIT :limit OFFSET :offset`,
      params,
    );
  }

  /** The in-scope submissions matching `condition`, counted by department, category and status. */
  statusCounts(
    runner: DataSource | EntityManager,
    year: number,
    condition: SqlCondition,
  ): Promise<StatusCountRow[]> {
    return namedQuery<StatusCountRow>(
      runner,
      `SELECT s.department_code, s.category_code, sub.status, count(*) AS n
         FROM submissions sub JOIN structures s ON s.finess = sub.finess
        WHERE sub.campaign_year = :year AND sub.in_scope AND ${condition.sql}
        GROUP BY s.department_code, s.category_code, sub.status
        ORDER BY s.department_code, s.category_code`,
      { ...condition.parameters, year },
    );
  }

  /** The in-scope submissions matching `condition` in one of `statuses`, by department and name. */
  inStatuses(
    manager: EntityManager,
    year: number,
    condition: SqlCondition,
    statuses: readonly SubmissionStatusCode[],
  ): Promise<SubmissionRow[]> {
    return namedQuery<SubmissionRow>(
      manager,
      `${SUBMISSION_SELECT}
        WHERE sub.campaign_year = :year AND sub.in_scope AND sub.status IN (:...lateStatuses)
          AND ${condition.sql}
        ORDER BY s.department_code, s.name, s.finess`,
      { ...condition.parameters, year, lateStatuses: statuses },
    );
  }

  /** The in-scope submissions matching `condition`, by department and name. */
  inScope(manager: EntityManager, year: number, condition: SqlCondition): Promise<SubmissionRow[]> {
    return namedQuery<SubmissionRow>(
      manager,
      `${SUBMISSION_SELECT} WHERE sub.campaign_year = :year AND sub.in_scope AND ${condition.sql}
                ORDER BY s.department_code, s.name, s.finess`,
      { ...condition.parameters, year },
    );
  }

  /** Every submission within `scope` (in scope or not), of a region when given, by department and name. */
  scopeList(
    runner: DataSource | EntityManager,
    year: number,
    scope: SqlCondition,
    region: string | undefined,
  ): Promise<SubmissionRow[]> {
    const filters = ['sub.campaign_year = :year', scope.sql];
    const parameters: Record<string, unknown> = { ...scope.parameters, year };
    if (region) {
      filters.push('s.region_code = :region');
      parameters['region'] = region;
    }
    return namedQuery<SubmissionRow>(
      runner,
      `${SUBMISSION_SELECT} WHERE ${filters.join(' AND ')} ORDER BY s.department_code, s.name, s.finess`,
      parameters,
    );
  }

  /** The organismes gestionnaires of these FINESS juridiques, by department and name. */
  managingOrganisations(
    runner: DataSource | EntityManager,
    ogFinesses: readonly string[],
  ): Promise<ManagingOrganisationRow[]> {
    if (ogFinesses.length === 0) return Promise.resolve([]);
    return namedQuery<ManagingOrganisationRow>(
      runner,
      `SELECT finess, name, department_code FROM managing_organisations WHERE finess = ANY(:ogFinesses)
        ORDER BY department_code NULLS LAST, name, finess`,
      { ogFinesses: [...ogFinesses] },
    );
  }
}

/** An organisme gestionnaire as the scope list shows it. */
export interface ManagingOrganisationRow {
  finess: string;
  name: string | null;
  department_code: string | null;
}
