/**
 * Synthetic national FINESS extract (etalab format) for the TDB demo: ≈ 22 500 ESMS over the 20 TDB
 * categories plus ≈ 5 % of non-TDB rows (hospitals, pharmacies, SAAD, résidences autonomie) that an
 * importer must skip, with their organismes gestionnaires (structureej rows) of every size.
 *
 * Pure and deterministic: everything derives from `seed` (mulberry32) and `fileDate`; no clock, no
 * Math.random, no I/O. Counts and spreads follow shared/domain/calibration.md §1-§4.
 * A regional scope is the national extract filtered on the region (same seed → same structures).
 */
import {
  CATEGORIES,
  DEPARTMENTS,
  REGIONS,
  categoryOfFinessCode,
  findRegion,
  finessCodeOfDepartment,
  type Category,
  type Department,
} from '@tdb/reference';
import {
  STRUCTUREEJ_FIELDS,
  STRUCTUREET_FIELDS,
  computeFinessKey,
  computeLuhnCheckDigit,
  fromWgs84,
  projectionOfDepartment,
  type StructureEjField,
  type StructureEtField,
} from '@tdb/finess';
import {
  COMMERCIAL_GROUPS,
  MID_COMMERCIAL_GROUPS,
  NON_PROFIT_NATIONAL,
  PH_NATIONAL,
  coreName,
  departmentalAssociationName,
  homeCareFederationName,
  latin1Upper,
  localAssociationName,
  ofPlace,
  ofTerritory,
  plainUpper,
  regionalNonProfitName,
  shortName,
  street,
  structureName,
  type Street,
} from './names';
import { Random, WeightedTable } from '@tdb/random';
import { communesByDepartment, departmentLiaison, regionLiaison, type Commune } from './territory';

export interface GenerateOptions {
  readonly seed: number;
  /** INSEE region code: only that region's structures (and their OGs). Undefined: national. */
  readonly regionCode?: string;
  /** File date written in the header, ISO YYYY-MM-DD; also the upper bound of every date. */
  readonly fileDate: string;
  /** Sequence number of the header line (default 100). */
  readonly sequence?: number;
  /** Progress callback (structures created, then lines written). */
  readonly onProgress?: (done: number, total: number) => void;
}

export type OwnerKind =
  | 'public-autonomous'
  | 'hospital'
  | 'ccas'
  | 'assoc-local'
  | 'assoc-dept'
  | 'home-care'
  | 'ph-national'
  | 'np-national'
  | 'np-regional'
  | 'commercial-big'
  | 'commercial-mid'
  | 'commercial-single'
  | 'public-dept'
  | 'pharmacy';

