import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FiabilisationPrioritiesDto } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError, type DomainErrorDetail } from '../../common/errors/domain-error';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DerivedRules } from '../computation/derived-rules.service';
import type { AuthorityQuery, PrioritiesBody } from './dto/fiabilisation.dto';

import { authoritiesOf, authorityOf, isNational } from './fiabilisation-authorities';
import { FiabilisationRepository } from './fiabilisation.repository';

/** The indicators and rules an ARS or a Département looks at first during the fiabilisation. */
@Injectable()
export class FiabilisationPrioritiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly rules: DerivedRules,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly fiabilisation: FiabilisationRepository,
  ) {}

  async priorities(
    actor: AuthenticatedActor,
    year: number,
    query: AuthorityQuery,
  ): Promise<FiabilisationPrioritiesDto> {
    this.access.check(actor, { type: 'campaign.read' });
    const national = isNational(actor);
    if (!national && authoritiesOf(actor).length === 0) {
      throw new DomainError(
        'FORBIDDEN',
        "Les priorités de fiabilisation sont réservées aux ARS, aux Départements et à l'administration nationale.",
      );
    }
    const authority = authorityOf(actor, query);
    if (
      !national &&
      !authoritiesOf(actor).some((a) => a.kind === authority.kind && a.code === authority.code)
    ) {
      throw new DomainError(
        'FORBIDDEN',
        'Les priorités de cette autorité ne relèvent pas de votre périmètre.',
      );
    }
    await this.campaigns.row(year);
    return this.fiabilisation.priorities(this.dataSource.manager, year, authority);
  }

  async setPriorities(
    actor: AuthenticatedActor,
    year: number,
    query: AuthorityQuery,
    body: PrioritiesBody,
  ): Promise<FiabilisationPrioritiesDto> {
    const authority = authorityOf(actor, query);
    this.access.check(actor, { type: 'campaign.communicate', organisation: authority });
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaigns.row(year, manager);
      const current = await this.fiabilisation.priorities(manager, year, authority);
      if (current.version !== body.version) {
        throw new DomainError(
          'STALE_VERSION',
          "Les priorités ont été modifiées par quelqu'un d'autre depuis que vous les avez lues : rien n'a été enregistré.",
          undefined,
          `Stale priorities ${authority.kind} ${authority.code}`,
          { current },
        );
      }
      const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, manager);
      const rules = new Set(this.rules.ruleSetFor(dictionary).rules.map((r) => r.code));
      const indicators = new Set(this.rules.definitionsFor(dictionary).indicators.map((i) => i.code));
      const errors: DomainErrorDetail[] = [
        ...body.ruleCodes
          .filter((c) => !rules.has(c))
          .map((c) => ({ field: 'ruleCodes', message: `Règle d’atypie inconnue : ${c}.` })),
        ...body.indicatorCodes
          .filter((c) => !indicators.has(c))
          .map((c) => ({ field: 'indicatorCodes', message: `Indicateur inconnu : ${c}.` })),
      ];
      if (errors.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          errors.length === 1
            ? (errors[0]?.message as string)
            : `${errors.length} codes inconnus : rien n'a été enregistré.`,
          errors,
        );
      }
      const by = await this.fiabilisation.accountOrNull(manager, actor.accountId);
      await this.fiabilisation.savePriorities(manager, year, authority, body, by);
      return this.fiabilisation.priorities(manager, year, authority);
    });
  }
}
