import type {
  Account,
  FormDomain,
  GrantInput,
  OrganisationKind,
  OrganisationRef,
  Role,
  UserRight,
} from '@tdb/contracts';
import { FORM_DOMAINS, USER_RIGHTS, isGrantActive, principalRoleOf } from '@tdb/access';
import type { PrincipalOrganisation } from './principal-seat';

/**
 * What the caller may grant on one kind of organisation, derived from its own grants valid today
 * (the delegation rules of @tdb/access, simplified to choose what the form offers; the API decides).
 */
export interface KindOption {
  kind: OrganisationKind;
  /** The roles offered, in this order. */
  roles: Role[];
  /** Any organisation of that kind (the API limits the searches to the caller's perimeter). */
  any: boolean;
  /** Otherwise, these organisations (the caller's own), with their labels. */
  fixed: { ref: OrganisationRef; label: string }[];
  /** ESMS only: the ESMS of these organismes gestionnaires (an OG's APE). */
  ofOgs: string[];
}

export const KIND_ORDER: readonly OrganisationKind[] = ['NATIONAL', 'ARS', 'CD', 'OG', 'ESMS'];
const ROLE_ORDER: readonly Role[] = ['NATIONAL_ADMIN', 'APR', 'CONTROLLER', 'READER', 'APE', 'USER'];

export const KIND_LABELS: Readonly<Record<OrganisationKind, string>> = {
  NATIONAL: 'Niveau national',
  ARS: 'Agence régionale de santé (ARS)',
  CD: 'Conseil départemental (CD)',
  OG: 'Organisme gestionnaire (OG)',
  ESMS: 'Établissement ou service (ESMS)',
};

/** The kinds, roles and organisations the account may grant, from its grants valid on `today`. */
export function grantTargetOptions(account: Pick<Account, 'grants'>, today: string): KindOption[] {
  const options = new Map<OrganisationKind, KindOption>();
  const option = (kind: OrganisationKind) => {
    let found = options.get(kind);
    if (!found) {
      found = { kind, roles: [], any: false, fixed: [], ofOgs: [] };
      options.set(kind, found);
    }
    return found;
  };
  const allow = (kind: OrganisationKind, roles: Role[]) => {
    const o = option(kind);
    for (const role of roles) if (!o.roles.includes(role)) o.roles.push(role);
    return o;
  };
  const addFixed = (o: KindOption, ref: OrganisationRef, label: string) => {
    if (!o.fixed.some((f) => f.ref.code === ref.code)) o.fixed.push({ ref, label });
  };

  for (const grant of account.grants) {
    if (!isGrantActive(grant, today)) continue;
    const { kind, code } = grant.organisation;
    if (grant.role === 'NATIONAL_ADMIN') {
      addFixed(allow('NATIONAL', ['NATIONAL_ADMIN']), { kind: 'NATIONAL', code: 'FR' }, 'Niveau national');
      allow('ARS', ['APR', 'CONTROLLER', 'READER']).any = true;
      allow('CD', ['APR', 'CONTROLLER', 'READER']).any = true;
      allow('OG', ['APE', 'USER']).any = true;
      allow('ESMS', ['APE', 'USER']).any = true;
    } else if (grant.role === 'APR' && (kind === 'ARS' || kind === 'CD')) {
      addFixed(allow(kind, ['CONTROLLER', 'READER']), grant.organisation, grant.organisationLabel);
      // USER only where the structure has no APE yet (the API checks).
      allow('OG', ['APE', 'USER']).any = true;
      allow('ESMS', ['APE', 'USER']).any = true;
    } else if (grant.role === 'APE' && kind === 'OG') {
      const esms = allow('ESMS', ['APE', 'USER']);
      if (!esms.ofOgs.includes(code)) esms.ofOgs.push(code);
      addFixed(allow('OG', ['USER']), grant.organisation, grant.organisationLabel);
    } else if (grant.role === 'APE' && kind === 'ESMS') {
      addFixed(allow('ESMS', ['USER']), grant.organisation, grant.organisationLabel);
    }
  }

  return KIND_ORDER.flatMap((kind) => {
    const o = options.get(kind);
    if (!o) return [];
    return [{ ...o, roles: ROLE_ORDER.filter((role) => o.roles.includes(role)) }];
  });
}

