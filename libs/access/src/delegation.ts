/**
 * Delegation: which grants a given grant of the actor may create (and therefore revoke, and manage
 * the accounts holding them). One function judges one (granter grant, target grant) pair; an actor
 * may do what any of its active grants may do.
 */
import type { FormDomain, UserRight } from '@tdb/contracts';
import { domainLabel, rightLabel } from './labels';
import { MESSAGES } from './messages';
import type { ActorGrant, Decision, ManagedGrant, RefusalCode } from './model';
import { ALLOWED, USER_RIGHTS, isAuthorityKind, refused, sameOrganisation } from './model';
import { organisationCoverage, structureCoverage } from './scope';

/**
 * How specific a refusal is, to show the most useful reason when several grants refuse:
 * OUTSIDE — the grant has nothing to do with the target (another territory, another OG);
 * PROFILE — the grant's role cannot do this kind of thing at all (a READER managing accounts);
 * RULE — the target is within the grant's reach but a precise rule refuses (exclusive competence,
 * right not held, structure that already has its APE).
 */
export const RANK = { OUTSIDE: 1, PROFILE: 2, RULE: 3 } as const;

export type Verdict = { allowed: true } | { allowed: false; reason: string; rank: number; code: RefusalCode };

export const YES: Verdict = Object.freeze({ allowed: true as const });

export function no(rank: number, reason: string, code: RefusalCode = 'FORBIDDEN'): Verdict {
  return { allowed: false, reason, rank, code };
}

/** Allowed when one verdict allows; otherwise the most specific refusal (the first among equals). */
export function combine(verdicts: Iterable<Verdict>, fallback: string = MESSAGES.noActiveGrant()): Decision {
  let best: Extract<Verdict, { allowed: false }> | undefined;
  for (const verdict of verdicts) {
    if (verdict.allowed) return ALLOWED;
    if (!best || verdict.rank > best.rank) best = verdict;
  }
  return best ? refused(best.reason, best.code) : refused(fallback);
}

/** The rights a grant holds on an organisation; `entryDomains` null = every domain. */
export interface HeldRights {
  rights: readonly UserRight[];
  entryDomains: readonly FormDomain[] | null;
}

const ALL_RIGHTS: HeldRights = { rights: USER_RIGHTS, entryDomains: null };
const READ_ONLY: HeldRights = { rights: ['READ'], entryDomains: null };

type Relation = { related: true; held: HeldRights } | { related: false; verdict: Verdict };

function unrelated(rank: number, reason: string): Relation {
  return { related: false, verdict: no(rank, reason) };
}

/**
 * Whether the granter's grant reaches the target's organisation (an OG or an ESMS) and which rights
 * it holds there. National: everything, all rights. APR: the ESMS/OG of its competence, all rights;
 * CONTROLLER/READER: same perimeter, read only. APE of an OG: the OG and its ESMS, all rights; APE of
 * an ESMS: that ESMS. USER: same perimeter as an APE, with its own rights and domains.
 */
export function relate(granter: ActorGrant, target: ManagedGrant): Relation {
  const { kind, code } = target.organisation;
  const own = granter.organisation;
  if (granter.role === 'NATIONAL_ADMIN') return { related: true, held: ALL_RIGHTS };

  if (isAuthorityKind(own.kind)) {
    const authority = { kind: own.kind, code: own.code };
    const held = granter.role === 'APR' ? ALL_RIGHTS : READ_ONLY;
    if (kind === 'ESMS') {
      const s = target.targetStructure;
      if (!s) return unrelated(RANK.OUTSIDE, MESSAGES.missingStructureFacts(code));
      const coverage = structureCoverage(authority, s);
      if (coverage === 'covered') return { related: true, held };
      if (coverage === 'exclusive') {
        return unrelated(RANK.RULE, MESSAGES.exclusiveCompetence(own.kind, 'administrer', s.categoryCode));
      }
      return unrelated(RANK.OUTSIDE, MESSAGES.structureOutsideAuthority(code, own.kind, own.code));
    }
    if (kind === 'OG') {
      const o = target.targetOrganisation;
      if (!o) return unrelated(RANK.OUTSIDE, MESSAGES.missingOrganisationFacts(code));
      const coverage = organisationCoverage(authority, o);
      if (coverage === 'covered') return { related: true, held };
      if (coverage === 'exclusive') {
        return unrelated(RANK.RULE, MESSAGES.exclusiveCompetenceOrganisation(own.kind, 'administrer', code));
      }
      return unrelated(RANK.OUTSIDE, MESSAGES.organisationOutsideAuthority(code, own.kind, own.code));
    }
    return unrelated(RANK.OUTSIDE, MESSAGES.notYourOrganisation(target.organisation, own));
  }

  const held: HeldRights =
    granter.role === 'APE'
      ? ALL_RIGHTS
      : { rights: granter.rights, entryDomains: granter.entryDomains ?? null };
  if (own.kind === 'OG') {
    if (kind === 'OG' && code === own.code) return { related: true, held };
    if (kind === 'ESMS') {
      const s = target.targetStructure;
      if (!s) return unrelated(RANK.OUTSIDE, MESSAGES.missingStructureFacts(code));
      if (s.ogFiness === own.code) return { related: true, held };
      return unrelated(RANK.OUTSIDE, MESSAGES.structureNotOfYourOg(code, own.code));
    }
  } else if (own.kind === 'ESMS' && kind === 'ESMS' && code === own.code) {
    return { related: true, held };
  }
  return unrelated(RANK.OUTSIDE, MESSAGES.notYourOrganisation(target.organisation, own));
}

