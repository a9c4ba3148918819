/**
 * The one authorization policy of the platform: `decide(actor, request, today)`. Pure: every fact
 * comes with the request, "today" is an argument, and it never throws.
 */
import type { FormDomain, GrantInput, OrganisationRef, PrincipalTransfer } from '@tdb/contracts';
import { authorityCovers, findCategory } from '@tdb/reference';
import type { AuditSubject } from './audit';
import { auditSubjectVisible, auditVisibilityOfGrants } from './audit';
import type { Verdict } from './delegation';
import { RANK, YES, combine, manageWith, no } from './delegation';
import { grantLabel } from './labels';
import { MESSAGES } from './messages';
import type { Actor, ActorGrant, Decision, ManagedGrant, OrganisationFacts, StructureFacts } from './model';
import { ALLOWED, FORM_DOMAINS, isAuthorityKind, refused, sameOrganisation } from './model';
import { isPrincipalGrant, principalRoleOf, validateTransfer } from './principal';
import { organisationCoverage, structureCoverage, structuresOf } from './scope';
import { validateGrantShape } from './shape';
import { activeGrants, inactiveGrants, isIsoDate } from './validity';

/** What may change on an account: names, phone, and disabling / re-enabling it. */
export type AccountChange = 'names' | 'phone' | 'disable' | 'enable';
export const ACCOUNT_CHANGES: readonly AccountChange[] = ['names', 'phone', 'disable', 'enable'];

