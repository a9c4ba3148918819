import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { authoritiesToInform, organisationLabel, type StructureFacts } from '@tdb/access';
import type {
  CompetenceCode,
  OrganisationDetail,
  Paginated,
  StructureDetail,
  StructureSummary,
} from '@tdb/contracts';
import { findCategory } from '@tdb/reference';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MailService } from '../mail/mail.service';
import { CategoryCorrectionHooks, type CategoryConsequence } from './category-correction.hooks';
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

const COMPETENCE_TEXT: Readonly<Record<CompetenceCode, string>> = {
  ARS: 'ARS seule',
  CD: 'Département seul',
  SHARED: 'partagée ARS et Département',
};

const capitalizeFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

@Injectable()
export class StructuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly repository: StructuresRepository,
    private readonly hooks: CategoryCorrectionHooks,
    private readonly mail: MailService,
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
    const facts = factsOf(structure);
    if (this.access.decision(actor, { type: 'structure.read', structure: facts }).allowed) {
      return this.toDetail(structure);
    }
    // An authority competent for none of the current category may still correct it toward its own
    // (ADR 0014): it sees the registry record it corrects — public FINESS data — and nothing else.
    if (this.access.decision(actor, { type: 'structure.correctCategory', structure: facts }).allowed) {
      return this.toDetail(structure, true);
    }
    this.access.check(actor, { type: 'structure.read', structure: facts });
    throw this.structureNotFound(finess);
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
   * Corrects a structure's category (e.g. a service recorded as SAVS that in fact is a SSIAD), by
   * the authority competent for the old or the new category (ADR 0014). The correction wins over the
   * FINESS category on later imports; in the same transaction the campaigns' derived data follow the
   * new category (registered listeners), and the other authority and the structure are informed.
   * The history keeps the reason and what the correction carried with it.
   */
  async correctCategory(
    actor: AuthenticatedActor,
    finess: string,
    request: CorrectCategoryDto,
  ): Promise<StructureDetail> {
    const category = findCategory(request.categoryCode);
    if (!category) throw new DomainError('VALIDATION_FAILED', 'Catégorie inconnue.');
    const emailIds: string[] = [];
    const afterCommit: (() => Promise<void>)[] = [];
    const saved = await this.dataSource.transaction(async (manager) => {
      const structure = await this.repository.lockForUpdate(manager, finess);
      if (!structure) throw this.structureNotFound(finess);
      const before = factsOf(structure);
      this.access.check(actor, {
        type: 'structure.correctCategory',
        structure: before,
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
      const followed = await this.hooks.run(manager, {
        structure: factsOf(updated),
        previous: { categoryCode: before.categoryCode, competence: before.competence },
      });
      for (const consequence of followed)
        if (consequence.afterCommit) afterCommit.push(consequence.afterCommit);
      const reason = request.reason.trim();
      const informed = await this.inform(manager, actor, before, updated, reason, followed);
      emailIds.push(...informed.emailIds);
      await manager.getRepository(StructureHistory).insert({
        structureFiness: finess,
        actor: actor.email,
        kind: 'CATEGORY_CORRECTED',
        reason,
        changes,
        consequences: [...followed.flatMap((c) => c.sentences), ...informed.sentences],
        importId: null,
      });
      return updated;
    });
    await this.mail.deliver(emailIds);
    for (const work of afterCommit) await work();
    return this.toDetail(saved);
  }

  /**
   * Emails the authorities to inform (competent for the old or the new category, other than the
   * corrector's) and the structure's APEs; returns the emails and the sentences for the history.
   */
  private async inform(
    manager: EntityManager,
    actor: AuthenticatedActor,
    before: StructureFacts,
    after: Structure,
    reason: string,
    followed: readonly CategoryConsequence[],
  ): Promise<{ emailIds: string[]; sentences: string[] }> {
    const today = parisToday();
    const authorities = authoritiesToInform(actor, before, after.competence, today);
    const recipients = await this.repository.correctionRecipients(manager, before, authorities, today);
    const label = (code: string) => findCategory(code)?.shortLabel ?? code;
    const text = [
      `La catégorie de la structure ${after.name} (FINESS ${after.finess}) a été corrigée par ${actor.email} : ${label(before.categoryCode)} devient ${label(after.categoryCode)}.`,
      before.competence === after.competence
        ? null
        : `Compétence : ${COMPETENCE_TEXT[before.competence]} → ${COMPETENCE_TEXT[after.competence]}.`,
      `Motif : ${reason}`,
      ...followed.flatMap((c) => c.sentences),
      `Fiche de la structure : ${this.config.mail.publicUrl}/structures/${after.finess}`,
    ]
      .filter((line): line is string => line !== null)
      .join('\n\n');
    const subject = `Catégorie corrigée : ${after.name} (${after.finess})`;
    const emailIds: string[] = [];
    for (const { email } of recipients)
      emailIds.push(await this.mail.enqueue(manager, { to: email, subject, text }));
    const count = (audience: string) => recipients.filter((r) => r.audience === audience).length;
    const sentences = authorities.map((kind) => {
      const who = organisationLabel({
        kind,
        code: kind === 'ARS' ? before.regionCode : before.departmentCode,
      });
      const n = count(kind);
      return n === 0
        ? `${capitalizeFirst(who)} : aucun administrateur ni contrôleur actif à informer.`
        : `${capitalizeFirst(who)} ${kind === 'ARS' ? 'informée' : 'informé'} par courriel (${n} destinataire${n > 1 ? 's' : ''}).`;
    });
    const own = count('STRUCTURE');
    if (own > 0) {
      sentences.push(
        `Administrateurs de la structure informés par courriel (${own} destinataire${own > 1 ? 's' : ''}).`,
      );
    }
    return { emailIds, sentences };
  }

  private async toDetail(structure: Structure, registryOnly = false): Promise<StructureDetail> {
    const [og, ogStructureCount, history] = await Promise.all([
      this.dataSource
        .getRepository(ManagingOrganisation)
        .findOneOrFail({ where: { finess: structure.ogFiness } }),
      this.dataSource.getRepository(Structure).count({ where: { ogFiness: structure.ogFiness } }),
      this.dataSource
        .getRepository(StructureHistory)
        .find({ where: { structureFiness: structure.finess }, order: { at: 'DESC', id: 'DESC' }, take: 100 }),
    ]);
    return toStructureDetail(structure, og, ogStructureCount, history, registryOnly);
  }

  private structureNotFound(finess: string): DomainError {
    return new DomainError('NOT_FOUND', `Aucune structure n’a le numéro FINESS ${finess}.`);
  }
}
