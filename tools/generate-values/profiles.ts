/**
 * Per-category parameters of the value generator, taken from ../../../shared/domain/calibration.md
 * (§5, §6, §9). Figures tagged [E] there (PH staffing, non-EHPAD costs) stay estimates here.
 */

export type StructureKind = 'ehpad' | 'residential' | 'day' | 'service' | 'ambulatory';
export type PublicKind = 'elderly' | 'adult' | 'child' | 'early' | 'cmpp';

export type OccupancyLaw =
  | { readonly law: 'gamma'; readonly theta: number }
  | {
      readonly law: 'normal';
      readonly mean: number;
      readonly sd: number;
      readonly min: number;
      readonly max: number;
    };

export interface CategoryProfile {
  readonly kind: StructureKind;
  readonly public: PublicKind;
  /** Occupancy / realisation rate in % (calibration §9.3). */
  readonly occupancy: OccupancyLaw;
  /** ETP per place (per child of the file active for CAMSP/CMPP), §6.2 / §9.4. */
  readonly staffing: number;
  /** Category mean absenteeism 2023 (%), §9.4. */
  readonly absenteeism: number;
  /** Category mean staff rotation 2023 (%), §9.4. */
  readonly rotation: number;
  /** Median length of stay of exits (days), §9.3. */
  readonly dms: number;
  /** Exits per year / population. */
  readonly exitRate: number;
  /** Share of people under a legal protection measure, §5.4 / §9.3. */
  readonly protection: number;
  /** Opening days per year of the main activity. */
  readonly openDays: number;
  /** Weights of the principal deficiency (codes after `deficience_principale_`). */
  readonly deficiency: Readonly<Record<string, number>>;
  /** Share of ETP by function (codes after `etp_reels_`). */
  readonly functions: Readonly<Record<string, number>>;
}

const EHPAD_FUNCTIONS = {
  direction: 3,
  administration: 5,
  services_generaux: 6,
  restauration: 7,
  socio_educatif: 3,
  paramedical: 45,
  psychologue: 1,
  ash: 25,
  medical: 1.5,
  education_nationale: 0,
  autres_fonctions: 3.5,
};
const PH_RESIDENTIAL_FUNCTIONS = {
  direction: 4,
  administration: 6,
  services_generaux: 8,
  restauration: 5,
  socio_educatif: 35,
  paramedical: 25,
  psychologue: 1.5,
  ash: 10,
  medical: 1,
  education_nationale: 0,
  autres_fonctions: 4.5,
};
const CHILD_FUNCTIONS = {
  direction: 5,
  administration: 8,
  services_generaux: 8,
  restauration: 4,
  socio_educatif: 45,
  paramedical: 12,
  psychologue: 4,
  ash: 5,
  medical: 2,
  education_nationale: 5,
  autres_fonctions: 2,
};
const SERVICE_FUNCTIONS = {
  direction: 6,
  administration: 10,
  services_generaux: 2,
  restauration: 0,
  socio_educatif: 50,
  paramedical: 20,
  psychologue: 6,
  ash: 0,
  medical: 3,
  education_nationale: 0,
  autres_fonctions: 3,
};
const SSIAD_FUNCTIONS = {
  direction: 5,
  administration: 7,
  services_generaux: 0,
  restauration: 0,
  socio_educatif: 0,
  paramedical: 85,
  psychologue: 0,
  ash: 0,
  medical: 0,
  education_nationale: 0,
  autres_fonctions: 3,
};
const ESAT_FUNCTIONS = {
  direction: 6,
  administration: 12,
  services_generaux: 5,
  restauration: 5,
  socio_educatif: 62,
  paramedical: 2,
  psychologue: 2,
  ash: 2,
  medical: 0.5,
  education_nationale: 0,
  autres_fonctions: 3.5,
};
const CRP_FUNCTIONS = { ...ESAT_FUNCTIONS, socio_educatif: 40, paramedical: 10, psychologue: 6, medical: 3 };
const AMBULATORY_FUNCTIONS = {
  direction: 6,
  administration: 15,
  services_generaux: 2,
  restauration: 0,
  socio_educatif: 7,
  paramedical: 45,
  psychologue: 15,
  ash: 0,
  medical: 12,
  education_nationale: 0,
  autres_fonctions: 0,
};