/** Every request the policy answers. Each API endpoint maps to exactly one of them. */
export type AccessRequest =
  /** Read a structure (ESMS) record and its data: it must be in the actor's scope. */
  | { type: 'structure.read'; structure: StructureFacts }
  /**
   * Correct the category of a structure: national, or APR/CONTROLLER of a competent authority.
   * With `newCategoryCode`, the authority must also be competent for the new category.
   */
  | { type: 'structure.correctCategory'; structure: StructureFacts; newCategoryCode?: string }
  /** Read an OG record: national, its own grants, a grant on one of its ESMS, an authority covering one. */
  | { type: 'organisation.read'; organisation: OrganisationFacts }
  /** Import the FINESS registry: national only. */
  | { type: 'finess.import' }
  /** Create a grant (target organisation facts: targetStructure for an ESMS, targetOrganisation for an OG). */
  | {
      type: 'grant.create';
      target: GrantInput;
      targetStructure?: StructureFacts;
      targetOrganisation?: OrganisationFacts;
      /** Default true; an APR may create USER grants only where there is no APE. */
      targetHasApe?: boolean;
      /**
       * APR/APE grant: the organisation's current principal administrators (accounts not
       * disabled), by name when the actor manages them, null otherwise (never named). Non-empty
       * and no `transfer`: refused (PRINCIPAL_HELD), there is one principal per organisation.
       */
      principalHolders?: readonly (string | null)[];
      /** What the current principal becomes (CONTROLLER/READER for an APR, USER for an APE, REVOKE). */
      transfer?: PrincipalTransfer;
    }
  /** Revoke an existing grant: allowed iff the actor could create it, and never the last APE. */
  | {
      type: 'grant.revoke';
      grant: GrantInput;
      targetStructure?: StructureFacts;
      targetOrganisation?: OrganisationFacts;
      targetHasApe?: boolean;
      /** APE grants of that organisation left after the removal (checked when given). */
      remainingApeCount?: number;
    }
  /** See an account: itself, or an account holding at least one grant the actor manages. */
  | { type: 'account.read'; targetAccountId: string; targetGrants: ManagedGrant[] }
  /**
   * Change an account: the actor must manage ALL its grants (an ARS cannot disable an account that
   * also holds a CD grant); an account may change its own names and phone; nobody disables itself;
   * disabling the last APE of an organisation is refused (give `remainingApeCount` on APE grants).
   */
  | {
      type: 'account.update';
      targetAccountId: string;
      targetGrants: ManagedGrant[];
      changes: AccountChange[];
    }
  /** Read the audit log (without subject: open the page at all) or one entry about `subject`. */
  | { type: 'audit.read'; subject?: AuditSubject }
  /** Read the stored e-mails ("Courriels envoyés"): national only. */
  | { type: 'emails.read' }
  /** Change the platform's security settings (e.g. make the second factor mandatory): national only. */
  | { type: 'settings.manage' }
  /**
   * Create / list / revoke the API tokens of an ARS or CD: its APR, or national. `organisation` null:
   * of no authority in particular (an actor holding none): national only.
   */
  | { type: 'apiToken.manage'; organisation: OrganisationRef | null }
  /** Create, open or close a campaign, change its dates: national only. */
  | { type: 'campaign.manage' }
  /** Read the submission (campaign values) of a structure: as structure.read, the structure must be in scope. */
  | { type: 'submission.read'; structure: StructureFacts }
  /**
   * Enter values of a structure's submission in `domains`: APE of the ESMS or of its OG, or USER with
   * ENTRY there whose entry domains (null = all) include every requested domain. Authorities,
   * readers and the national administrator consult the data but do not enter it.
   */
  | { type: 'submission.edit'; structure: StructureFacts; domains: FormDomain[] }
  /** See the campaigns (years, dates, phase) and their dictionary: any account with an active grant. */
  | { type: 'campaign.read' }
  /**
   * Include or exclude a structure from a campaign's scope list: as a category correction, the
   * national administrator or an APR / CONTROLLER of an authority competent for the structure.
   * Without a structure: whether the actor keeps a scope list at all (open the scope import).
   */
  | { type: 'campaign.scope'; structure?: StructureFacts }
  /**
   * Organise the fiabilisation of a structure (assign its controller, its priority): the national
   * administrator or an APR / CONTROLLER of an authority competent for the structure.
   */
  | { type: 'fiabilisation.organise'; structure: StructureFacts }
  /**
   * Send the launch email or reminders to the structures of an ARS or CD: its APR or CONTROLLER, or
   * national (`organisation` null, as for apiToken.manage: national only).
   */
  | { type: 'campaign.communicate'; organisation: OrganisationRef | null }
  /** Name or remove the TDB referents of an ARS or CD: its APR, or national (null: national only). */
  | { type: 'referent.manage'; organisation: OrganisationRef | null }
  /**
   * Ask the referents of its authorities a question about a structure (and post in its thread as
   * the asker's side): the APE or a USER of the ESMS or of its OG (issue 17 §2).
   */
  | { type: 'support.ask'; structure: StructureFacts }
  /** Read the questions about a structure and their threads: as structure.read. */
  | { type: 'support.read'; structure: StructureFacts }
  /**
   * Answer, assign, close or reopen a structure's question and publish it in the FAQ of the region:
   * the national administrator or an APR / CONTROLLER of an authority competent for the structure.
   */
  | { type: 'support.answer'; structure: StructureFacts }
  /** Read the FAQ (regional and national): any account with an active grant; entries filtered by region. */
  | { type: 'faq.read' }
  /** Publish an FAQ entry (or a proposal) in the national FAQ: national only. */
  | { type: 'faq.publishNational' }
  /**
   * Withdraw an FAQ entry: a regional one by an APR / CONTROLLER of the authority that published it
   * (`organisation`), or national; a national one (`organisation` null) by national only.
   */
  | { type: 'faq.withdraw'; organisation: OrganisationRef | null };

export const ACTIONS = [
  'structure.read',
  'structure.correctCategory',
  'organisation.read',
  'finess.import',
  'grant.create',
  'grant.revoke',
  'account.read',
  'account.update',
  'audit.read',
  'emails.read',
  'settings.manage',
  'apiToken.manage',
  'campaign.manage',
  'submission.read',
  'submission.edit',
  'campaign.read',
  'campaign.scope',
  'fiabilisation.organise',
  'campaign.communicate',
  'referent.manage',
  'support.ask',
  'support.read',
  'support.answer',
  'faq.read',
  'faq.publishNational',
  'faq.withdraw',
] as const;

