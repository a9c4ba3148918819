/**
 * Parser of the State's open-data FINESS extract (data.gouv.fr "etalab" format): one record per line,
 * semicolon-separated, no quoting, empty fields allowed. First line: `finess;etalab;<N>;<date>`.
 * Row kinds, by first field: `structureet` (32 fields), `geolocalisation` (6), `structureej` (23).
 *
 * Pure and total: parseExtractLine never throws; problems come back as French reasons naming the field.
 */
import { departmentOfFinessCode } from '@tdb/reference';
import { validateFinessNumber } from './finess-number';
import { FINESS_PROJECTIONS, isFinessProjection, toWgs84 } from './projections';

export const STRUCTUREET_FIELDS = [
  'structureet',
  'nofinesset',
  'nofinessej',
  'rs',
  'rslongue',
  'complrs',
  'compldistrib',
  'numvoie',
  'typvoie',
  'voie',
  'compvoie',
  'lieuditbp',
  'commune',
  'departement',
  'libdepartement',
  'ligneacheminement',
  'telephone',
  'telecopie',
  'categetab',
  'libcategetab',
  'categagretab',
  'libcategagretab',
  'siret',
  'codeape',
  'codemft',
  'libmft',
  'codesph',
  'libsph',
  'dateouv',
  'dateautor',
  'datemaj',
  'numuai',
] as const;

export const GEOLOCALISATION_FIELDS = [
  'geolocalisation',
  'nofinesset',
  'coordxet',
  'coordyet',
  'sourcecoordet',
  'datemaj',
] as const;

export const STRUCTUREEJ_FIELDS = [
  'structureej',
  'nofinessej',
  'rs',
  'rslongue',
  'complrs',
  'compldistrib',
  'numvoie',
  'typvoie',
  'voie',
  'compvoie',
  'lieuditbp',
  'commune',
  'departement',
  'libdepartement',
  'ligneacheminement',
  'telephone',
  'telecopie',
  'statutjur',
  'libstatutjur',
  'siren',
  'codeape',
  'datecrea',
  'datemaj',
] as const;

export type StructureEtField = (typeof STRUCTUREET_FIELDS)[number];
export type GeolocalisationField = (typeof GEOLOCALISATION_FIELDS)[number];
export type StructureEjField = (typeof STRUCTUREEJ_FIELDS)[number];

/** Address and contact block shared by `structureet` and `structureej` rows. */
export interface AddressFields {
  /** numvoie */
  readonly streetNumber: string | null;
  /** typvoie (FINESS abbreviation: R, AV, BD, CHE…) */
  readonly streetType: string | null;
  /** voie */
  readonly streetName: string | null;
  /** compvoie (B, BIS, T…) */
  readonly streetNumberSuffix: string | null;
  /** numvoie + typvoie + voie + compvoie joined with single spaces; null when all are empty. */
  readonly street: string | null;
  /** lieuditbp */
  readonly locality: string | null;
  /** compldistrib */
  readonly distributionComplement: string | null;
  /** lieuditbp + compldistrib joined with a single space; null when both are empty. */
  readonly complement: string | null;
  /** commune: the 3-character commune part as written in the extract. */
  readonly communeField: string | null;
  /** INSEE commune code (5 characters), rebuilt from departement + commune; null when unknown. */
  readonly communeCode: string | null;
  /** departement as written in the extract (01…95, 2A, 2B, 9A…9F, 9J…). */
  readonly finessDepartment: string;
  /** libdepartement */
  readonly departmentLabel: string | null;
  /** ligneacheminement as written, e.g. "75013 PARIS". */
  readonly routingLine: string | null;
  /** The 5-digit postal code leading ligneacheminement, if any. */
  readonly postalCode: string | null;
  /** The rest of ligneacheminement after the postal code, e.g. "PARIS" or "LYON CEDEX 03". */
  readonly city: string | null;
  /** telephone */
  readonly phone: string | null;
  /** telecopie */
  readonly fax: string | null;
}

export interface StructureEtRecord extends AddressFields {
  readonly kind: 'structureet';
  /** nofinesset: FINESS géographique (the ESMS). */
  readonly finess: string;
  /** nofinessej: FINESS juridique of the organisme gestionnaire. */
  readonly ogFiness: string;
  /** rs: short name (raison sociale). */
  readonly name: string;
  /** rslongue: long name, if any. */
  readonly longName: string | null;
  /** complrs */
  readonly nameComplement: string | null;
  /** categetab (3 digits). */
  readonly finessCategoryCode: string;
  /** libcategetab */
  readonly finessCategoryLabel: string | null;
  /** categagretab */
  readonly aggregateCategoryCode: string | null;
  /** libcategagretab */
  readonly aggregateCategoryLabel: string | null;
  readonly siret: string | null;
  /** codeape */
  readonly apeCode: string | null;
  /** codemft: mode de fixation des tarifs */
  readonly tariffModeCode: string | null;
  /** libmft */
  readonly tariffModeLabel: string | null;
  /** codesph: service public hospitalier */
  readonly sphCode: string | null;
  /** libsph */
  readonly sphLabel: string | null;
  /** dateouv, ISO YYYY-MM-DD */
  readonly openedOn: string | null;
  /** dateautor, ISO */
  readonly authorisedOn: string | null;
  /** datemaj, ISO */
  readonly updatedOn: string | null;
  /** numuai */
  readonly uaiNumber: string | null;
}

