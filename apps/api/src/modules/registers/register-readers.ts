import { equipmentKey, parseEquipmentLine, parseHeaderLine } from '@tdb/finess';
import type { SourceRow } from '@tdb/dictionary';

/** A row of a register file as stored: the establishment, the row's key within it, its fields. */
export interface KeyedRow extends SourceRow {
  readonly key: string;
}

/**
 * How to read one register's file, line by line: its header (the file's date) and its rows. A new
 * source (e.g. CNSA accounts) is a reader here and a mapping file in libs/dictionary/data/sources.
 */
export interface RegisterReader {
  readonly source: string;
  /** French name of the file, for messages. */
  readonly fileLabel: string;
  header(line: string): { ok: true; fileDate: string } | { ok: false; reason: string };
  /** A row, null for a line to skip (empty, other row kind), or a French reason. */
  row(line: string): { ok: true; row: KeyedRow | null } | { ok: false; reason: string };
}

/** The FINESS extract of social and medico-social equipment (docs/registers.md). */
export const FINESS_EQUIPEMENTS_READER: RegisterReader = {
  source: 'FINESS_EQUIPEMENTS',
  fileLabel: 'extrait FINESS des équipements sociaux et médico-sociaux',
  header(line) {
    const header = parseHeaderLine(line);
    return header.ok ? { ok: true, fileDate: header.fileDate } : header;
  },
  row(line) {
    const parsed = parseEquipmentLine(line);
    if (!parsed.ok) return parsed;
    const record = parsed.record;
    if (record.kind !== 'equipementsocial') return { ok: true, row: null };
    return {
      ok: true,
      row: {
        finess: record.finess,
        key: equipmentKey(record).slice(10),
        fields: {
          de: record.disciplineCode,
          libde: record.disciplineLabel,
          ta: record.activityCode,
          libta: record.activityLabel,
          client: record.clienteleCode,
          libclient: record.clienteleLabel,
          capautot: record.authorisedCapacity,
          capinstot: record.installedCapacity,
          capautohab: record.authorisedSocialAidCapacity,
          dateautor: record.authorisedOn,
          datederinst: record.installedOn,
          datemaj: record.updatedOn,
        },
      },
    };
  },
};

export const REGISTER_READERS: Readonly<Record<string, RegisterReader>> = {
  FINESS_EQUIPEMENTS: FINESS_EQUIPEMENTS_READER,
};
