import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ImportReport } from '@tdb/contracts';
import type { EsmsRecord, OrganisationRecord } from '@tdb/finess';
import { findCategory } from '@tdb/reference';
import { toSearchText } from '../../common/text/search-text';
import type { ImportOptions } from './finess-import.service';

/** Rows per multi-row INSERT … ON CONFLICT. */
const BATCH_SIZE = 500;

const STRUCTURE_COLUMNS = [
  'finess',
  'og_finess',
  'name',
  'short_name',
  'search_text',
  'category_code',
  'finess_category_code',
  'department_code',
  'region_code',
  'competence',
  'street',
  'complement',
  'postal_code',
  'city',
  'commune_code',
  'phone',
  'siret',
  'opened_on',
  'latitude',
  'longitude',
] as const;

/** Fields compared to tell an unchanged structure from an updated one (entity field → column). */
const TRACKED_FIELDS = {
  ogFiness: 'og_finess',
  name: 'name',
  shortName: 'short_name',
  categoryCode: 'category_code',
  finessCategoryCode: 'finess_category_code',
  departmentCode: 'department_code',
  regionCode: 'region_code',
  competence: 'competence',
  street: 'street',
  complement: 'complement',
  postalCode: 'postal_code',
  city: 'city',
  communeCode: 'commune_code',
  phone: 'phone',
  siret: 'siret',
  openedOn: 'opened_on',
  latitude: 'latitude',
  longitude: 'longitude',
} as const;
type TrackedField = keyof typeof TRACKED_FIELDS;
type StructureRow = Record<TrackedField, string | number | null> & {
  finess: string;
  categoryCorrected: boolean;
};

const OG_COLUMNS = [
  'finess',
  'name',
  'short_name',
  'legal_status_code',
  'legal_status_label',
  'department_code',
  'siren',
  'city',
  'search_text',
] as const;
const OG_TRACKED = {
  name: 'name',
  shortName: 'short_name',
  legalStatusCode: 'legal_status_code',
  legalStatusLabel: 'legal_status_label',
  departmentCode: 'department_code',
  siren: 'siren',
  city: 'city',
} as const;
type OgTrackedField = keyof typeof OG_TRACKED;
type OgRow = Record<OgTrackedField, string | null> & { finess: string };

/**
 * The registry's tables as an import writes them: OGs and ESMS upserted in batches (only what
 * changed, with its history), and the `finess_imports` journal.
 */
