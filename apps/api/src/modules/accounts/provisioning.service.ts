import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { GrantInput, ProvisioningReport } from '@tdb/contracts';
import { validateFinessNumber } from '@tdb/finess';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { MailService } from '../mail/mail.service';
import { GrantFactsService } from './grant-facts.service';
import { GrantOffersService } from './grant-offers.service';
import type { ProvisioningRow } from './provisioning-file';

/** Bulk provisioning of APEs from a file: all lines checked before anything is written. */
@Injectable()
export class ProvisioningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly grantFacts: GrantFactsService,
    private readonly offers: GrantOffersService,
    private readonly mail: MailService,
  ) {}

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
        await this.grantFacts.checkCreation(this.dataSource.manager, actor, grant);
      } catch (error) {
        errors.push({ line: row.line, message: error instanceof DomainError ? error.userMessage : 'refusé' });
        continue;
      }
      planned.push({ row: { ...row, finess: finess.finess }, grant });
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
      for (const { row, grant } of planned) {
        const offered = await this.offers.offer(manager, actor, row, grant, meta, {
          provisioningLine: row.line,
        });
        emailIds.push(...offered.emailIds);
        report.lines.push({ line: row.line, finess: row.finess, email: row.email, outcome: offered.outcome });
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