export type AccessAction = (typeof ACTIONS)[number];

// Compile-time guard: ACTIONS and AccessRequest list the same actions.
type MissingAction =
  Exclude<AccessRequest['type'], AccessAction> | Exclude<AccessAction, AccessRequest['type']>;
const _actionsMatchRequests: [MissingAction] extends [never] ? true : false = true;
void _actionsMatchRequests;

/**
 * Actions decided without a resource (no structure, organisation or account to load): the API's
 * guard decides them from the route's declaration alone, before the controller runs.
 */
export const RESOURCE_FREE_ACTIONS = [
  'finess.import',
  'audit.read',
  'emails.read',
  'settings.manage',
  'campaign.manage',
  'campaign.read',
  'faq.read',
  'faq.publishNational',
] as const satisfies readonly AccessAction[];

export type ResourceFreeAction = (typeof RESOURCE_FREE_ACTIONS)[number];

// Compile-time guard: each of them is a whole request with its type alone.
const _resourceFree: { [A in ResourceFreeAction]: AccessRequest } = {
  'finess.import': { type: 'finess.import' },
  'audit.read': { type: 'audit.read' },
  'emails.read': { type: 'emails.read' },
  'settings.manage': { type: 'settings.manage' },
  'campaign.manage': { type: 'campaign.manage' },
  'campaign.read': { type: 'campaign.read' },
  'faq.read': { type: 'faq.read' },
  'faq.publishNational': { type: 'faq.publishNational' },
};
void _resourceFree;

export function isResourceFreeAction(action: unknown): action is ResourceFreeAction {
  return (RESOURCE_FREE_ACTIONS as readonly unknown[]).includes(action);
}

/** French labels of the actions (for the UI and the API's matrix report). */
export const ACTION_LABELS: Readonly<Record<AccessAction, string>> = {
  'structure.read': 'Consulter une structure',
  'structure.correctCategory': "Corriger la catégorie d'une structure",
  'organisation.read': 'Consulter un organisme gestionnaire',
  'finess.import': 'Importer le répertoire FINESS',
  'grant.create': 'Créer une habilitation',
  'grant.revoke': 'Retirer une habilitation',
  'account.read': 'Consulter un compte',
  'account.update': 'Modifier ou désactiver un compte',
  'audit.read': "Consulter le journal d'audit",
  'emails.read': 'Consulter les courriels envoyés',
  'settings.manage': 'Modifier les réglages de sécurité de la plateforme',
  'apiToken.manage': "Gérer les jetons d'API",
  'campaign.manage': 'Créer, ouvrir ou clôturer une campagne et modifier ses dates',
  'submission.read': "Consulter les données de campagne d'une structure",
  'submission.edit': "Saisir les données de campagne d'une structure",
  'campaign.read': 'Consulter les campagnes et leur dictionnaire',
  'campaign.scope': "Inclure ou exclure une structure du périmètre d'une campagne",
  'fiabilisation.organise': "Attribuer le contrôle d'une structure et sa priorité de fiabilisation",
  'campaign.communicate': 'Envoyer le courriel de lancement et les relances aux structures',
  'referent.manage': 'Désigner les référents TDB',
  'support.ask': 'Poser une question aux référents de son ARS ou Département',
  'support.read': "Consulter les questions d'une structure et leurs réponses",
  'support.answer':
    "Répondre aux questions d'une structure, les attribuer, les clore et les publier dans la FAQ",
  'faq.read': 'Consulter la foire aux questions',
  'faq.publishNational': 'Publier dans la foire aux questions nationale',
  'faq.withdraw': 'Retirer une entrée de la foire aux questions',
};

// ---------------------------------------------------------------------------------------------
// Per action, from the list of grants taken as active.

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isNational(grants: readonly ActorGrant[]): boolean {
  return grants.some((g) => g.role === 'NATIONAL_ADMIN');
}

