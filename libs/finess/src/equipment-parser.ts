/**
 * Parser of the State's open-data extract of social and medico-social equipment (« équipements
 * sociaux et médico-sociaux », etalab format, docs/registers.md): semicolon-separated, no quoting,
 * first line `finess;etalab;<N>;<date>` like the establishment extract, then one `equipementsocial`
 * row (28 fields) per establishment × discipline d'équipement × type d'activité × clientèle, with
 * its authorised and installed capacities. The published file may also carry `structureet` rows
 * (the ET → EJ link): they are recognised and skipped.
 *
 * Pure and total: parseEquipmentLine never throws; problems come back as French reasons naming the field.
 */
import { parseFinessDate } from './extract-parser';
import { validateFinessNumber } from './finess-number';

export const EQUIPEMENTSOCIAL_FIELDS = [
  'equipementsocial',
  'nofinesset',
  'de',
  'libde',
  'ta',
  'libta',
  'client',
  'libclient',
  'sourceinfo',
  'capinstot',
  'capinsthom',
  'capinstfem',
  'capinsthab',
  'ageminiinst',
  'agemaxiinst',
  'indsupinst',
  'datederinst',
  'datepremautor',
  'capautot',
  'capautohom',
  'capautofem',
  'capautohab',
  'ageminiaut',
  'agemaxiaut',
  'indsupaut',
  'dateautor',
  'datemajaut',
  'datemajinst',
] as const;

export type EquipementSocialField = (typeof EQUIPEMENTSOCIAL_FIELDS)[number];

export interface EquipmentRecord {
  readonly kind: 'equipementsocial';
  /** nofinesset: the establishment (FINESS géographique). */
  readonly finess: string;
  /** de: discipline d'équipement (3 digits, e.g. 924 accueil pour personnes âgées). */
  readonly disciplineCode: string;
  readonly disciplineLabel: string | null;
  /** ta: type d'activité / mode de fonctionnement (2 digits, e.g. 11 hébergement complet internat). */
  readonly activityCode: string;
  readonly activityLabel: string | null;
  /** client: clientèle (3 digits, e.g. 711 personnes âgées dépendantes). */
  readonly clienteleCode: string;
  readonly clienteleLabel: string | null;
  /** capinstot; 0 when the installation is marked deleted (indsupinst = O). */
  readonly installedCapacity: number | null;
  /** capautot; 0 when the authorisation is marked deleted (indsupaut = O). */
  readonly authorisedCapacity: number | null;
  readonly installationDeleted: boolean;
  readonly authorisationDeleted: boolean;
  /** capautohab: places habilitées à l'aide sociale (authorised). */
  readonly authorisedSocialAidCapacity: number | null;
  /** dateautor, ISO */
  readonly authorisedOn: string | null;
  /** datederinst, ISO */
  readonly installedOn: string | null;
  /** The later of datemajaut and datemajinst, ISO */
  readonly updatedOn: string | null;
}

export type EquipmentLine =
  | { ok: true; record: EquipmentRecord | { kind: 'empty' } | { kind: 'structureet' } }
  | { ok: false; reason: string };

class LineError extends Error {}

function fail(reason: string): never {
  throw new LineError(reason);
}

function optional(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

function capacity(value: string, field: string): number | null {
  if (value === '') return null;
  if (!/^[0-9]{1,6}$/.test(value)) fail(`${field} : capacité invalide : ${value}`);
  return Number(value);
}

function date(value: string, label: string): string | null {
  if (value === '') return null;
  return parseFinessDate(value) ?? fail(`${label} invalide : ${value}`);
}

function flag(value: string, field: string): boolean {
  const v = value.toUpperCase();
  if (v === '' || v === 'N') return false;
  if (v === 'O') return true;
  return fail(`${field} : O ou N attendu, « ${value} » reçu`);
}

function code(value: string, field: string, pattern: RegExp, label: string): string {
  if (value === '') fail(`${field} : ${label} vide`);
  if (!pattern.test(value)) fail(`${field} : ${label} invalide : ${value}`);
  return value;
}

function parseEquipment(fields: string[]): EquipmentRecord {
  // Tolerate one trailing empty field (a line ending with ';').
  if (fields.length === EQUIPEMENTSOCIAL_FIELDS.length + 1 && fields[fields.length - 1] === '')
    fields = fields.slice(0, -1);
  if (fields.length !== EQUIPEMENTSOCIAL_FIELDS.length) {
    fail(
      `nombre de champs incorrect pour equipementsocial : ${fields.length} au lieu de ${EQUIPEMENTSOCIAL_FIELDS.length}`,
    );
  }
  const f = {} as Record<EquipementSocialField, string>;
  EQUIPEMENTSOCIAL_FIELDS.forEach((name, i) => {
    f[name] = fields[i] ?? '';
  });
  const finess = validateFinessNumber(f.nofinesset);
  if (!finess.ok) fail(`nofinesset : ${finess.reason}`);
  const installationDeleted = flag(f.indsupinst, 'indsupinst');
  const authorisationDeleted = flag(f.indsupaut, 'indsupaut');
  const installed = capacity(f.capinstot, 'capinstot');
  const authorised = capacity(f.capautot, 'capautot');
  const majAut = date(f.datemajaut, "date de mise à jour de l'autorisation");
  const majInst = date(f.datemajinst, "date de mise à jour de l'installation");
  return {
    kind: 'equipementsocial',
    finess: finess.finess,
    disciplineCode: code(f.de, 'de', /^[0-9]{3}$/, "discipline d'équipement"),
    disciplineLabel: optional(f.libde),
    activityCode: code(f.ta, 'ta', /^[0-9]{2}$/, "type d'activité"),
    activityLabel: optional(f.libta),
    clienteleCode: code(f.client, 'client', /^[0-9]{3}$/, 'clientèle'),
    clienteleLabel: optional(f.libclient),
    installedCapacity: installationDeleted ? 0 : installed,
    authorisedCapacity: authorisationDeleted ? 0 : authorised,
    installationDeleted,
    authorisationDeleted,
    authorisedSocialAidCapacity: capacity(f.capautohab, 'capautohab'),
    authorisedOn: date(f.dateautor, "date d'autorisation"),
    installedOn: date(f.datederinst, "date d'installation"),
    updatedOn: majAut && majInst ? (majAut > majInst ? majAut : majInst) : (majAut ?? majInst),
  };
}

/** Parses one line of the equipment extract after its header (equipementsocial, structureet or empty). */
export function parseEquipmentLine(line: string): EquipmentLine {
  try {
    const cleaned = line.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '');
    if (cleaned.trim() === '') return { ok: true, record: { kind: 'empty' } };
    const fields = cleaned.split(';').map((v) => v.trim());
    const kind = (fields[0] ?? '').toLowerCase();
    if (kind === 'equipementsocial') return { ok: true, record: parseEquipment(fields) };
    if (kind === 'structureet') return { ok: true, record: { kind: 'structureet' } };
    return {
      ok: false,
      reason: `type de ligne inconnu : « ${(fields[0] ?? '').slice(0, 40)} » (equipementsocial attendu)`,
    };
  } catch (e) {
    if (e instanceof LineError) return { ok: false, reason: e.message };
    return { ok: false, reason: `ligne illisible (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** The key of an equipment row: one row per establishment × discipline × activity × clientèle. */
export function equipmentKey(record: EquipmentRecord): string {
  return `${record.finess}|${record.disciplineCode}|${record.activityCode}|${record.clienteleCode}`;
}
