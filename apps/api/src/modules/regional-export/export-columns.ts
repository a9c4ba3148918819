import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXPORT_2021_COMPUTED_COLUMNS,
  EXPORT_2021_DUPLICATE_COLUMNS,
  type Dictionary,
  type ExportColumn,
  type Item,
} from '@tdb/dictionary';
import { DICTIONARY_DIR } from '../campaign-core/dictionary-registry.service';

/**
 * The 331 columns of the regional export of the current platform (export-tdbesms-2021-region-agg,
 * identical in 2020 and 2021), in order, and where each one takes its value from.
 */

export type IdentityKey =
  | 'region'
  | 'department'
  | 'category'
  | 'homogeneousGroup'
  | 'finess'
  | 'name'
  | 'structuration'
  | 'legalStatus'
  | 'city'
  | 'validationLevel'
  | 'progress'
  | 'ogFiness'
  | 'ogName';

/**
 * What fills an export column:
 * - `identity`: the structure, its OG and its submission status (columns A–M);
 * - `item`: a collected item of the campaign dictionary (merged own + OG values);
 * - `indicator`: a stored indicator (structure_indicators), its value, or for a distribution the
 *   share or the value of one part — a rate (see `isRateColumn`) written as a ratio;
 * - `same`: a repeat of another column (LJ = LG).
 */
export type ColumnSource =
  | { kind: 'identity'; key: IdentityKey }
  | { kind: 'item'; code: string }
  | { kind: 'indicator'; code: string; part?: string; measure: 'value' | 'share' }
  | { kind: 'same'; n: number }
  | { kind: 'empty'; reason: string };

export interface ExportColumnSpec extends ExportColumn {
  source: ColumnSource;
}

const IDENTITY: readonly IdentityKey[] = [
  'region',
  'department',
  'category',
  'homogeneousGroup',
  'finess',
  'name',
  'structuration',
  'legalStatus',
  'city',
  'validationLevel',
  'progress',
  'ogFiness',
  'ogName',
];

/** Export columns (1-based) holding a FINESS number: 9-character text cells. */
export const FINESS_COLUMNS: ReadonlySet<number> = new Set([5, 12]);

/**
 * Rates in the regional export are RATIOS: 5.26 % is written 0.0526, in a cell formatted as a
 * percentage (`RATE_FORMAT`, so that it reads « 5,26 % » in a spreadsheet). The platform computes,
 * stores and shows rates in % (libs/indicators); this file keeps the unit of the file of the current
 * platform, which ATIH and DIAMANT store as ratios (domain reference §4.1, `ANN_MS_TDP_ET`) and which
 * ARS tools average with DIAMANT values as they are (dnum-sante-ars-data/controle_ehpad). A column
 * is a rate when it holds the share of a distribution's part, or an indicator (or a part) whose
 * unit is « % »; other units (days, points, ETP per place, kWh/m²…) are written as computed.
 */
export const RATE_FORMAT = '0.00%';

export function isRateColumn(source: ColumnSource, unitOf: (code: string) => string | undefined): boolean {
  return source.kind === 'indicator' && (source.measure === 'share' || unitOf(source.code) === '%');
}

/** A rate in % as the export writes it: a ratio, without the binary noise of the division. */
export function exportRatio(percent: number): number {
  return Number((percent / 100).toPrecision(15));
}

const indicator = (code: string): ColumnSource => ({ kind: 'indicator', code, measure: 'value' });
const shares = (code: string, parts: readonly string[]): ColumnSource[] =>
  parts.map((part) => ({ kind: 'indicator', code, part, measure: 'share' }));
const items = (codes: readonly string[]): ColumnSource[] => codes.map((code) => ({ kind: 'item', code }));

/** P04 (main deficiency) / P04a (associated deficiency) pairs, as in columns FL–GI. */
const DEFICIENCIES: readonly (readonly [string, boolean])[] = [
  ['intellectuelles', true],
  ['autisme_ted', true],
  ['psychisme', true],
  ['langage_apprentissages', true],
  ['auditives', true],
  ['visuelles', true],
  ['motrices', true],
  ['metaboliques', true],
  ['cerebro_lesions', true],
  ['polyhandicap', false],
  ['tcc', true],
  ['diagnostic_en_cours', false],
  ['autres', true],
];

/**
 * Computed columns EI–KD (139–290), then LE, LH, LO, matched to the indicators of the campaign by
 * label (libs/indicators/data/2026.json). Distributions give the share of each part, except the
 * absenteeism by motif (R05) whose parts are already rates. Every rate — « Taux … », « Part … »,
 * the shares, R05 and its parts — is written as a ratio (0.0526 for 5.26 %, see `isRateColumn`).
 * The ETP columns (HS–IU) and the expenses of the care section (KB–KD) are raw operands, taken
 * from their items.
 */