/** Whether one grant reaches a structure (the same semantics as `structureInScope`). */
function structureVerdict(grant: ActorGrant, s: StructureFacts): Verdict {
  const own = grant.organisation;
  if (grant.role === 'NATIONAL_ADMIN') return YES;
  if (isAuthorityKind(own.kind)) {
    const coverage = structureCoverage({ kind: own.kind, code: own.code }, s);
    if (coverage === 'covered') return YES;
    if (coverage === 'exclusive') {
      return no(RANK.RULE, MESSAGES.exclusiveCompetence(own.kind, 'consulter', s.categoryCode));
    }
    return no(RANK.OUTSIDE, MESSAGES.structureOutsideScope(s.finess));
  }
  if (own.kind === 'OG' && s.ogFiness === own.code) return YES;
  if (own.kind === 'ESMS' && s.finess === own.code) return YES;
  return no(RANK.OUTSIDE, MESSAGES.structureOutsideScope(s.finess));
}

function readStructure(grants: readonly ActorGrant[], s: StructureFacts): Decision {
  return combine(grants.map((g) => structureVerdict(g, s)));
}

function correctCategory(
  grants: readonly ActorGrant[],
  s: StructureFacts,
  newCategoryCode?: string,
  verb: 'corriger' | 'cibler' | 'organiser' | 'répondre' = 'corriger',
): Decision {
  const newCategory = newCategoryCode === undefined ? undefined : findCategory(newCategoryCode);
  if (newCategoryCode !== undefined && !newCategory) {
    return refused(MESSAGES.unknownCategory(String(newCategoryCode)), 'INVALID_REQUEST');
  }
  return combine(
    grants.map((grant): Verdict => {
      const own = grant.organisation;
      if (grant.role === 'NATIONAL_ADMIN') return YES;
      if (grant.role === 'APE' || grant.role === 'USER')
        return no(RANK.PROFILE, MESSAGES.onlyAuthorityCorrects(verb));
      if (grant.role !== 'APR' && grant.role !== 'CONTROLLER') {
        return no(RANK.PROFILE, MESSAGES.readerCannotCorrect(grant, verb));
      }
      if (!isAuthorityKind(own.kind)) return no(RANK.PROFILE, MESSAGES.onlyAuthorityCorrects(verb));
      const coverage = structureCoverage({ kind: own.kind, code: own.code }, s);
      if (coverage === 'outside') return no(RANK.OUTSIDE, MESSAGES.structureOutsideScope(s.finess));
      if (coverage === 'covered') return YES;
      // Not competent for the current category. Targeting and organising stop here; a category
      // correction is open to the authority competent for the old OR the new category (domain §11b:
      // the ARS corrects a SAVS that in fact is a SSIAD), within its territory.
      if (verb !== 'corriger') {
        return no(RANK.RULE, MESSAGES.exclusiveCompetence(own.kind, verb, s.categoryCode));
      }
      if (newCategory && !authorityCovers(own.kind, newCategory.competence)) {
        return no(RANK.RULE, MESSAGES.reclassifyOutOfCompetence(own.kind, s.categoryCode, newCategory.code));
      }
      return YES;
    }),
  );
}

/** An APE or USER of the ESMS or of its OG: the structure's side of a question. */
function askQuestion(grants: readonly ActorGrant[], s: StructureFacts): Decision {
  return combine(
    grants.map((grant): Verdict => {
      if (grant.role !== 'APE' && grant.role !== 'USER')
        return no(RANK.PROFILE, MESSAGES.onlyStructuresAsk());
      return structureVerdict(grant, s);
    }),
  );
}

