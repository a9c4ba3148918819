import type { AuthorityRef, Grant } from '@tdb/contracts';

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

/** From the grants valid today. */
export function authorityAccessOf(grants: readonly Grant[]): AuthorityAccess {
  const national = grants.some((g) => g.role === 'NATIONAL_ADMIN');
  const byKey = new Map<string, OwnAuthority>();
  for (const grant of grants) {
    const { kind, code } = grant.organisation;
    if (kind !== 'ARS' && kind !== 'CD') continue;
    if (!['APR', 'CONTROLLER', 'READER'].includes(grant.role)) continue;
    const ref: AuthorityRef = { kind, code };
    const key = authorityKey(ref);
    const current = byKey.get(key) ?? {
      ref,
      label: grant.organisationLabel,
      canCommunicate: false,
      canManageReferents: false,
    };
    byKey.set(key, {
      ...current,
      canCommunicate: current.canCommunicate || grant.role === 'APR' || grant.role === 'CONTROLLER',
      canManageReferents: current.canManageReferents || grant.role === 'APR',
    });
  }
  const own = [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  return {
    national,
    own,
    canFollow: national || own.length > 0,
    canCommunicate: national || own.some((o) => o.canCommunicate),
    canManageReferents: national || own.some((o) => o.canManageReferents),
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
