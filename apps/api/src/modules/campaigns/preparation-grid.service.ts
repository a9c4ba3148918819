import { AccessService } from '../../common/auth/access.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BulkResult, ValueMap } from '@tdb/contracts';
import { findCategory } from '@tdb/reference';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { LoopYield, type Pause } from '../../common/concurrency/time-slicer';
import type { BulkDto } from './dto/submission.dto';
import { OrganisationEntryService } from './organisation-entry.service';
import { buildPreparationGrid, readPreparationGrid, type GridStructure } from './preparation-grid';
import { SubmissionReader } from './submission-reader.service';

/** Only what differs from the stored values is sent on, so untouched domains need no entry right. */
function changedOnly(read: Record<string, unknown>, stored: ValueMap): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(read).filter(([code, value]) => (stored[code] ?? null) !== (value ?? null)),
  );
}

/** A grid's slice of work before it gives the event loop back (ms). */
const SLICE_MS = 10;

/** The "grille de préparation à la collecte": download for one ESMS or a whole OG, upload back. */
@Injectable()
export class PreparationGridService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly submissions: SubmissionReader,
    private readonly organisations: OrganisationEntryService,
    private readonly access: AccessService,
  ) {}

  /**
   * How a grid is built or read: giving the event loop back every SLICE_MS (an OG's grid has a
   * column per structure, hundreds of thousands of cells), not as background work (foreground.ts):
   * a person waits for it, and behind the exports' share at the deadline a large OG's grid took a
   * minute.
   */
  private slices(): Pause {
    return new LoopYield(SLICE_MS);
  }

  /** The policy decides first: may the actor enter anything of this structure at all. */
  private async assertMayEnter(actor: AuthenticatedActor, finess: string): Promise<void> {
    const facts = await this.access.structureFacts(finess);
    if (facts) this.access.check(actor, { type: 'submission.edit', structure: facts, domains: [] });
  }

  async forStructure(actor: AuthenticatedActor, year: number, finess: string): Promise<Buffer> {
    const detail = await this.submissions.detail(actor, year, finess);
    const dictionary = await this.dictionaryOf(actor, year, finess);
    return buildPreparationGrid(
      {
        dictionary,
        campaignYear: year,
        structures: [this.gridStructure(detail)],
        organisation: detail.canEditOgItems
          ? {
              finess: detail.ogFiness,
              name: detail.ogName,
              values: detail.ogValues,
              previousValues: detail.previousValues,
            }
          : undefined,
      },
      this.slices(),
    );
  }

  async forOrganisation(actor: AuthenticatedActor, year: number, ogFiness: string): Promise<Buffer> {
    const detail = await this.organisations.detail(actor, year, ogFiness);
    const structures = detail.structures.filter((s) => s.inScope);
    if (structures.length === 0)
      throw new DomainError('NOT_FOUND', "Aucune structure de cet organisme n'est à saisir.");
    const first = structures[0];
    const dictionary = await this.dictionaryOf(actor, year, first?.finess ?? '');
    return buildPreparationGrid(
      {
        dictionary,
        campaignYear: year,
        structures: structures.map((s) => this.gridStructure(s)),
        organisation: detail.canEditOgItems
          ? {
              finess: ogFiness,
              name: detail.ogName,
              values: detail.values,
              previousValues: detail.previousValues,
            }
          : undefined,
      },
      this.slices(),
    );
  }

  async uploadForStructure(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    file: Buffer,
  ): Promise<BulkResult> {
    const detail = await this.submissions.detail(actor, year, finess);
    await this.assertMayEnter(actor, finess);
    if (detail.role !== 'STRUCTURE_ENTRY' && detail.role !== 'STRUCTURE_VALIDATION') {
      throw new DomainError(
        'FORBIDDEN',
        'Seuls les utilisateurs de la structure habilités à la saisie déposent sa grille.',
      );
    }
    const dictionary = await this.dictionaryOf(actor, year, finess);
    const read = await readPreparationGrid(
      file,
      {
        dictionary,
        structures: [{ finess, categoryCode: detail.categoryCode }],
        organisation: detail.canEditOgItems ? { finess: detail.ogFiness } : undefined,
      },
      this.slices(),
    );
    if (!read.ok) throw this.rejected(read.errors);
    const body: BulkDto = {
      structures: [{ finess, values: changedOnly(read.values[finess] ?? {}, detail.values) }],
    };
    if (detail.canEditOgItems) {
      body.organisation = {
        finess: detail.ogFiness,
        values: changedOnly(read.organisationValues, detail.ogValues),
      };
    }
    return this.organisations.bulk(actor, year, body, 'EXCEL');
  }

  async uploadForOrganisation(
    actor: AuthenticatedActor,
    year: number,
    ogFiness: string,
    file: Buffer,
  ): Promise<BulkResult> {
    const detail = await this.organisations.detail(actor, year, ogFiness);
    const entered =
      detail.structures.find((s) => s.role === 'STRUCTURE_ENTRY' || s.role === 'STRUCTURE_VALIDATION') ??
      detail.structures[0];
    if (entered) await this.assertMayEnter(actor, entered.finess);
    if (!detail.structures.some((s) => s.role === 'STRUCTURE_ENTRY' || s.role === 'STRUCTURE_VALIDATION')) {
      throw new DomainError(
        'FORBIDDEN',
        "Seuls les utilisateurs de l'organisme habilités à la saisie déposent sa grille.",
      );
    }
    const structures = detail.structures.filter((s) => s.inScope);
    if (structures.length === 0)
      throw new DomainError('NOT_FOUND', "Aucune structure de cet organisme n'est à saisir.");
    const dictionary = await this.dictionaryOf(actor, year, structures[0]?.finess ?? '');
    const read = await readPreparationGrid(
      file,
      {
        dictionary,
        structures: structures.map((s) => ({ finess: s.finess, categoryCode: s.categoryCode })),
        organisation: detail.canEditOgItems ? { finess: ogFiness } : undefined,
      },
      this.slices(),
    );
    if (!read.ok) throw this.rejected(read.errors);
    const body: BulkDto = {
      structures: structures
        .map((s) => ({ finess: s.finess, values: changedOnly(read.values[s.finess] ?? {}, s.values) }))
        .filter((s) => Object.keys(s.values).length > 0),
    };
    if (detail.canEditOgItems) {
      body.organisation = { finess: ogFiness, values: changedOnly(read.organisationValues, detail.values) };
    }
    return this.organisations.bulk(actor, year, body, 'EXCEL');
  }

  private rejected(errors: { sheet: string; cell: string; message: string }[]): DomainError {
    return new DomainError(
      'IMPORT_REJECTED',
      `Le fichier contient ${errors.length} ${errors.length > 1 ? 'erreurs' : 'erreur'} : rien n'a été enregistré.`,
      errors.map((e) => ({
        field: e.sheet && e.cell ? `${e.sheet}!${e.cell}` : undefined,
        message: e.message,
      })),
    );
  }

  private gridStructure(s: {
    finess: string;
    name: string;
    categoryCode: string;
    values: ValueMap;
    previousValues: ValueMap;
  }): GridStructure {
    return {
      finess: s.finess,
      name: s.name,
      categoryCode: s.categoryCode,
      categoryLabel: findCategory(s.categoryCode)?.label ?? s.categoryCode,
      values: s.values,
      previousValues: s.previousValues,
    };
  }

  private async dictionaryOf(actor: AuthenticatedActor, year: number, finess: string) {
    return this.dataSource.transaction(
      async (manager) => (await this.submissions.context(manager, actor, year, finess)).dictionary,
    );
  }
}
