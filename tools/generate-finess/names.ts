/**
 * Invented but plausible names (uppercase, French accents in part) for structures, organisations
 * and streets. All group/association names are invented: no real company or association name.
 * Every character stays in ISO-8859-1 (the real extract's encoding).
 */
import { Random } from '@tdb/random';

// prettier-ignore
const TREES = [
  'CHÊNES', 'TILLEULS', 'ÉRABLES', 'MARRONNIERS', 'CERISIERS', 'PINS', 'BOULEAUX', 'ACACIAS', 'PEUPLIERS',
  'CYPRÈS', 'SAULES', 'PLATANES', 'OLIVIERS', 'AMANDIERS', 'CÈDRES', 'HÊTRES', 'FRÊNES', 'MIMOSAS', 'GLYCINES',
  'LILAS', 'ROSIERS', 'CAMÉLIAS', 'HORTENSIAS', 'MAGNOLIAS', 'LAURIERS', 'NOISETIERS', 'CHARMES', 'ORMEAUX',
  'AUBÉPINES', 'BRUYÈRES', 'GENÊTS', 'AJONCS', 'LAVANDES', 'PERVENCHES', 'IRIS', 'VIOLETTES', 'JONQUILLES',
  'COQUELICOTS', 'BLEUETS', 'MYOSOTIS', 'PRIMEVÈRES', 'CAPUCINES', 'TAMARIS', 'MÛRIERS', 'POMMIERS', 'VIGNES',
  'SORBIERS', 'MÉLÈZES', 'SAPINS', 'ÉPICÉAS', 'CHÂTAIGNIERS', 'NOYERS', 'AULNES', 'TREMBLES', 'BAMBOUS',
  'ORANGERS', 'CITRONNIERS', 'FLAMBOYANTS', 'MANGUIERS', 'BOUGAINVILLÉES',
] as const;

// prettier-ignore
const SAINTS = [
  'SAINT-JOSEPH', 'SAINTE-ANNE', 'SAINT-MARTIN', 'SAINT-FRANÇOIS', 'SAINTE-MARIE', 'SAINT-VINCENT',
  'SAINT-LOUIS', 'NOTRE-DAME', 'SAINTE-THÉRÈSE', 'SAINT-JEAN', 'SAINT-NICOLAS', 'SAINTE-CLAIRE',
  'SAINT-BENOÎT', 'SAINT-ÉLOI', 'SAINTE-ÉLISABETH', 'SAINT-PIERRE', 'SAINT-PAUL', 'SAINTE-GENEVIÈVE',
  'SAINT-MICHEL', 'SAINTE-CATHERINE', 'SAINT-JACQUES', 'SAINT-HILAIRE', 'SAINTE-JEANNE', 'SAINT-GERMAIN',
  'SAINT-DOMINIQUE', 'SAINTE-AGNÈS', 'SAINT-AUGUSTIN', 'SAINTE-MARTHE', 'SAINT-ROCH', 'SAINTE-BERNADETTE',
] as const;

// prettier-ignore
const PEOPLE = [
  'LOUISE MICHEL', 'GEORGE SAND', 'VICTOR HUGO', 'MARIE CURIE', 'JULES FERRY', 'PAUL CÉZANNE', 'JEAN MOULIN',
  'SIMONE VEIL', 'LOUIS PASTEUR', 'ALBERT CAMUS', 'COLETTE', 'JEAN JAURÈS', 'CLAUDE MONET', 'ÉMILE ZOLA',
  'ANTOINE DE SAINT-EXUPÉRY', 'MARCEL PAGNOL', 'JACQUES PRÉVERT', 'ARISTIDE BRIAND', 'GUY DE MAUPASSANT',
  'JEAN DE LA FONTAINE', 'MOLIÈRE', 'LÉONARD DE VINCI', 'FRÉDÉRIC MISTRAL', 'PIERRE LOTI', 'ALPHONSE DAUDET',
  'GEORGES BRASSENS', 'ÉDITH PIAF', 'LÉO LAGRANGE', 'RENÉ CASSIN', 'VALENTIN HAÜY', 'ABBÉ DE L\'ÉPÉE',
  'LOUIS BRAILLE', 'MAURICE RAVEL', 'HENRI MATISSE', 'CAMILLE CLAUDEL', 'OLYMPE DE GOUGES', 'LUCIE AUBRAC',
  'GERMAINE TILLION', 'JOSÉPHINE BAKER', 'CHARLES PÉGUY', 'PAUL ÉLUARD', 'ROBERT SCHUMAN', 'PIERRE DE COUBERTIN',
] as const;

