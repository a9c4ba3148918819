import type { Account, Grant, StructureSummary } from '@tdb/contracts';
import {
  ROLES_BY_KIND,
  decide,
  isGrantActive,
  scopeOf,
  type AccessRequest,
  type Actor,
  type StructureFacts,
} from '@tdb/access';

/**
 * What the signed-in account may see in the interface. Every answer comes from the policy of
 * @tdb/access (the one the API enforces), asked about the account's grants valid today: the SPA
 * holds no copy of the rules. This only decides what to show: the API checks every request again.
 */
export interface Permissions {
  /** Scope "everything": the national administrator. */
  isNationalAdmin: boolean;
  /** "Utilisateurs": may create some grant (national administrator, APR, APE). */
  canManageAccounts: boolean;
  /** "Courriels envoyés". */
  canReadEmails: boolean;
  /** "Journal". */
  canReadAudit: boolean;
  /** "Jetons d'API": national administrator, APR of an ARS or a CD. */
  canManageApiTokens: boolean;
  /** "Paramètres" (security settings of the platform). */
  canManageSettings: boolean;
}

export const NO_PERMISSIONS: Permissions = {
  isNationalAdmin: false,
  canManageAccounts: false,
  canReadEmails: false,
  canReadAudit: false,
  canManageApiTokens: false,
  canManageSettings: false,
};

const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Paris, YYYY-MM-DD: the day the grants' validity dates refer to. */
export function parisToday(now: Date = new Date()): string {
  return parisDate.format(now);
}

/** The grants of the account that are valid on `today`. */
export function activeGrantsOf(account: Pick<Account, 'grants'>, today: string): Grant[] {
  return account.grants.filter((grant) => isGrantActive(grant, today));
}

/** The account as the policy sees it (its grants are the policy's actor grants). */
export function actorOf(account: Pick<Account, 'grants'> & Partial<Pick<Account, 'id'>>): Actor {
  return { accountId: account.id ?? '', grants: account.grants };
}

/** Whether the policy allows `request` to the account on `today`. */
export function allows(
  account: Pick<Account, 'grants'> & Partial<Pick<Account, 'id'>>,
  request: AccessRequest,
  today: string,
): boolean {
  return decide(actorOf(account), request, today).allowed;
}

/** A structure as the policy needs it. */
export function structureFactsOf(structure: StructureSummary): StructureFacts {
  const { finess, ogFiness, departmentCode, regionCode, competence, categoryCode } = structure;
  return { finess, ogFiness, departmentCode, regionCode, competence, categoryCode };
}

/**
 * The least grant on a grant's own organisation (a reader of its ARS, a user of its OG): whoever
 * may create no such grant creates none at all, which is how the menu asks "may manage accounts".
 */
function leastGrantOn(grant: Grant) {
  const role = ROLES_BY_KIND[grant.organisation.kind].at(-1) ?? grant.role;
  return {
    organisation: grant.organisation,
    role,
    rights: role === 'USER' ? (['READ'] as const).slice() : [],
    entryDomains: null,
    validFrom: null,
    validUntil: null,
  };
}

export function permissionsOf(
  account: (Pick<Account, 'grants'> & Partial<Pick<Account, 'id'>>) | null,
  today: string,
): Permissions {
  if (!account) return NO_PERMISSIONS;
  const may = (request: AccessRequest) => allows(account, request, today);
  const national = scopeOf(actorOf(account), today).all;
  const grants = activeGrantsOf(account, today);
  return {
    isNationalAdmin: national,
    canManageAccounts: grants.some((grant) => may({ type: 'grant.create', target: leastGrantOn(grant) })),
    canReadEmails: may({ type: 'emails.read' }),
    canReadAudit: may({ type: 'audit.read' }),
    // Tokens belong to an ARS or a CD: asked about each one the account works for (the national
    // administrator, whose scope is everything, manages those of any).
    canManageApiTokens:
      national ||
      grants.some(
        (grant) =>
          (grant.organisation.kind === 'ARS' || grant.organisation.kind === 'CD') &&
          may({ type: 'apiToken.manage', organisation: grant.organisation }),
      ),
    canManageSettings: may({ type: 'settings.manage' }),
  };
}
