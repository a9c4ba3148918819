/** Dates of validity of grants. "Today" is always an argument: the policy has no clock. */
import type { Actor, ActorGrant } from './model';
import { roleFitsOrganisation } from './model';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the value is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (!(month >= 1 && month <= 12 && day >= 1)) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** "2024-12-31" → "31/12/2024" (the value itself when it is not an ISO date). */
export function frenchDate(iso: string): string {
  const match = ISO_DATE.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/**
 * Whether a grant can be used at all: an organisation, a role that fits its kind, rights and domains
 * as lists. A malformed stored grant gives no right (fail closed) instead of crashing the policy.
 */
export function isWellFormedActorGrant(grant: ActorGrant): boolean {
  return (
    typeof grant === 'object' &&
    grant !== null &&
    typeof grant.organisation === 'object' &&
    grant.organisation !== null &&
    typeof grant.organisation.code === 'string' &&
    roleFitsOrganisation(grant.role, grant.organisation.kind) &&
    Array.isArray(grant.rights) &&
    (grant.entryDomains == null || Array.isArray(grant.entryDomains))
  );
}

/**
 * Whether the grant is valid on `today` (bounds inclusive, null = unbounded). A bound that is not an
 * ISO date makes the grant inactive; so does a `today` that is not one.
 */
export function isGrantActive(grant: Pick<ActorGrant, 'validFrom' | 'validUntil'>, today: string): boolean {
  if (!isIsoDate(today)) return false;
  const { validFrom, validUntil } = grant;
  if (validFrom != null && !(isIsoDate(validFrom) && validFrom <= today)) return false;
  if (validUntil != null && !(isIsoDate(validUntil) && today <= validUntil)) return false;
  return true;
}

/** The actor's grants that give rights on `today`: well formed and within their dates. */
export function activeGrants(actor: Actor, today: string): ActorGrant[] {
  const grants = Array.isArray(actor?.grants) ? actor.grants : [];
  return grants.filter((g) => isWellFormedActorGrant(g) && isGrantActive(g, today));
}

/** The actor's well-formed grants that are expired or not yet valid on `today`. */
export function inactiveGrants(actor: Actor, today: string): ActorGrant[] {
  const grants = Array.isArray(actor?.grants) ? actor.grants : [];
  return grants.filter((g) => isWellFormedActorGrant(g) && !isGrantActive(g, today));
}

/** "valable du 01/01/2024 au 31/12/2024", "valable jusqu'au …", "valable à partir du …". */
export function validityLabel(grant: Pick<ActorGrant, 'validFrom' | 'validUntil'>): string {
  const { validFrom, validUntil } = grant;
  if ((validFrom != null && !isIsoDate(validFrom)) || (validUntil != null && !isIsoDate(validUntil))) {
    return 'dates de validité invalides';
  }
  if (validFrom != null && validUntil != null) {
    return `valable du ${frenchDate(validFrom)} au ${frenchDate(validUntil)}`;
  }
  if (validUntil != null) return `valable jusqu'au ${frenchDate(validUntil)}`;
  if (validFrom != null) return `valable à partir du ${frenchDate(validFrom)}`;
  return 'sans limite de validité';
}
