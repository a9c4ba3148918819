/**
 * The qualitative axes (issue 15 §3): IT coverage and maturity (O04), sustainable development (O05),
 * strategy, quality and regulation (O06) have no single ratio. They are read for what they are:
 * the practices in place at a structure (yes / no, dates, the kind of tool, a number of modules)
 * beside the share of its peers that have each one. Written as data over dictionary items; the
 * comparison is pure.
 */
import type { Choice, Dictionary, Item } from '@tdb/dictionary';
import { roundForUnit } from './rounding';

/**
 * A practice read from a choice item: in place when the answer is one of `heldChoices`. The item's
 * label is the question asked, so the practice says in `label` what having it means.
 */
export interface ChoicePracticeDefinition {
  readonly item: string;
  readonly label: string;
  readonly heldChoices: readonly string[];
}

/** A practice read from an integer item: in place from `threshold` on. */
export interface ThresholdPracticeDefinition {
  readonly item: string;
  readonly label: string;
  readonly threshold: number;
}

/**
 * A practice of an axis: a boolean item's code (in place when yes), a date item's code (in place
 * when a date is given), or a rule over a choice or an integer item.
 */
export type PracticeDefinition = string | ChoicePracticeDefinition | ThresholdPracticeDefinition;

/** The dictionary item a practice is read from. */
export const practiceCode = (practice: PracticeDefinition): string =>
  typeof practice === 'string' ? practice : practice.item;

export interface QualitativeAxisDefinition {
  /** O04, O05, O06. */
  readonly code: string;
  readonly label: string;
  /** What the axis describes, in plain French. */
  readonly meaning: string;
  /** Its practices, in reading order; one practice per dictionary item. */
  readonly practices: readonly PracticeDefinition[];
}

/** The kinds of tool that mean a function is covered by software (not a spreadsheet, not nothing). */
const SOFTWARE = ['logiciel_dedie', 'module_progiciel'] as const;
const covered = (item: string, label: string): ChoicePracticeDefinition => ({
  item,
  label,
  heldChoices: SOFTWARE,
});

