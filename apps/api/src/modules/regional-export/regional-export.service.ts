import { PassThrough, type Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ownTerritory, territoryInScope, type Scope } from '@tdb/access';
import type { ItemValue, SubmissionStatusCode } from '@tdb/contracts';
import type { Dictionary, Item } from '@tdb/dictionary';
import { storedPart } from '@tdb/indicators';
import { findCategory, findDepartment, findRegion } from '@tdb/reference';
import { STATUS_LABELS } from '@tdb/submission-workflow';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { ExportGate, releaseWhenDone } from '../../common/concurrency/export-gate';
import type { Release } from '../../common/concurrency/work-gate';
import { foreground } from '../../common/concurrency/foreground';
import { pace } from '../../common/concurrency/stream-pace';
import { TimeSlicer } from '../../common/concurrency/time-slicer';
import { DomainError } from '../../common/errors/domain-error';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { mergedValues } from '../campaign-core/submission-context';
import {
  IndicatorValuesRepository,
  type ComputedIndicator,
} from '../computation/indicator-values.repository';
import { DerivedRules } from '../computation/derived-rules.service';
import {
  exportColumnSpecs,
  exportRatio,
  isRateColumn,
  type ExportColumnSpec,
  type IdentityKey,
} from './export-columns';
import { territoryTitle, writeText, writeXlsx, type ExportTerritory } from './export-writers';
import { BATCH, RegionalExportRepository, type ExportRow } from './regional-export.repository';

export type { ExportTerritory } from './export-writers';

/** A started export: the stream of the workbook and the name of its file. */
export interface StartedExport {
  stream: Readable;
  fileName: string;
  contentType: string;
}

/**
 * The formats of the export: the 2021 workbook, and for integrators the same rows as CSV (`;`,
 * UTF-8 with BOM, decimal comma, as French spreadsheets read it) or JSON lines (one object per
 * ESMS keyed by item and indicator codes, for programs).
 */
export type ExportFormat = 'xlsx' | 'csv' | 'jsonl';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** "Niveau de validation": the workflow status (who validated), as the status labels of the platform. */
export function validationLevel(status: SubmissionStatusCode, consultedByCd: boolean): string {
  const label = STATUS_LABELS[status];
  return consultedByCd ? `${label} (consultée par le Département)` : label;
}

/** "Etat d'avancement": not started, or in progress / entry finished with the fill rate. */
export function progressLabel(status: SubmissionStatusCode, completeness: number): string {
  if (status === 'NOT_STARTED') return STATUS_LABELS.NOT_STARTED;
  const percent = `${Math.floor(completeness * 100)} %`;
  return status === 'VALIDATED' || status === 'CONFIRMED'
    ? `Saisie terminée (${percent})`
    : `${STATUS_LABELS.IN_PROGRESS} (${percent})`;
}

type Cell = string | number | Date | null;

/**
 * Bytes the export may get ahead of its client (twice this: both sides of the PassThrough); past
 * that, the building waits for the client to read.
 */
const STREAM_BUFFER = 256 * 1024;
/**
 * Building rows (331 cells each) pauses once it has held the event loop SLICE_MS, until the
 * requests in flight are answered (foreground.ts): an export takes the time they leave.
 */
const SLICE_MS = 5;

function itemCell(item: Item, value: ItemValue | undefined): Cell {
  if (value === null || value === undefined || value === '') return null;
  switch (item.type) {
    case 'boolean':
      return value === true ? 'Oui' : value === false ? 'Non' : String(value);
    case 'choice':
      return (item.choices ?? []).find((c) => c.code === value)?.label ?? String(value);
    case 'date': {
      const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(value);
    }
    default:
      return typeof value === 'number' || typeof value === 'string' ? value : String(value);
  }
}

/**
 * The export of the data entered (issue 7 §5, issue 14 §5): one row per in-scope ESMS of a region
 * or a département visible to the caller, the 331 columns of the 2021 regional file.
 */
@Injectable()
export class RegionalExportService {
  private readonly logger = new Logger(RegionalExportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly registry: DictionaryRegistry,
    private readonly indicators: IndicatorValuesRepository,
    private readonly repository: RegionalExportRepository,
    private readonly gate: ExportGate,
    private readonly rules: DerivedRules,
  ) {}

  fileName(year: number, territory: ExportTerritory, format: ExportFormat = 'xlsx'): string {
    return territory.level === 'REGION'
      ? `export-tdbesms-${year}-region-${territory.code}-agg.${format}`
      : `export-tdbesms-${year}-departement-${territory.code}-agg.${format}`;
  }