function readOrganisation(grants: readonly ActorGrant[], o: OrganisationFacts): Decision {
  const structures = structuresOf(o);
  return combine(
    grants.map((grant): Verdict => {
      const own = grant.organisation;
      if (grant.role === 'NATIONAL_ADMIN') return YES;
      if (isAuthorityKind(own.kind)) {
        const coverage = organisationCoverage({ kind: own.kind, code: own.code }, o);
        if (coverage === 'covered') return YES;
        if (coverage === 'exclusive') {
          return no(RANK.RULE, MESSAGES.exclusiveCompetenceOrganisation(own.kind, 'consulter', o.finess));
        }
        return no(RANK.OUTSIDE, MESSAGES.organisationOutsideScope(o.finess));
      }
      if (own.kind === 'OG' && own.code === o.finess) return YES;
      if (own.kind === 'ESMS' && structures.some((s) => s.finess === own.code)) return YES;
      return no(RANK.OUTSIDE, MESSAGES.organisationOutsideScope(o.finess));
    }),
  );
}

/** Whether one grant may enter the values of `domains` (already checked to be known domains). */
function entryVerdict(grant: ActorGrant, s: StructureFacts, domains: readonly FormDomain[]): Verdict {
  if (grant.role === 'NATIONAL_ADMIN') return no(RANK.PROFILE, MESSAGES.nationalDoesNotEnter());
  if (grant.role !== 'APE' && grant.role !== 'USER') {
    return no(RANK.PROFILE, MESSAGES.controllersDoNotEnter());
  }
  const reach = structureVerdict(grant, s);
  if (!reach.allowed) return reach;
  if (grant.role === 'APE') return YES;
  const rights: readonly unknown[] = Array.isArray(grant.rights) ? grant.rights : [];
  if (!rights.includes('ENTRY')) return no(RANK.RULE, MESSAGES.noEntryRight(grant));
  const held = grant.entryDomains ?? null;
  if (held === null) return YES;
  const heldDomains: readonly unknown[] = Array.isArray(held) ? held : [];
  const missing = domains.filter((d) => !heldDomains.includes(d));
  return missing.length === 0 ? YES : no(RANK.RULE, MESSAGES.domainNotCovered(missing));
}

