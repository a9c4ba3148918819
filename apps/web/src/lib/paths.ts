/**
 * Every page of the SPA: the pattern the router matches (`path`) and the link to it (`href`), in
 * one place, so a renamed page is renamed everywhere. Parameters are URL-encoded here (a FINESS of
 * Corsica holds letters, an indicator code may hold anything).
 */
const enc = encodeURIComponent;

const campaign = (year: number | string) => `/campagnes/${enc(String(year))}`;
const submission = (year: number | string, finess: string) => `${campaign(year)}/structures/${enc(finess)}`;

export const paths = {
  home: { path: '/', href: () => '/' },
  login: { path: '/connexion', href: () => '/connexion' },
  /** Why a sign-in through the identity provider was refused (the API sends the browser here). */
  providerSignInFailure: { path: '/connexion/fournisseur', href: () => '/connexion/fournisseur' },
  forgotPassword: { path: '/mot-de-passe-oublie', href: () => '/mot-de-passe-oublie' },
  invitation: { path: '/invitation', href: () => '/invitation' },
  grantInvitation: { path: '/habilitation', href: () => '/habilitation' },
  resetPassword: { path: '/reinitialiser-mot-de-passe', href: () => '/reinitialiser-mot-de-passe' },
  accessibility: { path: '/accessibilite', href: () => '/accessibilite' },
  myAccount: { path: '/mon-compte', href: () => '/mon-compte' },

  indicators: { path: '/indicateurs', href: () => '/indicateurs' },
  indicator: { path: '/indicateurs/:code', href: (code: string) => `/indicateurs/${enc(code)}` },

  structures: { path: '/structures', href: () => '/structures' },
  structure: { path: '/structures/:finess', href: (finess: string) => `/structures/${enc(finess)}` },
  organisation: {
    path: '/organisations/:finess',
    href: (finess: string) => `/organisations/${enc(finess)}`,
  },

  campaigns: { path: '/campagnes', href: () => '/campagnes' },
  campaignSubmissions: {
    path: '/campagnes/:year/saisies',
    href: (year: number | string) => `${campaign(year)}/saisies`,
  },
  campaignFollowUp: {
    path: '/campagnes/:year/suivi',
    href: (year: number | string) => `${campaign(year)}/suivi`,
  },
  campaignScope: {
    path: '/campagnes/:year/perimetre',
    href: (year: number | string) => `${campaign(year)}/perimetre`,
  },
  campaignCommunication: {
    path: '/campagnes/:year/communication',
    href: (year: number | string) => `${campaign(year)}/communication`,
  },
  campaignAtypia: {
    path: '/campagnes/:year/atypies',
    href: (year: number | string) => `${campaign(year)}/atypies`,
  },
  atypiaFlag: {
    path: '/campagnes/:year/atypies/:flagId',
    href: (year: number | string, flagId: string) => `${campaign(year)}/atypies/${enc(flagId)}`,
  },
  campaignFiabilisation: {
    path: '/campagnes/:year/fiabilisation',
    href: (year: number | string) => `${campaign(year)}/fiabilisation`,
  },
  territoryRestitution: {
    path: '/campagnes/:year/restitution',
    href: (year: number | string) => `${campaign(year)}/restitution`,
  },
  referents: { path: '/referents', href: () => '/referents' },

  /** Regional support: « Mes questions » (structures) or « Questions reçues » (ARS, CD, national). */
  campaignQuestions: {
    path: '/campagnes/:year/questions',
    href: (year: number | string) => `${campaign(year)}/questions`,
  },
  /** « Poser une question », prefilled with the page asked from and the item or indicator. */
  askQuestion: {
    path: '/campagnes/:year/questions/nouvelle',
    href: (
      year: number | string,
      about: { page?: string; item?: string; indicator?: string; finess?: string } = {},
    ) => {
      const query = new URLSearchParams();
      if (about.page) query.set('page', about.page);
      if (about.finess) query.set('structure', about.finess);
      if (about.item) query.set('donnee', about.item);
      if (about.indicator) query.set('indicateur', about.indicator);
      const text = query.toString();
      return `${campaign(year)}/questions/nouvelle${text ? `?${text}` : ''}`;
    },
  },
  question: {
    path: '/campagnes/:year/questions/:id',
    href: (year: number | string, id: string) => `${campaign(year)}/questions/${enc(id)}`,
  },
  campaignFaq: {
    path: '/campagnes/:year/faq',
    href: (year: number | string, about: { item?: string; indicator?: string; q?: string } = {}) => {
      const query = new URLSearchParams();
      if (about.q) query.set('q', about.q);
      if (about.item) query.set('donnee', about.item);
      if (about.indicator) query.set('indicateur', about.indicator);
      const text = query.toString();
      return `${campaign(year)}/faq${text ? `?${text}` : ''}`;
    },
  },

  /** A structure's data entry form for a campaign. */
  submission: { path: '/campagnes/:year/structures/:finess', href: submission },
  submissionIndicators: {
    path: '/campagnes/:year/structures/:finess/indicateurs',
    href: (year: number | string, finess: string) => `${submission(year, finess)}/indicateurs`,
  },
  submissionRestitution: {
    path: '/campagnes/:year/structures/:finess/restitution',
    href: (year: number | string, finess: string) => `${submission(year, finess)}/restitution`,
  },
  /** An organisme gestionnaire's grid of its structures for a campaign. */
  organisationEntry: {
    path: '/campagnes/:year/organisations/:ogFiness',
    href: (year: number | string, ogFiness: string) => `${campaign(year)}/organisations/${enc(ogFiness)}`,
  },
  organisationRestitution: {
    path: '/campagnes/:year/organisations/:ogFiness/restitution',
    href: (year: number | string, ogFiness: string) =>
      `${campaign(year)}/organisations/${enc(ogFiness)}/restitution`,
  },

  users: { path: '/utilisateurs', href: () => '/utilisateurs' },
  userCreate: { path: '/utilisateurs/nouveau', href: () => '/utilisateurs/nouveau' },
  usersImport: { path: '/utilisateurs/import', href: () => '/utilisateurs/import' },
  user: { path: '/utilisateurs/:id', href: (id: string) => `/utilisateurs/${enc(id)}` },
  emails: { path: '/courriels', href: () => '/courriels' },
  audit: { path: '/journal', href: () => '/journal' },
  apiTokens: { path: '/jetons-api', href: () => '/jetons-api' },
  settings: { path: '/parametres', href: () => '/parametres' },
} as const;
