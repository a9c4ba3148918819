import type { Account, Grant, Role } from '@tdb/contracts';
import { isGrantActive } from '@tdb/access';

/**
 * What the signed-in account may see in the interface, derived from its grants valid today. This
 * only decides what to show: the API checks every request again (and says why it refuses).
 */
export interface Permissions {
  isNationalAdmin: boolean;
  /** "Utilisateurs": national administrator, APR, APE. */
  canManageAccounts: boolean;
  /** "Courriels envoyés": national administrator. */
  canReadEmails: boolean;
  /** "Journal": national administrator, APR. */
  canReadAudit: boolean;
  /** "Corriger la catégorie": national administrator, APR, CONTROLLER (of a competent authority). */
  canCorrectCategory: boolean;
  /** "Jetons d'API": national administrator, APR of an ARS or a CD. */
  canManageApiTokens: boolean;
  /** "Paramètres" (security settings of the platform): national administrator. */
  canManageSettings: boolean;
}

export const NO_PERMISSIONS: Permissions = {
  isNationalAdmin: false,
  canManageAccounts: false,
  canReadEmails: false,
  canReadAudit: false,
  canCorrectCategory: false,
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

export function permissionsOf(account: Pick<Account, 'grants'> | null, today: string): Permissions {
  if (!account) return NO_PERMISSIONS;
  const grants = activeGrantsOf(account, today);
  const roles = new Set<Role>(grants.map((grant) => grant.role));
  const has = (...wanted: Role[]) => wanted.some((role) => roles.has(role));
  return {
    isNationalAdmin: has('NATIONAL_ADMIN'),
    canManageAccounts: has('NATIONAL_ADMIN', 'APR', 'APE'),
    canReadEmails: has('NATIONAL_ADMIN'),
    canReadAudit: has('NATIONAL_ADMIN', 'APR'),
    canCorrectCategory: has('NATIONAL_ADMIN', 'APR', 'CONTROLLER'),
    canManageApiTokens:
      has('NATIONAL_ADMIN') ||
      grants.some(
        (grant) =>
          grant.role === 'APR' && (grant.organisation.kind === 'ARS' || grant.organisation.kind === 'CD'),
      ),
    canManageSettings: has('NATIONAL_ADMIN'),
  };
}