const EHPAD_OCC: OccupancyLaw = { law: 'gamma', theta: 3 };
const PH_RES_OCC: OccupancyLaw = { law: 'gamma', theta: 4 };
const CHILD_OCC: OccupancyLaw = { law: 'normal', mean: 93, sd: 7, min: 50, max: 115 };
const SERVICE_OCC: OccupancyLaw = { law: 'normal', mean: 95, sd: 10, min: 40, max: 130 };
const AMBULATORY_OCC: OccupancyLaw = { law: 'normal', mean: 95, sd: 15, min: 40, max: 140 };

const OTHER_DEF = { autres: 1 };

function child(
  staffing: number,
  dms: number,
  deficiency: Record<string, number>,
  occupancy: OccupancyLaw = CHILD_OCC,
): CategoryProfile {
  return {
    kind: 'day',
    public: 'child',
    occupancy,
    staffing,
    absenteeism: 11.8,
    rotation: 30,
    dms,
    exitRate: 365 / dms,
    protection: 0.08,
    openDays: 210,
    deficiency,
    functions: CHILD_FUNCTIONS,
  };
}

export const PROFILES: Readonly<Record<string, CategoryProfile>> = {
  EHPAD: {
    kind: 'ehpad',
    public: 'elderly',
    occupancy: EHPAD_OCC,
    staffing: 0.634,
    absenteeism: 11.4,
    rotation: 26,
    dms: 900,
    exitRate: 0.32,
    protection: 0.25,
    openDays: 365,
    deficiency: OTHER_DEF,
    functions: EHPAD_FUNCTIONS,
  },
  SSIAD: {
    kind: 'service',
    public: 'elderly',
    occupancy: SERVICE_OCC,
    staffing: 0.3,
    absenteeism: 12.5,
    rotation: 20,
    dms: 500,
    exitRate: 0.7,
    protection: 0.1,
    openDays: 365,
    deficiency: { motrices: 40, cerebro_lesions: 20, autres: 40 },
    functions: SSIAD_FUNCTIONS,
  },
  SPASAD: {
    kind: 'service',
    public: 'elderly',
    occupancy: SERVICE_OCC,
    staffing: 0.35,
    absenteeism: 12.5,
    rotation: 20,
    dms: 500,
    exitRate: 0.7,
    protection: 0.1,
    openDays: 365,
    deficiency: { motrices: 40, cerebro_lesions: 20, autres: 40 },
    functions: SSIAD_FUNCTIONS,
  },
  MAS: {
    kind: 'residential',
    public: 'adult',
    occupancy: PH_RES_OCC,
    staffing: 1.1,
    absenteeism: 11.8,
    rotation: 30,
    dms: 4000,
    exitRate: 0.06,
    protection: 0.9,
    openDays: 365,
    deficiency: { polyhandicap: 45, intellectuelles: 25, autisme_ted: 15, cerebro_lesions: 8, autres: 7 },
    functions: PH_RESIDENTIAL_FUNCTIONS,
  },
  EAM: {
    kind: 'residential',
    public: 'adult',
    occupancy: PH_RES_OCC,
    staffing: 0.8,
    absenteeism: 11.8,
    rotation: 30,
    dms: 4000,
    exitRate: 0.06,
    protection: 0.86,
    openDays: 365,
    deficiency: {
      intellectuelles: 35,
      autisme_ted: 15,
      psychisme: 20,
      motrices: 10,
      cerebro_lesions: 10,
      autres: 10,
    },
    functions: PH_RESIDENTIAL_FUNCTIONS,
  },
  EANM: {
    kind: 'residential',
    public: 'adult',
    occupancy: PH_RES_OCC,
    staffing: 0.5,
    absenteeism: 11.8,
    rotation: 30,
    dms: 4000,
    exitRate: 0.06,
    protection: 0.75,
    openDays: 365,
    deficiency: { intellectuelles: 55, psychisme: 20, autisme_ted: 8, motrices: 7, autres: 10 },
    functions: PH_RESIDENTIAL_FUNCTIONS,
  },
  ESAT: {
    kind: 'day',
    public: 'adult',
    occupancy: { law: 'normal', mean: 98, sd: 6, min: 60, max: 120 },
    staffing: 0.215,
    absenteeism: 8.5,
    rotation: 14,
    dms: 3500,
    exitRate: 0.08,
    protection: 0.52,
    openDays: 225,
    deficiency: { intellectuelles: 65, psychisme: 20, autisme_ted: 4, motrices: 4, autres: 7 },
    functions: ESAT_FUNCTIONS,
  },
  SAVS: {
    kind: 'service',
    public: 'adult',
    occupancy: SERVICE_OCC,
    staffing: 0.115,
    absenteeism: 9.4,
    rotation: 15,
    dms: 1500,
    exitRate: 0.25,
    protection: 0.27,
    openDays: 250,
    deficiency: { intellectuelles: 40, psychisme: 35, autisme_ted: 5, motrices: 8, autres: 12 },
    functions: { ...SERVICE_FUNCTIONS, socio_educatif: 70, paramedical: 0 },
  },
  SAMSAH: {
    kind: 'service',
    public: 'adult',
    occupancy: SERVICE_OCC,
    staffing: 0.3,
    absenteeism: 9.4,
    rotation: 15,
    dms: 1500,
    exitRate: 0.25,
    protection: 0.27,
    openDays: 250,
    deficiency: { psychisme: 50, intellectuelles: 15, motrices: 12, cerebro_lesions: 13, autres: 10 },
    functions: SERVICE_FUNCTIONS,
  },
  CRP: {
    kind: 'day',
    public: 'adult',
    occupancy: { law: 'normal', mean: 92, sd: 8, min: 50, max: 115 },
    staffing: 0.325,
    absenteeism: 11.8,
    rotation: 30,
    dms: 400,
    exitRate: 0.9,
    protection: 0.1,
    openDays: 225,
    deficiency: { motrices: 35, psychisme: 30, metaboliques: 20, autres: 15 },
    functions: CRP_FUNCTIONS,
  },
  IME: child(0.7, 1800, { intellectuelles: 60, autisme_ted: 25, psychisme: 5, polyhandicap: 3, autres: 7 }),
  ITEP: child(
    0.8,
    1100,
    { psychisme: 75, langage_apprentissages: 10, intellectuelles: 8, autres: 7 },
    {
      law: 'normal',
      mean: 86,
      sd: 9,
      min: 40,
      max: 115,
    },
  ),
  IEM: child(1.0, 1800, { motrices: 70, cerebro_lesions: 15, polyhandicap: 8, autres: 7 }),
  EEAP: child(1.1, 2200, { polyhandicap: 85, cerebro_lesions: 8, autres: 7 }),
  IDA: child(0.8, 1800, { auditives: 85, langage_apprentissages: 8, autres: 7 }),
  IDV: child(0.8, 1800, { visuelles: 85, autres: 15 }),
  IESSA: child(0.8, 1800, { auditives: 45, visuelles: 45, autres: 10 }),
  SESSAD: {
    ...child(0.375, 1100, {
      intellectuelles: 30,
      autisme_ted: 14,
      psychisme: 10,
      auditives: 14,
      visuelles: 8,
      motrices: 5,
      cerebro_lesions: 6,
      langage_apprentissages: 8,
      autres: 5,
    }),
    kind: 'service',
    occupancy: SERVICE_OCC,
    absenteeism: 9.4,
    rotation: 15,
    functions: SERVICE_FUNCTIONS,
  },
  CAMSP: {
    kind: 'ambulatory',
    public: 'early',
    occupancy: AMBULATORY_OCC,
    staffing: 0.046,
    absenteeism: 9.4,
    rotation: 15,
    dms: 600,
    exitRate: 0.55,
    protection: 0.15,
    openDays: 220,
    deficiency: {
      diagnostic_en_cours: 40,
      langage_apprentissages: 20,
      motrices: 15,
      autisme_ted: 10,
      autres: 15,
    },
    functions: AMBULATORY_FUNCTIONS,
  },
  CMPP: {
    kind: 'ambulatory',
    public: 'cmpp',
    occupancy: AMBULATORY_OCC,
    staffing: 0.026,
    absenteeism: 9.4,
    rotation: 15,
    dms: 700,
    exitRate: 0.5,
    protection: 0.07,
    openDays: 210,
    deficiency: { psychisme: 45, langage_apprentissages: 40, autisme_ted: 5, autres: 10 },
    functions: AMBULATORY_FUNCTIONS,
  },
};