/** What the grant fields hold while being filled. */
export interface GrantDraft {
  kind: OrganisationKind | '';
  code: string;
  /** How the chosen organisation reads ("EHPAD LES CHÊNES (450000018)"), for the summary. */
  organisationLabel: string;
  role: Role | '';
  rights: UserRight[];
  entryDomains: FormDomain[];
  validFrom: string;
  validUntil: string;
}

export const EMPTY_GRANT_DRAFT: GrantDraft = {
  kind: '',
  code: '',
  organisationLabel: '',
  role: '',
  rights: [],
  entryDomains: [],
  validFrom: '',
  validUntil: '',
};

export type GrantDraftErrors = Partial<Record<'kind' | 'code' | 'role' | 'rights' | 'validUntil', string>>;

const FINESS = /^[0-9A-Z]{9}$/;

export function checkGrantDraft(draft: GrantDraft): GrantDraftErrors {
  const errors: GrantDraftErrors = {};
  if (draft.kind === '') errors.kind = "Choisissez le type d'organisation.";
  else if (draft.code === '') {
    errors.code =
      draft.kind === 'ARS'
        ? 'Choisissez la région.'
        : draft.kind === 'CD'
          ? 'Choisissez le département.'
          : draft.kind === 'ESMS'
            ? 'Choisissez la structure.'
            : "Choisissez l'organisme gestionnaire.";
  } else if ((draft.kind === 'OG' || draft.kind === 'ESMS') && !FINESS.test(draft.code)) {
    errors.code = 'Le numéro FINESS compte 9 caractères (chiffres, ou 2A / 2B pour la Corse).';
  }
  if (draft.role === '') errors.role = 'Choisissez le rôle.';
  else if (draft.role === 'USER' && draft.rights.length === 0) errors.rights = 'Cochez au moins un droit.';
  if (draft.validFrom !== '' && draft.validUntil !== '' && draft.validUntil < draft.validFrom) {
    errors.validUntil = 'La date de fin doit suivre la date de début.';
  }
  return errors;
}

/** The GrantInput the API expects; empty optional fields are left out. */
export function toGrantInput(draft: GrantDraft): GrantInput {
  if (draft.kind === '' || draft.role === '') throw new Error('Incomplete grant draft');
  const grant: GrantInput = { organisation: { kind: draft.kind, code: draft.code }, role: draft.role };
  if (draft.role === 'USER') {
    grant.rights = USER_RIGHTS.filter((right) => draft.rights.includes(right));
    if (grant.rights.includes('ENTRY')) {
      // None ticked: every domain of the form.
      const domains = FORM_DOMAINS.filter((domain) => draft.entryDomains.includes(domain));
      grant.entryDomains = domains.length > 0 ? domains : null;
    }
  }
  if (draft.validFrom !== '') grant.validFrom = draft.validFrom;
  if (draft.validUntil !== '') grant.validUntil = draft.validUntil;
  return grant;
}

/**
 * The organisation whose principal administrator the draft designates (APR of an ARS or CD, APE
 * of an OG or ESMS), once chosen; null for any other grant.
 */
export function principalOf(draft: GrantDraft): PrincipalOrganisation | null {
  if (draft.kind === '' || draft.kind === 'NATIONAL' || draft.code === '' || draft.role === '') return null;
  if (principalRoleOf(draft.kind) !== draft.role) return null;
  if ((draft.kind === 'OG' || draft.kind === 'ESMS') && !FINESS.test(draft.code)) return null;
  return { kind: draft.kind, code: draft.code };
}
