/**
 * Generates the committed JSON data of libs/dictionary from the 2021 export header
 * (shared/domain/export-tdbesms-2021-columns.tsv) and the tables below. Run from the repo root:
 *   node -r @swc-node/register libs/dictionary/tools/generate.ts [path/to/columns.tsv]
 *   npx prettier --write libs/dictionary/data
 * The output is committed; the library never reads files at runtime.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES } from '@tdb/reference';

type Domain =
  | 'CARACTERISATION'
  | 'PRESTATIONS'
  | 'RESSOURCES_HUMAINES'
  | 'FINANCES'
  | 'SYSTEME_INFORMATION'
  | 'DEVELOPPEMENT_DURABLE';
type Choice = { code: string; label: string };
type Item = {
  code: string;
  label: string;
  help?: string;
  domain: Domain;
  type: 'integer' | 'decimal' | 'percentage' | 'boolean' | 'choice' | 'date' | 'text';
  unit?: string;
  min?: number;
  max?: number;
  choices?: Choice[];
  categories: 'ALL' | string[];
  requiredIn: 'ALL' | string[];
  ogLevel: boolean;
  exportColumn?: number;
  excludedFromCompleteness?: boolean;
};
type Spec = Omit<Item, 'label' | 'categories' | 'requiredIn' | 'ogLevel' | 'exportColumn'> &
  Partial<Pick<Item, 'categories' | 'requiredIn' | 'ogLevel'>>;

const DATA_DIR = join(__dirname, '..', 'data');
const TSV =
  process.argv[2] ??
  join(__dirname, '..', '..', '..', '..', 'shared', 'domain', 'export-tdbesms-2021-columns.tsv');

const columns = readFileSync(TSV, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [n, letter, ...rest] = line.split('\t');
    return { n: Number(n), letter: letter ?? '', label: rest.join('\t').replace(/\r$/, '') };
  });
if (columns.length !== 331) throw new Error(`expected 331 columns, got ${columns.length}`);
const labelOf = (n: number): string => columns[n - 1]?.label ?? '';

// ---- category groups --------------------------------------------------------------------------
const PH = CATEGORIES.filter((c) => c.public !== 'PA').map((c) => c.code);
const PA_GIR = ['EHPAD', 'SSIAD', 'SPASAD'];
const SEANCES = ['CAMSP', 'CMPP'];
const NOT_SEANCES = CATEGORIES.map((c) => c.code).filter((c) => !SEANCES.includes(c));
const ESTABLISHMENTS = CATEGORIES.filter((c) => !c.isService).map((c) => c.code);
const EHPAD_TERNAIRE = ['EHPAD'];
const SOINS_DOTATION = ['EHPAD', 'EAM'];
const ASH = ['EHPAD', 'EAM', 'EANM'];

// ---- choice lists -----------------------------------------------------------------------------
const c = (code: string, label: string): Choice => ({ code, label });
const MODES = [
  c('interne', 'En interne'),
  c('externalise', 'Externalisé'),
  c('mutualise', 'Mutualisé'),
  c('mixte', 'Mixte'),
];
const SI_TOOLS = [
  c('logiciel_dedie', 'Logiciel dédié'),
  c('module_progiciel', "Module d'un progiciel intégré"),
  c('tableur', 'Tableur / bureautique'),
  c('aucun', 'Aucun outil'),
];

const BOOL = (code: string, domain: Domain = 'CARACTERISATION', extra: Partial<Spec> = {}): Spec => ({
  code,
  domain,
  type: 'boolean',
  ...extra,
});
const DATE = (code: string, domain: Domain = 'CARACTERISATION', extra: Partial<Spec> = {}): Spec => ({
  code,
  domain,
  type: 'date',
  ...extra,
});
const INT = (
  code: string,
  unit: string,
  max: number,
  domain: Domain = 'CARACTERISATION',
  extra: Partial<Spec> = {},
): Spec => ({ code, domain, type: 'integer', unit, min: 0, max, ...extra });
const CHOICE = (
  code: string,
  choices: Choice[],
  domain: Domain = 'CARACTERISATION',
  extra: Partial<Spec> = {},
): Spec => ({ code, domain, type: 'choice', choices, ...extra });
const TEXT = (code: string, domain: Domain = 'CARACTERISATION', extra: Partial<Spec> = {}): Spec => ({
  code,
  domain,
  type: 'text',
  ...extra,
});

// ---- the data columns of the 2021 export -------------------------------------------------------
const EXPORT_ITEMS: Record<number, Spec> = {
  14: CHOICE(
    'sources_financement',
    [
      c('assurance_maladie', 'Assurance maladie'),
      c('departement', 'Conseil départemental'),
      c('conjoint', 'Financement conjoint Assurance maladie / Département'),
      c('etat', 'État'),
      c('autre', 'Autre'),
    ],
    'FINANCES',
    { requiredIn: 'ALL' },
  ),
  15: CHOICE(
    'nomenclature_comptable',
    [
      c('m22', 'M22'),
      c('m21', 'M21'),
      c('m14', 'M14'),
      c('m52', 'M52'),
      c('m57', 'M57'),
      c('m4', 'M4x'),
      c('plan_comptable_prive', 'Plan comptable général (privé)'),
    ],
    'FINANCES',
    { requiredIn: 'ALL', ogLevel: true },
  ),
  16: CHOICE(
    'option_tarifaire',
    [
      c('partiel_sans_pui', 'Tarif partiel sans PUI'),
      c('partiel_avec_pui', 'Tarif partiel avec PUI'),
      c('global_sans_pui', 'Tarif global sans PUI'),
      c('global_avec_pui', 'Tarif global avec PUI'),
      c('sans_objet', 'Sans objet'),
    ],
    'FINANCES',
  ),
  17: CHOICE(
    'modalites_tarification',
    [
      c('prix_de_journee', 'Prix de journée'),
      c('dotation_globale', 'Dotation globale'),
      c('forfait', 'Forfait'),
      c('tarification_ternaire', 'Tarification ternaire (hébergement, dépendance, soins)'),
      c('autre', 'Autre'),
    ],
    'FINANCES',
  ),
  18: DATE('date_autorisation_activite_principale', 'CARACTERISATION', { requiredIn: 'ALL' }),
  19: DATE('date_ouverture'),
  20: CHOICE('regime_evaluation', [
    c('droit_commun', 'Régime de droit commun (évaluations interne et externe)'),
    c('derogatoire', 'Régime dérogatoire (autorisation récente ou renouvelée)'),
    c('non_soumis', 'Non soumis'),
  ]),
  21: CHOICE(
    'autorisation_specifique_alzheimer',
    [
      c('aucune', 'Aucune'),
      c('uhr', 'UHR'),
      c('usa', 'Unité spécifique Alzheimer'),
      c('pasa', 'PASA'),
      c('esa', 'ESA'),
      c('plusieurs', 'Plusieurs de ces unités'),
    ],
    'CARACTERISATION',
    { categories: PA_GIR },
  ),
  22: BOOL('cpom_en_cours', 'CARACTERISATION', { ogLevel: true }),
  23: DATE('cpom_date_entree_vigueur', 'CARACTERISATION', { ogLevel: true, excludedFromCompleteness: true }),
  24: DATE('cpom_date_echeance', 'CARACTERISATION', { ogLevel: true, excludedFromCompleteness: true }),
  25: CHOICE(
    'cpom_signataires',
    [c('ars', 'ARS'), c('cd', 'Conseil départemental'), c('ars_cd', 'ARS et Conseil départemental')],
    'CARACTERISATION',
    { ogLevel: true, excludedFromCompleteness: true },
  ),
  26: BOOL('convention_tripartite'),
  27: DATE('convention_tripartite_date_signature', 'CARACTERISATION', { excludedFromCompleteness: true }),
  28: DATE('convention_tripartite_date_echeance', 'CARACTERISATION', { excludedFromCompleteness: true }),
  29: INT('personnes_orientation_mdph', 'personnes', 100000, 'CARACTERISATION', { categories: PH }),
  30: INT('lits_places_autorises_permanent', 'lits/places', 100000, 'CARACTERISATION', { requiredIn: 'ALL' }),
  31: INT('lits_places_installes_permanent', 'lits/places', 100000, 'CARACTERISATION', { requiredIn: 'ALL' }),
  32: INT('lits_places_autorises_temporaire', 'lits/places', 100000),
  33: INT('lits_places_installes_temporaire', 'lits/places', 100000),
  34: INT('places_autorisees_accueil_jour', 'places', 100000),
  35: INT('places_installees_accueil_jour', 'places', 100000),
  36: INT('places_habilitees_aide_sociale', 'places', 100000, 'CARACTERISATION', { categories: ASH }),
  37: INT('seances_financees', 'séances', 10000000, 'PRESTATIONS', {
    categories: SEANCES,
    requiredIn: SEANCES,
  }),
  38: CHOICE('modalites_ht_aj', [
    c('unite_dediee', 'Unité dédiée'),
    c('places_dispersees', 'Places dispersées'),
    c('mixte', 'Mixte'),
    c('sans_objet', 'Sans objet'),
  ]),
  39: DATE('livret_accueil_date'),
  40: BOOL('charte_droits_libertes'),
  41: DATE('contrat_sejour_date'),
  42: BOOL('liste_personnes_qualifiees'),
  43: DATE('reglement_fonctionnement_date'),
  44: DATE('cvs_date_derniere_reunion'),
  45: DATE('projet_etablissement_date'),
  46: BOOL('criteres_admission_formalises'),
  47: BOOL('gestion_risques_maltraitance'),
  48: BOOL('certification'),
  49: DATE('certification_date', 'CARACTERISATION', { excludedFromCompleteness: true }),
  50: BOOL('certification_fonctions_administratives', 'CARACTERISATION', { excludedFromCompleteness: true }),
  51: BOOL('certification_fonctions_accompagnement', 'CARACTERISATION', { excludedFromCompleteness: true }),
  52: BOOL('certification_fonctions_logistiques', 'CARACTERISATION', { excludedFromCompleteness: true }),
  71: CHOICE('prestations_realisees', MODES, 'PRESTATIONS'),
  94: BOOL('gpmc', 'RESSOURCES_HUMAINES'),
  95: INT('cdd_remplacement', 'contrats', 100000, 'RESSOURCES_HUMAINES'),
  96: BOOL('pool_remplacement', 'RESSOURCES_HUMAINES'),
  97: CHOICE(
    'convention_collective',
    [
      c('fph', 'Fonction publique hospitalière'),
      c('fpt', 'Fonction publique territoriale'),
      c('ccn_1951', 'CCN du 31 octobre 1951 (FEHAP)'),
      c('ccn_1966', 'CCN du 15 mars 1966'),
      c('ccn_bad', "CCN de la branche de l'aide à domicile"),
      c('ccn_2002', 'CCN du 18 avril 2002 (hospitalisation privée)'),
      c('sans_convention', 'Sans convention collective'),
      c('autre', 'Autre'),
    ],
    'RESSOURCES_HUMAINES',
    { ogLevel: true },
  ),
  98: CHOICE(
    'diplome_directeur',
    [
      c('cafdes', 'CAFDES'),
      c('ehesp', 'Diplôme EHESP (D3S, DH)'),
      c('master', 'Master (niveau 7)'),
      c('licence', 'Licence (niveau 6)'),
      c('caferuis', 'CAFERUIS'),
      c('autre', 'Autre'),
    ],
    'RESSOURCES_HUMAINES',
  ),
  99: BOOL('mono_site'),
  100: BOOL('mono_batiment'),
  101: BOOL('contraintes_architecturales'),
  102: DATE('date_construction_renovation', 'CARACTERISATION', { categories: ESTABLISHMENTS }),
  103: BOOL('diagnostic_accessibilite'),
  104: DATE('diagnostic_accessibilite_date', 'CARACTERISATION', { excludedFromCompleteness: true }),
  105: BOOL('commission_securite_obligation'),
  106: DATE('commission_securite_date', 'CARACTERISATION', { excludedFromCompleteness: true }),
  107: BOOL('commission_securite_avis_favorable', 'CARACTERISATION', { excludedFromCompleteness: true }),
  108: BOOL('reglementation_incendie'),
  109: BOOL('reglementation_amiante'),
  110: BOOL('reglementation_energetique'),
  111: BOOL('reglementation_accessibilite'),
  112: BOOL('groupe_electrogene'),
  113: CHOICE('droit_occupation', [
    c('proprietaire', 'Propriétaire'),
    c('locataire', 'Locataire'),
    c('mise_a_disposition', 'Mise à disposition'),
    c('bail_emphyteotique', 'Bail emphytéotique ou à construction'),
    c('autre', 'Autre'),
  ]),
  114: {
    code: 'superficie_locaux',
    domain: 'CARACTERISATION',
    type: 'decimal',
    unit: 'm²',
    min: 0,
    max: 1000000,
  },
  115: {
    code: 'superficie_terrains',
    domain: 'CARACTERISATION',
    type: 'decimal',
    unit: 'm²',
    min: 0,
    max: 10000000,
  },
  116: INT('chambres_individuelles', 'chambres', 10000, 'CARACTERISATION', { categories: ESTABLISHMENTS }),
  117: INT('chambres_installees', 'chambres', 10000, 'CARACTERISATION', { categories: ESTABLISHMENTS }),
  118: CHOICE('organisation_transports', [...MODES, c('sans_objet', 'Sans objet')]),
  119: INT('vehicules_adaptes', 'véhicules', 10000),
  120: INT('vehicules_non_adaptes', 'véhicules', 10000),
  121: BOOL('accessibilite_transport_collectif'),
  122: BOOL('plateau_technique'),
  123: BOOL('convention_plan_bleu'),
  124: BOOL('partenariat_reseau_sante'),
  125: TEXT('type_reseau_sante', 'CARACTERISATION', { excludedFromCompleteness: true }),
  126: BOOL('partenariat_coordination_medico_sociale'),
  127: BOOL('convention_equipes_mobiles'),
  128: BOOL('convention_had'),
  129: BOOL('cooperation_inter_etablissements'),
  130: BOOL('convention_education_nationale'),
  131: BOOL('mission_appui_ressource'),
  132: TEXT('nature_missions_appui_ressource', 'CARACTERISATION', { excludedFromCompleteness: true }),
  133: BOOL('programmation_cycles_evaluation'),
  134: DATE('evaluation_interne_date'),
  135: DATE('evaluation_externe_date'),
  136: TEXT('methodologie_evaluation_interne', 'CARACTERISATION', { excludedFromCompleteness: true }),
  137: BOOL('evaluation_continue_formalisee'),
  138: BOOL('evaluation_continue_rapport_activite'),
  291: BOOL('si_feuille_route', 'SYSTEME_INFORMATION', { ogLevel: true }),
  292: BOOL('si_feuille_route_point_direction', 'SYSTEME_INFORMATION', { ogLevel: true }),
  293: BOOL('si_axe_cpom', 'SYSTEME_INFORMATION', { ogLevel: true }),
  294: BOOL('si_budget_identifie', 'SYSTEME_INFORMATION', { ogLevel: true }),
  295: {
    code: 'si_budget_exploitation',
    domain: 'SYSTEME_INFORMATION',
    type: 'decimal',
    unit: '€',
    min: 0,
    max: 1000000000,
    ogLevel: true,
  },
  296: {
    code: 'si_budget_investissement',
    domain: 'SYSTEME_INFORMATION',
    type: 'decimal',
    unit: '€',
    min: 0,
    max: 1000000000,
    ogLevel: true,
  },
  297: BOOL('si_responsable', 'SYSTEME_INFORMATION', { ogLevel: true }),
  298: BOOL('si_teleconsultation', 'SYSTEME_INFORMATION'),
  299: TEXT('si_politique_securite_actions', 'SYSTEME_INFORMATION', { ogLevel: true }),
  300: BOOL('si_sauvegardes', 'SYSTEME_INFORMATION'),
  301: BOOL('si_dpo', 'SYSTEME_INFORMATION', { ogLevel: true }),
  302: TEXT('si_actions_rgpd', 'SYSTEME_INFORMATION', { ogLevel: true }),
  303: BOOL('si_procedures_degradees', 'SYSTEME_INFORMATION'),
  304: BOOL('si_hebergement_externe', 'SYSTEME_INFORMATION'),
  305: BOOL('si_hebergeur_hds', 'SYSTEME_INFORMATION', { excludedFromCompleteness: true }),
  306: BOOL('si_acces_dematerialise_procedures', 'SYSTEME_INFORMATION'),
  307: BOOL('si_identifiant_unique_usager', 'SYSTEME_INFORMATION'),
  308: BOOL('si_lien_dmp', 'SYSTEME_INFORMATION'),
  309: BOOL('si_interoperabilite', 'SYSTEME_INFORMATION'),
  310: BOOL('si_messagerie_securisee', 'SYSTEME_INFORMATION'),
  311: CHOICE('si_outil_comptabilite', SI_TOOLS, 'SYSTEME_INFORMATION'),
  312: CHOICE('si_outil_pilotage', SI_TOOLS, 'SYSTEME_INFORMATION'),
  313: INT('si_rh_modules', 'modules', 9, 'SYSTEME_INFORMATION'),
  314: CHOICE('si_outil_stocks', SI_TOOLS, 'SYSTEME_INFORMATION'),
  315: CHOICE('si_outil_facturation', SI_TOOLS, 'SYSTEME_INFORMATION'),
  316: CHOICE('si_outil_dossier_usager', SI_TOOLS, 'SYSTEME_INFORMATION'),
  318: INT('dossiers_administratifs_informatises', 'dossiers', 1000000, 'SYSTEME_INFORMATION'),
  319: INT('personnes_accompagnees_31_12', 'personnes', 1000000, 'PRESTATIONS', { requiredIn: 'ALL' }),
  321: INT('projets_personnalises_informatises', 'projets', 1000000, 'SYSTEME_INFORMATION'),
  323: BOOL('si_espace_usager', 'SYSTEME_INFORMATION'),
  324: BOOL('si_usager_alimente_dossier', 'SYSTEME_INFORMATION'),
  325: BOOL('dd_integration_enjeux', 'DEVELOPPEMENT_DURABLE'),
  326: BOOL('dd_qualite_vie_travail', 'DEVELOPPEMENT_DURABLE'),
  328: {
    code: 'energie_consommation_kwh',
    domain: 'DEVELOPPEMENT_DURABLE',
    type: 'decimal',
    unit: 'kWh',
    min: 0,
    max: 1000000000,
  },
  329: {
    code: 'energie_superficie',
    domain: 'DEVELOPPEMENT_DURABLE',
    type: 'decimal',
    unit: 'm²',
    min: 0,
    max: 1000000,
  },
  330: BOOL('dd_politique_dechets', 'DEVELOPPEMENT_DURABLE'),
  331: BOOL('dd_politique_achat', 'DEVELOPPEMENT_DURABLE'),
};

// SERAFIN-PH prestations (53–93 minus 71): a yes/no column followed by its mode de réalisation.
const PRESTATION_PAIRS: [number, string, Domain][] = [
  [53, 'soins_somatiques_psychiques', 'PRESTATIONS'],
  [55, 'reeducation_readaptation', 'PRESTATIONS'],
  [57, 'autonomie', 'PRESTATIONS'],
  [59, 'exercice_droits', 'PRESTATIONS'],
  [61, 'logement', 'PRESTATIONS'],
  [63, 'roles_sociaux', 'PRESTATIONS'],
  [65, 'vie_sociale', 'PRESTATIONS'],
  [67, 'ressources_autogestion', 'PRESTATIONS'],
  [69, 'coordination_renforcee', 'PRESTATIONS'],
  [72, 'gestion_rh', 'PRESTATIONS'],
  [74, 'gestion_administrative_financiere', 'PRESTATIONS'],
  [76, 'achats', 'PRESTATIONS'],
  [78, 'information_communication', 'PRESTATIONS'],
  [80, 'qualite_securite', 'PRESTATIONS'],
  [82, 'relations_territoire', 'PRESTATIONS'],
  [84, 'transports_gerer_manager', 'PRESTATIONS'],
  [86, 'repas', 'PRESTATIONS'],
  [88, 'linge', 'PRESTATIONS'],
  [90, 'transports_projet_individuel', 'PRESTATIONS'],
  [92, 'transports_biens_materiels', 'PRESTATIONS'],
];
for (const [n, code, domain] of PRESTATION_PAIRS) {
  EXPORT_ITEMS[n] = BOOL(`prestation_${code}`, domain);
  EXPORT_ITEMS[n + 1] = CHOICE(`prestation_${code}_mode`, MODES, domain, { excludedFromCompleteness: true });
}

// Computed indicator columns (EI–KD, and the three Axe-4 ratios) and duplicated operand columns.
const COMPUTED = [...Array.from({ length: 290 - 139 + 1 }, (_, i) => 139 + i), 317, 320, 327];
const DUPLICATES: Record<number, number> = { 322: 319 };

// ---- raw operands of README §5.2 (no export column) --------------------------------------------
const OPERANDS: Item[] = [];
const op = (code: string, label: string, spec: Partial<Item> & Pick<Item, 'domain' | 'type'>): void => {
  OPERANDS.push({ code, label, categories: 'ALL', requiredIn: [], ogLevel: false, ...spec });
};
const count = (
  code: string,
  label: string,
  unit: string,
  domain: Domain,
  max: number,
  extra: Partial<Item> = {},
): void => op(code, label, { domain, type: 'integer', unit, min: 0, max, ...extra });
const euros = (code: string, label: string, extra: Partial<Item> = {}): void =>
  op(code, label, { domain: 'FINANCES', type: 'decimal', unit: '€', min: 0, max: 10000000000, ...extra });

// Activity
const J = 10000000;
count(
  'journees_realisees_hebergement_permanent',
  'Nombre de journées réalisées en hébergement permanent',
  'jours',
  'PRESTATIONS',
  J,
  { categories: NOT_SEANCES },
);
count(
  'journees_realisees_hebergement_temporaire',
  'Nombre de journées réalisées en hébergement temporaire',
  'jours',
  'PRESTATIONS',
  J,
  { categories: NOT_SEANCES },
);
count(
  'journees_realisees_accueil_jour',
  'Nombre de journées réalisées en accueil de jour',
  'jours',
  'PRESTATIONS',
  J,
  { categories: NOT_SEANCES },
);
count('journees_realisees_internat', 'Nombre de journées réalisées en internat', 'jours', 'PRESTATIONS', J, {
  categories: NOT_SEANCES,
});
count(
  'journees_realisees_semi_internat',
  'Nombre de journées réalisées en semi-internat',
  'jours',
  'PRESTATIONS',
  J,
  { categories: NOT_SEANCES },
);
count('journees_realisees_externat', 'Nombre de journées réalisées en externat', 'jours', 'PRESTATIONS', J, {
  categories: NOT_SEANCES,
});
for (const k of [1, 2, 3]) {
  count(
    `journees_realisees_autre_${k}`,
    `Nombre de journées réalisées — autre mode ${k}`,
    'jours',
    'PRESTATIONS',
    J,
    { categories: NOT_SEANCES, excludedFromCompleteness: true },
  );
}
count('journees_financees', "Nombre de journées financées sur l'année", 'jours', 'PRESTATIONS', J, {
  categories: NOT_SEANCES,
  requiredIn: NOT_SEANCES,
});
count('journees_theoriques', "Nombre de journées théoriques sur l'année", 'jours', 'PRESTATIONS', J, {
  categories: NOT_SEANCES,
});
count('jours_ouverture', "Nombre de jours d'ouverture de l'année", 'jours', 'PRESTATIONS', 366, {
  requiredIn: 'ALL',
});
count(
  'jours_ouverture_accueil_jour',
  "Nombre de jours d'ouverture de l'accueil de jour",
  'jours',
  'PRESTATIONS',
  366,
  { categories: NOT_SEANCES, excludedFromCompleteness: true },
);
count('seances_programmees', "Nombre de séances/actes programmés sur l'année", 'séances', 'PRESTATIONS', J, {
  categories: SEANCES,
});
count('seances_realisees', "Nombre de séances/actes réalisés sur l'année", 'séances', 'PRESTATIONS', J, {
  categories: SEANCES,
  requiredIn: SEANCES,
});
count(
  'seances_non_realisees',
  "Nombre de séances/actes programmés non réalisés sur l'année",
  'séances',
  'PRESTATIONS',
  J,
  { categories: SEANCES },
);
count(
  'journees_absence',
  "Nombre de journées d'absence des personnes accompagnées sur l'année",
  'jours',
  'PRESTATIONS',
  J,
);
count(
  'journees_hospitalisation_complete',
  "Nombre de journées d'hospitalisation complète (y compris HAD) des personnes accompagnées",
  'jours',
  'PRESTATIONS',
  J,
  { categories: ESTABLISHMENTS },
);
count(
  'journees_aide_sociale',
  "Nombre de journées réalisées par des bénéficiaires de l'aide sociale départementale à l'hébergement",
  'jours',
  'PRESTATIONS',
  J,
  { categories: ASH },
);
// Population
const P = 1000000;
count('entrees', "Nombre d'entrées (admissions) dans l'année", 'personnes', 'PRESTATIONS', P, {
  requiredIn: 'ALL',
});
count(
  'entrees_domicile',
  "Nombre d'entrées provenant du domicile ou du milieu ordinaire",
  'personnes',
  'PRESTATIONS',
  P,
);
count(
  'entrees_etablissement_sante',
  "Nombre d'entrées provenant d'un établissement de santé",
  'personnes',
  'PRESTATIONS',
  P,
);
count(
  'entrees_etablissement_medico_social',
  "Nombre d'entrées provenant d'un établissement médico-social",
  'personnes',
  'PRESTATIONS',
  P,
);
count(
  'entrees_provenance_inconnue',
  "Nombre d'entrées dont la provenance n'est pas connue",
  'personnes',
  'PRESTATIONS',
  P,
);
count('sorties_definitives', "Nombre de sorties définitives dans l'année", 'personnes', 'PRESTATIONS', P, {
  requiredIn: 'ALL',
});
count('sorties_deces', 'Nombre de sorties définitives par décès', 'personnes', 'PRESTATIONS', P);
count(
  'sorties_hospitalisation',
  'Nombre de sorties définitives par hospitalisation',
  'personnes',
  'PRESTATIONS',
  P,
);
count(
  'sorties_domicile',
  'Nombre de sorties définitives par retour à domicile (ou en milieu ordinaire)',
  'personnes',
  'PRESTATIONS',
  P,
);
count(
  'sorties_reorientation',
  'Nombre de sorties définitives suite à réorientation vers un autre établissement médico-social',
  'personnes',
  'PRESTATIONS',
  P,
);
count(
  'sorties_destination_inconnue',
  'Nombre de sorties définitives vers une destination inconnue',
  'personnes',
  'PRESTATIONS',
  P,
);
count(
  'duree_accompagnement_sortants',
  "Somme des durées d'accompagnement des personnes sorties définitivement (hors hébergement temporaire et accueil de jour)",
  'jours',
  'PRESTATIONS',
  1000000000,
  { categories: NOT_SEANCES },
);
count(
  'personnes_absentes',
  "Nombre de personnes absentes au moins une fois dans l'année",
  'personnes',
  'PRESTATIONS',
  P,
);
count(
  'personnes_derogation_age',
  "Nombre de personnes accompagnées au 31.12 hors de l'âge de l'autorisation (dérogation, amendement Creton)",
  'personnes',
  'PRESTATIONS',
  P,
  { categories: PH },
);
count(
  'personnes_mesure_protection',
  'Nombre de personnes accompagnées au 31.12 bénéficiant d’une mesure de protection',
  'personnes',
  'PRESTATIONS',
  P,
  {
    help: 'Adultes : mesure de protection juridique (tutelle, curatelle…). Enfants : mesure de protection de l’enfance (ASE).',
  },
);
count(
  'personnes_accueil_jour',
  "Nombre de personnes différentes accueillies en accueil de jour dans l'année",
  'personnes',
  'PRESTATIONS',
  P,
  { categories: NOT_SEANCES, excludedFromCompleteness: true },
);
for (const g of [1, 2, 3, 4, 5, 6]) {
  count(
    `personnes_gir_${g}`,
    `Nombre de personnes accompagnées au 31.12 classées en GIR ${g}`,
    'personnes',
    'PRESTATIONS',
    P,
    { categories: PA_GIR, requiredIn: ['EHPAD'] },
  );
}
op('gmp_valide', 'Dernier GMP validé', {
  domain: 'PRESTATIONS',
  type: 'decimal',
  unit: 'points',
  min: 0,
  max: 1000,
  categories: PA_GIR,
  requiredIn: ['EHPAD'],
});
op('gmp_valide_date', 'Date de validation du dernier GMP', {
  domain: 'PRESTATIONS',
  type: 'date',
  categories: PA_GIR,
});
op('gmp_connu', 'Dernier GMP connu', {
  domain: 'PRESTATIONS',
  type: 'decimal',
  unit: 'points',
  min: 0,
  max: 1000,
  categories: PA_GIR,
});
op('pmp_valide', 'Dernier PMP validé', {
  domain: 'PRESTATIONS',
  type: 'decimal',
  unit: 'points',
  min: 0,
  max: 2000,
  categories: PA_GIR,
  requiredIn: ['EHPAD'],
});
op('pmp_valide_date', 'Date de validation du dernier PMP', {
  domain: 'PRESTATIONS',
  type: 'date',
  categories: PA_GIR,
});
op('pmp_connu', 'Dernier PMP connu', {
  domain: 'PRESTATIONS',
  type: 'decimal',
  unit: 'points',
  min: 0,
  max: 2000,
  categories: PA_GIR,
});
const DEFICIENCES: [string, string, boolean][] = [
  ['intellectuelles', 'Déficiences intellectuelles', true],
  ['autisme_ted', 'Autisme et autres TED', true],
  ['psychisme', 'Troubles du psychisme', true],
  ['langage_apprentissages', 'Troubles du langage et des apprentissages', true],
  ['auditives', 'Déficiences auditives', true],
  ['visuelles', 'Déficiences visuelles', true],
  ['motrices', 'Déficiences motrices', true],
  ['metaboliques', 'Déficiences métaboliques, viscérales et nutritionnelles', true],
  ['cerebro_lesions', 'Cérébro-lésions', true],
  ['polyhandicap', 'Polyhandicap', false],
  ['tcc', 'Troubles du comportement et de la communication (TCC)', true],
  ['diagnostic_en_cours', 'Diagnostics en cours', false],
  ['autres', 'Autres types de déficiences', true],
];
for (const [code, label, associated] of DEFICIENCES) {
  count(
    `deficience_principale_${code}`,
    `Nombre de personnes au 31.12 — déficience principale : ${label}`,
    'personnes',
    'PRESTATIONS',
    P,
    { categories: PH },
  );
  if (associated) {
    count(
      `deficience_associee_${code}`,
      `Nombre de personnes au 31.12 — déficience associée : ${label}`,
      'personnes',
      'PRESTATIONS',
      P,
      { categories: PH },
    );
  }
}
count(
  'deficience_principale_non_renseignee',
  'Nombre de personnes au 31.12 — déficience principale non renseignée ou aucune',
  'personnes',
  'PRESTATIONS',
  P,
  { categories: PH, excludedFromCompleteness: true },
);
const AGES: [string, string][] = [
  ['moins_1', 'moins de 1 an'],
  ['1_2', '1 an à moins de 2 ans'],
  ['2_3', '2 ans à moins de 3 ans'],
  ['3_4', '3 ans à moins de 4 ans'],
  ['4_5', '4 ans à moins de 5 ans'],
  ['5_6', '5 ans à moins de 6 ans'],
  ['6_10', '6 à 10 ans'],
  ['11_15', '11 à 15 ans'],
  ['16_17', '16 à 17 ans'],
  ['18_19', '18 à 19 ans'],
  ['20_24', '20 à 24 ans'],
  ['25_29', '25 à 29 ans'],
  ['30_34', '30 à 34 ans'],
  ['35_39', '35 à 39 ans'],
  ['40_44', '40 à 44 ans'],
  ['45_49', '45 à 49 ans'],
  ['50_54', '50 à 54 ans'],
  ['55_59', '55 à 59 ans'],
  ['60_74', '60 à 74 ans'],
  ['75_84', '75 à 84 ans'],
  ['85_95', '85 à 95 ans'],
  ['96_plus', '96 ans et plus'],
];
for (const [code, label] of AGES) {
  count(
    `personnes_age_${code}`,
    `Nombre de personnes accompagnées au 31.12 âgées de ${label}`,
    'personnes',
    'PRESTATIONS',
    P,
  );
}
// RH
const ETP = (code: string, label: string, extra: Partial<Item> = {}): void =>
  op(code, label, {
    domain: 'RESSOURCES_HUMAINES',
    type: 'decimal',
    unit: 'ETP',
    min: 0,
    max: 10000,
    ...extra,
  });
const ETP_FUNCTIONS: [string, string, boolean][] = [
  ['direction', 'Direction/Encadrement', false],
  ['direction_medical', 'dont personnel médical d’encadrement', true],
  ['direction_autre', 'dont autre Direction/Encadrement', true],
  ['administration', 'Administration/Gestion', false],
  ['services_generaux', 'Services généraux', false],
  ['restauration', 'Restauration', false],
  ['socio_educatif', 'Socio-éducatif', false],
  ['socio_educatif_amp', 'dont aide médico-psychologique (socio-éducatif)', true],
  ['socio_educatif_animateur', 'dont animateur', true],
  ['socio_educatif_moniteur', 'dont moniteur éducateur', true],
  ['socio_educatif_educateur_specialise', 'dont éducateur spécialisé', true],
  ['socio_educatif_assistant_social', 'dont assistant social', true],
  ['socio_educatif_autre', 'dont autre socio-éducatif', true],
  ['paramedical', 'Paramédical', false],
  ['paramedical_infirmier', 'dont infirmier', true],
  ['paramedical_amp', 'dont aide médico-psychologique (paramédical)', true],
  ['paramedical_aide_soignant', 'dont aide-soignant', true],
  ['paramedical_kinesitherapeute', 'dont kinésithérapeute', true],
  ['paramedical_psychomotricien', 'dont psychomotricien', true],
  ['paramedical_ergotherapeute', 'dont ergothérapeute', true],
  ['paramedical_orthophoniste', 'dont orthophoniste', true],
  ['paramedical_autre', 'dont autre paramédical', true],
  ['psychologue', 'Psychologue', false],
  ['ash', 'Agent de service hospitalier (ASH)', false],
  ['medical', 'Médical', false],
  ['medical_medecin_coordonnateur', 'dont médecin coordonnateur', true],
  ['medical_autre', 'dont autre médical', true],
  ['education_nationale', 'Personnel Éducation nationale', false],
  ['autres_fonctions', 'Autres fonctions', false],
];
for (const [code, label, detail] of ETP_FUNCTIONS) {
  ETP(`etp_reels_${code}`, `ETP réels au 31.12 — ${label}`, detail ? { excludedFromCompleteness: true } : {});
}
ETP('etp_budgetes', 'Nombre d’ETP budgétés (autorisés) au 31.12', { requiredIn: 'ALL' });
ETP('etp_vacants', 'Nombre d’ETP vacants au 31.12', {
  help: 'Poste non pourvu, ou pourvu par une prestation externe, libérale ou conventionnelle ; absence de plus de 6 mois.',
});
ETP('etp_vacants_soins', 'Nombre d’ETP vacants au 31.12 — fonction soins');
ETP('etp_vacants_socio_educatif', 'Nombre d’ETP vacants au 31.12 — fonction socio-éducative');
ETP('etp_management', 'Nombre d’ETP occupant une fonction de gestion d’équipe ou de management');
ETP('etp_interim', 'Nombre d’ETP d’intérim sur l’année', { excludedFromCompleteness: true });
count(
  'effectif_physique_n_1',
  'Effectif réel (personnes physiques) au 31.12.N-1',
  'personnes',
  'RESSOURCES_HUMAINES',
  100000,
  { requiredIn: 'ALL' },
);
count('recrutements', "Nombre de recrutements dans l'année", 'personnes', 'RESSOURCES_HUMAINES', 100000);
count('departs', "Nombre de départs dans l'année", 'personnes', 'RESSOURCES_HUMAINES', 100000);
const ABSENCES: [string, string][] = [
  ['maladie_courte', 'maladie ordinaire / de courte durée'],
  ['maladie_moyenne', 'maladie de moyenne durée'],
  ['maladie_longue', 'maladie de longue durée'],
  ['maternite_paternite', 'maternité/paternité'],
  ['at_mp', 'accident du travail / maladie professionnelle'],
  ['conges_speciaux', 'congés spéciaux dont les congés sans solde (hors congés payés)'],
];
for (const [code, label] of ABSENCES) {
  count(
    `jours_absence_${code}`,
    `Nombre de jours calendaires d'absence pour ${label}`,
    'jours',
    'RESSOURCES_HUMAINES',
    10000000,
  );
}
const STAFF_AGES: [string, string][] = [
  ['moins_20', 'moins de 20 ans'],
  ['20_29', '20 à 29 ans'],
  ['30_39', '30 à 39 ans'],
  ['40_49', '40 à 49 ans'],
  ['50_54', '50 à 54 ans'],
  ['55_59', '55 à 59 ans'],
  ['60_64', '60 à 64 ans'],
  ['65_plus', '65 ans et plus'],
];
for (const [code, label] of STAFF_AGES) {
  count(
    `personnel_age_${code}`,
    `Effectif du personnel au 31.12 âgé de ${label}`,
    'personnes',
    'RESSOURCES_HUMAINES',
    100000,
  );
}
// Finances
euros('compte_6111', 'Compte 6111 — prestations / sous-traitance à caractère médical');
euros('compte_6112', 'Compte 6112 — prestations / sous-traitance à caractère médico-social');
euros('compte_621_hors_62111', 'Compte 621 — personnel extérieur lié aux prestations directes (hors 62111)');
euros('compte_6223', 'Compte 6223 — intervenants médicaux');
euros('compte_6226', 'Compte 6226 — honoraires liés aux prestations directes');
euros('depenses_groupe_1', "Groupe 1 : dépenses afférentes à l'exploitation courante (montant)");
euros('depenses_groupe_2', 'Groupe 2 : dépenses afférentes au personnel (montant, titre I)', {
  requiredIn: 'ALL',
});
euros('depenses_groupe_3', 'Groupe 3 : dépenses afférentes à la structure (montant)');
euros('recettes_prevues', 'Recettes prévues (budget exécutoire / EPRD)');
euros('recettes_realisees', 'Recettes réalisées (compte administratif / ERRD)', { requiredIn: 'ALL' });
euros('depenses_prevues', 'Dépenses prévues (budget exécutoire / EPRD)');
euros('depenses_realisees', 'Dépenses réalisées (compte administratif / ERRD)', { requiredIn: 'ALL' });
euros('caf', "Capacité d'autofinancement (CAF)", { min: -10000000000 });
euros('produits_hors_775_777_7781_78', 'Total des produits (hors c/775, 777, 7781 et 78)');
euros('amortissements_constructions', 'Amortissements cumulés des constructions');
euros('valeur_brute_constructions', 'Valeur brute des immobilisations « constructions »');
euros('amortissements_equipements', 'Amortissements cumulés des équipements (2815, 2818)');
euros('valeur_brute_equipements', 'Valeur brute des équipements (215, 218)');
euros('dettes_financieres', 'Dettes financières à moyen et long terme (c/16 hors 165, 1688, 169)');
euros('capitaux_permanents', 'Capitaux permanents (financements stables)');
euros('frng', 'Fonds de roulement net global (FRNG)', { min: -10000000000 });
euros('charges_courantes', "Charges courantes de l'exercice (hors c/68 et c/675)");
for (const [code, label] of [
  ['hebergement', 'hébergement'],
  ['dependance', 'dépendance'],
  ['soins', 'soins'],
] as const) {
  euros(`recettes_section_${code}`, `Recettes de la section « ${label} »`, { categories: EHPAD_TERNAIRE });
  euros(`depenses_section_${code}`, `Dépenses de la section « ${label} »`, { categories: EHPAD_TERNAIRE });
}
euros('dotation_soins', 'Dotation (forfait) soins notifiée', { categories: SOINS_DOTATION });
euros('depenses_soins_personnel', 'Dépenses imputées à la section soins — dépenses de personnel', {
  categories: SOINS_DOTATION,
});
euros(
  'depenses_soins_fournitures',
  'Dépenses imputées à la section soins — prestations et fournitures médicales et paramédicales',
  { categories: SOINS_DOTATION },
);
euros('depenses_soins_materiel', 'Dépenses imputées à la section soins — matériel médical', {
  categories: SOINS_DOTATION,
});

// ---- assemble ---------------------------------------------------------------------------------
const exportItems: Item[] = [];
const computedColumns: { n: number; letter: string; label: string }[] = [];
const duplicateColumns: { n: number; letter: string; label: string; sameAs: number }[] = [];
for (const col of columns) {
  if (col.n < 14) continue;
  if (COMPUTED.includes(col.n)) {
    computedColumns.push(col);
    continue;
  }
  const sameAs = DUPLICATES[col.n];
  if (sameAs !== undefined) {
    duplicateColumns.push({ ...col, sameAs });
    continue;
  }
  const spec = EXPORT_ITEMS[col.n];
  if (!spec) throw new Error(`no item for column ${col.n} ${col.label}`);
  const { categories = 'ALL', requiredIn = [], ogLevel = false, ...rest } = spec;
  exportItems.push({
    code: rest.code,
    label: labelOf(col.n),
    ...Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'code')),
    categories,
    requiredIn,
    ogLevel,
    exportColumn: col.n,
  } as Item);
}

const write = (file: string, data: unknown): void =>
  writeFileSync(join(DATA_DIR, file), JSON.stringify(data, null, 2) + '\n');
write('export-2021-columns.json', { columns });
write('export-2021-computed-columns.json', {
  description:
    "Columns of the 2021 regional export that are not collected items: computed indicators (EI–KD, LE, LH, LO) and duplicated operand columns. Rates (« Taux … », « Part … », « % … », the shares of distributions, the absenteeism by motif) are written as ratios (0.0526 for 5.26 %) in cells formatted as percentages, as in the current platform's file; the platform itself computes and shows them in %.",
  computedColumns,
  duplicateColumns,
});
write('2026.json', {
  version: '2026.1',
  campaignYear: 2026,
  dataYear: 2025,
  items: [...exportItems, ...OPERANDS],
});
console.log(
  `export items ${exportItems.length}, operands ${OPERANDS.length}, computed ${computedColumns.length}, duplicates ${duplicateColumns.length}`,
);