/**
 * The rights of `target` that `held` does not include, as French text ("validation", "saisie –
 * finances"), or null when every requested right is held. "Nobody grants a right they do not hold."
 */
export function missingRights(
  held: HeldRights,
  target: Pick<ManagedGrant, 'rights' | 'entryDomains'>,
): string | null {
  const requested = Array.isArray(target.rights) ? target.rights : [];
  const missing = requested.filter((r) => !held.rights.includes(r)).map(rightLabel);
  const heldDomains = held.entryDomains;
  if (requested.includes('ENTRY') && held.rights.includes('ENTRY') && heldDomains !== null) {
    const wanted = target.entryDomains ?? null;
    if (wanted === null) {
      missing.push('saisie de tous les domaines');
    } else if (Array.isArray(wanted)) {
      const extra = wanted.filter((d) => !heldDomains.includes(d));
      if (extra.length > 0) missing.push(`saisie – ${extra.map(domainLabel).join(', ')}`);
    }
  }
  return missing.length > 0 ? missing.join(', ') : null;
}

/**
 * Whether `granter` may create `target` (hence revoke it, and manage the account holding it).
 * - NATIONAL_ADMIN: any grant.
 * - APR of an ARS/CD: CONTROLLER and READER of its own organisation; APE of an ESMS/OG of its
 *   competence; USER there only when it has no APE (`targetHasApe === false`).
 * - APE of an OG: APE and USER of its ESMS, USER of the OG. APE of an ESMS: USER of that ESMS.
 * - CONTROLLER, READER, USER: nothing.
 * - For a USER grant, the granter must hold every requested right (and entry domain) there.
 */
export function judgeManagement(granter: ActorGrant, target: ManagedGrant): Verdict {
  const national = granter.role === 'NATIONAL_ADMIN';
  switch (target.role) {
    case 'NATIONAL_ADMIN':
    case 'APR':
      return national ? YES : no(RANK.PROFILE, MESSAGES.onlyNationalCreates(target.role));

    case 'CONTROLLER':
    case 'READER': {
      if (national) return YES;
      if (granter.role === 'APE') return no(RANK.PROFILE, MESSAGES.apeCannotCreateAuthority());
      if (granter.role !== 'APR') return no(RANK.PROFILE, MESSAGES.profileCannotManage(granter));
      if (sameOrganisation(granter.organisation, target.organisation)) return YES;
      const own = granter.organisation;
      return isAuthorityKind(own.kind)
        ? no(RANK.OUTSIDE, MESSAGES.onlyOwnAuthorityStaff(own.kind, own.code))
        : no(RANK.PROFILE, MESSAGES.profileCannotManage(granter));
    }

    case 'APE': {
      if (national) return YES;
      if (granter.role !== 'APR' && granter.role !== 'APE') {
        return no(RANK.PROFILE, MESSAGES.profileCannotManage(granter));
      }
      const relation = relate(granter, target);
      if (!relation.related) return relation.verdict;
      if (granter.role === 'APR') return YES;
      if (granter.organisation.kind === 'OG' && target.organisation.kind === 'ESMS') return YES;
      return no(
        RANK.RULE,
        target.organisation.kind === 'OG' ? MESSAGES.ogApeByAuthority() : MESSAGES.esmsApeByOgOrAuthority(),
      );
    }

    case 'USER': {
      const relation = relate(granter, target);
      if (!relation.related) return relation.verdict;
      const missing = missingRights(relation.held, target);
      if (missing !== null) return no(RANK.RULE, MESSAGES.rightNotHeld(missing));
      if (national || granter.role === 'APE') return YES;
      if (granter.role === 'APR') {
        return target.targetHasApe === false
          ? YES
          : no(RANK.RULE, MESSAGES.targetHasApe(target.organisation));
      }
      return no(RANK.PROFILE, MESSAGES.profileCannotManage(granter));
    }

    default:
      return no(RANK.OUTSIDE, `Rôle inconnu : « ${String(target.role)} ».`, 'INVALID_REQUEST');
  }
}

/** Whether any of the (active) grants may create `target`. */
export function manageWith(grants: readonly ActorGrant[], target: ManagedGrant): Decision {
  return combine(grants.map((g) => judgeManagement(g, target)));
}