// prettier-ignore
const PLACE_NOUNS = [
  'LE CLOS', 'LE VAL', 'LE PARC', 'LE DOMAINE', 'LE JARDIN', 'LES JARDINS', 'LES COTEAUX', 'LA COLLINE',
  'LE MOULIN', 'LA SOURCE', 'LE PRIEURÉ', 'LE CHÂTEAU', 'LES TERRASSES', 'LE BOSQUET', 'LA ROSERAIE', 'LE VERGER',
  'LA PRAIRIE', 'LE HAMEAU', 'LA MAISON', 'LE MAS', 'LA BASTIDE', 'LE CLOÎTRE', 'LA CLAIRIÈRE', 'LE PRÉ',
  'LA RIVE', 'LE BELVÉDÈRE', 'LA VILLA', 'LE MANOIR', 'LES ALLÉES', 'LE COTEAU', 'LA FERME', 'LE LOGIS',
] as const;

// prettier-ignore
const NATURE = [
  'DU LAC', 'DE LA FORÊT', 'DES SOURCES', 'DU SOLEIL', 'DES COLLINES', 'DU RUISSEAU', 'DE LA RIVIÈRE',
  'DES ÉTANGS', 'DU BOCAGE', 'DES PRÉS', 'DU PLATEAU', 'DE LA VALLÉE', 'DES VIGNES', 'DU PORT', 'DE LA MER',
  'DES MONTAGNES', 'DU CANAL', 'DES ÎLES', 'DE L\'ÉTANG', 'DU BOIS', 'DES CHAMPS', 'DE LA PLAINE', 'DU MOULIN',
] as const;

// prettier-ignore
const ADJECTIVES = [
  'FLEURI', 'ENSOLEILLÉ', 'VERDOYANT', 'PAISIBLE', 'JOLI', 'BEAU', 'GRAND', 'DORÉ', 'CLAIR', 'SEREIN', 'HEUREUX',
] as const;

// prettier-ignore
const FEMININE_WORDS = [
  'L\'ÉCLAIRCIE', 'L\'ESCALE', 'L\'OASIS', 'L\'AMITIÉ', 'L\'ESPÉRANCE', 'LA PASSERELLE', 'LA BOUSSOLE', 'L\'ÉTOILE',
  'LA RENCONTRE', 'LA COURTE ÉCHELLE', 'L\'ARC-EN-CIEL', 'LA MARELLE', 'LA BRISE', 'L\'ENVOL', 'LA SAUVEGARDE',
  'LA MAISON BLEUE', 'L\'HORIZON', 'LE TREMPLIN', 'LE PHARE', 'LE CERF-VOLANT', 'LES PEUPLIERS', 'L\'ARCHE',
  'LE GOUVERNAIL', 'LA CORDÉE', 'L\'ALIZÉ', 'LA GRANDE OURSE', 'LES ÉCUREUILS', 'LE COLOMBIER', 'LES HIRONDELLES',
  'LES MOUETTES', 'LES LUCIOLES', 'LES ALOUETTES', 'LE PETIT PRINCE', 'LA RUCHE', 'L\'ALBATROS', 'LE GRAND CHÊNE',
] as const;

// prettier-ignore
const STREET_NAMES = [
  'DES ÉCOLES', 'JEAN JAURÈS', 'DU GÉNÉRAL DE GAULLE', 'DE LA RÉPUBLIQUE', 'PASTEUR', 'VICTOR HUGO', 'DE LA GARE',
  'DU MOULIN', 'DES LILAS', 'DE LA LIBÉRATION', 'DU 8 MAI 1945', 'DU 11 NOVEMBRE', 'GAMBETTA', 'DE L\'ÉGLISE',
  'DU CHÂTEAU', 'DE LA MAIRIE', 'DES TILLEULS', 'DU STADE', 'DES ÉCOLIERS', 'FOCH', 'CLEMENCEAU', 'DE VERDUN',
  'DU PONT', 'DE LA FONTAINE', 'DES PRÉS', 'DU MARÉCHAL LECLERC', 'DE LA PAIX', 'DU COMMERCE', 'DE PARIS',
  'DES MARRONNIERS', 'DU PRESBYTÈRE', 'DES JARDINS', 'DE LA FORÊT', 'ANATOLE FRANCE', 'JULES FERRY',
  'ARISTIDE BRIAND', 'DES ROSIERS', 'DU CHAMP DE FOIRE', 'DU VIEUX BOURG', 'DES CHÊNES', 'DE LA LOGE',
  'DU DOCTEUR SCHWEITZER', 'DES CERISIERS', 'SAINT-MARTIN', 'DES VIGNES', 'DE L\'HÔPITAL', 'DU CALVAIRE',
  'DES AUBÉPINES', 'DES CORDIERS', 'DES TANNEURS', 'MARCEL PAUL', 'ÉMILE ZOLA', 'RENÉ CASSIN', 'DE LA CROIX',
] as const;