export const QUALITATIVE_AXES: readonly QualitativeAxisDefinition[] = [
  {
    code: 'O04',
    label: 'Couverture fonctionnelle et maturité du système d’information',
    meaning:
      'Les fonctions couvertes par un logiciel (comptabilité, pilotage, ressources humaines, stocks, ' +
      'facturation, dossier de l’usager), les pratiques en place pour piloter et sécuriser le système ' +
      'd’information (feuille de route, responsable, budget identifié, sauvegardes, protection des ' +
      'données) et les services numériques offerts aux usagers et aux professionnels (téléconsultation, ' +
      'DMP, messagerie sécurisée, espace usager). Les montants du budget du système d’information ' +
      '(exploitation, investissement), saisis pour tout l’organisme gestionnaire, ne sont pas comparés : ' +
      'ils dépendent de sa taille et ne se comparent pas d’une structure à l’autre.',
    practices: [
      covered(
        'si_outil_comptabilite',
        'Comptabilité couverte par un logiciel (dédié ou module de progiciel)',
      ),
      covered(
        'si_outil_pilotage',
        'Pilotage (tableaux de bord transversaux) couvert par un logiciel (dédié ou module de progiciel)',
      ),
      { item: 'si_rh_modules', label: 'SI RH couvrant au moins un module', threshold: 1 },
      covered(
        'si_outil_stocks',
        'Gestion des stocks et approvisionnements couverte par un logiciel (dédié ou module de progiciel)',
      ),
      covered('si_outil_facturation', 'Facturation couverte par un logiciel (dédié ou module de progiciel)'),
      covered(
        'si_outil_dossier_usager',
        'Dossier de l’usager couvert par un logiciel (dédié ou module de progiciel)',
      ),
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

/** The kinds of practice: yes/no, date, choice among some, number from a threshold. */
export const PRACTICE_TYPES = ['boolean', 'date', 'choice', 'integer'] as const;

/** Statistical secrecy: a share of fewer peers is never shown. */
export const PRACTICE_MIN_GROUP_SIZE = 5;

interface PracticeItemBase {
  /** The dictionary item. */
  readonly code: string;
  /** The practice, in French: the item's label, or the rule's for a choice or integer item. */
  readonly label: string;
  /** Entered once for the whole OG (the value is the OG's). */
  readonly ogLevel: boolean;
}

/**
 * A practice: a yes/no item (held when yes), a date item (held when a date is given), a choice item
 * (held when the answer is one of `heldChoices`) or an integer item (held from `threshold` on).
 */
export type PracticeItem =
  | (PracticeItemBase & { readonly type: 'boolean' | 'date' })
  | (PracticeItemBase & {
      readonly type: 'choice';
      /** Every choice of the item: an answer is one of them. */
      readonly choices: readonly Choice[];
      readonly heldChoices: readonly string[];
    })
  | (PracticeItemBase & {
      readonly type: 'integer';
      readonly threshold: number;
      /** The item's unit and upper bound, to say what was entered (« 5 modules sur 9 »). */
      readonly unit: string | null;
      readonly max: number | null;
    });

/** The item a definition reads, when the dictionary has it with the type the definition expects. */
function practiceItem(practice: PracticeDefinition, item: Item): PracticeItem | null {
  const base = { code: item.code, ogLevel: item.ogLevel };
  if (typeof practice === 'string') {
    if (item.type !== 'boolean' && item.type !== 'date') return null;
    return { ...base, label: item.label, type: item.type };
  }
  if ('heldChoices' in practice) {
    if (item.type !== 'choice' || !item.choices) return null;
    const codes = new Set(item.choices.map((c) => c.code));
    return {
      ...base,
      label: practice.label,
      type: 'choice',
      choices: item.choices,
      heldChoices: practice.heldChoices.filter((c) => codes.has(c)),
    };
  }
  if (item.type !== 'integer') return null;
  return {
    ...base,
    label: practice.label,
    type: 'integer',
    threshold: practice.threshold,
    unit: item.unit ?? null,
    max: item.max ?? null,
  };
}

/**
 * The practices of an axis that apply to a category, from the dictionary: unknown codes, and items
 * whose type is not the one the definition reads, left out.
 */
export function practiceItems(
  axis: QualitativeAxisDefinition,
  dictionary: Dictionary,
  categoryCode?: string,
): PracticeItem[] {
  const byCode = new Map<string, Item>(dictionary.items.map((i) => [i.code, i]));
  return axis.practices.flatMap((practice) => {
    const item = byCode.get(practiceCode(practice));
    if (!item) return [];
    if (categoryCode !== undefined && item.categories !== 'ALL' && !item.categories.includes(categoryCode)) {
      return [];
    }
    const read = practiceItem(practice, item);
    return read ? [read] : [];
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

/** The structure's answer: held (yes, a date, a held choice, enough), not held, or not entered. */
export interface PracticeAnswer {
  readonly held: boolean | null;
  /** The date entered (ISO yyyy-mm-dd) for a date practice. */
  readonly date: string | null;
  /**
   * What was entered, in French: « Oui », « Non », the date (12/03/2024), the choice's label
   * (« Tableur / bureautique »), the number (« 5 modules sur 9 »), or « Non renseigné ».
   */
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
const NOT_ENTERED: PracticeAnswer = { held: null, date: null, label: 'Non renseigné' };
const COUNT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

const formatCount = (n: number): string => COUNT.format(n);

/** « 1 module », « 5 modules », « 0 module » (French takes the singular under 2). */
function countText(n: number, unit: string | null): string {
  if (!unit) return formatCount(n);
  const word = Math.abs(n) < 2 && unit.endsWith('s') ? unit.slice(0, -1) : unit;
  return `${formatCount(n)} ${word}`;
}

/** The structure's answer to a practice, from the value entered. */
export function practiceAnswer(item: PracticeItem, value: unknown): PracticeAnswer {
  switch (item.type) {
    case 'boolean':
      if (value === true) return { held: true, date: null, label: 'Oui' };
      if (value === false) return { held: false, date: null, label: 'Non' };
      return NOT_ENTERED;
    case 'date': {
      const match = typeof value === 'string' ? ISO_DATE.exec(value.trim()) : null;
      if (!match) return NOT_ENTERED;
      const [, y, m, d] = match;
      return { held: true, date: `${y}-${m}-${d}`, label: `${d}/${m}/${y}` };
    }
    case 'choice': {
      // Only one of the item's choices is an answer (as the peers are counted).
      const choice = typeof value === 'string' ? item.choices.find((c) => c.code === value) : undefined;
      if (!choice) return NOT_ENTERED;
      return { held: item.heldChoices.includes(choice.code), date: null, label: choice.label };
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return NOT_ENTERED;
      const of = item.max === null ? '' : ` sur ${formatCount(item.max)}`;
      return { held: value >= item.threshold, date: null, label: `${countText(value, item.unit)}${of}` };
    }
  }
}

const quoted = (text: string) => `«\u00a0${text}\u00a0»`;

/** How a practice is read, in French (the guide's sheets). */
export function practiceRule(item: PracticeItem): string {
  switch (item.type) {
    case 'boolean':
      return 'oui / non';
    case 'date':
      return 'date (en place quand une date est saisie)';
    case 'choice': {
      const held = item.choices.filter((c) => item.heldChoices.includes(c.code)).map((c) => quoted(c.label));
      const others = item.choices
        .filter((c) => !item.heldChoices.includes(c.code))
        .map((c) => quoted(c.label));
      const not = others.length > 0 ? ` ; pas pour ${others.join(' ou ')}` : '';
      return `choix (en place pour ${held.join(' ou ')}${not})`;
    }
    case 'integer': {
      const of = item.max === null ? '' : ` sur ${formatCount(item.max)}`;
      return `nombre${item.unit ? ` de ${item.unit}` : ''}${of} (en place à partir de ${countText(item.threshold, item.unit)})`;
    }
  }
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