  /** The export of a region (its ARS, national); the ARS's own region when `region` is missing. */
  async regional(
    actor: AuthenticatedActor,
    year: number,
    region: string | undefined,
    format: ExportFormat = 'xlsx',
  ): Promise<StartedExport> {
    return this.start(actor, year, this.territory(actor, 'REGION', region), format);
  }

  /**
   * The export of a département (its Département, the ARS of its region, national); the
   * Département's own when `department` is missing.
   */
  async departmental(
    actor: AuthenticatedActor,
    year: number,
    department: string | undefined,
    format: ExportFormat = 'xlsx',
  ): Promise<StartedExport> {
    return this.start(actor, year, this.territory(actor, 'DEPARTMENT', department), format);
  }

  /**
   * The territory asked for, checked: a known code (or the caller's own territory of that level
   * when the parameter is missing, as for an API token), which the caller's scope covers.
   */
  private territory(
    actor: AuthenticatedActor,
    level: ExportTerritory['level'],
    raw: string | undefined,
  ): { scope: Scope; territory: ExportTerritory } {
    const scope = this.access.listScope(actor, 'submission.read');
    const given = raw?.trim().toUpperCase() ?? '';
    const code =
      given === ''
        ? ownTerritory(scope, level)?.code
        : level === 'REGION'
          ? findRegion(given)?.code
          : findDepartment(given)?.code;
    if (!code) {
      const [what, parameter, example] =
        level === 'REGION' ? ['région', 'region', '24'] : ['département', 'department', '45'];
      throw new DomainError(
        'VALIDATION_FAILED',
        given === ''
          ? `Précisez le code de ${what} (paramètre « ${parameter} », par exemple ${example}).`
          : `« ${raw ?? ''} » n’est pas un code de ${what} (paramètre « ${parameter} », par exemple ${example}).`,
      );
    }
    const territory: ExportTerritory = { level, code };
    if (!territoryInScope(scope, territory)) {
      const department = findDepartment(code);
      throw new DomainError(
        'FORBIDDEN',
        level === 'REGION'
          ? `L’export régional de la région ${findRegion(code)?.name ?? code} est réservé à son ARS et à l’administration nationale.`
          : `L’export départemental du département ${department ? `${department.code} – ${department.name}` : code} est réservé à son Département, à l’ARS de sa région et à l’administration nationale.`,
        undefined,
        `Refused ${level === 'REGION' ? 'regional' : 'departmental'} export ${code} to ${actor.accountId}`,
      );
    }
    return { scope, territory };
  }

