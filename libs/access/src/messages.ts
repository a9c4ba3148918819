/** Every reason of refusal, in one place so that the wording stays consistent. */
import type { OrganisationRef, Role } from '@tdb/contracts';
import type { ActorGrant, AuthorityKind } from './model';
import {
  authorityLabel,
  capitalize,
  categoryLabel,
  domainLabel,
  grantLabel,
  ofAuthority,
  theOrganisation,
} from './labels';
import { validityLabel } from './validity';

/** What the authority tried to do to a structure, inside "ne peut pas … de compétence exclusive". */
export type StructureVerb = 'administrer' | 'consulter' | 'corriger' | 'cibler' | 'organiser' | 'répondre';

const VERB_PHRASES: Readonly<Record<StructureVerb, string>> = {
  administrer: 'administrer une structure',
  consulter: 'consulter une structure',
  corriger: "corriger la catégorie d'une structure",
  cibler: 'inclure ou exclure de la campagne une structure',
  organiser: 'organiser le contrôle d’une structure',
  répondre: 'répondre aux questions d’une structure',
};

const AUTHORITY_SUBJECT: Readonly<Record<AuthorityKind, string>> = { ARS: 'Une ARS', CD: 'Un Département' };
const OTHER_AUTHORITY: Readonly<Record<AuthorityKind, string>> = { ARS: 'du Département', CD: "de l'ARS" };

