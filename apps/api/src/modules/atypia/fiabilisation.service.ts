import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { structureCoverage } from '@tdb/access';
import type { FiabilisationAssignmentDto, FiabilisationControllerDto } from '@tdb/contracts';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError, type DomainErrorDetail } from '../../common/errors/domain-error';
import { namedQuery } from '../../database/named-query';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DerivedRules } from '../computation/derived-rules.service';
import { structureFactsOf } from '../../common/auth/structure-facts';
import type { AssignmentsBody, AuthorityQuery } from './dto/fiabilisation.dto';

import { accountOrNull, authoritiesOf, isNational } from './fiabilisation-authorities';

/**
 * Organising the fiabilisation (domain README §4/§8): who of an ARS or a Département reviews which
 * structure, with which priority, and the indicators and rules the authority looks at first.
 */
@Injectable()
export class FiabilisationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly rules: DerivedRules,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
  ) {}

  async controllers(
    actor: AuthenticatedActor,
    year: number,
    query: AuthorityQuery,
  ): Promise<FiabilisationControllerDto[]> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const national = isNational(actor);
    let authorities = national ? null : authoritiesOf(actor);
    if (authorities && authorities.length === 0) {
      throw new DomainError(
        'FORBIDDEN',
        "La liste des contrôleurs est réservée aux ARS, aux Départements et à l'administration nationale.",
      );
    }
    if (query.kind && query.code) {
      const wanted = { kind: query.kind, code: query.code };
      if (authorities && !authorities.some((a) => a.kind === wanted.kind && a.code === wanted.code)) {
        throw new DomainError('FORBIDDEN', 'Cette autorité n’est pas la vôtre.');
      }
      authorities = [wanted];
    }
    const rows: {
      id: string;
      name: string;
      email: string;
      organisation_kind: 'ARS' | 'CD';
      organisation_code: string;
      role: 'APR' | 'CONTROLLER';
    }[] = await this.dataSource.query(
      `SELECT DISTINCT a.id, a.first_name || ' ' || a.last_name AS name, a.email, g.organisation_kind,
              g.organisation_code, g.role, a.last_name, a.first_name
         FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE a.status = 'ACTIVE' AND g.organisation_kind IN ('ARS', 'CD') AND g.role IN ('APR', 'CONTROLLER')
          AND (g.valid_from IS NULL OR g.valid_from <= $1::date) AND (g.valid_until IS NULL OR g.valid_until >= $1::date)
          AND ($2::text[] IS NULL OR (g.organisation_kind || ':' || g.organisation_code) = ANY ($2::text[]))
        ORDER BY g.organisation_kind, g.organisation_code, a.last_name, a.first_name`,
      [parisToday(), authorities ? authorities.map((a) => `${a.kind}:${a.code}`) : null],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      organisationKind: r.organisation_kind,
      organisationCode: r.organisation_code,
      role: r.role,
    }));
  }

  private async assignmentsOf(
    manager: EntityManager,
    year: number,
    finesses: string[],
  ): Promise<FiabilisationAssignmentDto[]> {
    const rows: {
      finess: string;
      name: string;
      controller_id: string | null;
      controller_name: string | null;
      priority: number;
      note: string | null;
      version: number;
      updated_at: Date;
    }[] = await manager.query(
      `SELECT fa.finess, s.name, fa.controller_id, ca.first_name || ' ' || ca.last_name AS controller_name, fa.priority,
              fa.note, fa.version, fa.updated_at
         FROM fiabilisation_assignments fa JOIN structures s ON s.finess = fa.finess
         LEFT JOIN accounts ca ON ca.id = fa.controller_id
        WHERE fa.campaign_year = $1 AND fa.finess = ANY ($2::bpchar[]) ORDER BY s.name, fa.finess`,
      [year, finesses],
    );
    return rows.map((r) => ({
      campaignYear: year,
      finess: r.finess.trim(),
      structureName: r.name,
      controllerId: r.controller_id,
      controllerName: r.controller_name,
      priority: r.priority,
      note: r.note,
      version: r.version,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  /** The assignments of the structures in the caller's scope (authorities and national). */
  async assignments(actor: AuthenticatedActor, year: number): Promise<FiabilisationAssignmentDto[]> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    const finesses = await namedQuery<{ finess: string }>(
      this.dataSource,
      `SELECT fa.finess FROM fiabilisation_assignments fa JOIN structures s ON s.finess = fa.finess
        WHERE fa.campaign_year = :year AND ${scope.sql}`,
      { ...scope.parameters, year },
    );
    return this.assignmentsOf(
      this.dataSource.manager,
      year,
      finesses.map((f) => f.finess),
    );
  }

  /** Assigns structures of one's scope to a controller of the same authority, with a priority: all or nothing. */
  async assign(
    actor: AuthenticatedActor,
    year: number,
    body: AssignmentsBody,
  ): Promise<FiabilisationAssignmentDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaigns.row(year, manager);
      const finesses = body.items.map((i) => i.finess);
      if (new Set(finesses).size !== finesses.length) {
        throw new DomainError('VALIDATION_FAILED', 'Une structure figure deux fois dans la liste.');
      }
      const structures: {
        finess: string;
        name: string;
        og_finess: string;
        department_code: string;
        region_code: string;
        competence: 'ARS' | 'CD' | 'SHARED';
        category_code: string;
        version: number | null;
      }[] = await manager.query(
        `SELECT s.finess, s.name, s.og_finess, s.department_code, s.region_code, s.competence, s.category_code,
                fa.version
           FROM submissions sub JOIN structures s ON s.finess = sub.finess
           LEFT JOIN fiabilisation_assignments fa ON fa.campaign_year = sub.campaign_year AND fa.finess = sub.finess
          WHERE sub.campaign_year = $1 AND sub.finess = ANY ($2::bpchar[])
          FOR UPDATE OF sub`,
        [year, finesses],
      );
      const byFiness = new Map(structures.map((s) => [s.finess.trim(), s]));
      // 1. Access: each structure of the scope, as APR / CONTROLLER of a competent authority (or national).
      const refused = structures.filter(
        (s) =>
          !this.access.decision(actor, { type: 'fiabilisation.organise', structure: structureFactsOf(s) })
            .allowed,
      );
      if (refused.length > 0) {
        throw new DomainError(
          'FORBIDDEN',
          'Vous ne pouvez attribuer que les structures de votre périmètre, comme APR ou contrôleur de leur ARS ou Département.',
          refused.map((s) => ({
            field: s.finess.trim(),
            message: `${s.name} : hors de votre périmètre ou de vos droits.`,
          })),
        );
      }
      const missing = finesses.filter((f) => !byFiness.has(f));
      if (missing.length > 0) {
        throw new DomainError(
          'NOT_FOUND',
          `Aucune saisie pour la campagne ${year} : ${missing.join(', ')}.`,
          missing.map((f) => ({ field: f, message: 'Structure introuvable dans la campagne.' })),
        );
      }
      const stale = body.items.filter(
        (i) => i.version !== undefined && i.version !== (byFiness.get(i.finess)?.version ?? 0),
      );
      if (stale.length > 0) {
        throw new DomainError(
          'STALE_VERSION',
          "Des attributions ont été modifiées par quelqu'un d'autre depuis que vous les avez lues : rien n'a été enregistré.",
          stale.map((i) => ({
            field: i.finess,
            message: `Version ${i.version} lue, version actuelle ${byFiness.get(i.finess)?.version ?? 0}.`,
          })),
        );
      }
      if (campaign.state === 'CLOSED') {
        throw new DomainError('CONFLICT', `La campagne ${year} est close.`);
      }
      // 2. The controllers: active APR / CONTROLLER of an authority competent for the structure
      // (and, unless national, one the caller belongs to as APR / CONTROLLER).
      const controllerIds = [
        ...new Set(body.items.map((i) => i.controllerId).filter((id): id is string => !!id)),
      ];
      const grants: {
        account_id: string;
        organisation_kind: 'ARS' | 'CD';
        organisation_code: string;
      }[] = controllerIds.length
        ? await manager.query(
            `SELECT g.account_id, g.organisation_kind, g.organisation_code FROM grants g JOIN accounts a ON a.id = g.account_id
              WHERE g.account_id = ANY ($1::uuid[]) AND a.status = 'ACTIVE' AND g.role IN ('APR', 'CONTROLLER')
                AND g.organisation_kind IN ('ARS', 'CD')
                AND (g.valid_from IS NULL OR g.valid_from <= $2::date) AND (g.valid_until IS NULL OR g.valid_until >= $2::date)`,
            [controllerIds, parisToday()],
          )
        : [];
      const mine = isNational(actor) ? null : authoritiesOf(actor, true);
      const errors: DomainErrorDetail[] = [];
      for (const item of body.items) {
        if (!item.controllerId) continue;
        const facts = structureFactsOf(byFiness.get(item.finess) as (typeof structures)[number]);
        const fits = grants.some(
          (g) =>
            g.account_id === item.controllerId &&
            structureCoverage({ kind: g.organisation_kind, code: g.organisation_code }, facts) ===
              'covered' &&
            (!mine || mine.some((a) => a.kind === g.organisation_kind && a.code === g.organisation_code)),
        );
        if (!fits) {
          errors.push({
            field: item.finess,
            message: `Le compte choisi pour ${byFiness.get(item.finess)?.name} n'est pas APR ou contrôleur d'une autorité compétente de votre ARS ou Département.`,
          });
        }
      }
      if (errors.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          errors.length === 1
            ? (errors[0]?.message as string)
            : `${errors.length} attributions refusées : rien n'a été enregistré.`,
          errors,
        );
      }
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
            body.items.map((i) => ({
              finess: i.finess,
              controller_id: i.controllerId,
              priority: i.priority,
              note: i.note?.trim() || null,
            })),
          ),
          await accountOrNull(manager, actor.accountId),
        ],
      );
      return this.assignmentsOf(manager, year, finesses);
    });
  }
}