export interface GeolocalisationRecord {
  readonly kind: 'geolocalisation';
  /** nofinesset */
  readonly finess: string;
  /** coordxet, metres in `projection` */
  readonly x: number;
  /** coordyet, metres in `projection` */
  readonly y: number;
  /** sourcecoordet as written, e.g. "1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93". */
  readonly source: string;
  /** Last comma-separated element of sourcecoordet (e.g. LAMBERT_93, UTM_S40), or null. */
  readonly projection: string | null;
  /** EPSG code of a known projection (e.g. "EPSG:2154"), else null. */
  readonly epsg: string | null;
  /** WGS84; null when the projection is unknown. */
  readonly latitude: number | null;
  readonly longitude: number | null;
  /** datemaj, ISO */
  readonly updatedOn: string | null;
}

export interface StructureEjRecord extends AddressFields {
  readonly kind: 'structureej';
  /** nofinessej */
  readonly finess: string;
  /** rs */
  readonly name: string;
  /** rslongue */
  readonly longName: string | null;
  /** complrs */
  readonly nameComplement: string | null;
  /** statutjur */
  readonly legalStatusCode: string | null;
  /** libstatutjur */
  readonly legalStatusLabel: string | null;
  readonly siren: string | null;
  /** codeape */
  readonly apeCode: string | null;
  /** datecrea, ISO */
  readonly createdOn: string | null;
  /** datemaj, ISO */
  readonly updatedOn: string | null;
}

/** The first line of an extract, when passed to parseExtractLine. */
export interface HeaderRecord {
  readonly kind: 'header';
  readonly sequence: string;
  /** ISO YYYY-MM-DD */
  readonly fileDate: string;
}

export interface EmptyRecord {
  readonly kind: 'empty';
}

export type ExtractRecord =
  StructureEtRecord | GeolocalisationRecord | StructureEjRecord | HeaderRecord | EmptyRecord;

export type ParsedLine = { ok: true; record: ExtractRecord } | { ok: false; reason: string };

export type ParsedHeader = { ok: true; sequence: string; fileDate: string } | { ok: false; reason: string };

class LineError extends Error {}

function fail(reason: string): never {
  throw new LineError(reason);
}

/** Strips a BOM, the line terminator and surrounding blanks. */
function cleanLine(line: string): string {
  return line.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '');
}

function splitFields(line: string): string[] {
  return line.split(';').map((f) => f.trim());
}

