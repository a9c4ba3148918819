/** French labels used in the reasons of refusals (shown as they are in the UI). */
import type { FormDomain, OrganisationRef, Role, UserRight } from '@tdb/contracts';
import { findCategory, findDepartment, findRegion } from '@tdb/reference';
import type { AuthorityKind } from './model';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  NATIONAL_ADMIN: 'Administrateur national',
  APR: 'Administrateur principal (APR)',
  CONTROLLER: 'Contrôleur',
  READER: 'Lecteur',
  APE: "Administrateur principal d'établissement (APE)",
  USER: 'Utilisateur',
};

export const RIGHT_LABELS: Readonly<Record<UserRight, string>> = {
  ENTRY: 'saisie',
  VALIDATION: 'validation',
  READ: 'lecture',
};

export const FORM_DOMAIN_LABELS: Readonly<Record<FormDomain, string>> = {
  CARACTERISATION: 'caractérisation',
  PRESTATIONS: 'prestations',
  RESSOURCES_HUMAINES: 'ressources humaines',
  FINANCES: 'finances',
  SYSTEME_INFORMATION: "système d'information",
  DEVELOPPEMENT_DURABLE: 'développement durable',
};

function lookup<K extends string>(labels: Readonly<Record<K, string>>, key: unknown): string {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(labels, key)
    ? labels[key as K]
    : String(key);
}

export function roleLabel(role: unknown): string {
  return lookup(ROLE_LABELS, role);
}

export function rightLabel(right: unknown): string {
  return lookup(RIGHT_LABELS, right);
}

export function domainLabel(domain: unknown): string {
  return lookup(FORM_DOMAIN_LABELS, domain);
}

/** "ARS Centre-Val de Loire", "Département 45 (Loiret)". */
export function authorityLabel(kind: AuthorityKind, code: string): string {
  if (kind === 'ARS') {
    const region = findRegion(code);
    return region ? `ARS ${region.name}` : `ARS de la région ${code}`;
  }
  const department = findDepartment(code);
  return department ? `Département ${code} (${department.name})` : `Département ${code}`;
}

/** A human label of an organisation, usable inside a sentence. */
export function organisationLabel(ref: OrganisationRef): string {
  switch (ref.kind) {
    case 'NATIONAL':
      return 'niveau national';
    case 'ARS':
    case 'CD':
      return authorityLabel(ref.kind, ref.code);
    case 'OG':
      return `organisme gestionnaire ${ref.code}`;
    case 'ESMS':
      return `structure ${ref.code}`;
    default:
      return `organisation ${String(ref.code)}`;
  }
}

/** With its article: "l'ARS Centre-Val de Loire", "le Département 45 (Loiret)", "la structure 450000019". */
export function theOrganisation(ref: OrganisationRef): string {
  switch (ref.kind) {
    case 'NATIONAL':
      return "l'opérateur national";
    case 'ARS':
      return `l'${authorityLabel('ARS', ref.code)}`;
    case 'CD':
      return `le ${authorityLabel('CD', ref.code)}`;
    case 'OG':
      return `l'organisme gestionnaire ${ref.code}`;
    case 'ESMS':
      return `la structure ${ref.code}`;
    default:
      return `l'organisation ${String(ref.code)}`;
  }
}

/** "de l'ARS Centre-Val de Loire", "du Département 45 (Loiret)". */
export function ofAuthority(kind: AuthorityKind, code: string): string {
  return kind === 'ARS' ? `de l'${authorityLabel(kind, code)}` : `du ${authorityLabel(kind, code)}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Lecteur – ARS Centre-Val de Loire". */
export function grantLabel(grant: { role: Role; organisation: OrganisationRef }): string {
  return `${roleLabel(grant.role)} – ${organisationLabel(grant.organisation)}`;
}

/** The short label of a TDB category ("SAVS", "EANM"), or its code when unknown. */
export function categoryLabel(code: string): string {
  return findCategory(code)?.shortLabel ?? code;
}
