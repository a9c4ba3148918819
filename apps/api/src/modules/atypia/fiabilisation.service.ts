import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { structureCoverage } from '@tdb/access';
import type { FiabilisationAssignmentDto, FiabilisationControllerDto } from '@tdb/contracts';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError, type DomainErrorDetail } from '../../common/errors/domain-error';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { structureFactsOf } from '../../common/auth/structure-facts';
import type { AssignmentsBody, AuthorityQuery } from './dto/fiabilisation.dto';

import { authoritiesOf, isNational } from './fiabilisation-authorities';
import { FiabilisationRepository, type AssignableStructure } from './fiabilisation.repository';

/**
 * Organising the fiabilisation (domain README §4/§8): who of an ARS or a Département reviews which
 * structure, with which priority, and the indicators and rules the authority looks at first.
 */
@Injectable()
export class FiabilisationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly fiabilisation: FiabilisationRepository,
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
    return this.fiabilisation.controllers(
      parisToday(),
      authorities ? authorities.map((a) => `${a.kind}:${a.code}`) : null,
    );
  }

  /** The assignments of the structures in the caller's scope (authorities and national). */
  async assignments(actor: AuthenticatedActor, year: number): Promise<FiabilisationAssignmentDto[]> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    const finesses = await this.fiabilisation.assignedIn(year, scope);
    return this.fiabilisation.assignments(this.dataSource.manager, year, finesses);
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
      const structures = await this.fiabilisation.lockStructures(manager, year, finesses);
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
      const grants = await this.fiabilisation.controllerGrants(manager, controllerIds, parisToday());
      const mine = isNational(actor) ? null : authoritiesOf(actor, true);
      const errors: DomainErrorDetail[] = [];
      for (const item of body.items) {
        if (!item.controllerId) continue;
        const facts = structureFactsOf(byFiness.get(item.finess) as AssignableStructure);
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
      const by = await this.fiabilisation.accountOrNull(manager, actor.accountId);
      await this.fiabilisation.saveAssignments(
        manager,
        year,
        body.items.map((i) => ({
          finess: i.finess,
          controllerId: i.controllerId,
          priority: i.priority,
          note: i.note?.trim() || null,
        })),
        by,
      );
      return this.fiabilisation.assignments(manager, year, finesses);
    });
  }
}