export const MESSAGES = {
  noActiveGrant: (): string => "Vous n'avez aucune habilitation active à cette date.",
  invalidToday: (today: string): string =>
    `Date de référence invalide : « ${today} » (format AAAA-MM-JJ attendu).`,
  inactiveGrant: (grant: ActorGrant): string =>
    `Votre habilitation « ${grantLabel(grant)} » n'est pas active à cette date (${validityLabel(grant)}).`,
  unknownAction: (type: unknown): string => `Action inconnue : « ${String(type)} ».`,

  /** "Une ARS ne peut pas administrer une structure de compétence exclusive du Département (SAVS)." */
  exclusiveCompetence: (authority: AuthorityKind, verb: StructureVerb, categoryCode: string): string =>
    `${AUTHORITY_SUBJECT[authority]} ne peut pas ${VERB_PHRASES[verb]} de compétence exclusive ${OTHER_AUTHORITY[authority]} (${categoryLabel(categoryCode)}).`,
  exclusiveCompetenceOrganisation: (
    authority: AuthorityKind,
    verb: StructureVerb,
    ogFiness: string,
  ): string =>
    `${AUTHORITY_SUBJECT[authority]} ne peut pas ${verb === 'consulter' ? 'consulter' : 'administrer'} l'organisme gestionnaire ${ogFiness} : ses structures de votre territoire sont toutes de compétence exclusive ${OTHER_AUTHORITY[authority]}.`,
  /** Neither the old nor the new category is of the authority's competence. */
  reclassifyOutOfCompetence: (authority: AuthorityKind, fromCode: string, toCode: string): string =>
    `${AUTHORITY_SUBJECT[authority]} corrige la catégorie d'une structure lorsque l'ancienne ou la nouvelle catégorie relève de sa compétence : ${categoryLabel(fromCode)} et ${categoryLabel(toCode)} sont de compétence exclusive ${OTHER_AUTHORITY[authority]}.`,
  structureOutsideAuthority: (finess: string, kind: AuthorityKind, code: string): string =>
    `La structure ${finess} n'est pas dans le territoire ${ofAuthority(kind, code)}.`,
  organisationOutsideAuthority: (finess: string, kind: AuthorityKind, code: string): string =>
    `L'organisme gestionnaire ${finess} n'a aucune structure dans le territoire ${ofAuthority(kind, code)}.`,
  structureOutsideScope: (finess: string): string => `La structure ${finess} n'est pas dans votre périmètre.`,
  organisationOutsideScope: (finess: string): string =>
    `L'organisme gestionnaire ${finess} n'est pas dans votre périmètre.`,
  structureNotOfYourOg: (finess: string, ogFiness: string): string =>
    `La structure ${finess} n'est pas gérée par votre organisme gestionnaire (${ogFiness}).`,
  notYourOrganisation: (target: OrganisationRef, own: OrganisationRef): string =>
    `Vous n'êtes pas habilité sur ${theOrganisation(target)} (votre habilitation porte sur ${theOrganisation(own)}).`,
  missingStructureFacts: (finess: string): string =>
    `Informations manquantes sur la structure ${finess} : impossible de vérifier votre périmètre.`,
  missingOrganisationFacts: (finess: string): string =>
    `Informations manquantes sur l'organisme gestionnaire ${finess} : impossible de vérifier votre périmètre.`,
  missingFacts: (): string => 'Informations manquantes sur la ressource demandée.',
  inconsistentFacts: (code: string): string =>
    `Les informations fournies ne correspondent pas à l'organisation ${code} de l'habilitation.`,

  onlyNationalFinessImport: (): string =>
    "Seul l'administrateur national peut importer le répertoire FINESS.",
  onlyNationalEmails: (): string => "Seul l'administrateur national peut consulter les courriels envoyés.",
  onlyNationalSettings: (): string =>
    "Seul l'administrateur national peut modifier les réglages de sécurité de la plateforme.",
  onlyNationalCreates: (role: Role): string =>
    role === 'APR'
      ? "Seul l'administrateur national peut désigner l'administrateur principal (APR) d'une ARS ou d'un Département."
      : "Seul l'administrateur national peut créer un profil d'administrateur national.",
  onlyOwnAuthorityStaff: (kind: AuthorityKind, code: string): string =>
    `Vous ne pouvez créer des contrôleurs et des lecteurs que pour votre propre organisation : ${authorityLabel(kind, code)}.`,
  apeCannotCreateAuthority: (): string =>
    "Un administrateur d'établissement (APE) ne peut pas créer de profil national, d'ARS ou de Département.",
  profileCannotManage: (grant: ActorGrant): string =>
    `Votre profil « ${grantLabel(grant)} » ne permet pas de gérer des habilitations.`,
  ogApeByAuthority: (): string =>
    "L'administrateur principal (APE) d'un organisme gestionnaire est désigné par l'ARS ou le Département compétent.",
  esmsApeByOgOrAuthority: (): string =>
    "L'administrateur principal (APE) d'une structure est désigné par son organisme gestionnaire, ou à défaut par l'ARS ou le Département compétent.",
  targetHasApe: (target: OrganisationRef): string =>
    `${capitalize(theOrganisation(target))} a déjà un administrateur principal (APE) : c'est à lui de gérer ses utilisateurs.`,
  rightNotHeld: (missing: string): string =>
    `Vous ne pouvez pas accorder un droit que vous ne détenez pas (${missing}).`,

  readerCannotCorrect: (grant: ActorGrant, verb: StructureVerb = 'corriger'): string =>
    `Votre profil « ${grantLabel(grant)} » ne permet pas de ${VERB_PHRASES[verb]}.`,
  onlyAuthorityCorrects: (verb: StructureVerb = 'corriger'): string =>
    verb === 'cibler'
      ? "Le périmètre d'une campagne n'est arrêté que par l'ARS ou le Département compétent."
      : verb === 'organiser'
        ? "Le contrôle d'une structure n'est organisé que par l'ARS ou le Département compétent."
        : verb === 'répondre'
          ? "Les questions d'une structure sont traitées par les référents de l'ARS ou du Département compétent."
          : "La catégorie d'une structure ne peut être corrigée que par l'ARS ou le Département compétent.",
  unknownCategory: (code: string): string => `Catégorie inconnue : « ${code} ».`,
  /** Regional support (issue 17 §2). */
  onlyStructuresAsk: (): string =>
    "Les questions sont posées par les structures et leurs organismes gestionnaires ; l'ARS, le Département et l'administration nationale y répondent.",
  onlyNationalFaq: (): string =>
    "Seule l'administration nationale publie dans la FAQ nationale ou en retire.",
  faqWithdrawReserved: (target: OrganisationRef): string =>
    `Seuls l'APR et les contrôleurs ${ofAuthority(target.kind as AuthorityKind, target.code)} retirent les entrées de FAQ que cette autorité a publiées.`,

  /** The brief's wording, for the revocation of the last APE. */
  lastApe: (): string =>
    "Chaque structure doit garder au moins un administrateur principal (APE) : pour le remplacer, désignez la nouvelle personne comme APE en choisissant ce que devient l'actuel (transfert).",
  lastApeOnDisable: (target: OrganisationRef): string =>
    `Chaque structure doit garder au moins un administrateur principal (APE) : désignez-en un autre pour ${theOrganisation(target)} (transfert) avant de désactiver ce compte.`,

  /**
   * "Le Département 45 (Loiret) a déjà son administrateur principal (APR) : Claire Martin. …" —
   * `names` are the holders the actor manages; the others are only counted.
   */
  principalHeld: (
    target: OrganisationRef,
    role: 'APR' | 'APE',
    names: readonly string[],
    undisclosed: number,
  ): string => {
    const others =
      undisclosed === 0
        ? ''
        : undisclosed === 1
          ? 'un compte que vous ne gérez pas'
          : `${undisclosed} comptes que vous ne gérez pas`;
    const who = [names.join(', '), others].filter(Boolean).join(' et ');
    const options =
      role === 'APR'
        ? 'contrôleur, lecteur, ou retrait de son habilitation'
        : 'utilisateur, ou retrait de son habilitation';
    return `${capitalize(theOrganisation(target))} a déjà son administrateur principal (${role}) : ${who}. Il n'y en a qu'un par organisation : pour désigner cette personne, choisissez ce que devient l'actuel (${options}). C'est un transfert ; l'actuel en est informé par courriel.`;
  },
  transferNotPrincipal: (): string =>
    "Un transfert ne s'applique qu'à la désignation d'un administrateur principal (APR d'une ARS ou d'un Département, APE d'un organisme gestionnaire ou d'une structure).",

  accountNotManaged: (): string => 'Vous ne gérez aucune des habilitations de ce compte.',
  accountWithoutGrant: (): string =>
    "Ce compte n'a aucune habilitation : seul l'administrateur national peut le modifier.",
  accountPartlyManaged: (grantText: string): string =>
    `Ce compte détient aussi une habilitation que vous ne gérez pas (${grantText}) : vous ne pouvez pas le modifier.`,
  selfDisable: (): string => 'Vous ne pouvez pas désactiver votre propre compte.',
  noChange: (): string => 'Aucune modification demandée.',
  unknownChange: (change: unknown): string => `Modification inconnue : « ${String(change)} ».`,

  auditReserved: (): string =>
    "Le journal d'audit est réservé à l'administrateur national et aux administrateurs principaux (APR) des ARS et des Départements.",
  auditOutsideScope: (): string => "Cette entrée du journal d'audit ne concerne pas votre périmètre.",

  onlyNationalCampaigns: (): string =>
    "Seul l'administrateur national peut créer, ouvrir ou clôturer une campagne et en modifier les dates.",
  controllersDoNotEnter: (): string => 'Les contrôleurs consultent les données mais ne les saisissent pas.',
  nationalDoesNotEnter: (): string =>
    "L'administrateur national consulte les données mais ne les saisit pas.",
  noEntryRight: (grant: ActorGrant): string =>
    `Votre habilitation « ${grantLabel(grant)} » ne comprend pas le droit de saisie.`,
  /** "Votre habilitation de saisie ne couvre pas le domaine « Finances »." */
  domainNotCovered: (domains: readonly unknown[]): string =>
    domains.length > 1
      ? `Votre habilitation de saisie ne couvre pas les domaines ${domains.map((d) => `« ${capitalize(domainLabel(d))} »`).join(', ')}.`
      : `Votre habilitation de saisie ne couvre pas le domaine « ${capitalize(domainLabel(domains[0]))} ».`,
  invalidDomains: (): string => 'Les domaines du formulaire à saisir sont absents ou invalides.',
  unknownDomain: (domain: unknown): string => `Domaine du formulaire inconnu : « ${String(domain)} ».`,

  apiTokenKind: (): string => "Les jetons d'API sont réservés aux ARS et aux Départements.",
  apiTokenReserved: (target: OrganisationRef): string =>
    `Seul l'administrateur principal (APR) ${target.kind === 'ARS' || target.kind === 'CD' ? ofAuthority(target.kind, target.code) : `de ${theOrganisation(target)}`} ou l'administrateur national peut gérer ses jetons d'API.`,
  authorityOnly: (): string => 'Cette action concerne une ARS ou un Département.',
  communicationReserved: (target: OrganisationRef): string =>
    `Seuls l'administrateur principal (APR) et les contrôleurs ${target.kind === 'ARS' || target.kind === 'CD' ? ofAuthority(target.kind, target.code) : `de ${theOrganisation(target)}`}, ou l'administrateur national, écrivent à ses structures.`,
  scopeReserved: (): string =>
    'Le périmètre des campagnes est tenu par l’administration nationale et les ARS ou conseils départementaux compétents.',
  /** The actor holds no ARS or Département grant at all: nothing to name but who may. */
  authorityActionReserved: (action: 'campaign.communicate' | 'referent.manage' | 'apiToken.manage'): string =>
    ({
      'campaign.communicate':
        "Écrire aux structures est réservé à l'administrateur principal (APR) et aux contrôleurs d'une ARS ou d'un Département, et à l'administrateur national : votre compte n'a aucune de ces habilitations.",
      'referent.manage':
        "Désigner les référents est réservé à l'administrateur principal (APR) d'une ARS ou d'un Département et à l'administrateur national : votre compte n'a aucune de ces habilitations.",
      'apiToken.manage':
        "Les jetons d'API sont gérés par l'administrateur principal (APR) d'une ARS ou d'un Département et par l'administrateur national : votre compte n'a aucune de ces habilitations.",
    })[action],
  referentsReserved: (target: OrganisationRef): string =>
    `Seul l'administrateur principal (APR) ${target.kind === 'ARS' || target.kind === 'CD' ? ofAuthority(target.kind, target.code) : `de ${theOrganisation(target)}`} ou l'administrateur national désigne ses référents.`,
};
