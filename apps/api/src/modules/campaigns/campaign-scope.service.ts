import { assertSafeXlsx, withXlsxSlot } from '../../common/files/safe-xlsx';
import { actorRef } from '../../common/auth/actor-ref';
import { SubmissionPartsRepository } from './submission-parts.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../common/files/exceljs';
import { DataSource, type EntityManager } from 'typeorm';
import { activeGrants } from '@tdb/access';
import type { ScopeImportResult, SubmissionSummary } from '@tdb/contracts';
import { findCategory, findDepartment } from '@tdb/reference';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError, type DomainErrorDetail } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import type { ScopeChangeDto, ScopeListQuery } from './dto/campaign-scope.dto';
import { factsOf, loadSubmissionRow, type SubmissionRow } from '../campaign-core/submission-context';
import { StructureContactsRepository } from './structure-contacts.repository';
import { SubmissionListsRepository } from './submission-lists.repository';
import { SubmissionReader } from './submission-reader.service';

const COMPETENCE_LABELS = { ARS: 'ARS', CD: 'Département', SHARED: 'ARS et Département' } as const;
export const SCOPE_HEADERS = [
  // « ESMS » (a structure of the campaign) or « OG » (its organisme gestionnaire: the APE contacts
  // of each OG, « pour chaque OG et ESMS »); the upload of the scope reads the ESMS rows only.
  'Type',
  'FINESS',
  'Raison sociale',
  'Catégorie',
  'Département',
  'Compétence',
  'OG FINESS',
  'OG',
  'Dans le périmètre',
  "Motif d'exclusion",
  'APE actuel (courriel)',
  'APE actuel (nom)',
  // Filled by the ARS or CD where an ESMS or an OG has no APE yet; the same file then provisions
  // the accounts (Utilisateurs → Importer des APE). Where it has one, « transfert » says what the
  // current APE becomes (« utilisateur » or « retrait »): one principal administrator per organisation.
  'APE à créer : nom',
  'APE à créer : prénom',
  'APE à créer : courriel',
  'APE à créer : téléphone',
  'APE à créer : transfert',
] as const;

/** Columns (1-based) of the list holding FINESS numbers, written as text. */
const FINESS_COLUMNS = [2, 7] as const;

const normalize = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'");

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
  }
  return String(value);
}

/**
 * The scope of a campaign: which structures must answer. The list as XLSX (with the APE contacts),
 * one change at a time, or the list filled back (all-or-nothing, each line judged by the policy).
 * Excluding a structure that has started its entry is reserved to the national administrator.
 */
