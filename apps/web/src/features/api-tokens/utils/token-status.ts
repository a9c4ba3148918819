import type { Account, ApiTokenInfo, OrganisationRef } from '@tdb/contracts';
import { activeGrantsOf } from '@/lib/auth/permissions';

export type ApiTokenStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export const API_TOKEN_STATUS_LABELS: Readonly<Record<ApiTokenStatus, string>> = {
  ACTIVE: 'Actif',
  EXPIRED: 'Expiré',
  REVOKED: 'Révoqué',
};

export const API_TOKEN_STATUS_SEVERITIES: Readonly<Record<ApiTokenStatus, 'success' | 'warning' | 'error'>> =
  {
    ACTIVE: 'success',
    EXPIRED: 'warning',
    REVOKED: 'error',
  };

/** Revoked, expired (its expiry is past `now`), or active. */
export function apiTokenStatus(
  token: Pick<ApiTokenInfo, 'revokedAt' | 'expiresAt'>,
  now: Date,
): ApiTokenStatus {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now.getTime()) return 'EXPIRED';
  return 'ACTIVE';
}

/** Which ARS or Département a new token may belong to. */
export interface TokenOrganisationChoices {
  /** National administrator: any ARS or Département, to be chosen. */
  any: boolean;
  /** Otherwise the authorities of which the account is APR (the first is the API's default). */
  own: { ref: OrganisationRef; label: string }[];
}

export function tokenOrganisationChoices(
  account: Pick<Account, 'grants'>,
  today: string,
): TokenOrganisationChoices {
  const grants = activeGrantsOf(account, today);
  const own: TokenOrganisationChoices['own'] = [];
  for (const grant of grants) {
    const { kind, code } = grant.organisation;
    if (grant.role !== 'APR' || (kind !== 'ARS' && kind !== 'CD')) continue;
    if (!own.some((o) => o.ref.kind === kind && o.ref.code === code)) {
      own.push({ ref: grant.organisation, label: grant.organisationLabel });
    }
  }
  return { any: grants.some((grant) => grant.role === 'NATIONAL_ADMIN'), own };
}

/** Tomorrow (YYYY-MM-DD) after `today`: the earliest expiry that makes sense. */
export function dayAfter(today: string): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
