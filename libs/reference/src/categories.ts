/**
 * The 20 TDB categories (ANAP numbering), their FINESS category codes, public and competent
 * authority. Source: shared/domain/README.md §2 (GUIDE2021 + FINESS nomenclature; authority [I]
 * from CASF L.313-3).
 */

/** Who authorises and funds a category: ARS alone, the Département alone, or both (shared). */
export type Competence = 'ARS' | 'CD' | 'SHARED';

/** The public a category serves: older people (PA), disabled children or adults (PH), or both. */
export type Public = 'PA' | 'PH_ENFANTS' | 'PH_ADULTES' | 'PA_PH';

export interface Category {
  /** ANAP ordinal, 1 to 20. */
  readonly number: number;
  /** Short stable code used in URLs, filters and the dictionary. */
  readonly code: string;
  readonly shortLabel: string;
  readonly label: string;
  readonly public: Public;
  /** FINESS `categetab` codes mapped to this category; the first is the current one. */
  readonly finessCodes: readonly string[];
  readonly competence: Competence;
  /** Whether it is a service (at home) rather than an establishment (with beds or places). */
  readonly isService: boolean;
}

// prettier-ignore
export const CATEGORIES: readonly Category[] = [
  { number: 1, code: 'CAMSP', shortLabel: 'CAMSP', label: "Centre d'action médico-sociale précoce", public: 'PH_ENFANTS', finessCodes: ['190'], competence: 'SHARED', isService: true },
  { number: 2, code: 'CMPP', shortLabel: 'CMPP', label: 'Centre médico-psycho-pédagogique', public: 'PH_ENFANTS', finessCodes: ['189'], competence: 'ARS', isService: true },
  { number: 3, code: 'CRP', shortLabel: 'CRP', label: 'Centre de rééducation professionnelle', public: 'PH_ADULTES', finessCodes: ['249'], competence: 'ARS', isService: false },
  { number: 4, code: 'EHPAD', shortLabel: 'EHPAD', label: "Établissement d'hébergement pour personnes âgées dépendantes", public: 'PA', finessCodes: ['500'], competence: 'SHARED', isService: false },
  { number: 5, code: 'ESAT', shortLabel: 'ESAT', label: "Établissement et service d'aide par le travail", public: 'PH_ADULTES', finessCodes: ['246'], competence: 'ARS', isService: false },
  { number: 6, code: 'IEM', shortLabel: 'IEM', label: "Institut d'éducation motrice", public: 'PH_ENFANTS', finessCodes: ['192'], competence: 'ARS', isService: false },
  { number: 7, code: 'EEAP', shortLabel: 'EEAP', label: 'Établissement pour enfants ou adolescents polyhandicapés', public: 'PH_ENFANTS', finessCodes: ['188'], competence: 'ARS', isService: false },
  { number: 8, code: 'EAM', shortLabel: 'FAM / EAM', label: "Établissement d'accueil médicalisé en tout ou partie (ex-FAM)", public: 'PH_ADULTES', finessCodes: ['448', '437'], competence: 'SHARED', isService: false },
  { number: 9, code: 'EANM', shortLabel: 'EANM', label: "Établissement d'accueil non médicalisé (foyer de vie, d'hébergement, polyvalent)", public: 'PH_ADULTES', finessCodes: ['449', '382', '252', '253'], competence: 'CD', isService: false },
  { number: 10, code: 'IME', shortLabel: 'IME', label: 'Institut médico-éducatif', public: 'PH_ENFANTS', finessCodes: ['183'], competence: 'ARS', isService: false },
  { number: 11, code: 'IDA', shortLabel: 'Inst. déf. auditifs', label: 'Institut pour déficients auditifs', public: 'PH_ENFANTS', finessCodes: ['195'], competence: 'ARS', isService: false },
  { number: 12, code: 'IDV', shortLabel: 'Inst. déf. visuels', label: 'Institut pour déficients visuels', public: 'PH_ENFANTS', finessCodes: ['194'], competence: 'ARS', isService: false },
  { number: 13, code: 'IESSA', shortLabel: 'Inst. sourds-aveugles', label: "Institut d'éducation sensorielle sourd/aveugle", public: 'PH_ENFANTS', finessCodes: ['196'], competence: 'ARS', isService: false },
  { number: 14, code: 'ITEP', shortLabel: 'ITEP', label: 'Institut thérapeutique, éducatif et pédagogique', public: 'PH_ENFANTS', finessCodes: ['186'], competence: 'ARS', isService: false },
  { number: 15, code: 'MAS', shortLabel: 'MAS', label: "Maison d'accueil spécialisée", public: 'PH_ADULTES', finessCodes: ['255'], competence: 'ARS', isService: false },
  { number: 16, code: 'SAVS', shortLabel: 'SAVS', label: "Service d'accompagnement à la vie sociale", public: 'PH_ADULTES', finessCodes: ['446'], competence: 'CD', isService: true },
  { number: 17, code: 'SAMSAH', shortLabel: 'SAMSAH', label: "Service d'accompagnement médico-social pour adultes handicapés", public: 'PH_ADULTES', finessCodes: ['445'], competence: 'SHARED', isService: true },
  { number: 18, code: 'SSIAD', shortLabel: 'SSIAD', label: 'Service de soins infirmiers à domicile', public: 'PA_PH', finessCodes: ['354'], competence: 'ARS', isService: true },
  { number: 19, code: 'SPASAD', shortLabel: 'SPASAD', label: "Service polyvalent d'aide et de soins à domicile", public: 'PA_PH', finessCodes: ['209'], competence: 'SHARED', isService: true },
  { number: 20, code: 'SESSAD', shortLabel: 'SESSAD', label: "Service d'éducation spéciale et de soins à domicile", public: 'PH_ENFANTS', finessCodes: ['182'], competence: 'ARS', isService: true },
];

export const PUBLIC_LABELS: Readonly<Record<Public, string>> = {
  PA: 'Personnes âgées',
  PH_ENFANTS: 'Enfants en situation de handicap',
  PH_ADULTES: 'Adultes en situation de handicap',
  PA_PH: 'Personnes âgées et personnes handicapées',
};

export const COMPETENCE_LABELS: Readonly<Record<Competence, string>> = {
  ARS: 'ARS seule',
  CD: 'Département seul',
  SHARED: 'Conjointe ARS et Département',
};

const byCode = new Map(CATEGORIES.map((c) => [c.code, c]));
const byFinessCode = new Map(CATEGORIES.flatMap((c) => c.finessCodes.map((f) => [f, c] as const)));

export function findCategory(code: string): Category | undefined {
  return byCode.get(code);
}

/** The TDB category of a FINESS `categetab` code, or undefined when it is outside the TDB scope. */
export function categoryOfFinessCode(finessCategoryCode: string): Category | undefined {
  return byFinessCode.get(finessCategoryCode.trim());
}

export const TDB_FINESS_CATEGORY_CODES: readonly string[] = [...byFinessCode.keys()];

/** Whether an authority of the given kind acts on structures of this competence. */
export function authorityCovers(authority: 'ARS' | 'CD', competence: Competence): boolean {
  return competence === 'SHARED' || competence === authority;
}