function editSubmission(
  grants: readonly ActorGrant[],
  request: Extract<AccessRequest, { type: 'submission.edit' }>,
): Decision {
  if (!isObject(request.structure)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
  const domains: unknown = request.domains;
  if (!Array.isArray(domains)) return refused(MESSAGES.invalidDomains(), 'INVALID_REQUEST');
  const unknown = domains.find((d) => !(FORM_DOMAINS as readonly unknown[]).includes(d));
  if (unknown !== undefined) return refused(MESSAGES.unknownDomain(unknown), 'INVALID_REQUEST');
  const structure = request.structure;
  return combine(grants.map((g) => entryVerdict(g, structure, domains as FormDomain[])));
}

function nationalOnly(grants: readonly ActorGrant[], reason: string): Decision {
  return isNational(grants) ? ALLOWED : refused(reason);
}

/** Refusal when a managed grant's facts are absent or contradict its organisation. */
function factsProblem(target: ManagedGrant): Decision | null {
  if (typeof target !== 'object' || target === null)
    return refused('Habilitation absente.', 'INVALID_REQUEST');
  const organisation = target.organisation;
  if (typeof organisation !== 'object' || organisation === null || typeof organisation.code !== 'string') {
    return refused("L'organisation de l'habilitation est absente.", 'INVALID_REQUEST');
  }
  const { kind, code } = organisation;
  if (kind === 'ESMS' && target.targetStructure && target.targetStructure.finess !== code) {
    return refused(MESSAGES.inconsistentFacts(code), 'INVALID_REQUEST');
  }
  if (kind === 'OG' && target.targetOrganisation && target.targetOrganisation.finess !== code) {
    return refused(MESSAGES.inconsistentFacts(code), 'INVALID_REQUEST');
  }
  return null;
}

function isLastApe(target: ManagedGrant): boolean {
  return target.role === 'APE' && target.remainingApeCount !== undefined && !(target.remainingApeCount > 0);
}

function createGrant(
  grants: readonly ActorGrant[],
  request: Extract<AccessRequest, { type: 'grant.create' }>,
) {
  const shape = validateGrantShape(request.target);
  if (!shape.allowed) return shape;
  const target: ManagedGrant = {
    ...request.target,
    targetStructure: request.targetStructure,
    targetOrganisation: request.targetOrganisation,
    targetHasApe: request.targetHasApe,
  };
  const managed = factsProblem(target) ?? manageWith(grants, target);
  if (!managed.allowed) return managed;
  return principalSeat(request);
}

/**
 * One principal administrator per organisation, decided once the actor may create the grant (so
 * that a refusal for the seat never names a holder to someone who may not designate one).
 */
function principalSeat(request: Extract<AccessRequest, { type: 'grant.create' }>): Decision {
  const { target, transfer } = request;
  const principal = isPrincipalGrant(target);
  if (transfer !== undefined) {
    if (!principal) return refused(MESSAGES.transferNotPrincipal(), 'INVALID_REQUEST');
    return validateTransfer(target.organisation, transfer);
  }
  const holders = Array.isArray(request.principalHolders) ? request.principalHolders : [];
  if (!principal || holders.length === 0) return ALLOWED;
  const names = holders.filter((h): h is string => typeof h === 'string' && h !== '');
  return refused(
    MESSAGES.principalHeld(
      target.organisation,
      principalRoleOf(target.organisation.kind) ?? 'APE',
      names,
      holders.length - names.length,
    ),
    'PRINCIPAL_HELD',
  );
}

function revokeGrant(
  grants: readonly ActorGrant[],
  request: Extract<AccessRequest, { type: 'grant.revoke' }>,
) {
  const target: ManagedGrant = {
    ...request.grant,
    targetStructure: request.targetStructure,
    targetOrganisation: request.targetOrganisation,
    targetHasApe: request.targetHasApe,
    remainingApeCount: request.remainingApeCount,
  };
  const problem = factsProblem(target);
  if (problem) return problem;
  const managed = manageWith(grants, target);
  if (!managed.allowed) return managed;
  return isLastApe(target) ? refused(MESSAGES.lastApe(), 'LAST_APE') : ALLOWED;
}

function targetGrantsOf(request: { targetGrants: ManagedGrant[] }): ManagedGrant[] {
  return Array.isArray(request.targetGrants) ? request.targetGrants : [];
}

function readAccount(
  accountId: string,
  grants: readonly ActorGrant[],
  request: Extract<AccessRequest, { type: 'account.read' }>,
): Decision {
  if (accountId !== '' && request.targetAccountId === accountId) return ALLOWED;
  if (isNational(grants)) return ALLOWED;
  const targets = targetGrantsOf(request);
  for (const target of targets) {
    if (factsProblem(target) === null && manageWith(grants, target).allowed) return ALLOWED;
  }
  return refused(targets.length === 0 ? MESSAGES.accountWithoutGrant() : MESSAGES.accountNotManaged());
}

function updateAccount(
  accountId: string,
  grants: readonly ActorGrant[],
  request: Extract<AccessRequest, { type: 'account.update' }>,
): Decision {
  const changes = Array.isArray(request.changes) ? request.changes : [];
  if (changes.length === 0) return refused(MESSAGES.noChange(), 'INVALID_REQUEST');
  const unknown = changes.find((c) => !(ACCOUNT_CHANGES as readonly unknown[]).includes(c));
  if (unknown !== undefined) return refused(MESSAGES.unknownChange(unknown), 'INVALID_REQUEST');

  const self = accountId !== '' && request.targetAccountId === accountId;
  if (self && changes.every((c) => c === 'names' || c === 'phone')) return ALLOWED;
  if (self && changes.includes('disable')) return refused(MESSAGES.selfDisable());

  const targets = targetGrantsOf(request);
  for (const target of targets) {
    const problem = factsProblem(target);
    if (problem) return problem;
  }
  if (!isNational(grants)) {
    if (targets.length === 0) return refused(MESSAGES.accountWithoutGrant());
    const unmanaged = targets.filter((t) => !manageWith(grants, t).allowed);
    if (unmanaged.length === targets.length) return refused(MESSAGES.accountNotManaged());
    const first = unmanaged[0];
    if (first) return refused(MESSAGES.accountPartlyManaged(grantLabel(first)));
  }
  if (changes.includes('disable')) {
    const last = targets.find(isLastApe);
    if (last) return refused(MESSAGES.lastApeOnDisable(last.organisation), 'LAST_APE');
  }
  return ALLOWED;
}

function readAudit(grants: readonly ActorGrant[], subject: AuditSubject | undefined): Decision {
  const visibility = auditVisibilityOfGrants(grants);
  if (!visibility.all && visibility.organisations.length === 0) return refused(MESSAGES.auditReserved());
  if (subject === undefined) return ALLOWED;
  return auditSubjectVisible(visibility, subject) ? ALLOWED : refused(MESSAGES.auditOutsideScope());
}

function manageApiTokens(grants: readonly ActorGrant[], organisation: OrganisationRef): Decision {
  if (typeof organisation !== 'object' || organisation === null || !isAuthorityKind(organisation.kind)) {
    return refused(MESSAGES.apiTokenKind(), 'INVALID_REQUEST');
  }
  const allowed = grants.some(
    (g) =>
      g.role === 'NATIONAL_ADMIN' || (g.role === 'APR' && sameOrganisation(g.organisation, organisation)),
  );
  return allowed ? ALLOWED : refused(MESSAGES.apiTokenReserved(organisation));
}

/** APR (and, when `controllers`, CONTROLLER) of the ARS or CD itself, or national. */
/** The national administrator, or an APR / CONTROLLER of an ARS or a CD (whichever territory). */
function keepsAuthorityWork(grants: readonly ActorGrant[]): boolean {
  return grants.some(
    (g) =>
      g.role === 'NATIONAL_ADMIN' ||
      ((g.role === 'APR' || g.role === 'CONTROLLER') && isAuthorityKind(g.organisation.kind)),
  );
}

function authorityStaff(
  grants: readonly ActorGrant[],
  organisation: OrganisationRef,
  controllers: boolean,
  reserved: (target: OrganisationRef) => string,
): Decision {
  if (typeof organisation !== 'object' || organisation === null || !isAuthorityKind(organisation.kind)) {
    return refused(MESSAGES.authorityOnly(), 'INVALID_REQUEST');
  }
  const allowed = grants.some(
    (g) =>
      g.role === 'NATIONAL_ADMIN' ||
      ((g.role === 'APR' || (controllers && g.role === 'CONTROLLER')) &&
        sameOrganisation(g.organisation, organisation)),
  );
  return allowed ? ALLOWED : refused(reserved(organisation));
}

/** The decision from a list of grants taken as active (no date logic here). */
function evaluate(accountId: string, grants: readonly ActorGrant[], request: AccessRequest): Decision {
  if (typeof request !== 'object' || request === null)
    return refused(MESSAGES.unknownAction(request), 'INVALID_REQUEST');
  switch (request.type) {
    case 'structure.read':
      if (!isObject(request.structure)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
      return readStructure(grants, request.structure);
    case 'structure.correctCategory':
      if (!isObject(request.structure)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
      return correctCategory(grants, request.structure, request.newCategoryCode);
    case 'organisation.read':
      if (!isObject(request.organisation)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
      return readOrganisation(grants, request.organisation);
    case 'finess.import':
      return nationalOnly(grants, MESSAGES.onlyNationalFinessImport());
    case 'grant.create':
      return createGrant(grants, request);
    case 'grant.revoke':
      return revokeGrant(grants, request);
    case 'account.read':
      return readAccount(accountId, grants, request);
    case 'account.update':
      return updateAccount(accountId, grants, request);
    case 'audit.read':
      return readAudit(grants, request.subject);
    case 'emails.read':
      return nationalOnly(grants, MESSAGES.onlyNationalEmails());
    case 'settings.manage':
      return nationalOnly(grants, MESSAGES.onlyNationalSettings());
    case 'apiToken.manage':
      if (request.organisation === null)
        return nationalOnly(grants, MESSAGES.authorityActionReserved(request.type));
      return manageApiTokens(grants, request.organisation);
    case 'campaign.manage':
      return nationalOnly(grants, MESSAGES.onlyNationalCampaigns());
    case 'submission.read':
      if (!isObject(request.structure)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
      return readStructure(grants, request.structure);
    case 'submission.edit':
      return editSubmission(grants, request);
    case 'campaign.read':
      return grants.length > 0 ? ALLOWED : refused(MESSAGES.noActiveGrant());
    case 'campaign.scope':
      if (request.structure === undefined) {
        return keepsAuthorityWork(grants) ? ALLOWED : refused(MESSAGES.scopeReserved());
      }
      if (!isObject(request.structure)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
      return correctCategory(grants, request.structure, undefined, 'cibler');
    case 'fiabilisation.organise':
      if (!isObject(request.structure)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
      return correctCategory(grants, request.structure, undefined, 'organiser');
    case 'campaign.communicate':
      if (request.organisation === null)
        return nationalOnly(grants, MESSAGES.authorityActionReserved(request.type));
      return authorityStaff(grants, request.organisation, true, MESSAGES.communicationReserved);
    case 'referent.manage':
      if (request.organisation === null)
        return nationalOnly(grants, MESSAGES.authorityActionReserved(request.type));
      return authorityStaff(grants, request.organisation, false, MESSAGES.referentsReserved);
    case 'support.ask':
      if (!isObject(request.structure)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
      return askQuestion(grants, request.structure);
    case 'support.read':
      if (!isObject(request.structure)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
      return readStructure(grants, request.structure);
    case 'support.answer':
      if (!isObject(request.structure)) return refused(MESSAGES.missingFacts(), 'INVALID_REQUEST');
      return correctCategory(grants, request.structure, undefined, 'répondre');
    case 'faq.read':
      return grants.length > 0 ? ALLOWED : refused(MESSAGES.noActiveGrant());
    case 'faq.publishNational':
      return nationalOnly(grants, MESSAGES.onlyNationalFaq());
    case 'faq.withdraw':
      if (request.organisation === null) return nationalOnly(grants, MESSAGES.onlyNationalFaq());
      return authorityStaff(grants, request.organisation, true, MESSAGES.faqWithdrawReserved);
    default: {
      const unknown: never = request;
      return refused(MESSAGES.unknownAction((unknown as { type?: unknown }).type), 'INVALID_REQUEST');
    }
  }
}

/**
 * May `actor` do `request` on `today` (YYYY-MM-DD)? Only grants valid that day count. When the
 * request is refused but one of the actor's expired or not-yet-valid grants would have allowed it,
 * the reason says so (code INACTIVE_GRANT).
 */
export function decide(actor: Actor, request: AccessRequest, today: string): Decision {
  if (!isIsoDate(today)) return refused(MESSAGES.invalidToday(String(today)), 'INVALID_REQUEST');
  const accountId = typeof actor?.accountId === 'string' ? actor.accountId : '';
  const active = activeGrants(actor, today);
  const decision = evaluate(accountId, active, request);
  if (decision.allowed || decision.code !== 'FORBIDDEN') return decision;
  for (const grant of inactiveGrants(actor, today)) {
    if (evaluate(accountId, [...active, grant], request).allowed) {
      return refused(MESSAGES.inactiveGrant(grant), 'INACTIVE_GRANT');
    }
  }
  return decision;
}

/** Whether the actor may manage (create, revoke, change) one grant: the core of delegation. */
export function canManageGrant(actor: Actor, target: ManagedGrant, today: string): Decision {
  if (!isIsoDate(today)) return refused(MESSAGES.invalidToday(String(today)), 'INVALID_REQUEST');
  return factsProblem(target) ?? manageWith(activeGrants(actor, today), target);
}
