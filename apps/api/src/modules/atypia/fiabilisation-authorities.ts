import { activeGrants, type ActorGrant } from '@tdb/access';
import { parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthorityQuery } from './dto/fiabilisation.dto';

export type Authority = { kind: 'ARS' | 'CD'; code: string };

const isAuthority = (g: ActorGrant): boolean => g.organisation.kind === 'ARS' || g.organisation.kind === 'CD';

export function isNational(actor: AuthenticatedActor): boolean {
  return activeGrants(actor, parisToday()).some((g) => g.role === 'NATIONAL_ADMIN');
}

/** The ARS and Départements the actor belongs to (any role), or with `staff`, as APR / CONTROLLER. */
export function authoritiesOf(actor: AuthenticatedActor, staff = false): Authority[] {
  const seen = new Map<string, Authority>();
  for (const g of activeGrants(actor, parisToday())) {
    if (!isAuthority(g)) continue;
    if (staff && g.role !== 'APR' && g.role !== 'CONTROLLER') continue;
    const authority = { kind: g.organisation.kind as 'ARS' | 'CD', code: g.organisation.code };
    seen.set(`${authority.kind}:${authority.code}`, authority);
  }
  return [...seen.values()];
}

/** The authority of a priorities request: the one named, or the caller's own. */
export function authorityOf(actor: AuthenticatedActor, query: AuthorityQuery): Authority {
  if (query.kind && query.code) return { kind: query.kind, code: query.code };
  if (query.kind || query.code) {
    throw new DomainError('VALIDATION_FAILED', 'Donnez à la fois le type (kind) et le code de l’autorité.');
  }
  const own = authoritiesOf(actor);
  if (own.length === 1 && own[0]) return own[0];
  throw new DomainError(
    'VALIDATION_FAILED',
    own.length === 0
      ? 'Précisez l’autorité (kind=ARS|CD et code).'
      : 'Vous relevez de plusieurs autorités : précisez laquelle (kind et code).',
  );
}
