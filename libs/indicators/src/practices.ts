/**
 * The qualitative axes (issue 15 §3): IT coverage and maturity (O04), sustainable development (O05),
 * strategy, quality and regulation (O06) have no single ratio. They are read for what they are:
 * the practices in place at a structure (yes / no, dates) beside the share of its peers that have
 * each one. Written as data over dictionary items; the comparison is pure.
 */
import type { Dictionary, Item } from '@tdb/dictionary';
import { roundForUnit } from './rounding';

export interface QualitativeAxisDefinition {
  /** O04, O05, O06. */
  readonly code: string;
  readonly label: string;
  /** What the axis describes, in plain French. */
  readonly meaning: string;
  /** The dictionary items (boolean or date) that are its practices, in reading order. */
  readonly practices: readonly string[];
}

export const QUALITATIVE_AXES: readonly QualitativeAxisDefinition[] = [
  {
    code: 'O04',
    label: 'Couverture fonctionnelle et maturité du système d’information',
    meaning:
      'Les pratiques en place pour piloter et sécuriser le système d’information (feuille de route, ' +
      'responsable, budget, sauvegardes, protection des données) et les services numériques offerts ' +
      'aux usagers et aux professionnels (téléconsultation, DMP, messagerie sécurisée, espace usager).',
    practices: [
      'si_feuille_route',
      'si_feuille_route_point_direction',
      'si_axe_cpom',
      'si_budget_identifie',
      'si_responsable',
      'si_dpo',
      'si_sauvegardes',
      'si_procedures_degradees',
      'si_hebergement_externe',
      'si_hebergeur_hds',
      'si_acces_dematerialise_procedures',
      'si_identifiant_unique_usager',
      'si_lien_dmp',
      'si_interoperabilite',
      'si_messagerie_securisee',
      'si_teleconsultation',
      'si_espace_usager',
      'si_usager_alimente_dossier',
    ],
  },
  {
    code: 'O05',
    label: 'Développement durable',
    meaning:
      'Les démarches de développement durable engagées par la structure : intégration de ses enjeux, ' +
      'qualité de vie au travail, gestion des déchets, politique d’achat. La consommation d’énergie ' +
      'par m² est un indicateur chiffré à part (O03).',
    practices: [
      'dd_integration_enjeux',
      'dd_qualite_vie_travail',
      'dd_politique_dechets',
      'dd_politique_achat',
    ],
  },
  {
    code: 'O06',
    label: 'Orientations stratégiques, qualité, sécurité et réglementation',
    meaning:
      'Les engagements contractuels (CPOM, convention tripartite), les outils de la loi 2002-2 et leur ' +
      'dernière actualisation, les démarches d’évaluation, de gestion des risques et de certification, ' +
      'la sécurité des bâtiments et le respect des réglementations.',
    practices: [
      'cpom_en_cours',
      'convention_tripartite',
      'livret_accueil_date',
      'charte_droits_libertes',
      'contrat_sejour_date',
      'liste_personnes_qualifiees',
      'reglement_fonctionnement_date',
      'cvs_date_derniere_reunion',
      'projet_etablissement_date',
      'criteres_admission_formalises',
      'programmation_cycles_evaluation',
      'evaluation_interne_date',
      'evaluation_externe_date',
      'evaluation_continue_formalisee',
      'gestion_risques_maltraitance',
      'certification',
      'diagnostic_accessibilite',
      'commission_securite_avis_favorable',
      'reglementation_incendie',
      'reglementation_amiante',
      'reglementation_energetique',
      'reglementation_accessibilite',
    ],
  },
];

/** Statistical secrecy: a share of fewer peers is never shown. */
export const PRACTICE_MIN_GROUP_SIZE = 5;

/** A practice: a yes/no item (held when yes) or a date item (held when a date is given). */
export interface PracticeItem {
  readonly code: string;
  readonly label: string;
  readonly type: 'boolean' | 'date';
  /** Entered once for the whole OG (the value is the OG's). */
  readonly ogLevel: boolean;
}

