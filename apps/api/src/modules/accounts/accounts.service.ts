import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { organisationLabel, type ManagedGrant } from '@tdb/access';
import type {
  Account,
  AccountSearchQuery,
  CreateAccountRequest,
  Grant,
  GrantInput,
  OrganisationRef,
  Paginated,
  ProvisioningLineResult,
  ProvisioningReport,
  UpdateAccountRequest,
} from '@tdb/contracts';
import { validateFinessNumber } from '@tdb/finess';
import { findDepartment, findRegion } from '@tdb/reference';
import type { ProvisioningRow } from './provisioning-file';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService, type AuditRecord } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { SessionEntity } from '../auth/session.entity';
import { MailService } from '../mail/mail.service';
import { AccountEntity } from './account.entity';
import { GrantEntity } from './grant.entity';

const toGrantInput = (g: GrantEntity): GrantInput => ({
  organisation: { kind: g.organisationKind, code: g.organisationCode },
  role: g.role,
  rights: g.rights,
  entryDomains: g.entryDomains,
  validFrom: g.validFrom,
  validUntil: g.validUntil,
});

/**
 * Accounts and their grants, delegated down the hierarchy. Every decision goes through the policy
 * (@tdb/access) with the facts of the organisations concerned; lists are filtered in SQL.
 */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  // ---- reading -------------------------------------------------------------------------------

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
    if (query.q?.trim()) {
      builder.andWhere(`(a.email ILIKE :q OR a.first_name ILIKE :q OR a.last_name ILIKE :q)`, {
        q: `%${query.q.trim()}%`,
      });
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
    return { items: await this.toContracts(accounts), total, page, pageSize };
  }

  /**
   * SQL twin of "the actor could manage this grant" (alias mg), used to list accounts. The policy
   * still decides on each single account.
   */
  private manageableGrantCondition(actor: AuthenticatedActor): {
    sql: string;
    parameters: Record<string, unknown>;
  } {
    const scope = this.access.scope(actor);
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

  async get(actor: AuthenticatedActor, id: string): Promise<Account> {
    const account = await this.load(this.dataSource.manager, id);
    this.access.check(actor, {
      type: 'account.read',
      targetAccountId: id,
      targetGrants: await this.managedGrants(this.dataSource.manager, account.grants ?? []),
    });
    return (await this.toContracts([account]))[0]!;
  }

  /** The account as its owner sees it (no policy check: it is oneself). */
  async me(accountId: string): Promise<Account> {
    return (await this.toContracts([await this.load(this.dataSource.manager, accountId)]))[0]!;
  }

  // ---- writing -------------------------------------------------------------------------------

  /** Creates the account (or adds the grant to the existing account of that email) and invites it. */
  async create(
    actor: AuthenticatedActor,
    request: CreateAccountRequest,
    meta: RequestMeta,
  ): Promise<Account> {
    const emailIds: string[] = [];
    const accountId = await this.dataSource.transaction(async (manager) => {
      await this.checkGrantCreation(manager, actor, request.grant);
      const email = request.email.trim();
      let account = await manager
        .getRepository(AccountEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('lower(a.email) = lower(:email)', { email })
        .getOne();
      const isNew = !account;
      if (!account) {
        account = await manager.getRepository(AccountEntity).save({
          email,
          firstName: request.firstName.trim(),
          lastName: request.lastName.trim(),
          phone: request.phone?.trim() || null,
          status: 'INVITED',
          passwordHash: null,
          totpSecret: null,
        });
      }
      await this.insertGrant(manager, actor, account.id, request.grant);
      await this.record(
        manager,
        actor,
        meta,
        isNew ? 'account.created' : 'grant.created',
        account,
        request.grant,
      );
      if (account.status === 'INVITED') {
        emailIds.push(await this.auth.enqueueInvitation(manager, account));
      } else {
        emailIds.push(
          await this.mail.enqueue(manager, {
            to: account.email,
            subject: 'TDB — nouvelle habilitation sur votre compte',
            text: `Bonjour ${account.firstName} ${account.lastName},\n\nUne nouvelle habilitation a été ajoutée à votre compte TDB : ${request.grant.role} — ${organisationLabel(request.grant.organisation)}.\nConnectez-vous : ${this.mail.link('/connexion')}`,
          }),
        );
      }
      return account.id;
    });
    await this.mail.deliver(emailIds);
    return this.me(accountId);
  }

  async addGrant(
    actor: AuthenticatedActor,
    accountId: string,
    grant: GrantInput,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.load(manager, accountId, true);
      await this.checkGrantCreation(manager, actor, grant);
      await this.insertGrant(manager, actor, account.id, grant);
      await this.record(manager, actor, meta, 'grant.created', account, grant);
    });
    return this.me(accountId);
  }

  async revokeGrant(
    actor: AuthenticatedActor,
    accountId: string,
    grantId: string,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.load(manager, accountId, true);
      const grant = (account.grants ?? []).find((g) => g.id === grantId);
      if (!grant) throw new DomainError('NOT_FOUND', 'Cette habilitation n’existe pas sur ce compte.');
      const input = toGrantInput(grant);
      const [managed] = await this.managedGrants(manager, [grant], { removing: true });
      this.access.check(actor, { type: 'grant.revoke', grant: input, ...managed });
      await manager.delete(GrantEntity, grant.id);
      await this.record(manager, actor, meta, 'grant.revoked', account, input);
    });
    return this.me(accountId);
  }

  async update(
    actor: AuthenticatedActor,
    accountId: string,
    request: UpdateAccountRequest,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.load(manager, accountId, true);
      const changes: ('names' | 'phone')[] = [];
      if (request.firstName !== undefined || request.lastName !== undefined) changes.push('names');
      if (request.phone !== undefined) changes.push('phone');
      this.access.check(actor, {
        type: 'account.update',
        targetAccountId: accountId,
        targetGrants: await this.managedGrants(manager, account.grants ?? []),
        changes,
      });
      if (account.version !== request.version) {
        throw new DomainError(
          'STALE_VERSION',
          'Ce compte a été modifié entre-temps : rechargez la page puis recommencez.',
          undefined,
          'Stale account version',
          {
            current: { version: account.version },
          },
        );
      }
      if (request.firstName !== undefined) account.firstName = request.firstName.trim();
      if (request.lastName !== undefined) account.lastName = request.lastName.trim();
      if (request.phone !== undefined) account.phone = request.phone?.trim() || null;
      delete account.grants;
      await manager.getRepository(AccountEntity).save(account);
      await this.record(manager, actor, meta, 'account.updated', account, null, { changes });
    });
    return this.me(accountId);
  }

  async setDisabled(
    actor: AuthenticatedActor,
    accountId: string,
    disabled: boolean,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.load(manager, accountId, true);
      const targetGrants = await this.managedGrants(manager, account.grants ?? [], { removing: disabled });
      this.access.check(actor, {
        type: 'account.update',
        targetAccountId: accountId,
        targetGrants,
        changes: [disabled ? 'disable' : 'enable'],
      });
      const status = disabled
        ? 'DISABLED'
        : (
              await manager.query(`SELECT password_hash IS NOT NULL AS has FROM accounts WHERE id = $1`, [
                accountId,
              ])
            )[0].has
          ? 'ACTIVE'
          : 'INVITED';
      await manager.update(AccountEntity, accountId, { status, failedLoginCount: 0, lockedUntil: null });
      if (disabled) {
        await manager
          .getRepository(SessionEntity)
          .update(
            { accountId, revokedAt: IsNull() },
            { revokedAt: new Date(), revokedReason: 'account disabled' },
          );
      }
      await this.record(
        manager,
        actor,
        meta,
        disabled ? 'account.disabled' : 'account.enabled',
        account,
        null,
      );
    });
    return this.me(accountId);
  }

  async resendInvitation(actor: AuthenticatedActor, accountId: string, meta: RequestMeta): Promise<void> {
    const emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      const account = await this.load(manager, accountId, true);
      this.access.check(actor, {
        type: 'account.update',
        targetAccountId: accountId,
        targetGrants: await this.managedGrants(manager, account.grants ?? []),
        // Re-inviting gives the account its access back: the same rule as enabling it.
        changes: ['enable'],
      });
      if (account.status !== 'INVITED') {
        throw new DomainError(
          'CONFLICT',
          'Ce compte est déjà activé : son titulaire peut utiliser « Mot de passe oublié ».',
        );
      }
      emailIds.push(await this.auth.enqueueInvitation(manager, account));
      await this.record(manager, actor, meta, 'account.invitation_sent', account, null);
    });
    await this.mail.deliver(emailIds);
  }

  // ---- bulk provisioning of APEs --------------------------------------------------------------

  /**
   * One APE per line (FINESS géographique or juridique, names, email, phone): all lines are checked
   * (format, structure, policy) before anything is written; any bad line rejects the whole file.
   */
  async provision(
    actor: AuthenticatedActor,
    rows: ProvisioningRow[],
    meta: RequestMeta,
  ): Promise<ProvisioningReport> {
    const errors: { line: number; message: string }[] = [];
    const planned: { row: ProvisioningRow; grant: GrantInput }[] = [];
    const seen = new Map<string, number>();
    const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
    for (const row of rows) {
      const problems: string[] = [];
      const finess = validateFinessNumber(row.finess);
      if (!finess.ok) problems.push(`FINESS : ${finess.reason}`);
      if (!row.lastName) problems.push('nom manquant');
      if (!row.firstName) problems.push('prénom manquant');
      if (!emailPattern.test(row.email)) problems.push(`courriel invalide (« ${row.email} »)`);
      if (row.phone && !/^[+0-9 .()-]{6,25}$/.test(row.phone))
        problems.push(`téléphone invalide (« ${row.phone} »)`);
      const key = `${finess.ok ? finess.finess : row.finess}|${row.email.toLowerCase()}`;
      if (seen.has(key)) problems.push(`doublon de la ligne ${seen.get(key)}`);
      seen.set(key, row.line);
      if (problems.length > 0 || !finess.ok) {
        errors.push({ line: row.line, message: problems.join(' ; ') });
        continue;
      }
      const kind = (await this.access.structureFacts(finess.finess))
        ? 'ESMS'
        : (await this.access.organisationFacts(finess.finess))
          ? 'OG'
          : null;
      if (!kind) {
        errors.push({
          line: row.line,
          message: `aucune structure ni aucun organisme gestionnaire n’a le numéro FINESS ${finess.finess}`,
        });
        continue;
      }
      const grant: GrantInput = { organisation: { kind, code: finess.finess }, role: 'APE' };
      try {
        await this.checkGrantCreation(this.dataSource.manager, actor, grant);
      } catch (error) {
        errors.push({ line: row.line, message: error instanceof DomainError ? error.userMessage : 'refusé' });
        continue;
      }
      planned.push({ row: { ...row, finess: finess.finess }, grant });
    }
    const report: ProvisioningReport = {
      applied: false,
      created: 0,
      grantsAdded: 0,
      unchanged: 0,
      lines: [],
      errors,
    };
    if (errors.length > 0) return report;

    const emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      for (const { row, grant } of planned) {
        let account = await manager
          .getRepository(AccountEntity)
          .createQueryBuilder('a')
          .where('lower(a.email) = lower(:email)', { email: row.email })
          .getOne();
        let outcome: ProvisioningLineResult['outcome'];
        if (!account) {
          account = await manager.getRepository(AccountEntity).save({
            email: row.email,
            firstName: row.firstName,
            lastName: row.lastName,
            phone: row.phone || null,
            status: 'INVITED',
            passwordHash: null,
            totpSecret: null,
          });
          outcome = 'created';
        } else {
          const existing = await manager.getRepository(GrantEntity).findOneBy({
            accountId: account.id,
            organisationKind: grant.organisation.kind,
            organisationCode: grant.organisation.code,
            role: 'APE',
          });
          outcome = existing ? 'unchanged' : 'grant_added';
        }
        if (outcome !== 'unchanged') {
          await this.insertGrant(manager, actor, account.id, grant);
          await this.record(
            manager,
            actor,
            meta,
            outcome === 'created' ? 'account.created' : 'grant.created',
            account,
            grant,
            { provisioningLine: row.line },
          );
          if (account.status === 'INVITED') {
            emailIds.push(await this.auth.enqueueInvitation(manager, account));
          }
        }
        report.lines.push({ line: row.line, finess: row.finess, email: account.email, outcome });
        if (outcome === 'created') report.created++;
        else if (outcome === 'grant_added') report.grantsAdded++;
        else report.unchanged++;
      }
    });
    report.applied = true;
    await this.mail.deliver(emailIds);
    return report;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async checkGrantCreation(
    manager: EntityManager,
    actor: AuthenticatedActor,
    grant: GrantInput,
  ): Promise<void> {
    const facts = await this.facts(manager, grant.organisation);
    const targetHasApe =
      grant.organisation.kind === 'ESMS' || grant.organisation.kind === 'OG'
        ? (await this.apeCount(manager, grant.organisation)) > 0
        : undefined;
    this.access.check(actor, { type: 'grant.create', target: grant, ...facts, targetHasApe });
  }

  private async insertGrant(
    manager: EntityManager,
    actor: AuthenticatedActor,
    accountId: string,
    grant: GrantInput,
  ): Promise<void> {
    const duplicate = await manager.getRepository(GrantEntity).findOneBy({
      accountId,
      organisationKind: grant.organisation.kind,
      organisationCode: grant.organisation.code,
      role: grant.role,
    });
    if (duplicate) throw new DomainError('CONFLICT', 'Ce compte a déjà ce rôle dans cette organisation.');
    await manager.getRepository(GrantEntity).insert({
      accountId,
      organisationKind: grant.organisation.kind,
      organisationCode: grant.organisation.code,
      role: grant.role,
      rights: grant.role === 'USER' ? (grant.rights ?? []) : [],
      entryDomains: grant.role === 'USER' ? (grant.entryDomains ?? null) : null,
      validFrom: grant.validFrom ?? null,
      validUntil: grant.validUntil ?? null,
      createdBy: actor.accountId,
    });
  }

  /** Facts about the organisation of a grant; an unknown FINESS is a 404, not a refusal. */
  private async facts(manager: EntityManager, organisation: OrganisationRef) {
    if (organisation.kind === 'ESMS') {
      const targetStructure = await this.access.structureFacts(organisation.code, manager);
      if (!targetStructure)
        throw new DomainError('NOT_FOUND', `Aucune structure n’a le numéro FINESS ${organisation.code}.`);
      return { targetStructure };
    }
    if (organisation.kind === 'OG') {
      const targetOrganisation = await this.access.organisationFacts(organisation.code, manager);
      if (!targetOrganisation)
        throw new DomainError(
          'NOT_FOUND',
          `Aucun organisme gestionnaire n’a le numéro FINESS juridique ${organisation.code}.`,
        );
      return { targetOrganisation };
    }
    if (organisation.kind === 'ARS' && !findRegion(organisation.code))
      throw new DomainError('NOT_FOUND', `Région inconnue : ${organisation.code}.`);
    if (organisation.kind === 'CD' && !findDepartment(organisation.code))
      throw new DomainError('NOT_FOUND', `Département inconnu : ${organisation.code}.`);
    return {};
  }

  /** APE grants of an organisation held by accounts that are not disabled. */
  private async apeCount(manager: EntityManager, organisation: OrganisationRef): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE g.organisation_kind = $1 AND g.organisation_code = $2 AND g.role = 'APE' AND a.status <> 'DISABLED'`,
      [organisation.kind, organisation.code],
    );
    return row.n;
  }

  private async managedGrants(
    manager: EntityManager,
    grants: GrantEntity[],
    options: { removing?: boolean } = {},
  ): Promise<ManagedGrant[]> {
    const result: ManagedGrant[] = [];
    for (const grant of grants) {
      const input = toGrantInput(grant);
      const onStructure = grant.organisationKind === 'ESMS' || grant.organisationKind === 'OG';
      const facts = onStructure ? await this.facts(manager, input.organisation).catch(() => ({})) : {};
      const apeCount = onStructure ? await this.apeCount(manager, input.organisation) : 0;
      result.push({
        ...input,
        ...facts,
        // Whether the structure has an APE decides if an APR may manage its users (fallback).
        targetHasApe: onStructure ? apeCount > 0 : undefined,
        remainingApeCount: options.removing && grant.role === 'APE' ? apeCount - 1 : undefined,
      });
    }
    return result;
  }

  private async load(manager: EntityManager, id: string, lock = false): Promise<AccountEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('NOT_FOUND', 'Ce compte n’existe pas.');
    const builder = manager.getRepository(AccountEntity).createQueryBuilder('a').where('a.id = :id', { id });
    if (lock) builder.setLock('pessimistic_write');
    const account = await builder.getOne();
    if (!account) throw new DomainError('NOT_FOUND', 'Ce compte n’existe pas.');
    account.grants = await manager
      .getRepository(GrantEntity)
      .find({ where: { accountId: id }, order: { createdAt: 'ASC' } });
    return account;
  }

  private async record(
    manager: EntityManager,
    actor: AuthenticatedActor,
    meta: RequestMeta,
    action: string,
    account: AccountEntity,
    grant: GrantInput | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const territory: Partial<AuditRecord> = {};
    const organisation =
      grant?.organisation ??
      (account.grants?.[0]
        ? { kind: account.grants[0].organisationKind, code: account.grants[0].organisationCode }
        : null);
    if (organisation) {
      territory.organisationKind = organisation.kind;
      territory.organisationCode = organisation.code;
      if (organisation.kind === 'ARS') territory.regionCode = organisation.code;
      if (organisation.kind === 'CD') {
        territory.departmentCode = organisation.code;
        territory.regionCode = findDepartment(organisation.code)?.regionCode ?? null;
      }
      if (organisation.kind === 'ESMS') {
        const facts = await this.access.structureFacts(organisation.code, manager);
        territory.regionCode = facts?.regionCode ?? null;
        territory.departmentCode = facts?.departmentCode ?? null;
        territory.competence = facts?.competence ?? null;
      }
    }
    await this.audit.record(manager, {
      actorId: actor.accountId,
      actorEmail: actor.email,
      action,
      targetType: 'account',
      targetId: account.id,
      targetLabel: `${account.firstName} ${account.lastName} <${account.email}>`,
      ...territory,
      details: { ...details, ...(grant ? { grant } : {}) },
      ipAddress: meta.ipAddress,
    });
  }

  /** Accounts with their grants and the labels of the grants' organisations. */
  async toContracts(accounts: AccountEntity[]): Promise<Account[]> {
    const ids = accounts.map((a) => a.id);
    const grants = ids.length
      ? await this.dataSource
          .getRepository(GrantEntity)
          .find({ where: { accountId: In(ids) }, order: { createdAt: 'ASC' } })
      : [];
    const finessCodes = [
      ...new Set(
        grants
          .filter((g) => g.organisationKind === 'ESMS' || g.organisationKind === 'OG')
          .map((g) => g.organisationCode),
      ),
    ];
    const names = new Map<string, string>();
    if (finessCodes.length > 0) {
      const rows: { finess: string; name: string | null }[] = await this.dataSource.query(
        `SELECT finess, name FROM structures WHERE finess = ANY($1) UNION ALL SELECT finess, name FROM managing_organisations WHERE finess = ANY($1)`,
        [finessCodes],
      );
      for (const row of rows) if (row.name) names.set(`${row.finess}`, row.name);
    }
    const label = (g: GrantEntity): string => {
      const ref = { kind: g.organisationKind, code: g.organisationCode };
      const name = names.get(g.organisationCode);
      return name ? `${name} (${g.organisationCode})` : organisationLabel(ref);
    };
    const today = new Date();
    return accounts.map((account) => ({
      id: account.id,
      email: account.email,
      firstName: account.firstName,
      lastName: account.lastName,
      phone: account.phone,
      status:
        account.status === 'ACTIVE' && account.lockedUntil && account.lockedUntil > today
          ? 'LOCKED'
          : account.status,
      totpEnabled: account.totpEnabled,
      grants: grants
        .filter((g) => g.accountId === account.id)
        .map((g): Grant => ({
          id: g.id,
          ...toGrantInput(g),
          rights: g.rights,
          entryDomains: g.entryDomains,
          validFrom: g.validFrom,
          validUntil: g.validUntil,
          organisationLabel: label(g),
          createdAt: g.createdAt.toISOString(),
          createdBy: g.createdBy,
        })),
      lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
      createdAt: account.createdAt.toISOString(),
      version: account.version,
    }));
  }
}