/** Profile of a category code; unknown codes fall back on an adult residential profile. */
export function profileOf(categoryCode: string): CategoryProfile {
  return PROFILES[categoryCode] ?? (PROFILES['EANM'] as CategoryProfile);
}

/** Age-bucket weights (codes after `personnes_age_`) by public. */
export const AGE_WEIGHTS: Readonly<Record<PublicKind, Readonly<Record<string, number>>>> = {
  elderly: { '55_59': 1, '60_74': 7, '75_84': 24, '85_95': 57, '96_plus': 11 },
  adult: {
    '18_19': 1,
    '20_24': 7,
    '25_29': 9,
    '30_34': 10,
    '35_39': 11,
    '40_44': 12,
    '45_49': 13,
    '50_54': 14,
    '55_59': 13,
    '60_74': 10,
  },
  child: { '3_4': 1, '4_5': 2, '5_6': 3, '6_10': 25, '11_15': 40, '16_17': 17, '18_19': 8, '20_24': 4 },
  early: { moins_1: 5, '1_2': 15, '2_3': 20, '3_4': 22, '4_5': 20, '5_6': 18 },
  cmpp: { '3_4': 3, '4_5': 5, '5_6': 7, '6_10': 40, '11_15': 35, '16_17': 8, '18_19': 2 },
};

