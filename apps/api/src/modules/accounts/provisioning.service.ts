import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { GrantInput, PrincipalTransfer, ProvisioningReport } from '@tdb/contracts';
import { validateFinessNumber } from '@tdb/finess';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AccountsRepository } from '../identity/accounts.repository';
import { MailService } from '../mail/mail.service';
import { GrantFactsService } from './grant-facts.service';
import { GrantOffersService } from './grant-offers.service';
import { parseTransferCell, type ProvisioningRow } from './provisioning-file';

/** Bulk provisioning of APEs from a file: all lines checked before anything is written. */
@Injectable()
export class ProvisioningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly accountRows: AccountsRepository,
    private readonly grantFacts: GrantFactsService,
    private readonly offers: GrantOffersService,
    private readonly mail: MailService,
  ) {}

  /**
   * One APE per line (FINESS géographique or juridique, names, email, phone): all lines are checked
   * (format, structure, policy) before anything is written; any bad line rejects the whole file.
   * An organisation has one APE: a line for one that has an APE already is an error unless its
   * « Transfert » cell says what that APE becomes (« utilisateur » or « retrait »), and one FINESS
   * may appear on one line only.
   */
  async provision(
    actor: AuthenticatedActor,
    rows: ProvisioningRow[],
    meta: RequestMeta,
  ): Promise<ProvisioningReport> {
    const errors: { line: number; message: string }[] = [];
    const planned: { row: ProvisioningRow; grant: GrantInput; transfer?: PrincipalTransfer }[] = [];
    const seen = new Map<string, number>();
    const seenFiness = new Map<string, number>();
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
      const finessKey = finess.ok ? finess.finess : row.finess;
      if (seen.has(key)) problems.push(`doublon de la ligne ${seen.get(key)}`);
      else if (seenFiness.has(finessKey))
        problems.push(
          `la ligne ${seenFiness.get(finessKey)} désigne déjà l’APE de ce FINESS : une organisation n’a qu’un administrateur principal`,
        );
      seen.set(key, row.line);
      if (!seenFiness.has(finessKey)) seenFiness.set(finessKey, row.line);
      const transferWord = parseTransferCell(row.transfer);
      if (transferWord === 'invalid')
        problems.push(`transfert « ${row.transfer} » non compris (attendu : utilisateur ou retrait)`);
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
      const transfer: PrincipalTransfer | undefined =
        transferWord && transferWord !== 'invalid' ? { previous: transferWord } : undefined;
      try {
        // Re-importing a file: the person already holding the seat is "unchanged", not a conflict.
        const person = await this.accountRows.findByEmail(this.dataSource.manager, row.email);
        await this.grantFacts.checkCreation(this.dataSource.manager, actor, grant, {
          accountId: person?.id ?? null,
          ...(transfer ? { transfer } : {}),
        });
      } catch (error) {
        const message = error instanceof DomainError ? error.userMessage : 'refusé';
        errors.push({
          line: row.line,
          message:
            error instanceof DomainError && error.code === 'PRINCIPAL_HELD'
              ? `${message} Dans le fichier : colonne « Transfert », « utilisateur » ou « retrait ».`
              : message,
        });
        continue;
      }
      planned.push({ row: { ...row, finess: finess.finess }, grant, ...(transfer ? { transfer } : {}) });
    }
    const report: ProvisioningReport = {
      applied: false,
      invited: 0,
      grantsAdded: 0,
      unchanged: 0,
      lines: [],
      errors,
    };
    if (errors.length > 0) return report;

    const emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      for (const { row, grant, transfer } of planned) {
        const offered = await this.offers.offer(manager, actor, row, grant, meta, {
          details: { provisioningLine: row.line },
          ...(transfer ? { transfer } : {}),
        });
        emailIds.push(...offered.emailIds);
        report.lines.push({
          line: row.line,
          finess: row.finess,
          email: row.email,
          outcome: offered.outcome,
          ...(transfer ? { transfer: transfer.previous } : {}),
        });
        if (offered.outcome === 'invited') report.invited++;
        else if (offered.outcome === 'grant_added') report.grantsAdded++;
        else report.unchanged++;
      }
    });
    report.applied = true;
    await this.mail.deliver(emailIds);
    return report;
  }
}
