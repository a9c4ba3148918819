import { activeGrants, structureCoverage, type StructureFacts } from '@tdb/access';
import { parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { toSearchText } from '../../common/text/search-text';

export type Authority = { kind: 'ARS' | 'CD'; code: string };

export function isNational(actor: AuthenticatedActor): boolean {
  return activeGrants(actor, parisToday()).some((g) => g.role === 'NATIONAL_ADMIN');
}

/** The authorities in which the actor is APR or CONTROLLER and that cover the structure. */
export function staffAuthoritiesFor(actor: AuthenticatedActor, facts: StructureFacts): Authority[] {
  const seen = new Map<string, Authority>();
  for (const g of activeGrants(actor, parisToday())) {
    const kind = g.organisation.kind;
    if ((kind !== 'ARS' && kind !== 'CD') || (g.role !== 'APR' && g.role !== 'CONTROLLER')) continue;
    const authority = { kind, code: g.organisation.code };
    if (structureCoverage(authority, facts) === 'covered') seen.set(`${kind}:${authority.code}`, authority);
  }
  return [...seen.values()];
}

/** The ARS and Départements of the actor (any role). */
export function authoritiesOfActor(actor: AuthenticatedActor): Authority[] {
  const seen = new Map<string, Authority>();
  for (const g of activeGrants(actor, parisToday())) {
    const kind = g.organisation.kind;
    if (kind === 'ARS' || kind === 'CD')
      seen.set(`${kind}:${g.organisation.code}`, { kind, code: g.organisation.code });
  }
  return [...seen.values()];
}

/** A stale version: nothing written, the current version given back. */
export function staleQuestion(sent: number, current: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    "La question a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte : rien n'a été enregistré, rechargez-la.",
    [{ field: 'version', message: `Version ${sent} lue, version actuelle ${current}.` }],
    undefined,
    { current: { version: current } },
  );
}

/**
 * An FAQ text must not name the structure: its FINESS, its OG's FINESS, its name or the asker's
 * name (accents and case ignored) are refused, field by field.
 */
export function anonymityProblems(
  texts: Record<string, string>,
  structure: { finess: string; ogFiness: string; name: string; askerName: string },
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const name = toSearchText(structure.name);
  const asker = toSearchText(structure.askerName);
  for (const [field, text] of Object.entries(texts)) {
    const digits = text.replace(/\s+/g, '');
    const words = ` ${toSearchText(text)} `;
    if (digits.includes(structure.finess) || digits.includes(structure.ogFiness)) {
      problems.push({ field, message: 'Le texte contient un numéro FINESS : retirez-le.' });
    } else if (name.length >= 4 && words.includes(` ${name} `)) {
      problems.push({ field, message: 'Le texte contient le nom de la structure : retirez-le.' });
    } else if (asker.length >= 4 && words.includes(` ${asker} `)) {
      problems.push({
        field,
        message: 'Le texte contient le nom de la personne qui a posé la question : retirez-le.',
      });
    }
  }
  return problems;
}
