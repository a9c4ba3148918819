import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Account, AccountSearchQuery, Paginated } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AccountEntity } from '../identity/account.entity';
import { AccountsRepository } from '../identity/accounts.repository';
import { wordsCondition } from '../../common/text/search-condition';
import { containsPattern } from '../../common/text/search-text';

/** The accounts an actor may list: itself and every account holding a grant it could manage. */
@Injectable()
export class ManagedAccountsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly accountRows: AccountsRepository,
  ) {}

  async search(actor: AuthenticatedActor, query: AccountSearchQuery): Promise<Paginated<Account>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const builder = this.dataSource.getRepository(AccountEntity).createQueryBuilder('a');
    const manageable = this.manageableGrantCondition(actor);
    builder.where(
      `(a.id = :self OR EXISTS (SELECT 1 FROM grants mg WHERE mg.account_id = a.id AND ${manageable.sql}))`,
      {
        self: actor.accountId,
        ...manageable.parameters,
      },
    );
    const q = query.q?.trim() ?? '';
    if (q.includes('@')) {
      // An address, or part of one: matched as typed (its dots and dashes are not word breaks).
      builder.andWhere(`lower(a.email) LIKE :qEmail`, { qEmail: containsPattern(q.toLowerCase()) });
    } else {
      const search = wordsCondition(`a.first_name || ' ' || a.last_name || ' ' || a.email`, q, 'q');
      if (search) builder.andWhere(search.sql, search.parameters);
    }
    if (query.status?.length) {
      // LOCKED is not stored: it is an active account whose lock has not passed yet.
      const stored = query.status.filter((status) => status !== 'LOCKED' && status !== 'ACTIVE');
      const conditions: string[] = [];
      if (stored.length > 0) conditions.push('a.status IN (:...statuses)');
      if (query.status.includes('ACTIVE'))
        conditions.push(`(a.status = 'ACTIVE' AND (a.locked_until IS NULL OR a.locked_until <= now()))`);
      if (query.status.includes('LOCKED'))
        conditions.push(`(a.status = 'ACTIVE' AND a.locked_until > now())`);
      builder.andWhere(`(${conditions.join(' OR ')})`, { statuses: stored });
    }
    if (query.role?.length || query.organisationKind?.length || query.organisationCode) {
      const conditions = ['fg.account_id = a.id'];
      if (query.role?.length) conditions.push('fg.role IN (:...roles)');
      if (query.organisationKind?.length) conditions.push('fg.organisation_kind IN (:...kinds)');
      if (query.organisationCode) conditions.push('fg.organisation_code = :orgCode');
      builder.andWhere(`EXISTS (SELECT 1 FROM grants fg WHERE ${conditions.join(' AND ')})`, {
        roles: query.role,
        kinds: query.organisationKind,
        orgCode: query.organisationCode,
      });
    }
    const [accounts, total] = await builder
      .orderBy('lower(a.last_name)', 'ASC')
      .addOrderBy('lower(a.first_name)', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.accountRows.toContracts(accounts), total, page, pageSize };
  }

  /**
   * SQL twin of "the actor could manage this grant" (alias mg), used to list accounts. The policy
   * still decides on each single account.
   */
  private manageableGrantCondition(actor: AuthenticatedActor): {
    sql: string;
    parameters: Record<string, unknown>;
  } {
    const scope = this.access.listScope(actor, 'account.read');
    if (scope.all) return { sql: 'TRUE', parameters: {} };
    const clauses: string[] = [];
    const parameters: Record<string, unknown> = {};
    const inScope = this.access.scopeCondition(
      { all: false, authorities: scope.authorities.filter((a) => a.role === 'APR'), ogs: [], structures: [] },
      'ms',
    );
    const aprs = scope.authorities.filter((a) => a.role === 'APR');
    aprs.forEach((apr, index) => {
      clauses.push(
        `(mg.organisation_kind = :aprKind${index} AND mg.organisation_code = :aprCode${index} AND mg.role IN ('CONTROLLER', 'READER'))`,
      );
      parameters[`aprKind${index}`] = apr.kind;
      parameters[`aprCode${index}`] = apr.code;
    });
    if (aprs.length > 0) {
      // An APR manages the APEs of its structures, and their users only where there is no APE.
      const apeOrFallbackUser = `(mg.role = 'APE' OR NOT EXISTS (SELECT 1 FROM grants ape WHERE ape.organisation_kind = mg.organisation_kind
        AND ape.organisation_code = mg.organisation_code AND ape.role = 'APE'))`;
      clauses.push(
        `(mg.organisation_kind = 'ESMS' AND ${apeOrFallbackUser} AND EXISTS (SELECT 1 FROM structures ms WHERE ms.finess = mg.organisation_code AND ${inScope.sql}))`,
      );
      clauses.push(
        `(mg.organisation_kind = 'OG' AND ${apeOrFallbackUser} AND EXISTS (SELECT 1 FROM structures ms WHERE ms.og_finess = mg.organisation_code AND ${inScope.sql}))`,
      );
      Object.assign(parameters, inScope.parameters);
    }
    const apeOgs = actor.grants
      .filter((g) => g.role === 'APE' && g.organisation.kind === 'OG')
      .map((g) => g.organisation.code);
    const apeEsms = actor.grants
      .filter((g) => g.role === 'APE' && g.organisation.kind === 'ESMS')
      .map((g) => g.organisation.code);
    if (apeOgs.length > 0) {
      clauses.push(
        `(mg.organisation_kind = 'ESMS' AND EXISTS (SELECT 1 FROM structures os WHERE os.finess = mg.organisation_code AND os.og_finess IN (:...apeOgs)))`,
      );
      clauses.push(
        `(mg.organisation_kind = 'OG' AND mg.organisation_code IN (:...apeOgs) AND mg.role = 'USER')`,
      );
      parameters['apeOgs'] = apeOgs;
    }
    if (apeEsms.length > 0) {
      clauses.push(
        `(mg.organisation_kind = 'ESMS' AND mg.organisation_code IN (:...apeEsms) AND mg.role = 'USER')`,
      );
      parameters['apeEsms'] = apeEsms;
    }
    return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', parameters };
  }
}