@Injectable()
export class CampaignScopeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly submissions: SubmissionReader,
    private readonly parts: SubmissionPartsRepository,
    private readonly audit: AuditService,
    private readonly lists: SubmissionListsRepository,
    private readonly contacts: StructureContactsRepository,
  ) {}

  /**
   * The scope list as XLSX: one row per ESMS of the caller's scope (with its own APE), then one row
   * per organisme gestionnaire of those ESMS (with the OG's APE), told apart by the « Type » column.
   */
  async workbook(actor: AuthenticatedActor, year: number, query: ScopeListQuery): Promise<Buffer> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    const rows = await this.lists.scopeList(this.dataSource, year, scope, query.region);
    const ogFinesses = [...new Set(rows.map((r) => r.og_finess.trim()))];
    const organisations = await this.lists.managingOrganisations(this.dataSource, ogFinesses);
    const contacts = new Map<string, { email: string; name: string }[]>();
    const apes = await this.contacts.apes(
      this.dataSource,
      rows.map((r) => r.finess.trim()),
      ogFinesses,
    );
    for (const ape of apes) {
      const key = `${ape.kind}:${ape.finess.trim()}`;
      contacts.set(key, [...(contacts.get(key) ?? []), ape]);
    }
    const departmentLabel = (code: string | null) =>
      code ? `${code} ${findDepartment(code)?.name ?? ''}`.trim() : '';
    const workbook = new (exceljs().Workbook)();
    const sheet = workbook.addWorksheet(`Périmètre ${year}`);
    sheet.addRow([...SCOPE_HEADERS]).font = { bold: true };
    for (const column of FINESS_COLUMNS) sheet.getColumn(column).numFmt = '@';
    const empty = ['', '', '', '', ''];
    for (const r of rows) {
      const own = contacts.get(`ESMS:${r.finess.trim()}`) ?? [];
      sheet.addRow([
        'ESMS',
        r.finess.trim(),
        r.name,
        findCategory(r.category_code)?.shortLabel ?? r.category_code,
        departmentLabel(r.department_code),
        COMPETENCE_LABELS[r.competence],
        r.og_finess.trim(),
        r.og_name ?? '',
        r.in_scope ? 'Oui' : 'Non',
        r.scope_reason ?? '',
        own.map((a) => a.email).join(', '),
        own.map((a) => a.name).join(', '),
        ...empty,
      ]);
    }
    for (const og of organisations) {
      const finess = og.finess.trim();
      const own = contacts.get(`OG:${finess}`) ?? [];
      sheet.addRow([
        'OG',
        finess,
        og.name ?? '',
        'Organisme gestionnaire',
        departmentLabel(og.department_code),
        '',
        finess,
        og.name ?? '',
        '',
        '',
        own.map((a) => a.email).join(', '),
        own.map((a) => a.name).join(', '),
        ...empty,
      ]);
    }
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    SCOPE_HEADERS.forEach(
      (_, i) => (sheet.getColumn(i + 1).width = i === 0 ? 8 : i === 2 || i === 7 ? 40 : 18),
    );
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async change(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    dto: ScopeChangeDto,
  ): Promise<SubmissionSummary> {
    return this.dataSource.transaction(async (manager) => {
      const facts = await this.access.structureFacts(finess, manager);
      if (!facts) throw new DomainError('NOT_FOUND', `Aucune structure ${finess}.`);
      this.access.check(actor, { type: 'campaign.scope', structure: facts });
      await this.campaigns.row(year, manager);
      const row = await loadSubmissionRow(manager, year, finess, true);
      if (dto.version !== undefined && dto.version !== row.version) {
        throw new DomainError(
          'STALE_VERSION',
          'La saisie a changé depuis votre lecture : rechargez-la avant de modifier le périmètre.',
          undefined,
          undefined,
          { current: this.submissions.summary(row) },
        );
      }
      const problem = this.problem(actor, row, dto.inScope, dto.reason);
      if (problem) throw new DomainError(problem.code, problem.message);
      await this.apply(manager, actor, row, dto.inScope, dto.reason);
      return this.submissions.summary(await loadSubmissionRow(manager, year, finess, false));
    });
  }

  async import(actor: AuthenticatedActor, year: number, buffer: Buffer): Promise<ScopeImportResult> {
    // Whoever keeps no scope list is refused before the file is read; each line is then judged.
    this.access.check(actor, { type: 'campaign.scope' });
    const lines = await this.parse(buffer);
    return this.dataSource.transaction(async (manager) => {
      await this.campaigns.row(year, manager);
      const errors: DomainErrorDetail[] = [];
      const changes: { row: SubmissionRow; inScope: boolean; reason: string | undefined }[] = [];
      let unchanged = 0;
      const seen = new Set<string>();
      for (const line of lines) {
        const fail = (message: string) => errors.push({ line: line.line, message });
        if (!/^\d{9}$/.test(line.finess) && !/^\d[0-9AB]\d{7}$/.test(line.finess)) {
          fail(`FINESS invalide : « ${line.finess} ».`);
          continue;
        }
        if (seen.has(line.finess)) {
          fail(`La structure ${line.finess} apparaît plusieurs fois.`);
          continue;
        }
        seen.add(line.finess);
        const inScope = ['oui', 'o', 'true', '1'].includes(normalize(line.inScope))
          ? true
          : ['non', 'n', 'false', '0'].includes(normalize(line.inScope))
            ? false
            : null;
        if (inScope === null) {
          fail(`« Dans le périmètre » doit valoir Oui ou Non (lu : « ${line.inScope} »).`);
          continue;
        }
        let row: SubmissionRow;
        try {
          row = await loadSubmissionRow(manager, year, line.finess, true);
        } catch {
          fail(`La structure ${line.finess} n’a pas de saisie dans la campagne ${year}.`);
          continue;
        }
        const decision = this.access.decision(actor, { type: 'campaign.scope', structure: factsOf(row) });
        if (!decision.allowed) {
          fail(decision.reason);
          continue;
        }
        const reason = line.reason.trim() || undefined;
        if (row.in_scope === inScope && (inScope || (row.scope_reason ?? '') === (reason ?? ''))) {
          unchanged++;
          continue;
        }
        const problem = this.problem(actor, row, inScope, reason);
        if (problem) {
          fail(problem.message);
          continue;
        }
        changes.push({ row, inScope, reason });
      }
      if (errors.length > 0) {
        throw new DomainError(
          'IMPORT_REJECTED',
          `Le fichier comporte ${errors.length} ligne${errors.length > 1 ? 's' : ''} en erreur : rien n’a été modifié.`,
          errors,
        );
      }
      for (const c of changes) await this.apply(manager, actor, c.row, c.inScope, c.reason);
      return {
        included: changes.filter((c) => c.inScope).length,
        excluded: changes.filter((c) => !c.inScope).length,
        unchanged,
      };
    });
  }

  /** The business refusal of a scope change, or null. */
  private problem(
    actor: AuthenticatedActor,
    row: SubmissionRow,
    inScope: boolean,
    reason: string | undefined,
  ): { code: 'VALIDATION_FAILED' | 'CONFLICT'; message: string } | null {
    if (inScope) return null;
    if (!reason?.trim()) {
      return {
        code: 'VALIDATION_FAILED',
        message: `Le motif d’exclusion est obligatoire pour exclure la structure ${row.finess}.`,
      };
    }
    const national = activeGrants(actor, parisToday()).some((g) => g.role === 'NATIONAL_ADMIN');
    if (row.in_scope && row.status !== 'NOT_STARTED' && !national) {
      return {
        code: 'CONFLICT',
        message: `La saisie de la structure ${row.finess} est commencée : seule l’administration nationale peut encore l’exclure du périmètre.`,
      };
    }
    return null;
  }

  private async apply(
    manager: EntityManager,
    actor: AuthenticatedActor,
    row: SubmissionRow,
    inScope: boolean,
    reason: string | undefined,
  ): Promise<void> {
    const newReason = inScope ? null : (reason?.trim() ?? null);
    if (row.in_scope === inScope && row.scope_reason === newReason) return;
    await this.parts.setScope(manager, row.campaign_year, row.finess, inScope, newReason);
    await this.audit.record(manager, {
      actorId: (await actorRef(manager, actor)).id,
      actorEmail: actor.email,
      action: inScope ? 'campaign.scope.include' : 'campaign.scope.exclude',
      targetType: 'submission',
      targetId: `${row.campaign_year}/${row.finess}`,
      targetLabel: row.name,
      organisationKind: 'ESMS',
      organisationCode: row.finess,
      regionCode: row.region_code,
      departmentCode: row.department_code,
      competence: row.competence,
      details: { inScope, reason: newReason, previous: { inScope: row.in_scope, reason: row.scope_reason } },
    });
  }

  private async parse(
    buffer: Buffer,
  ): Promise<{ line: number; finess: string; inScope: string; reason: string }[]> {
    await assertSafeXlsx(buffer);
    const workbook = new (exceljs().Workbook)();
    try {
      await withXlsxSlot(() => workbook.xlsx.load(buffer as unknown as ArrayBuffer));
    } catch {
      throw new DomainError('IMPORT_REJECTED', 'Ce fichier XLSX est illisible.', [
        { line: 0, message: 'Déposez la liste du périmètre téléchargée (format XLSX).' },
      ]);
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new DomainError('IMPORT_REJECTED', 'Le classeur ne contient aucune feuille.');
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => normalize(cellText(v)));
    const column = (name: string) => header.indexOf(normalize(name));
    const finessCol = column('FINESS');
    const scopeCol = column('Dans le périmètre');
    const reasonCol = column("Motif d'exclusion");
    // Lists downloaded since the OG rows were added: those rows are not about the scope.
    const typeCol = column('Type');
    if (finessCol < 1 || scopeCol < 1 || reasonCol < 1) {
      throw new DomainError(
        'IMPORT_REJECTED',
        'Colonnes attendues introuvables : « FINESS », « Dans le périmètre » et « Motif d’exclusion ».',
        [{ line: 1, message: 'En-tête non reconnu.' }],
      );
    }
    const lines: { line: number; finess: string; inScope: string; reason: string }[] = [];
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      if (typeCol >= 1 && normalize(cellText(row.getCell(typeCol).value)) === 'og') return;
      const finess = cellText(row.getCell(finessCol).value).trim();
      const inScope = cellText(row.getCell(scopeCol).value).trim();
      const reason = cellText(row.getCell(reasonCol).value);
      if (!finess && !inScope && !reason.trim()) return;
      lines.push({
        line: rowNumber,
        finess: /^\d{1,8}$/.test(finess) ? finess.padStart(9, '0') : finess,
        inScope,
        reason,
      });
    });
    if (lines.length === 0) throw new DomainError('IMPORT_REJECTED', 'Le fichier ne contient aucune ligne.');
    if (lines.length > 20000) throw new DomainError('IMPORT_REJECTED', 'Au plus 20 000 lignes par fichier.');
    return lines;
  }
}