  /**
   * Takes a slot of the export gate (429 when the account already exports, 503 when the platform
   * is busy: JSON answers, before any byte of the file), then streams the workbook: rows are read
   * by batches of BATCH ESMS and committed to the XLSX stream as they come, at the pace the client
   * reads. The slot is released when the file is sent, fails, or the client goes away.
   */
  private async start(
    actor: AuthenticatedActor,
    year: number,
    { scope, territory }: { scope: Scope; territory: ExportTerritory },
    format: ExportFormat,
  ): Promise<StartedExport> {
    // Background work from its start, waiting in the gate included: the other requests are not
    // kept waiting for this one (foreground.ts).
    const background = foreground.exemptOne();
    let release: Release = () => undefined;
    try {
      release = await this.gate.acquire(actor);
      const campaign = await this.campaigns.row(year);
      const dictionary = await this.registry.byVersion(campaign.dictionary_version);
      const columns = exportColumnSpecs(dictionary);
      const first = await this.batch(scope, year, territory, null);
      const stream = new PassThrough({ highWaterMark: STREAM_BUFFER });
      releaseWhenDone(stream, release);
      releaseWhenDone(stream, background);
      const units = new Map(this.rules.definitionsFor(dictionary).indicators.map((d) => [d.code, d.unit]));
      const rates = new Set(
        columns.filter((c) => isRateColumn(c.source, (code) => units.get(code))).map((c) => c.n),
      );
      // Rates become ratios for the workbook's % format; CSV and JSON lines keep the page's figures.
      const ratios = format === 'xlsx' ? rates : null;
      const rows = this.cellRows(stream, scope, year, territory, dictionary, columns, first, ratios);
      const written =
        format === 'xlsx'
          ? writeXlsx(stream, `Export ${year} ${territoryTitle(territory)}`, columns, rates, rows)
          : writeText(stream, columns, rows, format);
      written.catch((error: unknown) => {
        if (stream.destroyed) return;
        this.logger.error(`Export ${year}/${territory.level}/${territory.code} failed: ${String(error)}`);
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return { stream, fileName: this.fileName(year, territory, format), contentType: CONTENT_TYPES[format] };
    } catch (error) {
      release();
      background();
      throw error;
    }
  }

  /**
   * The export's rows as cells, batch after batch of BATCH ESMS, at the pace the client reads; ends
   * early once the stream is gone. The columns of `ratios` (rates) are written as ratios.
   */
  private async *cellRows(
    stream: PassThrough,
    scope: Scope,
    year: number,
    territory: ExportTerritory,
    dictionary: Dictionary,
    columns: readonly ExportColumnSpec[],
    first: ExportRow[],
    ratios: ReadonlySet<number> | null,
  ): AsyncGenerator<Cell[]> {
    const items = new Map(dictionary.items.map((i) => [i.code, i]));
    const slicer = new TimeSlicer(SLICE_MS);
    let rows = first;
    while (rows.length > 0) {
      const indicators = await this.indicators.computedOf(
        this.dataSource.manager,
        year,
        rows.map((r) => r.finess),
      );
      if (stream.destroyed) return;
      for (const row of rows) {
        const cells = this.cells(row, columns, items, dictionary, indicators.get(row.finess));
        if (ratios) {
          columns.forEach((c, i) => {
            const value = cells[i];
            if (ratios.has(c.n) && typeof value === 'number') cells[i] = exportRatio(value);
          });
        }
        yield cells;
        if (slicer.due() && !(await pace(stream, slicer))) return;
      }
      if (!(await pace(stream, slicer))) return;
      rows =
        rows.length < BATCH ? [] : await this.batch(scope, year, territory, rows[rows.length - 1]!.finess);
      if (stream.destroyed) return;
    }
  }

  private cells(
    row: ExportRow,
    columns: readonly ExportColumnSpec[],
    items: ReadonlyMap<string, Item>,
    dictionary: Dictionary,
    indicators: ReadonlyMap<string, ComputedIndicator> | undefined,
  ): Cell[] {
    // In place: the row's values are this export's own, read for this row only.
    const values = mergedValues(row.values ?? {}, row.og_values ?? {}, dictionary, true);
    const byNumber = new Map<number, Cell>();
    const cellOf = (spec: ExportColumnSpec): Cell => {
      const source = spec.source;
      switch (source.kind) {
        case 'identity':
          return this.identity(row, source.key);
        case 'item': {
          const item = items.get(source.code);
          return item ? itemCell(item, values[source.code]) : null;
        }
        case 'indicator': {
          const stored = indicators?.get(source.code);
          if (!stored || stored.value === null) return null;
          if (!source.part) return stored.value;
          const part = stored.details ? storedPart(stored.details, source.part) : null;
          if (!part) return null;
          return source.measure === 'share' ? part.share : part.value;
        }
        case 'same':
          return byNumber.get(source.n) ?? null;
        case 'empty':
          return null;
      }
    };
    return columns.map((spec) => {
      const cell = cellOf(spec);
      byNumber.set(spec.n, cell);
      return cell;
    });
  }

  private identity(row: ExportRow, key: IdentityKey): Cell {
    switch (key) {
      case 'region':
        return findRegion(row.region_code)?.name ?? row.region_code;
      case 'department': {
        const department = findDepartment(row.department_code);
        return department ? `${department.code} - ${department.name}` : row.department_code;
      }
      case 'category':
        return findCategory(row.category_code)?.shortLabel ?? row.category_code;
      case 'homogeneousGroup':
        // The peer groups finer than the category are not defined yet.
        return null;
      case 'finess':
        return row.finess.trim();
      case 'name':
        return row.name;
      case 'structuration':
        return row.autonomous ? 'ESMS autonome' : 'ESMS rattaché à son organisme gestionnaire';
      case 'legalStatus':
        return row.legal_status;
      case 'city':
        return row.city;
      case 'validationLevel':
        return validationLevel(row.status, row.consulted_by_cd);
      case 'progress':
        return progressLabel(row.status, Number(row.completeness));
      case 'ogFiness':
        return row.og_finess.trim();
      case 'ogName':
        return row.og_name;
    }
  }

  /** The next BATCH in-scope ESMS of the territory visible to the caller, after `after` (FINESS order). */
  private batch(
    scope: Scope,
    year: number,
    territory: ExportTerritory,
    after: string | null,
  ): Promise<ExportRow[]> {
    return this.repository.batch(this.access.scopeCondition(scope, 's'), year, territory, after);
  }
}
