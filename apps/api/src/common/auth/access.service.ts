import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganisationRef } from '@tdb/contracts';
import {
  activeGrants,
  decide,
  scopeOf,
  type AccessAction,
  type AccessRequest,
  type Decision,
  type Actor,
  type OrganisationFacts,
  type Scope,
  type StructureFacts,
} from '@tdb/access';
import { DomainError } from '../errors/domain-error';
import { structureFactsOf, type StructureFactsRow } from './structure-facts';

/** Today in France (grants' validity dates are French calendar days). */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

export function parisToday(now: Date = new Date()): string {
  // One formatter for the process: building it was a visible share of every request's cost.
  return PARIS_DAY.format(now);
}

/**
 * The API's door to the one policy (@tdb/access): loads the facts a decision needs, turns a refusal
 * into a French 403/400/409, and turns a scope into SQL so that lists are filtered in the query.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  check(actor: Actor, request: AccessRequest): void {
    const decision = decide(actor, request, parisToday());
    if (decision.allowed) return;
    switch (decision.code) {
      case 'INVALID_REQUEST':
        throw new DomainError('VALIDATION_FAILED', decision.reason);
      case 'LAST_APE':
        throw new DomainError('CONFLICT', decision.reason);
      case 'PRINCIPAL_HELD':
        throw new DomainError('PRINCIPAL_HELD', decision.reason);
      default:
        throw new DomainError(
          'FORBIDDEN',
          decision.reason,
          undefined,
          `Refused ${request.type} to ${actor.accountId}`,
        );
    }
  }

  /** The policy's decision without throwing, for answers that list refusals line by line. */
  decision(actor: Actor, request: AccessRequest): Decision {
    return decide(actor, request, parisToday());
  }

  /**
   * The ARS and CD organisations of the actor's grants on which it may do `action`, or all of them
   * for national; refused with the policy's reason when there is none. Lists of authority-level
   * records (mailings, referents) are filtered by it.
   */
  authoritiesFor(
    actor: Actor,
    action: 'campaign.communicate' | 'referent.manage',
  ): { all: boolean; organisations: OrganisationRef[] } {
    const today = parisToday();
    const candidates = activeGrants(actor, today)
      .map((g) => g.organisation)
      .filter((o) => o.kind === 'ARS' || o.kind === 'CD')
      .filter((o, i, all) => all.findIndex((p) => p.kind === o.kind && p.code === o.code) === i);
    const all = this.scope(actor).all;
    const organisations = candidates.filter(
      (organisation) => decide(actor, { type: action, organisation }, today).allowed,
    );
    if (!all && organisations.length === 0) {
      // The policy says why: on the actor's first authority, or on none (it holds no ARS/CD grant).
      this.check(actor, { type: action, organisation: candidates[0] ?? null });
    }
    return { all, organisations };
  }

  scope(actor: Actor): Scope {
    return scopeOf(actor, parisToday());
  }

  /**
   * The scope a list of `action` is filtered by (a list shows what the actor may read of it, so the
   * policy's scope); naming the action lets the authorization matrix prove that a list route filters
   * for the action it declares.
   */
  listScope(actor: Actor, action: AccessAction): Scope {
    void action;
    return this.scope(actor);
  }

  async structureFacts(
    finess: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StructureFacts | null> {
    const rows: StructureFactsRow[] = await manager.query(
      `SELECT finess, og_finess, department_code, region_code, competence, category_code FROM structures WHERE finess = $1`,
      [finess],
    );
    return rows[0] ? structureFactsOf(rows[0]) : null;
  }

  async organisationFacts(
    finess: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationFacts | null> {
    const exists = await manager.query(`SELECT 1 FROM managing_organisations WHERE finess = $1`, [finess]);
    if (exists.length === 0) return null;
    const rows: StructureFactsRow[] = await manager.query(
      `SELECT finess, og_finess, department_code, region_code, competence, category_code FROM structures WHERE og_finess = $1`,
      [finess],
    );
    return { finess, structures: rows.map(structureFactsOf) };
  }

  /**
   * SQL condition "structure in scope" on a `structures` alias, with named parameters (TypeORM
   * style). Mirrors structureInScope of @tdb/access.
   */
  scopeCondition(scope: Scope, alias: string): { sql: string; parameters: Record<string, unknown> } {
    if (scope.all) return { sql: 'TRUE', parameters: {} };
    const clauses: string[] = [];
    const parameters: Record<string, unknown> = {};
    const arsRegions = [...new Set(scope.authorities.filter((a) => a.kind === 'ARS').map((a) => a.code))];
    const cdDepartments = [...new Set(scope.authorities.filter((a) => a.kind === 'CD').map((a) => a.code))];
    if (arsRegions.length > 0) {
      clauses.push(
        `(${alias}.region_code IN (:...scopeRegions) AND ${alias}.competence IN ('ARS', 'SHARED'))`,
      );
      parameters['scopeRegions'] = arsRegions;
    }
    if (cdDepartments.length > 0) {
      clauses.push(
        `(${alias}.department_code IN (:...scopeDepartments) AND ${alias}.competence IN ('CD', 'SHARED'))`,
      );
      parameters['scopeDepartments'] = cdDepartments;
    }
    if (scope.ogs.length > 0) {
      clauses.push(`${alias}.og_finess IN (:...scopeOgs)`);
      parameters['scopeOgs'] = scope.ogs;
    }
    if (scope.structures.length > 0) {
      clauses.push(`${alias}.finess IN (:...scopeStructures)`);
      parameters['scopeStructures'] = scope.structures;
    }
    return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', parameters };
  }
}