const COMPUTED_SOURCES: readonly ColumnSource[] = [
  indicator('P01'), // 139 EI
  ...shares('P02', [
    'age_moins_1',
    'age_1_2',
    'age_2_3',
    'age_3_4',
    'age_4_5',
    'age_5_6',
    'age_6_10',
    'age_11_15',
    'age_16_17',
    'age_18_19',
    'age_20_24',
    'age_25_29',
    'age_30_34',
    'age_35_39',
    'age_40_44',
    'age_45_49',
    'age_50_54',
    'age_55_59',
    'age_60_74',
    'age_75_84',
    'age_85_95',
    'age_96_plus',
  ]), // 140–161 EJ–FE
  ...shares('P03', ['gir_1', 'gir_2', 'gir_3', 'gir_4', 'gir_5', 'gir_6']), // 162–167 FF–FK
  ...DEFICIENCIES.flatMap(([key, associated]) => [
    ...shares('P04', [key]),
    ...(associated ? shares('P04a', [key]) : []),
  ]), // 168–191 FL–GI
  ...['P05', 'P06', 'P07', 'P08', 'P08a', 'P09', 'P09a'].map(indicator), // 192–198 GJ–GP
  ...shares('P10', ['domicile', 'etablissement_sante', 'etablissement_medico_social', 'inconnue']), // GQ–GT
  ...shares('P11', ['deces', 'hospitalisation', 'domicile', 'reorientation', 'inconnue']), // GU–GY
  ...['P12', 'P13', 'P14', 'P15', 'P16', 'P17', 'P18', 'P19', 'P20', 'P21', 'P22', 'P23'].map(indicator), // GZ–HK
  ...['R01', 'R01a', 'R01b', 'R02', 'R03', 'R04', 'R06'].map(indicator), // 220–226 HL–HR
  ...items(
    [
      '',
      '_direction_medical',
      '_direction_autre',
      '_administration',
      '_services_generaux',
      '_restauration',
      '_socio_educatif',
      '_socio_educatif_amp',
      '_socio_educatif_animateur',
      '_socio_educatif_moniteur',
      '_socio_educatif_educateur_specialise',
      '_socio_educatif_assistant_social',
      '_socio_educatif_autre',
      '_paramedical',
      '_paramedical_infirmier',
      '_paramedical_amp',
      '_paramedical_aide_soignant',
      '_paramedical_kinesitherapeute',
      '_paramedical_psychomotricien',
      '_paramedical_ergotherapeute',
      '_paramedical_orthophoniste',
      '_paramedical_autre',
      '_psychologue',
      '_ash',
      '_medical',
      '_medical_medecin_coordonnateur',
      '_medical_autre',
      '_education_nationale',
      '_autres_fonctions',
    ].map((suffix) => (suffix === '' ? 'etp_reels_direction' : `etp_reels${suffix}`)),
  ), // 227–255 HS–IU
  ...shares('R08', [
    'age_moins_20',
    'age_20_29',
    'age_30_39',
    'age_40_49',
    'age_50_54',
    'age_55_59',
    'age_60_64',
    'age_65_plus',
  ]), // 256–263 IV–JC
  indicator('R05'), // 264 JD: total of the rates by motif
  ...[
    'maladie_courte',
    'maladie_moyenne',
    'maladie_longue',
    'maternite_paternite',
    'at_mp',
    'conges_speciaux',
  ].map((part): ColumnSource => ({ kind: 'indicator', code: 'R05', part, measure: 'value' })), // JE–JJ
  ...['F01', 'F02', 'F03', 'F04', 'F05', 'F06', 'F07'].map(indicator), // 271–277 JK–JQ
  ...shares('F08', ['groupe_1', 'groupe_2', 'groupe_3']), // 278–280 JR–JT
  ...shares('F09', ['hebergement', 'dependance', 'soins']), // 281–283 JU–JW
  ...shares('F09a', ['hebergement', 'dependance', 'soins']), // 284–286 JX–JZ
  indicator('F10'), // 287 KA
  ...items(['depenses_soins_personnel', 'depenses_soins_fournitures', 'depenses_soins_materiel']), // KB–KD
  indicator('O01'), // 317 LE
  indicator('O02'), // 320 LH
  indicator('O03'), // 327 LO
];

interface RawColumns {
  columns: ExportColumn[];
}

let allColumns: readonly ExportColumn[] | null = null;

/** The 331 columns (number, letter, label) of the 2021 export, in order. */
export function exportColumns2021(): readonly ExportColumn[] {
  allColumns ??= (
    JSON.parse(readFileSync(join(DICTIONARY_DIR, 'export-2021-columns.json'), 'utf8')) as RawColumns
  ).columns;
  return allColumns;
}

const computedSource = new Map<number, ColumnSource>();
if (EXPORT_2021_COMPUTED_COLUMNS.length !== COMPUTED_SOURCES.length) {
  throw new Error(
    `Regional export: ${COMPUTED_SOURCES.length} computed sources for ${EXPORT_2021_COMPUTED_COLUMNS.length} computed columns`,
  );
}
EXPORT_2021_COMPUTED_COLUMNS.forEach((column, i) => computedSource.set(column.n, COMPUTED_SOURCES[i]!));

const specsCache = new WeakMap<Dictionary, readonly ExportColumnSpec[]>();

/** Every column of the export with its source, for the campaign's dictionary (cached). */
export function exportColumnSpecs(dictionary: Dictionary): readonly ExportColumnSpec[] {
  const cached = specsCache.get(dictionary);
  if (cached) return cached;
  const byColumn = new Map<number, Item>();
  for (const item of dictionary.items) {
    if (item.exportColumn !== undefined) byColumn.set(item.exportColumn, item);
  }
  const duplicates = new Map(EXPORT_2021_DUPLICATE_COLUMNS.map((d) => [d.n, d.sameAs]));
  const specs = exportColumns2021().map((column): ExportColumnSpec => {
    const identity = IDENTITY[column.n - 1];
    if (identity) return { ...column, source: { kind: 'identity', key: identity } };
    const item = byColumn.get(column.n);
    if (item) return { ...column, source: { kind: 'item', code: item.code } };
    const computed = computedSource.get(column.n);
    if (computed) return { ...column, source: computed };
    const sameAs = duplicates.get(column.n);
    if (sameAs !== undefined) return { ...column, source: { kind: 'same', n: sameAs } };
    return {
      ...column,
      source: { kind: 'empty', reason: `Aucune donnée du dictionnaire ${dictionary.version}` },
    };
  });
  specsCache.set(dictionary, specs);
  return specs;
}
