import { readsTerritories, scopeOf } from '@tdb/access';
import { useAuth } from '@/lib/auth/auth-provider';
import { activeGrantsOf, actorOf, parisToday } from '@/lib/auth/permissions';
import type { AuthorityRef } from '@tdb/contracts';

export interface RestitutionAccess {
  national: boolean;
  /**
   * Whether the account reads a territory as a whole (map, scatter plot, report, data entered):
   * asked of the access policy, the one the API applies to these views.
   */
  readsTerritories: boolean;
  /** The ARS and CD the account works for. */
  authorities: { ref: AuthorityRef; label: string }[];
  /** The organismes gestionnaires the account works for. */
  organisations: { finess: string; label: string }[];
}

/** Which restitution views the signed-in account is offered (the API checks every request again). */
export function useRestitutionAccess(): RestitutionAccess {
  const { state } = useAuth();
  if (state.status !== 'authenticated') {
    return { national: false, readsTerritories: false, authorities: [], organisations: [] };
  }
  const today = parisToday();
  const grants = activeGrantsOf(state.account, today);
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
    readsTerritories: readsTerritories(scopeOf(actorOf(state.account), today)),
    authorities: [...authorities.values()],
    organisations: [...organisations.values()],
  };
}
