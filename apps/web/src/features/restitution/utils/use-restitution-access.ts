import { useAuth } from '@/lib/auth/auth-provider';
import { activeGrantsOf, parisToday } from '@/lib/auth/permissions';
import type { AuthorityRef } from '@tdb/contracts';

export interface RestitutionAccess {
  national: boolean;
  /** The ARS and CD the account works for. */
  authorities: { ref: AuthorityRef; label: string }[];
  /** The organismes gestionnaires the account works for. */
  organisations: { finess: string; label: string }[];
}

/** Which restitution views the signed-in account is offered (the API checks every request again). */
export function useRestitutionAccess(): RestitutionAccess {
  const { state } = useAuth();
  if (state.status !== 'authenticated') return { national: false, authorities: [], organisations: [] };
  const grants = activeGrantsOf(state.account, parisToday());
  const authorities = new Map<string, { ref: AuthorityRef; label: string }>();
  const organisations = new Map<string, { finess: string; label: string }>();
  for (const grant of grants) {
    const { kind, code } = grant.organisation;
    if (kind === 'ARS' || kind === 'CD')
      authorities.set(`${kind}:${code}`, { ref: { kind, code }, label: grant.organisationLabel });
    if (kind === 'OG') organisations.set(code, { finess: code, label: grant.organisationLabel });
  }
  return {
    national: grants.some((g) => g.organisation.kind === 'NATIONAL'),
    authorities: [...authorities.values()],
    organisations: [...organisations.values()],
  };
}