@Injectable()
export class FinessImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Opens the journal row of an import; returns its id. */
  async begin(
    manager: EntityManager,
    entry: { fileName: string; fileDate: string | null; sha256: string; actor: string; startedAt: Date },
  ): Promise<number> {
    const [row] = await manager.query(
      `INSERT INTO finess_imports (file_name, file_date, sha256, actor, started_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [entry.fileName, entry.fileDate, entry.sha256, entry.actor, entry.startedAt],
    );
    return Number(row.id);
  }

  async finish(manager: EntityManager, importId: number, report: ImportReport): Promise<void> {
    await manager.query(`UPDATE finess_imports SET finished_at = now(), report = $2 WHERE id = $1`, [
      importId,
      JSON.stringify(report),
    ]);
  }

  /** Fresh planner statistics and a flushed GIN pending list keep name search on its trigram index. */
  async vacuum(): Promise<void> {
    await this.dataSource.query('VACUUM ANALYZE structures, managing_organisations');
  }

  async upsertOrganisations(
    manager: EntityManager,
    records: Map<string, OrganisationRecord | null>,
  ): Promise<{ created: number; updated: number }> {
    const finessList = [...records.keys()];
    const existing = new Map<string, OgRow>();
    for (const batch of chunk(finessList, 5000)) {
      const rows: Record<string, string | null>[] = await manager.query(
        `SELECT finess, name, short_name, legal_status_code, legal_status_label, department_code, siren, city
           FROM managing_organisations WHERE finess = ANY($1)`,
        [batch],
      );
      for (const row of rows) {
        existing.set(row['finess']!, {
          finess: row['finess']!,
          ...(Object.fromEntries(
            Object.entries(OG_TRACKED).map(([field, column]) => [field, row[column] ?? null]),
          ) as Record<OgTrackedField, string | null>),
        });
      }
    }
    let created = 0;
    let updated = 0;
    const toWrite: OgRow[] = [];
    for (const [finess, record] of records) {
      const current = existing.get(finess);
      if (!record) {
        // The ET rows name an OG that no structureej row describes: keep what we know, or a stub.
        if (!current) {
          toWrite.push({
            finess,
            name: null,
            shortName: null,
            legalStatusCode: null,
            legalStatusLabel: null,
            departmentCode: null,
            siren: null,
            city: null,
          });
          created++;
        }
        continue;
      }
      const next: OgRow = {
        finess,
        name: record.name,
        shortName: record.shortName,
        legalStatusCode: record.legalStatusCode,
        legalStatusLabel: record.legalStatusLabel,
        departmentCode: record.departmentCode,
        siren: record.siren,
        city: record.city,
      };
      if (!current) created++;
      else if ((Object.keys(OG_TRACKED) as OgTrackedField[]).some((f) => current[f] !== next[f])) updated++;
      else continue;
      toWrite.push(next);
    }
    for (const batch of chunk(toWrite, BATCH_SIZE)) {
      const values = batch.map((og) => [
        og.finess,
        og.name,
        og.shortName,
        og.legalStatusCode,
        og.legalStatusLabel,
        og.departmentCode,
        og.siren,
        og.city,
        toSearchText(og.name, og.shortName, og.city),
      ]);
      await manager.query(
        `INSERT INTO managing_organisations (${OG_COLUMNS.join(', ')}) VALUES ${placeholders(values.length, OG_COLUMNS.length)}
         ON CONFLICT (finess) DO UPDATE SET ${OG_COLUMNS.filter((c) => c !== 'finess')
           .map((c) => `${c} = EXCLUDED.${c}`)
           .join(', ')}, updated_at = now()`,
        values.flat(),
      );
    }
    return { created, updated };
  }

  async upsertStructures(
    manager: EntityManager,
    esmsList: EsmsRecord[],
    importId: number,
    options: ImportOptions,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const existing = new Map<string, StructureRow>();
    for (const batch of chunk(
      esmsList.map((e) => e.finess),
      5000,
    )) {
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT finess, category_corrected, ${Object.values(TRACKED_FIELDS).join(', ')},
                to_char(opened_on, 'YYYY-MM-DD') AS opened_on
           FROM structures WHERE finess = ANY($1)`,
        [batch],
      );
      for (const row of rows) {
        const entry = {
          finess: row['finess'] as string,
          categoryCorrected: row['category_corrected'] as boolean,
        } as StructureRow;
        for (const [field, column] of Object.entries(TRACKED_FIELDS)) {
          entry[field as TrackedField] = (row[column] ?? null) as string | number | null;
        }
        existing.set(entry.finess, entry);
      }
    }

    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const toWrite: { row: StructureRow; searchText: string }[] = [];
    const history: unknown[][] = [];
    for (const esms of esmsList) {
      const current = existing.get(esms.finess);
      const next: StructureRow = {
        finess: esms.finess,
        categoryCorrected: current?.categoryCorrected ?? false,
        ogFiness: esms.ogFiness,
        name: esms.name,
        shortName: esms.shortName,
        categoryCode: esms.categoryCode,
        finessCategoryCode: esms.finessCategoryCode,
        departmentCode: esms.departmentCode,
        regionCode: esms.regionCode,
        competence: esms.competence,
        street: esms.street,
        complement: esms.complement,
        postalCode: esms.postalCode,
        city: esms.city,
        communeCode: esms.communeCode,
        phone: esms.phone,
        siret: esms.siret,
        openedOn: esms.openedOn,
        latitude: esms.latitude,
        longitude: esms.longitude,
      };
      if (current?.categoryCorrected) {
        // A hand correction wins over the FINESS category (and the competence it implies).
        next.categoryCode = current.categoryCode;
        next.competence = findCategory(String(current.categoryCode))?.competence ?? current.competence;
      }
      const searchText = toSearchText(
        next.name as string,
        next.shortName as string | null,
        next.city as string | null,
      );
      if (!current) {
        created++;
        toWrite.push({ row: next, searchText });
        history.push([esms.finess, options.actor, 'IMPORT_CREATED', null, JSON.stringify({}), importId]);
        continue;
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of Object.keys(TRACKED_FIELDS) as TrackedField[]) {
        if (!sameValue(current[field], next[field]))
          changes[field] = { from: current[field], to: next[field] };
      }
      if (Object.keys(changes).length === 0) {
        unchanged++;
        continue;
      }
      updated++;
      toWrite.push({ row: next, searchText });
      history.push([esms.finess, options.actor, 'IMPORT_UPDATED', null, JSON.stringify(changes), importId]);
    }

    let written = 0;
    for (const batch of chunk(toWrite, BATCH_SIZE)) {
      const values = batch.map(({ row, searchText }) => [
        row.finess,
        row.ogFiness,
        row.name,
        row.shortName,
        searchText,
        row.categoryCode,
        row.finessCategoryCode,
        row.departmentCode,
        row.regionCode,
        row.competence,
        row.street,
        row.complement,
        row.postalCode,
        row.city,
        row.communeCode,
        row.phone,
        row.siret,
        row.openedOn,
        row.latitude,
        row.longitude,
      ]);
      await manager.query(
        `INSERT INTO structures (${STRUCTURE_COLUMNS.join(', ')}) VALUES ${placeholders(values.length, STRUCTURE_COLUMNS.length)}
         ON CONFLICT (finess) DO UPDATE SET ${STRUCTURE_COLUMNS.filter((c) => c !== 'finess')
           .map((c) => `${c} = EXCLUDED.${c}`)
           .join(', ')},
           version = structures.version + 1, updated_at = now()`,
        values.flat(),
      );
      written += batch.length;
      options.onProgress?.({ phase: 'write', done: written, total: toWrite.length });
    }
    for (const batch of chunk(history, BATCH_SIZE)) {
      await manager.query(
        `INSERT INTO structure_history (structure_finess, actor, kind, reason, changes, import_id) VALUES ${placeholders(batch.length, 6)}`,
        batch.flat(),
      );
    }
    return { created, updated, unchanged };
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    if (a === null || b === null) return a === b;
    return Math.abs(Number(a) - Number(b)) < 1e-9;
  }
  return (a ?? null) === (b ?? null);
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** "($1, $2), ($3, $4)" for rows × columns parameters. */
function placeholders(rows: number, columns: number): string {
  const groups: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) cells.push(`$${r * columns + c}`);
    groups.push(`(${cells.join(', ')})`);
  }
  return groups.join(', ');
}
