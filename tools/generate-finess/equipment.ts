/**
 * The synthetic extract of social and medico-social equipment that goes with a generated FINESS
 * extract: for each TDB ESMS with places, its permanent capacity (authorised ≥ installed), and for
 * some of them temporary accommodation (discipline 657/658) and day care (activity 21). Codes
 * follow the FINESS nomenclatures where docs/registers.md lists them; the discipline of each
 * category is an approximation for the demo.
 */
import { Random } from '@tdb/random';
import type { GeneratedStructure } from './generator';

interface CategoryEquipment {
  /** discipline d'équipement, its label */
  readonly de: readonly [string, string];
  /** type d'activité of the permanent places, its label */
  readonly ta: readonly [string, string];
  /** clientèle, its label */
  readonly client: readonly [string, string];
  /** Temporary accommodation: probability, discipline */
  readonly temporary?: readonly [number, '657' | '658'];
  /** Day care: probability */
  readonly dayCare?: number;
}

const HCI = ['11', 'Hébergement Complet Internat'] as const;
const PMO = ['16', 'Prestation en milieu ordinaire'] as const;
const SEMI = ['13', 'Semi-Internat'] as const;
const EXTERNAT = ['14', 'Externat'] as const;
const PA = ['711', 'P.A. dépendantes'] as const;
const PH = ['010', 'Tous Types de Déficiences Pers.Handicap.(sans autre indic.)'] as const;

const EQUIPMENT: Readonly<Record<string, CategoryEquipment>> = {
  EHPAD: {
    de: ['924', 'Accueil pour Personnes Âgées'],
    ta: HCI,
    client: PA,
    temporary: [0.6, '657'],
    dayCare: 0.35,
  },
  SSIAD: {
    de: ['358', 'Soins Infirmiers à Domicile'],
    ta: PMO,
    client: ['700', 'Personnes Âgées (Sans Autre Indication)'],
  },
  SPASAD: {
    de: ['358', 'Soins Infirmiers à Domicile'],
    ta: PMO,
    client: ['700', 'Personnes Âgées (Sans Autre Indication)'],
  },
  MAS: {
    de: ['917', "Accueil en Maison d'Accueil Spécialisée"],
    ta: HCI,
    client: PH,
    temporary: [0.4, '658'],
    dayCare: 0.3,
  },
  EAM: {
    de: ['939', 'Accueil médicalisé pour adultes handicapés'],
    ta: HCI,
    client: PH,
    temporary: [0.4, '658'],
    dayCare: 0.3,
  },
  EANM: {
    de: ['966', 'Accueil et accompagnement non médicalisé PH'],
    ta: HCI,
    client: PH,
    temporary: [0.3, '658'],
    dayCare: 0.4,
  },
  ESAT: { de: ['908', 'Aide par le travail pour Adultes Handicapés'], ta: EXTERNAT, client: PH },
  SAVS: { de: ['509', 'Accompagnement à la vie sociale'], ta: PMO, client: PH },
  SAMSAH: { de: ['510', 'Accompagnement médico-social adultes handicapés'], ta: PMO, client: PH },
  SESSAD: {
    de: ['319', 'Éducation spécialisée et soins à domicile enfants handicapés'],
    ta: PMO,
    client: PH,
  },
};
const CHILDREN_INSTITUTION: CategoryEquipment = {
  de: ['901', 'Éducation Générale et Soins Spécialisés Enfants Handicapés'],
  ta: SEMI,
  client: PH,
};

/** One `equipementsocial` row (28 fields, docs/registers.md). */
function line(
  finess: string,
  de: readonly [string, string],
  ta: readonly [string, string],
  client: readonly [string, string],
  installed: number,
  authorised: number,
  authorisedOn: string,
  installedOn: string,
  updatedOn: string,
): string {
  return [
    'equipementsocial',
    finess,
    de[0],
    de[1],
    ta[0],
    ta[1],
    client[0],
    client[1],
    '',
    String(installed),
    '',
    '',
    '',
    '',
    '',
    'N',
    installedOn,
    authorisedOn,
    String(authorised),
    '',
    '',
    '',
    '',
    '',
    'N',
    authorisedOn,
    updatedOn,
    updatedOn,
  ].join(';');
}

/**
 * The lines of the equipment extract (header included) for the generated structures: the same
 * header as the establishment extract, then rows sorted by FINESS.
 */
export function generateEquipmentLines(
  structures: readonly GeneratedStructure[],
  options: { seed: number; fileDate: string; sequence?: number },
): string[] {
  const lines = [`finess;etalab;${options.sequence ?? 100};${options.fileDate}`];
  const year = Number(options.fileDate.slice(0, 4));
  for (const s of structures) {
    if (!s.categoryCode || s.capacity === null) continue;
    const spec = EQUIPMENT[s.categoryCode] ?? CHILDREN_INSTITUTION;
    // One sequence per structure: a region's extract holds the same rows as the national one.
    const random = new Random(options.seed).fork(`equipment ${s.finess}`);
    const authorisedOn = `${random.int(1990, year - 2)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
    const installedOn = `${Number(authorisedOn.slice(0, 4)) + 1}${authorisedOn.slice(4)}`;
    const updatedOn = `${year - 1}-${String(random.int(1, 12)).padStart(2, '0')}-0${random.int(1, 9)}`;
    // Most ESMS run all their authorised places; some have places still to open.
    const pending = random.chance(0.15) ? random.int(1, Math.max(1, Math.round(s.capacity / 10))) : 0;
    lines.push(
      line(
        s.finess,
        spec.de,
        spec.ta,
        spec.client,
        s.capacity,
        s.capacity + pending,
        authorisedOn,
        installedOn,
        updatedOn,
      ),
    );
    if (spec.temporary && random.chance(spec.temporary[0])) {
      const places = random.int(1, 10);
      const discipline: readonly [string, string] =
        spec.temporary[1] === '657'
          ? ['657', 'Accueil temporaire pour Personnes Âgées']
          : ['658', 'Accueil temporaire pour adultes handicapés'];
      const installed = random.chance(0.9) ? places : places - 1;
      lines.push(
        line(s.finess, discipline, HCI, spec.client, installed, places, authorisedOn, installedOn, updatedOn),
      );
    }
    if (spec.dayCare && random.chance(spec.dayCare)) {
      const places = random.int(6, 15);
      lines.push(
        line(
          s.finess,
          spec.de,
          ['21', 'Accueil de Jour'],
          spec.client,
          places,
          places,
          authorisedOn,
          installedOn,
          updatedOn,
        ),
      );
    }
  }
  return lines;
}
