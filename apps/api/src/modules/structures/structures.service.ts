import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StructureFacts } from '@tdb/access';
import type { OrganisationDetail, Paginated, StructureDetail, StructureSummary } from '@tdb/contracts';
import { findCategory } from '@tdb/reference';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import type { CorrectCategoryDto } from './dto/correct-category.dto';
import type { SearchStructuresQuery } from './dto/search-structures.query';
import { ManagingOrganisation } from './managing-organisation.entity';
import { StructureHistory } from './structure-history.entity';
import { Structure } from './structure.entity';
import { toOrganisationSummary, toStructureDetail, toStructureSummary } from './structure.mapper';
import { StructuresRepository } from './structures.repository';

const factsOf = (s: Structure): StructureFacts => ({
  finess: s.finess,
  ogFiness: s.ogFiness,
  departmentCode: s.departmentCode,
  regionCode: s.regionCode,
  competence: s.competence,
  categoryCode: s.categoryCode,
});

@Injectable()
export class StructuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly repository: StructuresRepository,
  ) {}

  /** The page of structures in the caller's scope that match the query. */
  search(actor: AuthenticatedActor, query: SearchStructuresQuery): Promise<Paginated<StructureSummary>> {
    return this.repository.search(
      this.access.scopeCondition(this.access.listScope(actor, 'structure.read'), 's'),
      query,
    );
  }

  async findOne(actor: AuthenticatedActor, finess: string): Promise<StructureDetail> {
    const structure = await this.dataSource.getRepository(Structure).findOne({ where: { finess } });
    if (!structure) throw this.structureNotFound(finess);
    this.access.check(actor, { type: 'structure.read', structure: factsOf(structure) });
    return this.toDetail(structure);
  }

  async findOrganisation(actor: AuthenticatedActor, finess: string): Promise<OrganisationDetail> {
    const og = await this.dataSource.getRepository(ManagingOrganisation).findOne({ where: { finess } });
    if (!og) {
      throw new DomainError(
        'NOT_FOUND',
        `Aucun organisme gestionnaire n’a le numéro FINESS juridique ${finess}.`,
      );
    }
    const structures = await this.dataSource
      .getRepository(Structure)
      .find({ where: { ogFiness: finess }, order: { searchText: 'ASC', finess: 'ASC' } });
    this.access.check(actor, {
      type: 'organisation.read',
      organisation: { finess, structures: structures.map(factsOf) },
    });
    // Reaching the OG does not reach all its ESMS: an ARS sees neither another region's nor the
    // Département-only ones, an ESMS APE not its siblings — the same rule as every other list.
    const visible = structures.filter(
      (s) => this.access.decision(actor, { type: 'structure.read', structure: factsOf(s) }).allowed,
    );
    return {
      ...toOrganisationSummary(og, visible.length),
      legalStatus: og.legalStatusLabel,
      structures: visible.map((s) => toStructureSummary(s, og.name)),
    };
  }

  /**
   * Corrects a structure's category (e.g. a service recorded as SAVS that in fact is a SSIAD). The
   * correction wins over the FINESS category on later imports and is kept in the history.
   */
  async correctCategory(
    actor: AuthenticatedActor,
    finess: string,
    request: CorrectCategoryDto,
  ): Promise<StructureDetail> {
    const category = findCategory(request.categoryCode);
    if (!category) throw new DomainError('VALIDATION_FAILED', 'Catégorie inconnue.');
    const saved = await this.dataSource.transaction(async (manager) => {
      const structure = await this.repository.lockForUpdate(manager, finess);
      if (!structure) throw this.structureNotFound(finess);
      this.access.check(actor, {
        type: 'structure.correctCategory',
        structure: factsOf(structure),
        newCategoryCode: category.code,
      });
      if (structure.version !== request.version) {
        throw new DomainError(
          'STALE_VERSION',
          'Cette structure a été modifiée entre-temps par quelqu’un d’autre : rechargez la page pour voir sa catégorie actuelle, puis recommencez.',
          undefined,
          `Stale version for structure ${finess}: got ${request.version}, current ${structure.version}`,
          { current: { categoryCode: structure.categoryCode, version: structure.version } },
        );
      }
      if (structure.categoryCode === category.code) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `La structure est déjà dans la catégorie ${category.shortLabel}.`,
        );
      }
      const changes = {
        categoryCode: { from: structure.categoryCode, to: category.code },
        ...(structure.competence !== category.competence
          ? { competence: { from: structure.competence, to: category.competence } }
          : {}),
      };
      structure.categoryCode = category.code;
      structure.competence = category.competence;
      structure.categoryCorrected = true;
      const updated = await manager.getRepository(Structure).save(structure);
      await manager.getRepository(StructureHistory).insert({
        structureFiness: finess,
        actor: actor.email,
        kind: 'CATEGORY_CORRECTED',
        reason: request.reason.trim(),
        changes,
        importId: null,
      });
      return updated;
    });
    return this.toDetail(saved);
  }

  private async toDetail(structure: Structure): Promise<StructureDetail> {
    const [og, ogStructureCount, history] = await Promise.all([
      this.dataSource
        .getRepository(ManagingOrganisation)
        .findOneOrFail({ where: { finess: structure.ogFiness } }),
      this.dataSource.getRepository(Structure).count({ where: { ogFiness: structure.ogFiness } }),
      this.dataSource
        .getRepository(StructureHistory)
        .find({ where: { structureFiness: structure.finess }, order: { at: 'DESC', id: 'DESC' }, take: 100 }),
    ]);
    return toStructureDetail(structure, og, ogStructureCount, history);
  }

  private structureNotFound(finess: string): DomainError {
    return new DomainError('NOT_FOUND', `Aucune structure n’a le numéro FINESS ${finess}.`);
  }
}
