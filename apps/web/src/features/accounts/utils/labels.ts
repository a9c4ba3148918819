import type { AccountStatus, FormDomain, Grant, UserRight } from '@tdb/contracts';
import { FORM_DOMAIN_LABELS, RIGHT_LABELS } from '@tdb/access';

export const STATUS_LABELS: Readonly<Record<AccountStatus, string>> = {
  INVITED: 'Invité',
  ACTIVE: 'Actif',
  DISABLED: 'Désactivé',
  LOCKED: 'Connexion ralentie',
};

export const STATUS_SEVERITIES: Readonly<Record<AccountStatus, 'info' | 'success' | 'error' | 'warning'>> = {
  INVITED: 'info',
  ACTIVE: 'success',
  DISABLED: 'error',
  LOCKED: 'warning',
};

/** The statuses the list can be filtered on (LOCKED: sign-in slowed down for a while after many failed attempts). */
export const FILTERABLE_STATUSES: readonly AccountStatus[] = ['INVITED', 'ACTIVE', 'DISABLED', 'LOCKED'];

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Saisie", "Validation", "Lecture" (the labels of @tdb/access, as in the API's messages). */
export function rightLabel(right: UserRight): string {
  return capitalize(RIGHT_LABELS[right]);
}

export function domainLabel(domain: FormDomain): string {
  return capitalize(FORM_DOMAIN_LABELS[domain]);
}

/** The rights of a grant in words: APE and administrators hold them all. */
export function grantRightsLabel(grant: Pick<Grant, 'role' | 'rights'>): string {
  if (grant.role !== 'USER') return 'Tous les droits';
  return grant.rights.length > 0 ? grant.rights.map(rightLabel).join(', ') : 'Aucun';
}

/** The entry domains of a grant: only meaningful for a USER who may enter data. */
export function grantDomainsLabel(grant: Pick<Grant, 'role' | 'rights' | 'entryDomains'>): string {
  if (grant.role === 'USER' && !grant.rights.includes('ENTRY')) return '—';
  if (grant.entryDomains === null || grant.entryDomains.length === 0) return 'Tous les domaines';
  return grant.entryDomains.map(domainLabel).join(', ');
}