/** Sub-functions of ETP items: parent code → sub-code weights (codes after `etp_reels_`). */
export const ETP_SUBS: Readonly<
  Record<string, Readonly<Record<StructureKind, Readonly<Record<string, number>>>>>
> = {
  direction: {
    ehpad: { direction_medical: 0, direction_autre: 1 },
    residential: { direction_medical: 0, direction_autre: 1 },
    day: { direction_medical: 0.1, direction_autre: 0.9 },
    service: { direction_medical: 0.05, direction_autre: 0.95 },
    ambulatory: { direction_medical: 0.5, direction_autre: 0.5 },
  },
  socio_educatif: {
    ehpad: { socio_educatif_animateur: 0.8, socio_educatif_autre: 0.2 },
    residential: {
      socio_educatif_amp: 0.4,
      socio_educatif_animateur: 0.1,
      socio_educatif_moniteur: 0.15,
      socio_educatif_educateur_specialise: 0.25,
      socio_educatif_assistant_social: 0.02,
      socio_educatif_autre: 0.08,
    },
    day: {
      socio_educatif_amp: 0.1,
      socio_educatif_moniteur: 0.45,
      socio_educatif_educateur_specialise: 0.35,
      socio_educatif_assistant_social: 0.04,
      socio_educatif_autre: 0.06,
    },
    service: {
      socio_educatif_educateur_specialise: 0.6,
      socio_educatif_assistant_social: 0.2,
      socio_educatif_autre: 0.2,
    },
    ambulatory: { socio_educatif_educateur_specialise: 0.5, socio_educatif_assistant_social: 0.5 },
  },
  paramedical: {
    ehpad: {
      paramedical_infirmier: 0.22,
      paramedical_aide_soignant: 0.7,
      paramedical_amp: 0.05,
      paramedical_autre: 0.03,
    },
    residential: {
      paramedical_infirmier: 0.2,
      paramedical_aide_soignant: 0.6,
      paramedical_kinesitherapeute: 0.05,
      paramedical_ergotherapeute: 0.05,
      paramedical_psychomotricien: 0.05,
      paramedical_autre: 0.05,
    },
    day: {
      paramedical_infirmier: 0.25,
      paramedical_kinesitherapeute: 0.15,
      paramedical_psychomotricien: 0.2,
      paramedical_ergotherapeute: 0.15,
      paramedical_orthophoniste: 0.2,
      paramedical_autre: 0.05,
    },
    service: {
      paramedical_infirmier: 0.2,
      paramedical_aide_soignant: 0.6,
      paramedical_ergotherapeute: 0.05,
      paramedical_psychomotricien: 0.05,
      paramedical_orthophoniste: 0.05,
      paramedical_autre: 0.05,
    },
    ambulatory: {
      paramedical_kinesitherapeute: 0.2,
      paramedical_psychomotricien: 0.35,
      paramedical_orthophoniste: 0.35,
      paramedical_ergotherapeute: 0.1,
    },
  },
  medical: {
    ehpad: { medical_medecin_coordonnateur: 0.8, medical_autre: 0.2 },
    residential: { medical_medecin_coordonnateur: 0.3, medical_autre: 0.7 },
    day: { medical_medecin_coordonnateur: 0, medical_autre: 1 },
    service: { medical_medecin_coordonnateur: 0.3, medical_autre: 0.7 },
    ambulatory: { medical_medecin_coordonnateur: 0, medical_autre: 1 },
  },
};