/** The practices of an axis that apply to a category, from the dictionary (unknown codes left out). */
export function practiceItems(
  axis: QualitativeAxisDefinition,
  dictionary: Dictionary,
  categoryCode?: string,
): PracticeItem[] {
  const byCode = new Map<string, Item>(dictionary.items.map((i) => [i.code, i]));
  return axis.practices.flatMap((code) => {
    const item = byCode.get(code);
    if (!item || (item.type !== 'boolean' && item.type !== 'date')) return [];
    if (categoryCode !== undefined && item.categories !== 'ALL' && !item.categories.includes(categoryCode)) {
      return [];
    }
    return [
      { code, label: item.label.replace(/^\s*-\s*/, '').trim(), type: item.type, ogLevel: item.ogLevel },
    ];
  });
}

export type PeerLevel = 'NATION' | 'REGION' | 'DEPARTMENT';

/** Peers of one group that answered a practice, and those that have it. */
export interface PracticePeerCount {
  readonly level: PeerLevel;
  readonly territoryCode: string;
  readonly answered: number;
  readonly held: number;
}

/** The share of a group's peers that have a practice; no figure under the small-group rule. */
export interface PracticePeerShare {
  readonly level: PeerLevel;
  readonly territoryCode: string;
  readonly suppressed: boolean;
  readonly n: number | null;
  /** Percentage (one decimal) of the peers that answered. */
  readonly share: number | null;
}

/** The structure's answer: held (yes, or a date), not held (no), or not entered. */
export interface PracticeAnswer {
  readonly held: boolean | null;
  /** The date entered (ISO yyyy-mm-dd) for a date practice. */
  readonly date: string | null;
  /** « Oui », « Non », the date in French (12/03/2024) or « Non renseigné ». */
  readonly label: string;
}

export interface PracticeComparison {
  readonly code: string;
  readonly label: string;
  readonly type: PracticeItem['type'];
  readonly answer: PracticeAnswer;
  /** Null when the peers are not shown (before the restitution, ADR 0013). */
  readonly peers: readonly PracticePeerShare[] | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** The structure's answer to a practice, from the value entered. */
export function practiceAnswer(item: PracticeItem, value: unknown): PracticeAnswer {
  if (item.type === 'boolean') {
    if (value === true) return { held: true, date: null, label: 'Oui' };
    if (value === false) return { held: false, date: null, label: 'Non' };
    return { held: null, date: null, label: 'Non renseigné' };
  }
  const match = typeof value === 'string' ? ISO_DATE.exec(value.trim()) : null;
  if (!match) return { held: null, date: null, label: 'Non renseigné' };
  const [, y, m, d] = match;
  return { held: true, date: `${y}-${m}-${d}`, label: `${d}/${m}/${y}` };
}

/** A group's share of peers having the practice, or nothing under `minGroupSize` answers. */
export function peerShare(
  count: PracticePeerCount,
  minGroupSize = PRACTICE_MIN_GROUP_SIZE,
): PracticePeerShare {
  const { level, territoryCode } = count;
  if (count.answered < minGroupSize) return { level, territoryCode, suppressed: true, n: null, share: null };
  const held = Math.min(Math.max(count.held, 0), count.answered);
  return {
    level,
    territoryCode,
    suppressed: false,
    n: count.answered,
    share: roundForUnit((held / count.answered) * 100, '%'),
  };
}

/**
 * Each practice of an axis: the structure's answer and the share of its peers having it at each
 * level. `peers` maps a practice code to its groups' counts; null when peers are not shown.
 */
export function comparePractices(
  items: readonly PracticeItem[],
  own: Readonly<Record<string, unknown>>,
  peers: ReadonlyMap<string, readonly PracticePeerCount[]> | null,
  minGroupSize = PRACTICE_MIN_GROUP_SIZE,
): PracticeComparison[] {
  return items.map((item) => ({
    code: item.code,
    label: item.label,
    type: item.type,
    answer: practiceAnswer(item, own[item.code]),
    peers: peers === null ? null : (peers.get(item.code) ?? []).map((c) => peerShare(c, minGroupSize)),
  }));
}
