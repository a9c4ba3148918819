import type { Account, AuthorityRef } from '@tdb/contracts';
import { decide, scopeOf } from '@tdb/access';
import { actorOf } from './permissions';

/** An ARS or a CD the signed-in account works for, and what its grant there allows. */
export interface OwnAuthority {
  ref: AuthorityRef;
  label: string;
  /** APR or controller: launch email, reminders, scope. */
  canCommunicate: boolean;
  /** APR: designates the TDB referents. */
  canManageReferents: boolean;
}

/** What the follow-up pages offer to the signed-in account (the API checks every request again). */
export interface AuthorityAccess {
  national: boolean;
  own: OwnAuthority[];
  /** National, or any grant in an ARS or a CD (readers included): the follow-up pages. */
  canFollow: boolean;
  /** National, or APR / controller of an ARS or a CD. */
  canCommunicate: boolean;
  /** National, or APR of an ARS or a CD. */
  canManageReferents: boolean;
  /** National, or APR / controller of an ARS or a CD (include or exclude structures). */
  canChangeScope: boolean;
}

export const authorityKey = (ref: AuthorityRef) => `${ref.kind}:${ref.code}`;

export function parseAuthorityKey(key: string): AuthorityRef | null {
  const [kind, code] = key.split(':');
  if ((kind !== 'ARS' && kind !== 'CD') || !code) return null;
  return { kind, code };
}

/**
 * What the follow-up pages offer, asked of the policy of @tdb/access: the authorities in the
 * account's scope on `today`, and for each what it may do there (communicate, name referents).
 */
export function authorityAccessOf(
  account: Pick<Account, 'grants'> & Partial<Pick<Account, 'id'>>,
  today: string,
): AuthorityAccess {
  const actor = actorOf(account);
  const scope = scopeOf(actor, today);
  const labels = new Map(
    account.grants.map((g) => [authorityKey(g.organisation as AuthorityRef), g.organisationLabel]),
  );
  const byKey = new Map<string, OwnAuthority>();
  for (const { kind, code } of scope.authorities) {
    const ref: AuthorityRef = { kind, code };
    const key = authorityKey(ref);
    if (byKey.has(key)) continue;
    byKey.set(key, {
      ref,
      label: labels.get(key) ?? key,
      canCommunicate: decide(actor, { type: 'campaign.communicate', organisation: ref }, today).allowed,
      canManageReferents: decide(actor, { type: 'referent.manage', organisation: ref }, today).allowed,
    });
  }
  const own = [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  const national = scope.all;
  return {
    national,
    own,
    canFollow: national || own.length > 0,
    canCommunicate: national || own.some((o) => o.canCommunicate),
    canManageReferents: national || own.some((o) => o.canManageReferents),
    // Who may communicate with an authority's structures may also include or exclude them
    // (campaign.scope, decided per structure by the API).
    canChangeScope: national || own.some((o) => o.canCommunicate),
  };
}

/** "ARS Île-de-France", "CD 75 – Paris" for a reference the user picked. */
export function authorityLabel(
  ref: AuthorityRef,
  names: {
    regions?: readonly { code: string; name: string }[];
    departments?: readonly { code: string; name: string }[];
  },
): string {
  if (ref.kind === 'ARS') {
    const region = names.regions?.find((r) => r.code === ref.code);
    return `ARS ${region?.name ?? ref.code}`;
  }
  const department = names.departments?.find((d) => d.code === ref.code);
  return `Conseil départemental ${department ? `${department.code} – ${department.name}` : ref.code}`;
}
