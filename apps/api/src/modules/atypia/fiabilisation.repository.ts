import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  FiabilisationAssignmentDto,
  FiabilisationControllerDto,
  FiabilisationPrioritiesDto,
} from '@tdb/contracts';
import type { StructureFactsRow } from '../../common/auth/structure-facts';
import { namedQuery } from '../../database/named-query';
import type { Authority } from './fiabilisation-authorities';

interface ControllerRow {
  id: string;
  name: string;
  email: string;
  organisation_kind: 'ARS' | 'CD';
  organisation_code: string;
  role: 'APR' | 'CONTROLLER';
}

interface AssignmentRow {
  finess: string;
  name: string;
  controller_id: string | null;
  controller_name: string | null;
  priority: number;
  note: string | null;
  version: number;
  updated_at: Date;
}

/** A structure of the campaign with its assignment's version (null when it has none yet). */
export interface AssignableStructure extends StructureFactsRow {
  name: string;
  version: number | null;
}

/** A grant that makes its account a possible controller (APR or CONTROLLER of an ARS or a CD). */
export interface ControllerGrant {
  account_id: string;
  organisation_kind: 'ARS' | 'CD';
  organisation_code: string;
}

/** An assignment as written: the structure, its controller (or none), the priority and a note. */
export interface AssignmentInput {
  finess: string;
  controllerId: string | null;
  priority: number;
  note: string | null;
}

const toControllerDto = (r: ControllerRow): FiabilisationControllerDto => ({
  id: r.id,
  name: r.name,
  email: r.email,
  organisationKind: r.organisation_kind,
  organisationCode: r.organisation_code,
  role: r.role,
});