export interface GeneratedStructure {
  readonly finess: string;
  readonly ogFiness: string;
  /** TDB category code, null for the non-TDB rows */
  readonly categoryCode: string | null;
  readonly finessCategoryCode: string;
  readonly departmentCode: string;
  readonly regionCode: string;
  readonly communeCode: string;
  readonly name: string;
  /** Installed places (null for CAMSP/CMPP, which have a file active, and non-TDB rows) */
  readonly capacity: number | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export interface GeneratedOrganisation {
  readonly finess: string;
  readonly name: string;
  readonly kind: OwnerKind;
  readonly legalStatusCode: string;
  readonly departmentCode: string;
  /** TDB ESMS managed in the generated scope */
  readonly esmsCount: number;
}

export interface GenerationStats {
  readonly scope: string;
  /** TDB ESMS */
  readonly esms: number;
  /** structureet rows outside the TDB categories */
  readonly nonTdbStructures: number;
  readonly organisations: number;
  readonly geolocated: number;
  readonly byCategory: Readonly<Record<string, { count: number; places: number }>>;
  readonly byRegion: Readonly<Record<string, number>>;
  readonly byFinessCategory: Readonly<Record<string, number>>;
  readonly departments: number;
  /** OGs managing at least one TDB ESMS, by number of ESMS managed */
  readonly ogSizes: {
    readonly single: number;
    readonly from2to10: number;
    readonly from11to29: number;
    readonly from30: number;
    readonly largest: number;
  };
}

export interface GeneratedExtract {
  /** Lines of finess-et.csv: header, structureet rows, geolocalisation rows (no line terminators). */
  readonly etLines: string[];
  /** Lines of finess-ej.csv: header, structureej rows. */
  readonly ejLines: string[];
  readonly structures: GeneratedStructure[];
  readonly organisations: GeneratedOrganisation[];
  readonly stats: GenerationStats;
}

// ---------------------------------------------------------------------------------------------
// Calibration (shared/domain/calibration.md)
// ---------------------------------------------------------------------------------------------

type Sector = 'PA' | 'PH_ENFANTS' | 'PH_ADULTES';
type OwnerWeights = Partial<Record<OwnerKind, number>>;

interface CategorySpec {
  /** National number of structures (§1) */
  readonly count: number;
  /** Capacity: log-normal median, log sd, bounds (§4); null when counted in file active */
  readonly capacity: readonly [number, number, number, number] | null;
  /** FINESS codes and their shares (legacy codes still in use, §1.1) */
  readonly finessCodes?: Readonly<Record<string, number>>;
  readonly owners: OwnerWeights;
  /** Earliest opening year */
  readonly openedFrom: number;
}

const EHPAD_OWNERS: OwnerWeights = {
  'public-autonomous': 0.17,
  hospital: 0.13,
  ccas: 0.11,
  'assoc-local': 0.17,
  'np-national': 0.05,
  'np-regional': 0.1,
  'commercial-big': 0.141,
  'commercial-mid': 0.04,
  'commercial-single': 0.089,
};
const PH_CHILD_OWNERS: OwnerWeights = {
  'assoc-dept': 0.45,
  'ph-national': 0.12,
  'assoc-local': 0.28,
  'public-dept': 0.08,
  'np-regional': 0.07,
};
const PH_ADULT_OWNERS: OwnerWeights = {
  'assoc-dept': 0.45,
  'ph-national': 0.12,
  'assoc-local': 0.28,
  'public-dept': 0.08,
  'np-regional': 0.04,
  hospital: 0.03,
};

export const CATEGORY_SPECS: Readonly<Record<string, CategorySpec>> = {
  CAMSP: {
    count: 347,
    capacity: null,
    owners: {
      'assoc-dept': 0.3,
      hospital: 0.35,
      'assoc-local': 0.2,
      'ph-national': 0.1,
      'public-dept': 0.05,
    },
    openedFrom: 1976,
  },
  CMPP: {
    count: 480,
    capacity: null,
    owners: { 'assoc-dept': 0.45, 'assoc-local': 0.35, 'ph-national': 0.15, 'public-dept': 0.05 },
    openedFrom: 1965,
  },
  CRP: {
    count: 87,
    capacity: [100, 0.5, 20, 400],
    owners: { 'assoc-local': 0.4, 'ph-national': 0.3, 'np-regional': 0.2, 'public-dept': 0.1 },
    openedFrom: 1965,
  },
  EHPAD: { count: 7500, capacity: [75, 0.42, 12, 420], owners: EHPAD_OWNERS, openedFrom: 1960 },
  ESAT: { count: 1494, capacity: [72, 0.45, 10, 400], owners: PH_ADULT_OWNERS, openedFrom: 1965 },
  IEM: { count: 140, capacity: [45, 0.45, 8, 200], owners: PH_CHILD_OWNERS, openedFrom: 1965 },
  EEAP: { count: 200, capacity: [25, 0.4, 6, 100], owners: PH_CHILD_OWNERS, openedFrom: 1975 },
  EAM: {
    count: 1073,
    capacity: [27, 0.45, 6, 150],
    finessCodes: { '448': 0.6, '437': 0.4 },
    owners: PH_ADULT_OWNERS,
    openedFrom: 1986,
  },
  EANM: {
    count: 3146,
    capacity: [27, 0.5, 5, 150],
    finessCodes: { '449': 0.4, '382': 0.33, '252': 0.25, '253': 0.02 },
    owners: PH_ADULT_OWNERS,
    openedFrom: 1970,
  },
  IME: { count: 1230, capacity: [52, 0.45, 10, 250], owners: PH_CHILD_OWNERS, openedFrom: 1960 },
  IDA: { count: 68, capacity: [54, 0.45, 10, 250], owners: PH_CHILD_OWNERS, openedFrom: 1960 },
  IDV: { count: 35, capacity: [38, 0.45, 8, 200], owners: PH_CHILD_OWNERS, openedFrom: 1960 },
  IESSA: { count: 27, capacity: [48, 0.45, 8, 200], owners: PH_CHILD_OWNERS, openedFrom: 1965 },
  ITEP: { count: 444, capacity: [40, 0.4, 8, 150], owners: PH_CHILD_OWNERS, openedFrom: 1965 },
  MAS: {
    count: 741,
    capacity: [38, 0.45, 8, 200],
    owners: { ...PH_ADULT_OWNERS, hospital: 0.12, 'assoc-local': 0.2 },
    openedFrom: 1978,
  },
  SAVS: { count: 1041, capacity: [37, 0.55, 5, 300], owners: PH_ADULT_OWNERS, openedFrom: 1985 },
  SAMSAH: { count: 502, capacity: [22, 0.45, 5, 120], owners: PH_ADULT_OWNERS, openedFrom: 2005 },
  SSIAD: {
    count: 1850,
    capacity: [52, 0.5, 10, 400],
    owners: {
      'assoc-local': 0.3,
      'home-care': 0.25,
      ccas: 0.15,
      hospital: 0.15,
      'np-regional': 0.05,
      'public-autonomous': 0.05,
      'commercial-single': 0.05,
    },
    openedFrom: 1981,
  },
  SPASAD: {
    count: 250,
    capacity: [52, 0.5, 10, 300],
    owners: {
      'assoc-local': 0.3,
      'home-care': 0.35,
      ccas: 0.2,
      'np-regional': 0.1,
      'commercial-single': 0.05,
    },
    openedFrom: 2004,
  },
  SESSAD: { count: 1900, capacity: [26, 0.5, 4, 150], owners: PH_CHILD_OWNERS, openedFrom: 1975 },
};

/** Non-TDB rows per inhabitant (≈ 5 % of all structureet rows); hospitals come with their OGs. */
const NON_TDB_PER_INHABITANT: Readonly<Record<string, number>> = {
  '620': 1 / 190_000,
  '460': 1 / 370_000,
  '202': 1 / 600_000,
};
const INHABITANTS_PER_HOSPITAL = 125_000;

/** Population shares are corrected per region × sector (§2): IDF under-equipped, overseas 0.4-0.7. */
const FIXED_MULTIPLIERS: Readonly<Record<string, number>> = { '11:EHPAD': 0.78, '11:ESAT': 0.85 };

const FINESS_LABELS: Readonly<Record<string, string>> = {
  '190': 'Centre Action Médico-Sociale Précoce (C.A.M.S.P.)',
  '189': 'Centre Médico-Psycho-Pédagogique (C.M.P.P.)',
  '249': 'Etablissement et Service de Réadaptation Professionnelle',
  '500': "Etablissement d'hébergement pour personnes âgées dépendantes",
  '246': "Etablissement et Service d'Aide par le Travail (E.S.A.T.)",
  '192': "Institut d'Education Motrice",
  '188': 'Etablissement pour Enfants ou Adolescents Polyhandicapés',
  '437': "Foyer d'Accueil Médicalisé (F.A.M.)",
  '448': 'Etab. Acc. Médicalisé en tout ou partie personnes handicapées',
  '449': 'Etab. Accueil Non Médicalisé pour personnes handicapées',
  '382': 'Foyer de Vie',
  '252': 'Foyer Hébergement Adultes Handicapés',
  '253': "Foyer d'Accueil Polyvalent",
  '183': 'Institut Médico-Educatif (I.M.E.)',
  '195': 'Institut pour Déficients Auditifs',
  '194': 'Institut pour Déficients Visuels',
  '196': "Institut d'Education Sensorielle Sourd/Aveugle",
  '186': 'Institut Thérapeutique Éducatif et Pédagogique (I.T.E.P.)',
  '255': "Maison d'Accueil Spécialisée (M.A.S.)",
  '446': "Service d'Accompagnement à la Vie Sociale (S.A.V.S.)",
  '445': "Service d'accompagnement médico-social adultes handicapés",
  '354': 'Service de Soins Infirmiers A Domicile (S.S.I.A.D)',
  '209': 'Service Polyvalent Aide et Soins A Domicile (S.P.A.S.A.D.)',
  '182': "Service d'Éducation Spéciale et de Soins à Domicile",
  '355': 'Centre Hospitalier (C.H.)',
  '620': "Pharmacie d'Officine",
  '460': "Service d'Aide et d'Accompagnement à Domicile (S.A.A.D)",
  '202': 'Résidences autonomie',
};

/** Aggregate category (categagretab) — approximate FINESS nomenclature. */
function aggregateOf(finessCode: string, category: Category | undefined): readonly [string, string] {
  if (finessCode === '355') return ['1102', 'Centres Hospitaliers'];
  if (finessCode === '620') return ['3301', "Pharmacies d'Officine"];
  if (finessCode === '460') return ['4602', "Services d'Aide à Domicile"];
  if (finessCode === '202' || category?.code === 'EHPAD')
    return ['4401', 'Etab. et Services pour Personnes Agées'];
  if (category?.code === 'SSIAD' || category?.code === 'SPASAD')
    return ['4403', 'Services de Soins à Domicile'];
  if (category?.public === 'PH_ENFANTS')
    return ['4301', "Etab. et Services pour l'Enfance et la Jeunesse Handicapée"];
  if (category?.code === 'ESAT' || category?.code === 'CRP')
    return ['4303', 'Etab. et Services de Travail Protégé et Réinsertion'];
  return ['4302', 'Etab. et Services pour Adultes Handicapés'];
}

// prettier-ignore
const APE_OF_FINESS: Readonly<Record<string, string>> = {
  '500': '8710A', '183': '8710B', '186': '8710B', '192': '8710B', '188': '8710B', '195': '8710B', '194': '8710B',
  '196': '8710B', '255': '8710C', '437': '8710C', '448': '8710C', '382': '8720A', '252': '8720A', '253': '8720A',
  '449': '8720A', '246': '8810C', '249': '8559A', '182': '8891B', '190': '8891B', '189': '8891B', '446': '8810B',
  '445': '8810B', '354': '8690D', '209': '8810A', '355': '8610Z', '620': '4773Z', '460': '8810A', '202': '8730A',
};

const TARIFF_MODES: Readonly<Record<string, readonly [string, string]>> = {
  SHARED: ['45', 'ARS / PCD Tarif global ou partiel'],
  ARS: ['34', 'ARS Dotation Globale'],
  CD: ['08', 'Président du Conseil Départemental'],
  '355': ['03', 'ARS Dotation Annuelle de Financement'],
};

export const LEGAL_STATUSES: Readonly<Record<string, string>> = {
  '13': "Etablissement Public Communal d'Hospitalisation",
  '14': "Etablissement Public Intercommunal d'Hospitalisation",
  '17': "Centre Communal d'Action Sociale",
  '21': 'Etablissement Social et Médico-Social Communal',
  '22': 'Etablissement Social et Médico-Social Intercommunal',
  '26': 'Etablissement Social et Médico-Social Départemental',
  '47': 'Société Mutualiste',
  '60': "Association Loi 1901 non Reconnue d'Utilité Publique",
  '61': "Association Loi 1901 Reconnue d'Utilité Publique",
  '63': 'Fondation',
  '72': 'Société A Responsabilité Limitée (S.A.R.L.)',
  '73': 'Société Anonyme (S.A.)',
  '85': "Société d'Exercice Libéral (S.E.L.)",
  '95': 'Société par Actions Simplifiée (S.A.S.)',
};

// prettier-ignore
const PHONE_PREFIX_BY_REGION: Readonly<Record<string, string>> = {
  '11': '01', '24': '02', '28': '02', '52': '02', '53': '02', '27': '03', '32': '03', '44': '03',
  '84': '04', '93': '04', '94': '04', '75': '05', '76': '05', '01': '0590', '02': '0596', '03': '0594',
  '04': '0262', '06': '0269',
};

/** FINESS number prefix of a department: the FINESS department code, or 97x/985 overseas. */
const OVERSEAS_FINESS_PREFIX: Readonly<Record<string, string>> = {
  '971': '971',
  '972': '972',
  '973': '973',
  '974': '974',
  // Mayotte: real numbers start with 985 (its former INSEE code), shared/domain/README.md §3.1.
  '976': '985',
};

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

interface Address {
  readonly commune: Commune;
  readonly postalCode: string;
  readonly street: Street;
  readonly locality: string;
  readonly distribution: string;
}

interface Organisation {
  readonly finess: string;
  readonly kind: OwnerKind;
  readonly longName: string;
  readonly keepLongName: boolean;
  readonly status: string;
  readonly department: Department;
  readonly address: Address;
  readonly siren: string;
  readonly apeCode: string;
  readonly phone: string;
  readonly fax: string;
  readonly createdOn: string;
  readonly updatedOn: string;
  /** Brand used in structure names (commercial groups) */
  readonly brand?: string;
  nextNic: number;
  esmsCount: number;
  structureCount: number;
}

interface Structure {
  readonly finess: string;
  readonly og: Organisation;
  readonly finessCategoryCode: string;
  readonly category: Category | undefined;
  readonly department: Department;
  readonly address: Address;
  readonly longName: string;
  readonly keepLongName: boolean;
  readonly phone: string;
  readonly fax: string;
  readonly siret: string;
  readonly openedOn: string;
  readonly authorisedOn: string;
  readonly updatedOn: string;
  readonly capacity: number | null;
  readonly uai: string;
  readonly position: {
    latitude: number;
    longitude: number;
    x: number;
    y: number;
    source: string;
    updatedOn: string;
  } | null;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function isoToDays(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Invalid ISO date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function daysToIso(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function routingLine(postalCode: string, commune: Commune, cedex: boolean): string {
  const city = plainUpper(commune.name)
    .replace(/['-]/g, ' ')
    .replace(/\bSAINTE\b/g, 'STE')
    .replace(/\bSAINT\b/g, 'ST')
    .replace(/\s+/g, ' ')
    .trim();
  return `${postalCode} ${city}${cedex ? ' CEDEX' : ''}`;
}

function line<F extends string>(fields: readonly F[], values: Partial<Record<F, string>>): string {
  return fields.map((f) => values[f] ?? '').join(';');
}

/** Allocates unique FINESS numbers (ET and EJ share the same space) with valid keys. */
class FinessAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  allocate(department: Department): string {
    const prefix = OVERSEAS_FINESS_PREFIX[department.code] ?? department.code;
    for (;;) {
      const first8 = prefix + this.random.digits(8 - prefix.length);
      const finess = first8 + computeFinessKey(first8);
      if (!this.used.has(finess)) {
        this.used.add(finess);
        return finess;
      }
    }
  }
}

/** Allocates unique SIREN numbers (9 digits, Luhn). */
class SirenAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  allocate(firstDigit: string): string {
    for (;;) {
      const first8 = firstDigit + this.random.digits(7);
      const siren = first8 + computeLuhnCheckDigit(first8);
      if (!this.used.has(siren)) {
        this.used.add(siren);
        return siren;
      }
    }
  }
}

function siretOf(og: Organisation): string {
  const nic4 = String(og.nextNic++).padStart(4, '0');
  return og.siren + nic4 + computeLuhnCheckDigit(og.siren + nic4);
}

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

class NationalGenerator {
  private readonly random: Random;
  private readonly finessNumbers: FinessAllocator;
  private readonly sirens: SirenAllocator;
  private readonly communes = communesByDepartment();
  private readonly communeTables = new Map<string, WeightedTable<Commune>>();
  private readonly fileDays: number;
  private readonly usedNames = new Set<string>();
  readonly organisations: Organisation[] = [];
  readonly structures: Structure[] = [];
  // Pools of multi-structure owners
  private readonly hospitals = new Map<string, Organisation[]>();
  private readonly deptAssociations = new Map<string, Organisation[]>();
  private readonly homeCare = new Map<string, Organisation[]>();
  private readonly publicDept = new Map<string, Organisation>();
  private readonly localAssociations = new Map<string, Organisation[]>();
  private readonly ccas = new Map<string, Organisation>();
  private readonly regionalNonProfit = new Map<string, Organisation[]>();
  private readonly national = new Map<string, Organisation>();
  private readonly midGroupRegions: string[];

  constructor(
    seed: number,
    private readonly fileDate: string,
    private readonly onStructure: () => void,
  ) {
    this.random = new Random(seed);
    this.finessNumbers = new FinessAllocator(this.random.fork('finess'));
    this.sirens = new SirenAllocator(this.random.fork('siren'));
    this.fileDays = isoToDays(fileDate);
    const metroRegions = REGIONS.filter((r) => !r.overseas && r.code !== '94').map((r) => r.code);
    this.midGroupRegions = MID_COMMERCIAL_GROUPS.map(() => this.random.pick(metroRegions));
  }

  // --- territory ------------------------------------------------------------------------------

  private communesOf(department: Department): readonly Commune[] {
    const list = this.communes.get(department.code);
    if (!list) throw new Error(`No commune for ${department.code}`);
    return list;
  }

  private drawCommune(department: Department, random: Random): Commune {
    let table = this.communeTables.get(department.code);
    if (!table) {
      table = new WeightedTable(
        this.communesOf(department).map((c) => [c, c.population < 300 ? 0 : c.population ** 0.75] as const),
      );
      this.communeTables.set(department.code, table);
    }
    return table.draw(random);
  }

  private mainCommune(department: Department): Commune {
    let best: Commune | undefined;
    for (const c of this.communesOf(department)) if (!best || c.population > best.population) best = c;
    if (!best) throw new Error(`No commune for ${department.code}`);
    return best;
  }

  private readonly populations = new Map<string, number>();

  private population(department: Department): number {
    let total = this.populations.get(department.code);
    if (total === undefined) {
      total = 0;
      for (const c of this.communesOf(department)) total += c.population;
      this.populations.set(department.code, total);
    }
    return total;
  }

  private address(commune: Commune, random: Random, official = false): Address {
    const bp = random.chance(0.08);
    return {
      commune,
      postalCode: random.pick(commune.postalCodes),
      street: official
        ? {
            number: random.chance(0.5) ? '1' : '',
            type: 'PL',
            name: random.pick(["DE L'HÔTEL DE VILLE", 'DE LA MAIRIE', 'DE LA RÉPUBLIQUE']),
            suffix: '',
          }
        : street(random),
      locality: bp
        ? `BP ${random.int(1, 999)}`
        : random.chance(0.03)
          ? latin1Upper(`LIEU DIT ${coreName(random, commune.name)}`)
          : '',
      distribution: random.chance(0.04)
        ? `CS ${random.int(10, 99)}0${random.int(0, 9)}${random.int(0, 9)}`
        : '',
    };
  }

  private phone(department: Department, random: Random): string {
    const prefix = PHONE_PREFIX_BY_REGION[department.regionCode] ?? '09';
    return prefix + random.digits(10 - prefix.length);
  }

  private dateBetween(random: Random, fromDays: number, toDays: number): string {
    return daysToIso(Math.floor(fromDays + random.next() * Math.max(0, toDays - fromDays)));
  }

  private yearDays(year: number): number {
    return isoToDays(`${year}-01-01`);
  }

  // --- organisations --------------------------------------------------------------------------

  private newOrganisation(
    kind: OwnerKind,
    longName: string,
    status: string,
    department: Department,
    address: Address,
    random: Random,
    createdFrom: number,
    brand?: string,
  ): Organisation {
    const firstDigit =
      kind === 'hospital' || kind === 'ccas' || kind === 'public-autonomous' || kind === 'public-dept'
        ? '2'
        : kind.startsWith('commercial') || kind === 'pharmacy'
          ? random.pick(['3', '4', '5', '8'])
          : random.pick(['7', '3', '4']);
    const apeByKind: Partial<Record<OwnerKind, string>> = {
      hospital: '8610Z',
      ccas: '8411Z',
      'public-autonomous': '8710A',
      'public-dept': '8720A',
      'commercial-big': '8710A',
      'commercial-mid': '8710A',
      'commercial-single': '8710A',
      'home-care': '8810A',
      pharmacy: '4773Z',
    };
    const og: Organisation = {
      finess: this.finessNumbers.allocate(department),
      kind,
      longName,
      keepLongName: random.chance(0.9),
      status,
      department,
      address,
      siren: this.sirens.allocate(firstDigit),
      apeCode: random.chance(0.8) ? (apeByKind[kind] ?? '8899B') : '',
      phone: this.phone(department, random),
      fax: random.chance(0.4) ? this.phone(department, random) : '',
      createdOn: this.dateBetween(random, this.yearDays(createdFrom), this.fileDays - 365),
      updatedOn: this.dateBetween(random, this.yearDays(2016), this.fileDays - 1),
      brand,
      nextNic: random.int(1, 40),
      esmsCount: 0,
      structureCount: 0,
    };
    this.organisations.push(og);
    return og;
  }

  private nationalOrganisation(key: string, create: () => Organisation): Organisation {
    let og = this.national.get(key);
    if (!og) {
      og = create();
      this.national.set(key, og);
    }
    return og;
  }

  private departmentByCode(code: string): Department {
    const d = DEPARTMENTS.find((x) => x.code === code);
    if (!d) throw new Error(`Unknown department ${code}`);
    return d;
  }

  private headOffice(departmentCode: string, random: Random): { department: Department; address: Address } {
    const department = this.departmentByCode(departmentCode);
    return { department, address: this.address(this.mainCommune(department), random) };
  }

  private hospitalsOf(department: Department): Organisation[] {
    let pool = this.hospitals.get(department.code);
    if (pool) return pool;
    const random = this.random.fork(`hospitals:${department.code}`);
    const count = Math.max(1, Math.round(this.population(department) / INHABITANTS_PER_HOSPITAL));
    pool = [];
    const seen = new Set<string>();
    const main = this.mainCommune(department);
    for (let i = 0; i < count; i++) {
      let commune = i === 0 ? main : this.drawCommune(department, random);
      for (let tries = 0; seen.has(commune.code) && tries < 5; tries++)
        commune = this.drawCommune(department, random);
      const intercommunal = seen.has(commune.code) || random.chance(0.15);
      seen.add(commune.code);
      const name = latin1Upper(
        `${intercommunal ? 'CENTRE HOSPITALIER INTERCOMMUNAL' : 'CENTRE HOSPITALIER'} ${ofPlace(commune.name)}`,
      );
      const unique = this.uniqueName(name, commune, random);
      const og = this.newOrganisation(
        'hospital',
        unique,
        intercommunal ? '14' : '13',
        department,
        this.address(commune, random),
        random,
        1950,
      );
      pool.push(og);
      // The hospital itself: a non-TDB structureet row.
      this.addStructure(random, og, '355', department, og.address.commune, undefined, unique);
    }
    this.hospitals.set(department.code, pool);
    return pool;
  }

  private deptAssociationsOf(department: Department): Organisation[] {
    let pool = this.deptAssociations.get(department.code);
    if (pool) return pool;
    const random = this.random.fork(`assoc-dept:${department.code}`);
    const population = this.population(department);
    const count =
      1 +
      (population > 600_000 ? 1 : 0) +
      (population > 1_200_000 ? 1 : 0) +
      (population > 2_000_000 ? 1 : 0);
    pool = [];
    for (let i = 0; i < count; i++) {
      const name = departmentalAssociationName(
        random,
        ofTerritory(department.name, departmentLiaison(department.code)),
        i,
      );
      const commune = i === 0 ? this.mainCommune(department) : this.drawCommune(department, random);
      pool.push(
        this.newOrganisation(
          'assoc-dept',
          this.uniqueName(name, commune, random),
          random.chance(0.4) ? '61' : '60',
          department,
          this.address(commune, random),
          random,
          1948,
        ),
      );
    }
    this.deptAssociations.set(department.code, pool);
    return pool;
  }

  private homeCareOf(department: Department): Organisation[] {
    let pool = this.homeCare.get(department.code);
    if (pool) return pool;
    const random = this.random.fork(`home-care:${department.code}`);
    const count = this.population(department) > 900_000 ? 2 : 1;
    pool = [];
    for (let i = 0; i < count; i++) {
      const commune = i === 0 ? this.mainCommune(department) : this.drawCommune(department, random);
      const name = this.uniqueName(
        homeCareFederationName(random, ofTerritory(department.name, departmentLiaison(department.code))),
        commune,
        random,
      );
      pool.push(
        this.newOrganisation(
          'home-care',
          name,
          '60',
          department,
          this.address(commune, random),
          random,
          1960,
        ),
      );
    }
    this.homeCare.set(department.code, pool);
    return pool;
  }

  private publicDeptOf(department: Department): Organisation {
    let og = this.publicDept.get(department.code);
    if (og) return og;
    const random = this.random.fork(`public-dept:${department.code}`);
    const commune = this.mainCommune(department);
    const name = latin1Upper(
      `ÉTABLISSEMENT PUBLIC DÉPARTEMENTAL ${ofTerritory(department.name, departmentLiaison(department.code))}`,
    );
    og = this.newOrganisation(
      'public-dept',
      this.uniqueName(name, commune, random),
      '26',
      department,
      this.address(commune, random),
      random,
      1965,
    );
    this.publicDept.set(department.code, og);
    return og;
  }

  private regionalNonProfitOf(department: Department): Organisation[] {
    let pool = this.regionalNonProfit.get(department.regionCode);
    if (pool) return pool;
    const random = this.random.fork(`np-regional:${department.regionCode}`);
    const region = findRegion(department.regionCode);
    const departments = DEPARTMENTS.filter((d) => d.regionCode === department.regionCode);
    const biggest = departments.reduce((a, b) => (this.population(b) > this.population(a) ? b : a));
    pool = [];
    for (let i = 0; i < 2; i++) {
      const of = region
        ? ofTerritory(region.name, regionLiaison(region.code))
        : ofTerritory(department.name, departmentLiaison(department.code));
      const name = regionalNonProfitName(random, of, i + random.int(0, 2));
      const status = name.startsWith('FONDATION') ? '63' : name.startsWith('MUTUELLE') ? '47' : '61';
      const commune = this.mainCommune(biggest);
      pool.push(
        this.newOrganisation(
          'np-regional',
          this.uniqueName(name, commune, random),
          status,
          biggest,
          this.address(commune, random),
          random,
          1920,
        ),
      );
    }
    this.regionalNonProfit.set(department.regionCode, pool);
    return pool;
  }

  private uniqueName(name: string, commune: Commune, random: Random): string {
    if (!this.usedNames.has(name)) {
      this.usedNames.add(name);
      return name;
    }
    const withPlace = latin1Upper(`${name} ${ofPlace(commune.name)}`);
    if (!this.usedNames.has(withPlace)) {
      this.usedNames.add(withPlace);
      return withPlace;
    }
    for (let n = 2; ; n++) {
      const numbered = `${withPlace} ${n === 2 && random.chance(0.5) ? 'II' : n}`;
      if (!this.usedNames.has(numbered)) {
        this.usedNames.add(numbered);
        return numbered;
      }
    }
  }

  /** Chooses (or creates) the owner of a new TDB structure and, when it matters, its commune. */
  private owner(
    kind: OwnerKind,
    department: Department,
    commune: Commune,
    random: Random,
    name: () => string,
  ): { og: Organisation; commune: Commune } {
    switch (kind) {
      case 'hospital': {
        const pool = this.hospitalsOf(department);
        const og = pool[random.weightedIndex(pool.map((_, i) => 1 / Math.sqrt(i + 1)))] ?? pool[0];
        if (!og) throw new Error('empty hospital pool');
        return { og, commune: random.chance(0.6) ? og.address.commune : commune };
      }
      case 'ccas': {
        let og = this.ccas.get(commune.code);
        if (!og) {
          const ogName = latin1Upper(
            random.chance(0.7)
              ? `CCAS ${ofPlace(commune.name)}`
              : `CENTRE COMMUNAL D'ACTION SOCIALE ${ofPlace(commune.name)}`,
          );
          og = this.newOrganisation(
            'ccas',
            this.uniqueName(ogName, commune, random),
            '17',
            department,
            this.address(commune, random, true),
            random,
            1955,
          );
          this.ccas.set(commune.code, og);
        }
        return { og, commune };
      }
      case 'assoc-local': {
        const locals = this.localAssociations.get(department.code) ?? [];
        const open = locals.filter((a) => a.esmsCount < 5);
        if (open.length > 0 && random.chance(0.22)) {
          const og = random.pick(open);
          return { og, commune: random.chance(0.5) ? og.address.commune : commune };
        }
        const ogName = this.uniqueName(localAssociationName(random, commune.name), commune, random);
        const og = this.newOrganisation(
          'assoc-local',
          ogName,
          random.chance(0.85) ? '60' : '61',
          department,
          this.address(commune, random),
          random,
          1945,
        );
        locals.push(og);
        this.localAssociations.set(department.code, locals);
        return { og, commune };
      }
      case 'assoc-dept': {
        const pool = this.deptAssociationsOf(department);
        const og = pool[random.weightedIndex(pool.map((_, i) => 1 / (i + 1)))] ?? pool[0];
        if (!og) throw new Error('empty association pool');
        return { og, commune };
      }
      case 'home-care': {
        const og = random.pick(this.homeCareOf(department));
        return { og, commune };
      }
      case 'public-dept':
        return { og: this.publicDeptOf(department), commune };
      case 'np-regional':
        return { og: random.pick(this.regionalNonProfitOf(department)), commune };
      case 'ph-national': {
        const i = random.weightedIndex(PH_NATIONAL.map((o) => o.weight));
        const spec = PH_NATIONAL[i] ?? PH_NATIONAL[0];
        const og = this.nationalOrganisation(`ph:${i}`, () => {
          const r = this.random.fork(`ph-national:${i}`);
          const hq = this.headOffice(spec.hq, r);
          return this.newOrganisation(
            'ph-national',
            latin1Upper(spec.legal),
            '61',
            hq.department,
            hq.address,
            r,
            1930,
          );
        });
        return { og, commune };
      }
      case 'np-national': {
        const i = random.weightedIndex(NON_PROFIT_NATIONAL.map((o) => o.weight));
        const spec = NON_PROFIT_NATIONAL[i] ?? NON_PROFIT_NATIONAL[0];
        const og = this.nationalOrganisation(`np:${i}`, () => {
          const r = this.random.fork(`np-national:${i}`);
          const hq = this.headOffice(spec.hq, r);
          return this.newOrganisation(
            'np-national',
            latin1Upper(spec.legal),
            spec.status,
            hq.department,
            hq.address,
            r,
            1900,
          );
        });
        return { og, commune };
      }
      case 'commercial-big': {
        const i = random.weightedIndex(COMMERCIAL_GROUPS.map((o) => o.weight));
        const spec = COMMERCIAL_GROUPS[i] ?? COMMERCIAL_GROUPS[0];
        const og = this.nationalOrganisation(`com:${i}`, () => {
          const r = this.random.fork(`commercial:${i}`);
          const hq = this.headOffice(spec.hq, r);
          return this.newOrganisation(
            'commercial-big',
            latin1Upper(spec.legal),
            spec.legal.endsWith(' SA') ? '73' : '95',
            hq.department,
            hq.address,
            r,
            1985,
            latin1Upper(spec.brand),
          );
        });
        return { og, commune };
      }
      case 'commercial-mid': {
        const i = random.weightedIndex(
          this.midGroupRegions.map((r) => (r === department.regionCode ? 6 : 1)),
        );
        const brand = MID_COMMERCIAL_GROUPS[i] ?? MID_COMMERCIAL_GROUPS[0];
        const og = this.nationalOrganisation(`mid:${i}`, () => {
          const r = this.random.fork(`mid:${i}`);
          const home = DEPARTMENTS.filter((d) => d.regionCode === this.midGroupRegions[i]);
          const hq = this.headOffice(r.pick(home.length > 0 ? home : DEPARTMENTS).code, r);
          return this.newOrganisation(
            'commercial-mid',
            latin1Upper(`${brand} SENIORS SAS`),
            '95',
            hq.department,
            hq.address,
            r,
            1995,
            latin1Upper(brand),
          );
        });
        return { og, commune };
      }
      case 'commercial-single':
      case 'public-autonomous':
      case 'pharmacy': {
        // Single-structure OG: same name and address as its structure.
        const structureLongName = name();
        const legal =
          kind === 'public-autonomous'
            ? structureLongName
            : kind === 'pharmacy'
              ? `SELARL ${structureLongName}`
              : `${random.chance(0.6) ? 'SAS' : 'SARL'} ${structureLongName.replace(/^(EHPAD|SSIAD|SPASAD) /, '')}`;
        const status =
          kind === 'public-autonomous'
            ? random.chance(0.6)
              ? '21'
              : '22'
            : kind === 'pharmacy'
              ? '85'
              : legal.startsWith('SAS')
                ? '95'
                : '72';
        const og = this.newOrganisation(
          kind,
          latin1Upper(legal),
          status,
          department,
          this.address(commune, random),
          random,
          kind === 'public-autonomous' ? 1960 : 1985,
        );
        return { og, commune };
      }
    }
  }

  // --- structures -----------------------------------------------------------------------------

  private addStructure(
    random: Random,
    og: Organisation,
    finessCategoryCode: string,
    department: Department,
    commune: Commune,
    spec: CategorySpec | undefined,
    forcedName?: string,
  ): Structure {
    const category = categoryOfFinessCode(finessCategoryCode);
    const longName =
      forcedName ??
      this.uniqueName(structureName(random, finessCategoryCode, commune.name, og.brand), commune, random);
    const sameAddress =
      og.structureCount === 0 &&
      (og.kind === 'public-autonomous' || og.kind === 'commercial-single' || og.kind === 'pharmacy');
    const address = sameAddress ? og.address : this.address(commune, random);
    const openedFrom = spec?.openedFrom ?? 1960;
    const opened = Math.floor(
      this.yearDays(openedFrom) + random.next() * (this.fileDays - 400 - this.yearDays(openedFrom)),
    );
    const capacity = spec?.capacity
      ? Math.round(
          Math.min(
            spec.capacity[3],
            Math.max(spec.capacity[2], random.logNormal(spec.capacity[0], spec.capacity[1])),
          ),
        )
      : null;
    const updatedOn = this.dateBetween(random, Math.max(opened, this.fileDays - 3000), this.fileDays - 1);
    let position: Structure['position'] = null;
    if (random.chance(0.95)) {
      const latitude = commune.latitude + (random.next() * 2 - 1) * 0.01;
      const longitude = commune.longitude + (random.next() * 2 - 1) * 0.014;
      const projection = projectionOfDepartment(department.code);
      const { x, y } = fromWgs84(latitude, longitude, projection);
      const quality = random.weightedIndex([85, 8, 7]);
      const source =
        quality === 0
          ? `1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,${projection}`
          : quality === 1
            ? `2,ATLASANTE,80,IGN,BD_ADRESSE,V2.2,${projection}`
            : `3,ATLASANTE,30,INSEE,CENTROIDE_COMMUNE,2023,${projection}`;
      position = {
        latitude,
        longitude,
        x,
        y,
        source,
        updatedOn: this.dateBetween(random, isoToDays(updatedOn), this.fileDays - 1),
      };
    }
    const childEstablishment = category?.public === 'PH_ENFANTS' && !category.isService;
    const uaiDept =
      department.code === '2A' ? '620' : department.code === '2B' ? '720' : department.code.padStart(3, '0');
    const structure: Structure = {
      finess: this.finessNumbers.allocate(department),
      og,
      finessCategoryCode,
      category,
      department,
      address,
      longName,
      keepLongName: random.chance(0.92),
      phone: this.phone(department, random),
      fax: random.chance(0.45) ? this.phone(department, random) : '',
      siret: random.chance(0.85) ? siretOf(og) : '',
      openedOn: daysToIso(opened),
      authorisedOn: random.chance(0.8) ? daysToIso(opened - random.int(0, 720)) : '',
      updatedOn,
      capacity,
      uai:
        childEstablishment && random.chance(0.3)
          ? `${uaiDept}${random.digits(4)}${random.pick(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'])}`
          : '',
      position,
    };
    og.structureCount++;
    if (category) og.esmsCount++;
    this.structures.push(structure);
    this.onStructure();
    return structure;
  }

  /** Department weight per category: population × region-sector multiplier (overseas 0.4-0.7). */
  private departmentWeights(): Map<string, number[]> {
    const random = this.random.fork('multipliers');
    const multipliers = new Map<string, number>();
    const regionSector = (
      regionCode: string,
      sector: Sector,
      categoryCode: string,
      overseas: boolean,
    ): number => {
      const fixed = FIXED_MULTIPLIERS[`${regionCode}:${categoryCode}`];
      if (fixed !== undefined) return fixed;
      const key = `${regionCode}:${sector}`;
      let m = multipliers.get(key);
      if (m === undefined) {
        m = overseas ? 0.4 + random.next() * 0.3 : Math.exp(0.15 * random.normal());
        multipliers.set(key, m);
      }
      return m;
    };
    const weights = new Map<string, number[]>();
    for (const category of CATEGORIES) {
      const sector: Sector = category.public === 'PA' || category.public === 'PA_PH' ? 'PA' : category.public;
      weights.set(
        category.code,
        DEPARTMENTS.map(
          (d) => this.population(d) * regionSector(d.regionCode, sector, category.code, d.overseas),
        ),
      );
    }
    return weights;
  }

  /** Splits a national count over departments: floors, then the remainder drawn by fractional part. */
  private allocate(count: number, weights: readonly number[], random: Random): number[] {
    const total = weights.reduce((a, b) => a + b, 0);
    const expected = weights.map((w) => (count * w) / total);
    const result = expected.map((e) => Math.floor(e));
    let remaining = count - result.reduce((a, b) => a + b, 0);
    const fractions = expected.map((e) => e - Math.floor(e));
    while (remaining > 0) {
      const i = random.weightedIndex(fractions);
      result[i] = (result[i] ?? 0) + 1;
      fractions[i] = 0;
      remaining--;
      if (!fractions.some((f) => f > 0)) fractions.fill(1);
    }
    return result;
  }

  /** Total structureet rows to create, for progress reporting (approximate for non-TDB rows). */
  static expectedTotal(): number {
    const esms = Object.values(CATEGORY_SPECS).reduce((a, s) => a + s.count, 0);
    return Math.round(esms * 1.053);
  }

  run(): void {
    const weights = this.departmentWeights();
    const allocation = this.random.fork('allocation');
    const plan = new Map<string, number[]>();
    for (const category of CATEGORIES) {
      const spec = CATEGORY_SPECS[category.code];
      if (!spec) throw new Error(`No calibration for ${category.code}`);
      plan.set(category.code, this.allocate(spec.count, weights.get(category.code) ?? [], allocation));
    }
    DEPARTMENTS.forEach((department, d) => {
      const random = this.random.fork(`structures:${department.code}`);
      // Every department has at least its hospitals (and their EHPAD/MAS).
      this.hospitalsOf(department);
      for (const category of CATEGORIES) {
        const spec = CATEGORY_SPECS[category.code];
        const count = plan.get(category.code)?.[d] ?? 0;
        if (!spec) continue;
        for (let i = 0; i < count; i++) {
          const finessCode = spec.finessCodes
            ? random.weighted(spec.finessCodes)
            : (category.finessCodes[0] ?? '');
          const kind = random.weighted(spec.owners as Record<OwnerKind, number>);
          let commune = this.drawCommune(department, random);
          let structureLongName: string | undefined;
          const name = () => {
            structureLongName ??= this.uniqueName(
              structureName(random, finessCode, commune.name),
              commune,
              random,
            );
            return structureLongName;
          };
          const owner = this.owner(kind, department, commune, random, name);
          if (owner.commune !== commune) commune = owner.commune;
          this.addStructure(random, owner.og, finessCode, department, commune, spec, structureLongName);
        }
      }
      // Non-TDB rows: pharmacies, SAAD, résidences autonomie (hospitals are already there).
      const population = this.population(department);
      for (const [code, rate] of Object.entries(NON_TDB_PER_INHABITANT)) {
        const expected = population * rate;
        const count = Math.floor(expected) + (random.next() < expected - Math.floor(expected) ? 1 : 0);
        for (let i = 0; i < count; i++) {
          const commune = this.drawCommune(department, random);
          let structureLongName: string | undefined;
          const name = () => {
            structureLongName ??= this.uniqueName(structureName(random, code, commune.name), commune, random);
            return structureLongName;
          };
          const kind: OwnerKind =
            code === '620'
              ? 'pharmacy'
              : code === '202'
                ? 'ccas'
                : random.chance(0.6)
                  ? 'assoc-local'
                  : 'commercial-single';
          const owner = this.owner(kind, department, commune, random, name);
          this.addStructure(random, owner.og, code, department, owner.commune, undefined, structureLongName);
        }
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

function addressValues(address: Address): Partial<Record<StructureEtField & StructureEjField, string>> {
  return {
    compldistrib: address.distribution,
    numvoie: address.street.number,
    typvoie: address.street.type,
    voie: address.street.name,
    compvoie: address.street.suffix,
    lieuditbp: address.locality,
    commune: address.commune.code.slice(2),
    ligneacheminement: routingLine(
      address.postalCode,
      address.commune,
      address.locality.startsWith('BP') && address.commune.population > 20_000,
    ),
  };
}

function structureLine(s: Structure): string {
  const [aggregate, aggregateLabel] = aggregateOf(s.finessCategoryCode, s.category);
  const tariff =
    TARIFF_MODES[s.finessCategoryCode] ?? (s.category ? TARIFF_MODES[s.category.competence] : undefined);
  return line(STRUCTUREET_FIELDS, {
    structureet: 'structureet',
    nofinesset: s.finess,
    nofinessej: s.og.finess,
    rs: shortName(s.longName),
    rslongue: s.keepLongName ? s.longName : '',
    ...addressValues(s.address),
    departement: finessCodeOfDepartment(s.department.code),
    libdepartement: plainUpper(s.department.name),
    telephone: s.phone,
    telecopie: s.fax,
    categetab: s.finessCategoryCode,
    libcategetab: FINESS_LABELS[s.finessCategoryCode] ?? '',
    categagretab: aggregate,
    libcategagretab: aggregateLabel,
    siret: s.siret,
    codeape: APE_OF_FINESS[s.finessCategoryCode] ?? '',
    codemft: tariff?.[0] ?? '',
    libmft: tariff?.[1] ?? '',
    codesph: s.finessCategoryCode === '355' ? '1' : '',
    libsph: s.finessCategoryCode === '355' ? 'Etablissement public de santé' : '',
    dateouv: s.openedOn,
    dateautor: s.authorisedOn,
    datemaj: s.updatedOn,
    numuai: s.uai,
  });
}

function geolocalisationLine(s: Structure): string | null {
  if (!s.position) return null;
  return [
    'geolocalisation',
    s.finess,
    s.position.x.toFixed(1),
    s.position.y.toFixed(1),
    s.position.source,
    s.position.updatedOn,
  ].join(';');
}

function organisationLine(og: Organisation): string {
  return line(STRUCTUREEJ_FIELDS, {
    structureej: 'structureej',
    nofinessej: og.finess,
    rs: shortName(og.longName),
    rslongue: og.keepLongName ? og.longName : '',
    ...addressValues(og.address),
    departement: finessCodeOfDepartment(og.department.code),
    libdepartement: plainUpper(og.department.name),
    telephone: og.phone,
    telecopie: og.fax,
    statutjur: og.status,
    libstatutjur: LEGAL_STATUSES[og.status] ?? '',
    siren: og.siren,
    codeape: og.apeCode,
    datecrea: og.createdOn,
    datemaj: og.updatedOn,
  });
}

const byFiness = (a: { finess: string }, b: { finess: string }) =>
  a.finess < b.finess ? -1 : a.finess > b.finess ? 1 : 0;

/** Generates the extract (national, or one region's part of the national extract). */
export function generateExtract(options: GenerateOptions): GeneratedExtract {
  const fileDate = options.fileDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fileDate) || Number.isNaN(isoToDays(fileDate))) {
    throw new Error(`fileDate must be YYYY-MM-DD, got ${fileDate}`);
  }
  if (options.regionCode !== undefined && !findRegion(options.regionCode)) {
    throw new Error(`Unknown region code ${options.regionCode}`);
  }
  const expected = NationalGenerator.expectedTotal();
  let created = 0;
  const progress = options.onProgress;
  const generator = new NationalGenerator(options.seed, fileDate, () => {
    created++;
    if (progress && created % 500 === 0) progress(Math.min(created, expected), expected * 2);
  });
  generator.run();

  const inScope = (d: Department) => options.regionCode === undefined || d.regionCode === options.regionCode;
  const structures = generator.structures.filter((s) => inScope(s.department)).sort(byFiness);
  const esmsPerOg = new Map<Organisation, number>();
  for (const s of structures) {
    if (!esmsPerOg.has(s.og)) esmsPerOg.set(s.og, 0);
    if (s.category) esmsPerOg.set(s.og, (esmsPerOg.get(s.og) ?? 0) + 1);
  }
  const organisations = [...esmsPerOg.keys()].sort(byFiness);

  const header = `finess;etalab;${options.sequence ?? 100};${fileDate}`;
  const etLines = [header];
  const total = expected + structures.length * 2 + organisations.length;
  let written = 0;
  const tick = () => {
    written++;
    if (progress && written % 1000 === 0) progress(Math.min(expected + written, total), total);
  };
  for (const s of structures) {
    etLines.push(structureLine(s));
    tick();
  }
  for (const s of structures) {
    const geo = geolocalisationLine(s);
    if (geo) etLines.push(geo);
    tick();
  }
  const ejLines = [header];
  for (const og of organisations) {
    ejLines.push(organisationLine(og));
    tick();
  }
  progress?.(total, total);

  const byCategory: Record<string, { count: number; places: number }> = {};
  for (const c of CATEGORIES) byCategory[c.code] = { count: 0, places: 0 };
  const byRegion: Record<string, number> = {};
  const byFinessCategory: Record<string, number> = {};
  const departments = new Set<string>();
  let geolocated = 0;
  let esms = 0;
  for (const s of structures) {
    byFinessCategory[s.finessCategoryCode] = (byFinessCategory[s.finessCategoryCode] ?? 0) + 1;
    if (s.position) geolocated++;
    if (!s.category) continue;
    esms++;
    const entry = byCategory[s.category.code];
    if (entry) {
      entry.count++;
      entry.places += s.capacity ?? 0;
    }
    byRegion[s.department.regionCode] = (byRegion[s.department.regionCode] ?? 0) + 1;
    departments.add(s.department.code);
  }
  const sizes = [...esmsPerOg.values()].filter((n) => n > 0);
  const stats: GenerationStats = {
    scope: options.regionCode === undefined ? 'national' : `region:${options.regionCode}`,
    esms,
    nonTdbStructures: structures.length - esms,
    organisations: organisations.length,
    geolocated,
    byCategory,
    byRegion,
    byFinessCategory,
    departments: departments.size,
    ogSizes: {
      single: sizes.filter((n) => n === 1).length,
      from2to10: sizes.filter((n) => n >= 2 && n <= 10).length,
      from11to29: sizes.filter((n) => n >= 11 && n <= 29).length,
      from30: sizes.filter((n) => n >= 30).length,
      largest: sizes.reduce((a, b) => Math.max(a, b), 0),
    },
  };

  return {
    etLines,
    ejLines,
    structures: structures.map((s) => ({
      finess: s.finess,
      ogFiness: s.og.finess,
      categoryCode: s.category?.code ?? null,
      finessCategoryCode: s.finessCategoryCode,
      departmentCode: s.department.code,
      regionCode: s.department.regionCode,
      communeCode: s.address.commune.code,
      name: s.longName,
      capacity: s.capacity,
      latitude: s.position?.latitude ?? null,
      longitude: s.position?.longitude ?? null,
    })),
    organisations: organisations.map((og) => ({
      finess: og.finess,
      name: og.longName,
      kind: og.kind,
      legalStatusCode: og.status,
      departmentCode: og.department.code,
      esmsCount: esmsPerOg.get(og) ?? 0,
    })),
    stats,
  };
}