// prettier-ignore
const STREET_TYPES = ['R', 'R', 'R', 'AV', 'AV', 'BD', 'CHE', 'PL', 'RTE', 'ALL', 'IMP', 'QUA', 'CRS', 'SQ'] as const;

/** Uppercase restricted to ISO-8859-1: Œ → OE, Æ → AE, other non-Latin-1 letters lose their accent. */
export function latin1Upper(value: string): string {
  return value
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE')
    .replace(/[\u0100-\uffff]/g, (c) => c.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .replace(/[\u0100-\uffff]/g, '');
}

/** Uppercase without accents (La Poste routing line, short names). */
export function plainUpper(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE');
}

/** "DE LYON", "D'ANNECY", "DU MANS", "DES ANDELYS", "DE LA ROCHELLE". */
export function ofPlace(placeName: string): string {
  const name = latin1Upper(placeName);
  if (name.startsWith('LE ')) return `DU ${name.slice(3)}`;
  if (name.startsWith('LES ')) return `DES ${name.slice(4)}`;
  if (/^[AEIOUYÀÂÉÈÊËÎÏÔÙÛÜ]/.test(name)) return `D'${name}`;
  return `DE ${name}`;
}

/**
 * "DE L'AIN", "DU RHÔNE", "DES BOUCHES-DU-RHÔNE", "DE LA SOMME", "D'OCCITANIE" from an INSEE
 * territory name and its typeLiaison (0 de, 1 d', 2 du, 3 de la, 4 des, 5 de l').
 */
export function ofTerritory(name: string, typeLiaison: number): string {
  const upper = latin1Upper(name);
  switch (typeLiaison) {
    case 1:
      return `D'${upper}`;
    case 2:
      return `DU ${upper}`;
    case 3:
      return `DE LA ${upper}`;
    case 4:
      return `DES ${upper}`;
    case 5:
      return `DE L'${upper}`;
    default:
      return ofPlace(name);
  }
}

/** A varied core name: "LES CHÊNES", "LE CLOS DES TILLEULS", "SAINT-JOSEPH", "LOUISE MICHEL"… */
export function coreName(random: Random, town: string): string {
  switch (random.weightedIndex([5, 4, 3, 3, 3, 2, 3, 2])) {
    case 0:
      return `LES ${random.pick(TREES)}`;
    case 1:
      return `${random.pick(PLACE_NOUNS)} DES ${random.pick(TREES)}`;
    case 2:
      return random.pick(SAINTS);
    case 3:
      return random.pick(PEOPLE);
    case 4:
      return `${random.pick(PLACE_NOUNS)} ${random.pick(NATURE)}`;
    case 5:
      return `LE VAL ${random.pick(ADJECTIVES)}`;
    case 6:
      return random.pick(FEMININE_WORDS);
    default:
      return ofPlace(town);
  }
}

export interface Street {
  readonly number: string;
  readonly type: string;
  readonly name: string;
  readonly suffix: string;
}

export function street(random: Random): Street {
  const hasNumber = random.chance(0.85);
  return {
    number: hasNumber ? String(random.int(1, random.chance(0.7) ? 40 : 220)) : '',
    type: random.pick(STREET_TYPES),
    name: random.pick(STREET_NAMES),
    suffix: hasNumber && random.chance(0.04) ? random.pick(['B', 'T', 'BIS']) : '',
  };
}

/** Invented commercial EHPAD groups (brand used in structure names, legal name of the OG). */
export const COMMERCIAL_GROUPS = [
  { brand: 'OPALINE', legal: 'GROUPE OPALINE SENIORS SA', weight: 269, hq: '92' },
  { brand: 'CALYPSO', legal: 'CALYPSO RÉSIDENCES SENIORS SAS', weight: 260, hq: '33' },
  { brand: 'ALTAÏR', legal: 'ALTAÏR SANTÉ ET DÉPENDANCE SA', weight: 229, hq: '75' },
  { brand: 'VERMEILLE', legal: 'MAISONS VERMEILLE SAS', weight: 163, hq: '69' },
  { brand: 'AMARANTE', legal: 'AMARANTE SENIORS SAS', weight: 144, hq: '59' },
] as const;

// prettier-ignore
export const MID_COMMERCIAL_GROUPS = [
  'ARGOUSIER', 'BELLE-ÉPOQUE', 'CORALINE', 'ÉTERLOU', 'HÉLIANTHE', 'LUMINIA', 'MÉLODIA', 'ORFÉA', 'SOLVEIG', 'TERRAVIE',
] as const;

export const NON_PROFIT_NATIONAL = [
  { legal: "FONDATION ÉTOILE D'ARGENT", status: '63', weight: 132, hq: '75' },
  { legal: 'MUTUALITÉ SOLIDAIRE DES AÎNÉS', status: '47', weight: 95, hq: '69' },
  { legal: 'FONDATION LES TROIS ÂGES', status: '63', weight: 69, hq: '13' },
] as const;

export const PH_NATIONAL = [
  { legal: 'ASSOCIATION NATIONALE HANDI-AVENIR', weight: 32, hq: '75' },
  { legal: 'FONDATION LES PASSERELLES', weight: 22, hq: '92' },
  { legal: 'FÉDÉRATION ENTRAIDE PLURIELLE', weight: 18, hq: '69' },
  { legal: 'ASSOCIATION TREMPLIN HANDICAP FRANCE', weight: 15, hq: '31' },
  { legal: "OEUVRE DE L'ENFANCE INADAPTÉE", weight: 13, hq: '59' },
] as const;

const ASSOCIATION_PATTERNS = [
  (r: Random, t: string) => `ASSOCIATION ${coreName(r, t)}`,
  (r: Random) => `ASSOCIATION ${r.pick(FEMININE_WORDS)}`,
  (r: Random, t: string) => `ASSOCIATION ${r.pick(SAINTS)} ${ofPlace(t)}`,
  (r: Random, t: string) => `ASSOCIATION GÉRONTOLOGIQUE ${ofPlace(t)}`,
  (r: Random, t: string) => `ASSOCIATION D'AIDE AUX PERSONNES ÂGÉES ${ofPlace(t)}`,
  (r: Random, t: string) => `ASSOCIATION POUR L'INSERTION ${ofPlace(t)}`,
  (r: Random) => `ASSOCIATION ${r.pick(PEOPLE)}`,
  (r: Random, t: string) => `LES AMIS ${r.pick(NATURE)} ${ofPlace(t)}`,
  (r: Random) => `OEUVRE ${r.pick(SAINTS)}`,
  (r: Random, t: string) => `SAUVEGARDE DE L'ENFANCE ${ofPlace(t)}`,
];

export function localAssociationName(random: Random, town: string): string {
  return latin1Upper(random.pick(ASSOCIATION_PATTERNS)(random, town));
}

/** `of`: "DE L'AIN"… (ofTerritory). */
export function departmentalAssociationName(random: Random, of: string, index: number): string {
  const names = [
    `ASSOCIATION DÉPARTEMENTALE POUR L'INCLUSION ${of}`,
    `ENTRAIDE ET AVENIR ${of}`,
    `ASSOCIATION DES PARENTS ET AMIS D'ENFANTS INADAPTÉS ${of}`,
    `ASSOCIATION DÉPARTEMENTALE DES PUPILLES ET AMIS ${of}`,
    `SOLIDARITÉ HANDICAP ${of}`,
    `ASSOCIATION LES ${random.pick(TREES)} ${of}`,
  ];
  return latin1Upper(names[(index + random.int(0, names.length - 1)) % names.length] ?? names[0] ?? '');
}

export function homeCareFederationName(random: Random, of: string): string {
  return latin1Upper(
    random.pick([
      `FÉDÉRATION DÉPARTEMENTALE AIDE ET SOINS À DOMICILE ${of}`,
      `UNION DES SERVICES À DOMICILE ${of}`,
      `ASSOCIATION DÉPARTEMENTALE DE SOINS À DOMICILE ${of}`,
    ]),
  );
}

export function regionalNonProfitName(random: Random, of: string, index: number): string {
  return latin1Upper(
    [
      `FONDATION ${random.pick(SAINTS)} ${of}`,
      `MUTUELLE SANTÉ SENIORS ${of}`,
      `ASSOCIATION ${random.pick(FEMININE_WORDS)} ${of}`,
    ][index % 3] ?? '',
  );
}

/** Structure name for a FINESS category, e.g. "IME LE VAL FLEURI", "SESSAD DU PAYS D'ÉTAMPES". */
export function structureName(random: Random, finessCategory: string, town: string, brand?: string): string {
  const core = () => coreName(random, town);
  const of = ofPlace(town);
  const name = (() => {
    switch (finessCategory) {
      case '500':
        if (brand) return `${random.pick(['EHPAD', 'RÉSIDENCE', 'EHPAD'])} ${brand} ${core()}`;
        return `${random.pick(['EHPAD', 'EHPAD', 'EHPAD RÉSIDENCE', 'RÉSIDENCE', 'MAISON DE RETRAITE', 'EHPAD'])} ${core()}`;
      case '183':
        return `IME ${core()}`;
      case '182':
        return random.pick([
          `SESSAD ${core()}`,
          `SESSAD ${of}`,
          `SESSAD DU PAYS ${of}`,
          `SESSAD PRO ${core()}`,
        ]);
      case '186':
        return random.pick([`ITEP ${core()}`, `ITEP ${core()}`, `DITEP ${core()}`]);
      case '192':
        return `IEM ${core()}`;
      case '188':
        return random.pick([`EEAP ${core()}`, `ÉTABLISSEMENT POUR ENFANTS POLYHANDICAPÉS ${core()}`]);
      case '195':
        return random.pick([
          `INSTITUT POUR DÉFICIENTS AUDITIFS ${core()}`,
          `INSTITUT DES JEUNES SOURDS ${of}`,
        ]);
      case '194':
        return random.pick([
          `INSTITUT POUR DÉFICIENTS VISUELS ${core()}`,
          `INSTITUT DES JEUNES AVEUGLES ${of}`,
        ]);
      case '196':
        return `CENTRE D'ÉDUCATION SENSORIELLE ${core()}`;
      case '190':
        return random.pick([
          `CAMSP ${of}`,
          `CAMSP ${core()}`,
          `CENTRE D'ACTION MÉDICO-SOCIALE PRÉCOCE ${of}`,
        ]);
      case '189':
        return random.pick([`CMPP ${of}`, `CMPP ${core()}`]);
      case '249':
        return random.pick([`CRP ${core()}`, `CENTRE DE RÉÉDUCATION PROFESSIONNELLE ${of}`]);
      case '246':
        return random.pick([
          `ESAT ${core()}`,
          `ESAT LES ATELIERS ${of}`,
          `ESAT DU VAL ${of}`,
          `ESAT ${core()}`,
        ]);
      case '437':
        return `FAM ${core()}`;
      case '448':
        return random.pick([`EAM ${core()}`, `FAM ${core()}`]);
      case '382':
        return `FOYER DE VIE ${core()}`;
      case '252':
        return `FOYER D'HÉBERGEMENT ${core()}`;
      case '253':
        return `FOYER POLYVALENT ${core()}`;
      case '449':
        return random.pick([`EANM ${core()}`, `FOYER DE VIE ${core()}`, `FOYER ${core()}`]);
      case '255':
        return `MAS ${core()}`;
      case '446':
        return random.pick([`SAVS ${of}`, `SAVS ${core()}`]);
      case '445':
        return random.pick([`SAMSAH ${of}`, `SAMSAH ${core()}`]);
      case '354':
        return random.pick([
          `SSIAD ${of}`,
          `SSIAD DU CANTON ${of}`,
          `SERVICE DE SOINS INFIRMIERS À DOMICILE ${of}`,
          `SSIAD ${core()}`,
        ]);
      case '209':
        return random.pick([`SPASAD ${of}`, `SPASAD ${core()}`]);
      case '355':
        return random.pick([`CENTRE HOSPITALIER ${of}`, `CH ${of}`]);
      case '620':
        return random.pick([
          'PHARMACIE DU CENTRE',
          'PHARMACIE DE LA GARE',
          'PHARMACIE DU MARCHÉ',
          `PHARMACIE ${random.pick(PEOPLE)}`,
          `PHARMACIE ${of}`,
          `PHARMACIE ${random.pick(TREES)}`,
        ]);
      case '460':
        return random.pick([`SAAD ${of}`, `AIDE À DOMICILE ${core()}`]);
      case '202':
        return random.pick([`RÉSIDENCE AUTONOMIE ${core()}`, `RÉSIDENCE AUTONOMIE ${of}`]);
      default:
        return `ÉTABLISSEMENT ${core()}`;
    }
  })();
  return latin1Upper(name);
}

/** FINESS short name (rs): no accents, at most 38 characters, cut at a word boundary. */
export function shortName(longName: string): string {
  const plain = plainUpper(longName);
  if (plain.length <= 38) return plain;
  const cut = plain.slice(0, 39);
  const space = cut.lastIndexOf(' ');
  let short = (space > 20 ? cut.slice(0, space) : cut.slice(0, 38)).trim();
  // Do not end on a linking word ("… DE", "… POUR").
  for (let previous = ''; previous !== short;) {
    previous = short;
    short = short.replace(/\s+(?:DE|DU|DES|LA|LE|LES|ET|A|AUX|AU|POUR|EN|SUR)$/, '').trim();
  }
  return short;
}