const toAssignmentDto = (year: number, r: AssignmentRow): FiabilisationAssignmentDto => ({
  campaignYear: year,
  finess: r.finess.trim(),
  structureName: r.name,
  controllerId: r.controller_id,
  controllerName: r.controller_name,
  priority: r.priority,
  note: r.note,
  version: r.version,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * The organisation of the fiabilisation: `fiabilisation_assignments` (who reviews which structure)
 * and `fiabilisation_priorities` (what an authority looks at first), with the grants that make an
 * account a controller. Writes take the caller's transaction; the lists read outside one.
 */
@Injectable()
export class FiabilisationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The active APR and CONTROLLER accounts of ARS and Départements on `today`, of the authorities
   * `authorities` (`KIND:code`; all when null), by authority then name.
   */
  async controllers(
    today: string,
    authorities: readonly string[] | null,
  ): Promise<FiabilisationControllerDto[]> {
    const rows: ControllerRow[] = await this.dataSource.query(
      `SELECT DISTINCT a.id, a.first_name || ' ' || a.last_name AS name, a.email, g.organisation_kind,
              g.organisation_code, g.role, a.last_name, a.first_name
         FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE a.status = 'ACTIVE' AND g.organisation_kind IN ('ARS', 'CD') AND g.role IN ('APR', 'CONTROLLER')
          AND (g.valid_from IS NULL OR g.valid_from <= $1::date) AND (g.valid_until IS NULL OR g.valid_until >= $1::date)
          AND ($2::text[] IS NULL OR (g.organisation_kind || ':' || g.organisation_code) = ANY ($2::text[]))
        ORDER BY g.organisation_kind, g.organisation_code, a.last_name, a.first_name`,
      [today, authorities],
    );
    return rows.map(toControllerDto);
  }

  /** The FINESS of the assigned structures within a scope condition on `s`. */
  async assignedIn(
    year: number,
    scope: { sql: string; parameters: Record<string, unknown> },
  ): Promise<string[]> {
    const rows = await namedQuery<{ finess: string }>(
      this.dataSource,
      `SELECT fa.finess FROM fiabilisation_assignments fa JOIN structures s ON s.finess = fa.finess
        WHERE fa.campaign_year = :year AND ${scope.sql}`,
      { ...scope.parameters, year },
    );
    return rows.map((r) => r.finess);
  }

  /** The assignments of these structures, by structure name. */
  async assignments(
    manager: EntityManager,
    year: number,
    finesses: readonly string[],
  ): Promise<FiabilisationAssignmentDto[]> {
    const rows: AssignmentRow[] = await manager.query(
      `SELECT fa.finess, s.name, fa.controller_id, ca.first_name || ' ' || ca.last_name AS controller_name, fa.priority,
              fa.note, fa.version, fa.updated_at
         FROM fiabilisation_assignments fa JOIN structures s ON s.finess = fa.finess
         LEFT JOIN accounts ca ON ca.id = fa.controller_id
        WHERE fa.campaign_year = $1 AND fa.finess = ANY ($2::bpchar[]) ORDER BY s.name, fa.finess`,
      [year, finesses],
    );
    return rows.map((r) => toAssignmentDto(year, r));
  }

  /**
   * The structures of the campaign among `finesses` with their assignment's version, their
   * submissions locked: two assignments of the same structures are made one after the other.
   */
  lockStructures(
    manager: EntityManager,
    year: number,
    finesses: readonly string[],
  ): Promise<AssignableStructure[]> {
    return manager.query(
      `SELECT s.finess, s.name, s.og_finess, s.department_code, s.region_code, s.competence, s.category_code,
              fa.version
         FROM submissions sub JOIN structures s ON s.finess = sub.finess
         LEFT JOIN fiabilisation_assignments fa ON fa.campaign_year = sub.campaign_year AND fa.finess = sub.finess
        WHERE sub.campaign_year = $1 AND sub.finess = ANY ($2::bpchar[])
        FOR UPDATE OF sub`,
      [year, finesses],
    );
  }

  /** The grants on `today` that make these accounts (active) controllers of an ARS or a Département. */
  async controllerGrants(
    manager: EntityManager,
    accountIds: readonly string[],
    today: string,
  ): Promise<ControllerGrant[]> {
    if (accountIds.length === 0) return [];
    return manager.query(
      `SELECT g.account_id, g.organisation_kind, g.organisation_code FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE g.account_id = ANY ($1::uuid[]) AND a.status = 'ACTIVE' AND g.role IN ('APR', 'CONTROLLER')
          AND g.organisation_kind IN ('ARS', 'CD')
          AND (g.valid_from IS NULL OR g.valid_from <= $2::date) AND (g.valid_until IS NULL OR g.valid_until >= $2::date)`,
      [accountIds, today],
    );
  }

  /** Creates or replaces the assignments of these structures (each replaced one gets a new version). */
  async saveAssignments(
    manager: EntityManager,
    year: number,
    items: readonly AssignmentInput[],
    updatedBy: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO fiabilisation_assignments (campaign_year, finess, controller_id, priority, note, updated_by)
       SELECT $1, i.finess, i.controller_id, i.priority, i.note, $3
         FROM jsonb_to_recordset($2::jsonb) AS i(finess text, controller_id uuid, priority int, note text)
       ON CONFLICT (campaign_year, finess) DO UPDATE SET controller_id = EXCLUDED.controller_id,
         priority = EXCLUDED.priority, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by,
         updated_at = now(), version = fiabilisation_assignments.version + 1`,
      [
        year,
        JSON.stringify(
          items.map((i) => ({
            finess: i.finess,
            controller_id: i.controllerId,
            priority: i.priority,
            note: i.note,
          })),
        ),
        updatedBy,
      ],
    );
  }

  /** An authority's priorities (empty, version 0, when it has set none). */
  async priorities(
    manager: EntityManager,
    year: number,
    authority: Authority,
  ): Promise<FiabilisationPrioritiesDto> {
    const rows: { indicator_codes: string[]; rule_codes: string[]; version: number; updated_at: Date }[] =
      await manager.query(
        `SELECT indicator_codes, rule_codes, version, updated_at FROM fiabilisation_priorities
          WHERE campaign_year = $1 AND organisation_kind = $2 AND organisation_code = $3`,
        [year, authority.kind, authority.code],
      );
    const row = rows[0];
    return {
      campaignYear: year,
      organisationKind: authority.kind,
      organisationCode: authority.code,
      indicatorCodes: row?.indicator_codes ?? [],
      ruleCodes: row?.rule_codes ?? [],
      version: row?.version ?? 0,
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    };
  }

  /** Creates or replaces an authority's priorities (a replaced one gets a new version). */
  async savePriorities(
    manager: EntityManager,
    year: number,
    authority: Authority,
    codes: { indicatorCodes: readonly string[]; ruleCodes: readonly string[] },
    updatedBy: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO fiabilisation_priorities (campaign_year, organisation_kind, organisation_code, indicator_codes, rule_codes, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (campaign_year, organisation_kind, organisation_code) DO UPDATE SET
         indicator_codes = EXCLUDED.indicator_codes, rule_codes = EXCLUDED.rule_codes, updated_by = EXCLUDED.updated_by,
         updated_at = now(), version = fiabilisation_priorities.version + 1`,
      [year, authority.kind, authority.code, codes.indicatorCodes, codes.ruleCodes, updatedBy],
    );
  }

  /** The account id if such an account exists, else null (a vanished account is not an error). */
  async accountOrNull(manager: EntityManager, id: string): Promise<string | null> {
    const rows: unknown[] = await manager.query(`SELECT id FROM accounts WHERE id::text = $1`, [id]);
    return rows.length > 0 ? id : null;
  }
}
