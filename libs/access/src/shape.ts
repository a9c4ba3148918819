/** Whether a grant is well formed, independently of who asks for it. */
import type { GrantInput } from '@tdb/contracts';
import { findDepartment, findRegion } from '@tdb/reference';
import { domainLabel, rightLabel, roleLabel } from './labels';
import type { Decision } from './model';
import {
  ALLOWED,
  FORM_DOMAINS,
  USER_RIGHTS,
  isOrganisationKind,
  isRole,
  refused,
  roleFitsOrganisation,
} from './model';
import { frenchDate, isIsoDate } from './validity';

/** FINESS number pattern (Etalab XSD `typeNumeroFiness`); the key is checked when importing FINESS. */
const FINESS_PATTERN = /^[0-9][0-9A-Z][0-9]{7}$/;

const KIND_OF_ROLE_TEXT = {
  NATIONAL_ADMIN: "qu'au niveau national",
  APR: "qu'au sein d'une ARS ou d'un Département",
  CONTROLLER: "qu'au sein d'une ARS ou d'un Département",
  READER: "qu'au sein d'une ARS ou d'un Département",
  APE: "qu'au sein d'un organisme gestionnaire ou d'une structure (ESMS)",
  USER: "qu'au sein d'un organisme gestionnaire ou d'une structure (ESMS)",
} as const;

function invalid(reason: string): Decision {
  return refused(reason, 'INVALID_REQUEST');
}

function duplicate<T>(items: readonly T[]): T | undefined {
  return items.find((item, index) => items.indexOf(item) !== index);
}

/**
 * Checks a grant's shape: the organisation exists in form (NATIONAL = "FR", a known region or
 * department, a FINESS number), the role fits the kind of organisation, rights only for USER (at
 * least one, known, no duplicates), entry domains only with ENTRY (null = all; a list must be
 * non-empty, known, without duplicates), dates ISO with validUntil ≥ validFrom.
 */
export function validateGrantShape(target: GrantInput): Decision {
  if (typeof target !== 'object' || target === null) return invalid('Habilitation absente.');
  const organisation = target.organisation;
  if (typeof organisation !== 'object' || organisation === null) {
    return invalid("L'organisation de l'habilitation est absente.");
  }
  const { kind, code } = organisation;
  if (!isOrganisationKind(kind)) return invalid(`Type d'organisation inconnu : « ${String(kind)} ».`);
  if (!isRole(target.role)) return invalid(`Rôle inconnu : « ${String(target.role)} ».`);
  if (typeof code !== 'string') return invalid("Le code de l'organisation est absent.");
  switch (kind) {
    case 'NATIONAL':
      if (code !== 'FR') return invalid(`Le code de l'organisation nationale est « FR », pas « ${code} ».`);
      break;
    case 'ARS':
      if (!findRegion(code)) return invalid(`Région inconnue : « ${code} ».`);
      break;
    case 'CD':
      if (!findDepartment(code)) return invalid(`Département inconnu : « ${code} ».`);
      break;
    case 'OG':
    case 'ESMS':
      if (!FINESS_PATTERN.test(code)) {
        return invalid(`Numéro FINESS invalide : « ${code} » (9 caractères attendus).`);
      }
      break;
  }
  if (!roleFitsOrganisation(target.role, kind)) {
    return invalid(
      `Le rôle « ${roleLabel(target.role)} » ne peut être attribué ${KIND_OF_ROLE_TEXT[target.role]}.`,
    );
  }

  const rights = target.rights ?? [];
  if (!Array.isArray(rights)) return invalid('Les droits doivent être une liste.');
  if (target.role === 'USER') {
    if (rights.length === 0) {
      return invalid('Un utilisateur doit recevoir au moins un droit (saisie, validation ou lecture).');
    }
    const unknown = rights.find((r) => !USER_RIGHTS.includes(r));
    if (unknown !== undefined) return invalid(`Droit inconnu : « ${String(unknown)} ».`);
    const twice = duplicate(rights);
    if (twice !== undefined) return invalid(`Le droit de ${rightLabel(twice)} est demandé deux fois.`);
  } else if (rights.length > 0) {
    return invalid(
      `Les droits (saisie, validation, lecture) ne s'attribuent qu'à un utilisateur, pas au rôle « ${roleLabel(target.role)} ».`,
    );
  }

  const domains = target.entryDomains ?? null;
  if (domains !== null) {
    if (!Array.isArray(domains)) return invalid('Les domaines de saisie doivent être une liste.');
    if (!rights.includes('ENTRY')) {
      return invalid("Des domaines de saisie ne peuvent être précisés qu'avec le droit de saisie.");
    }
    if (domains.length === 0) {
      return invalid('Choisissez au moins un domaine de saisie, ou aucun pour les autoriser tous.');
    }
    const unknown = domains.find((d) => !FORM_DOMAINS.includes(d));
    if (unknown !== undefined) return invalid(`Domaine de saisie inconnu : « ${String(unknown)} ».`);
    const twice = duplicate(domains);
    if (twice !== undefined) return invalid(`Le domaine « ${domainLabel(twice)} » est indiqué deux fois.`);
  }

  const validFrom = target.validFrom ?? null;
  const validUntil = target.validUntil ?? null;
  if (validFrom !== null && !isIsoDate(validFrom)) {
    return invalid(`Date de début invalide : « ${String(validFrom)} » (format AAAA-MM-JJ attendu).`);
  }
  if (validUntil !== null && !isIsoDate(validUntil)) {
    return invalid(`Date de fin invalide : « ${String(validUntil)} » (format AAAA-MM-JJ attendu).`);
  }
  if (validFrom !== null && validUntil !== null && validUntil < validFrom) {
    return invalid(
      `La date de fin (${frenchDate(validUntil)}) précède la date de début (${frenchDate(validFrom)}).`,
    );
  }
  return ALLOWED;
}