function optional(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

function joinNonEmpty(parts: readonly (string | null)[]): string | null {
  const joined = parts
    .filter((p): p is string => p !== null && p !== '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return joined === '' ? null : joined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD or DD/MM/YYYY → ISO YYYY-MM-DD; null when not a real calendar date. */
export function parseFinessDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  let year: number, month: number, day: number;
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else {
    m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
    if (!m) return null;
    day = Number(m[1]);
    month = Number(m[2]);
    year = Number(m[3]);
  }
  if (year < 1800 || month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > max) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dateField(value: string | undefined, label: string): string | null {
  if (value === undefined || value === '') return null;
  return parseFinessDate(value) ?? fail(`${label} invalide : ${value}`);
}

function finessField(value: string | undefined, field: string): string {
  const result = validateFinessNumber(value ?? '');
  return result.ok ? result.finess : fail(`${field} : ${result.reason}`);
}

/** Maps the fields of a row to a record keyed by field name after checking the count. */
function fieldsOf<F extends string>(kind: string, names: readonly F[], fields: string[]): Record<F, string> {
  // Tolerate one trailing empty field (a line ending with ';').
  if (fields.length === names.length + 1 && fields[fields.length - 1] === '') fields = fields.slice(0, -1);
  if (fields.length !== names.length) {
    fail(`nombre de champs incorrect pour ${kind} : ${fields.length} au lieu de ${names.length}`);
  }
  const record = {} as Record<F, string>;
  names.forEach((name, i) => {
    record[name] = fields[i] ?? '';
  });
  return record;
}

function departmentField(value: string): string {
  const v = value.toUpperCase();
  if (v === '') fail('departement : code département vide');
  if (!/^(?:[0-9]{2}|2[AB]|9[A-Z])$/.test(v)) fail(`departement : code département invalide : ${value}`);
  return v;
}

/** INSEE commune code from the FINESS departement and commune fields. */
function inseeCommuneCode(finessDepartment: string, commune: string): string | null {
  if (/^9[A-Z]$/.test(finessDepartment)) {
    // Overseas: departement 9A…9F stands for INSEE 971…976; the INSEE commune code is the 3-digit
    // department followed by the last two characters of the commune field.
    const insee = departmentOfFinessCode(finessDepartment)?.code;
    return insee ? insee + commune.slice(-2) : null;
  }
  return finessDepartment + commune;
}

type AddressSource = Record<
  | 'compldistrib'
  | 'numvoie'
  | 'typvoie'
  | 'voie'
  | 'compvoie'
  | 'lieuditbp'
  | 'commune'
  | 'departement'
  | 'libdepartement'
  | 'ligneacheminement'
  | 'telephone'
  | 'telecopie',
  string
>;

function addressOf(f: AddressSource): AddressFields {
  const finessDepartment = departmentField(f.departement);
  const commune = f.commune;
  if (commune !== '' && !/^[0-9]{3}$/.test(commune)) fail(`commune : code commune invalide : ${commune}`);
  const routingLine = optional(f.ligneacheminement.replace(/\s+/g, ' '));
  let postalCode: string | null = null;
  let city: string | null = routingLine;
  const m = routingLine === null ? null : /^([0-9]{5})(?:\s+(.*))?$/.exec(routingLine);
  if (m) {
    postalCode = m[1] ?? null;
    city = optional(m[2]);
  }
  const streetNumber = optional(f.numvoie);
  const streetType = optional(f.typvoie);
  const streetName = optional(f.voie);
  const streetNumberSuffix = optional(f.compvoie);
  const locality = optional(f.lieuditbp);
  const distributionComplement = optional(f.compldistrib);
  return {
    streetNumber,
    streetType,
    streetName,
    streetNumberSuffix,
    street: joinNonEmpty([streetNumber, streetType, streetName, streetNumberSuffix]),
    locality,
    distributionComplement,
    complement: joinNonEmpty([locality, distributionComplement]),
    communeField: optional(commune),
    communeCode: commune === '' ? null : inseeCommuneCode(finessDepartment, commune),
    finessDepartment,
    departmentLabel: optional(f.libdepartement),
    routingLine,
    postalCode,
    city,
    phone: optional(f.telephone),
    fax: optional(f.telecopie),
  };
}

function requiredName(rs: string, rslongue: string): string {
  if (rs === '' && rslongue === '') fail('rs : raison sociale vide');
  return rs === '' ? rslongue : rs;
}

function parseStructureEt(fields: string[]): StructureEtRecord {
  const f = fieldsOf('structureet', STRUCTUREET_FIELDS, fields);
  const finess = finessField(f.nofinesset, 'nofinesset');
  const ogFiness = finessField(f.nofinessej, 'nofinessej');
  const name = requiredName(f.rs, f.rslongue);
  const address = addressOf(f);
  if (!/^[0-9]{3,4}$/.test(f.categetab)) {
    fail(
      f.categetab === ''
        ? 'categetab : catégorie vide'
        : `categetab : code catégorie invalide : ${f.categetab}`,
    );
  }
  return {
    kind: 'structureet',
    finess,
    ogFiness,
    name,
    longName: optional(f.rslongue),
    nameComplement: optional(f.complrs),
    ...address,
    finessCategoryCode: f.categetab,
    finessCategoryLabel: optional(f.libcategetab),
    aggregateCategoryCode: optional(f.categagretab),
    aggregateCategoryLabel: optional(f.libcategagretab),
    siret: optional(f.siret),
    apeCode: optional(f.codeape),
    tariffModeCode: optional(f.codemft),
    tariffModeLabel: optional(f.libmft),
    sphCode: optional(f.codesph),
    sphLabel: optional(f.libsph),
    openedOn: dateField(f.dateouv, "date d'ouverture"),
    authorisedOn: dateField(f.dateautor, "date d'autorisation"),
    updatedOn: dateField(f.datemaj, 'date de mise à jour'),
    uaiNumber: optional(f.numuai),
  };
}

function coordinate(value: string, field: string): number {
  if (value === '') fail(`${field} : coordonnée vide`);
  const normalised = value.replace(',', '.');
  const n = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(normalised)
    ? Number(normalised)
    : NaN;
  return Number.isFinite(n) ? n : fail(`${field} : coordonnée invalide : ${value}`);
}

function parseGeolocalisation(fields: string[]): GeolocalisationRecord {
  const f = fieldsOf('geolocalisation', GEOLOCALISATION_FIELDS, fields);
  const finess = finessField(f.nofinesset, 'nofinesset');
  const x = coordinate(f.coordxet, 'coordxet');
  const y = coordinate(f.coordyet, 'coordyet');
  const parts = f.sourcecoordet.split(',').map((p) => p.trim());
  const projection = optional(parts[parts.length - 1]?.toUpperCase());
  const known = projection !== null && isFinessProjection(projection) ? projection : null;
  const wgs84 = known ? toWgs84(x, y, known) : null;
  return {
    kind: 'geolocalisation',
    finess,
    x,
    y,
    source: f.sourcecoordet,
    projection,
    epsg: known ? FINESS_PROJECTIONS[known].epsg : null,
    latitude: wgs84?.latitude ?? null,
    longitude: wgs84?.longitude ?? null,
    updatedOn: dateField(f.datemaj, 'date de mise à jour'),
  };
}

function parseStructureEj(fields: string[]): StructureEjRecord {
  const f = fieldsOf('structureej', STRUCTUREEJ_FIELDS, fields);
  const finess = finessField(f.nofinessej, 'nofinessej');
  const name = requiredName(f.rs, f.rslongue);
  const address = addressOf(f);
  return {
    kind: 'structureej',
    finess,
    name,
    longName: optional(f.rslongue),
    nameComplement: optional(f.complrs),
    ...address,
    legalStatusCode: optional(f.statutjur),
    legalStatusLabel: optional(f.libstatutjur),
    siren: optional(f.siren),
    apeCode: optional(f.codeape),
    createdOn: dateField(f.datecrea, 'date de création'),
    updatedOn: dateField(f.datemaj, 'date de mise à jour'),
  };
}

function parseHeaderFields(fields: string[]): { sequence: string; fileDate: string } {
  if (fields[0]?.toLowerCase() !== 'finess' || fields[1]?.toLowerCase() !== 'etalab') {
    fail('en-tête invalide : « finess;etalab;<numéro>;<date> » attendu');
  }
  while (fields.length > 4 && fields[fields.length - 1] === '') fields = fields.slice(0, -1);
  if (fields.length !== 4) fail(`en-tête invalide : 4 champs attendus, ${fields.length} reçus`);
  const sequence = fields[2] ?? '';
  if (!/^[0-9]+$/.test(sequence))
    fail(`en-tête invalide : numéro de séquence invalide : ${sequence || '(vide)'}`);
  const date = fields[3] ?? '';
  const fileDate =
    parseFinessDate(date) ?? fail(`en-tête invalide : date du fichier invalide : ${date || '(vide)'}`);
  return { sequence, fileDate };
}

function guard<T>(run: () => T): T | { ok: false; reason: string } {
  try {
    return run();
  } catch (e) {
    if (e instanceof LineError) return { ok: false, reason: e.message };
    return { ok: false, reason: `ligne illisible (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** Parses the first line of an extract: `finess;etalab;<N>;<YYYY-MM-DD or DD/MM/YYYY>`. */
export function parseHeaderLine(line: string): ParsedHeader {
  return guard(() => ({ ok: true as const, ...parseHeaderFields(splitFields(cleanLine(line))) }));
}

/** Parses one line of an extract (structureet, geolocalisation, structureej, header or empty). */
export function parseExtractLine(line: string): ParsedLine {
  return guard((): ParsedLine => {
    const cleaned = cleanLine(line);
    if (cleaned.trim() === '') return { ok: true, record: { kind: 'empty' } };
    const fields = splitFields(cleaned);
    const kind = (fields[0] ?? '').toLowerCase();
    switch (kind) {
      case 'structureet':
        return { ok: true, record: parseStructureEt(fields) };
      case 'geolocalisation':
        return { ok: true, record: parseGeolocalisation(fields) };
      case 'structureej':
        return { ok: true, record: parseStructureEj(fields) };
      case 'finess':
        return { ok: true, record: { kind: 'header', ...parseHeaderFields(fields) } };
      default: {
        const shown = (fields[0] ?? '').slice(0, 40);
        return {
          ok: false,
          reason: `type de ligne inconnu : « ${shown} » (structureet, geolocalisation ou structureej attendu)`,
        };
      }
    }
  });
}

/**
 * Guesses the encoding of the beginning of a file: valid UTF-8 (pure ASCII included) → 'utf8',
 * anything else (typically ISO-8859-1/Windows-1252 accents) → 'latin1'. A multibyte sequence cut at
 * the end of the sample is not held against UTF-8.
 */
export function detectEncoding(sample: Uint8Array): 'utf8' | 'latin1' {
  let i = 0;
  const n = sample.length;
  while (i < n) {
    const b = sample[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return 'latin1';
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return 'utf8'; // truncated at the end of the sample
      const c = sample[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) return 'latin1';
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 'latin1';
    i += need + 1;
  }
  return 'utf8';
}
