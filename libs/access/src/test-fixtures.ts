/**
 * Test fixtures (used by the specs only, not exported by the library): the demo region 24
 * (Centre-Val de Loire) with departments 45 (Loiret) and 37 (Indre-et-Loire), and region 11.
 */
import type { FormDomain, GrantInput, OrganisationKind, Role, UserRight } from '@tdb/contracts';
import type { Competence } from '@tdb/reference';
import type {
  AccessRequest,
  Actor,
  ActorGrant,
  ManagedGrant,
  OrganisationFacts,
  StructureFacts,
} from './index';

export const TODAY = '2024-06-01';

function esms(
  finess: string,
  ogFiness: string,
  departmentCode: string,
  regionCode: string,
  competence: Competence,
  categoryCode: string,
): StructureFacts {
  return { finess, ogFiness, departmentCode, regionCode, competence, categoryCode };
}

// Organismes gestionnaires (FINESS juridique)
export const OG_45 = '450000001'; // manages an EHPAD, a SAVS and an IME in the Loiret
export const OG_EANM = '450000100'; // manages a foyer de vie (EANM) in the Loiret
export const OG_37 = '370000001';
export const OG_11 = '750000001';

// ESMS (FINESS géographique)
export const EHPAD_45 = esms('450000019', OG_45, '45', '24', 'SHARED', 'EHPAD');
export const SAVS_45 = esms('450000027', OG_45, '45', '24', 'CD', 'SAVS');
export const IME_45 = esms('450000035', OG_45, '45', '24', 'ARS', 'IME');
export const EANM_45 = esms('450000118', OG_EANM, '45', '24', 'CD', 'EANM'); // foyer de vie
export const EHPAD_37 = esms('370000019', OG_37, '37', '24', 'SHARED', 'EHPAD');
export const EHPAD_11 = esms('750000019', OG_11, '75', '11', 'SHARED', 'EHPAD');

export const ORG_45: OrganisationFacts = { finess: OG_45, structures: [EHPAD_45, SAVS_45, IME_45] };
export const ORG_EANM: OrganisationFacts = { finess: OG_EANM, structures: [EANM_45] };
export const ORG_37: OrganisationFacts = { finess: OG_37, structures: [EHPAD_37] };
export const ORG_11: OrganisationFacts = { finess: OG_11, structures: [EHPAD_11] };

export const ALL_RIGHTS: UserRight[] = ['ENTRY', 'VALIDATION', 'READ'];

export function grant(
  role: Role,
  kind: OrganisationKind,
  code: string,
  extra: Partial<Omit<ActorGrant, 'role' | 'organisation'>> = {},
): ActorGrant {
  return {
    organisation: { kind, code },
    role,
    rights: role === 'USER' ? ALL_RIGHTS : [],
    entryDomains: null,
    validFrom: null,
    validUntil: null,
    ...extra,
  };
}

export const NATIONAL_GRANT = grant('NATIONAL_ADMIN', 'NATIONAL', 'FR');

export const ACTOR_NAMES = [
  'NATIONAL',
  'ARS24 APR',
  'ARS24 CONTROLLER',
  'ARS24 READER',
  'CD45 APR',
  'CD45 CONTROLLER',
  'CD45 READER',
  'CD37 APR',
  'CD37 CONTROLLER',
  'CD37 READER',
  'OG45 APE',
  'OG45 USER',
  'ESMS APE',
  'ESMS USER',
] as const;
export type ActorName = (typeof ACTOR_NAMES)[number];

function actor(accountId: string, ...grants: ActorGrant[]): Actor {
  return { accountId, grants };
}

/** One account per profile; "ESMS" is the EHPAD 450000019 of OG 450000001; USERs hold all rights. */
export const ACTORS: Record<ActorName, Actor> = {
  NATIONAL: actor('national', NATIONAL_GRANT),
  'ARS24 APR': actor('ars24-apr', grant('APR', 'ARS', '24')),
  'ARS24 CONTROLLER': actor('ars24-controller', grant('CONTROLLER', 'ARS', '24')),
  'ARS24 READER': actor('ars24-reader', grant('READER', 'ARS', '24')),
  'CD45 APR': actor('cd45-apr', grant('APR', 'CD', '45')),
  'CD45 CONTROLLER': actor('cd45-controller', grant('CONTROLLER', 'CD', '45')),
  'CD45 READER': actor('cd45-reader', grant('READER', 'CD', '45')),
  'CD37 APR': actor('cd37-apr', grant('APR', 'CD', '37')),
  'CD37 CONTROLLER': actor('cd37-controller', grant('CONTROLLER', 'CD', '37')),
  'CD37 READER': actor('cd37-reader', grant('READER', 'CD', '37')),
  'OG45 APE': actor('og45-ape', grant('APE', 'OG', OG_45)),
  'OG45 USER': actor('og45-user', grant('USER', 'OG', OG_45)),
  'ESMS APE': actor('esms-ape', grant('APE', 'ESMS', EHPAD_45.finess)),
  'ESMS USER': actor('esms-user', grant('USER', 'ESMS', EHPAD_45.finess)),
};

// Grants as targets of management (with the facts of their organisation).

export function onStructure(
  role: 'APE' | 'USER',
  s: StructureFacts,
  extra: Partial<ManagedGrant> = {},
): ManagedGrant {
  return {
    organisation: { kind: 'ESMS', code: s.finess },
    role,
    rights: role === 'USER' ? ['READ'] : [],
    targetStructure: s,
    ...extra,
  };
}

export function onOrganisation(
  role: 'APE' | 'USER',
  o: OrganisationFacts,
  extra: Partial<ManagedGrant> = {},
): ManagedGrant {
  return {
    organisation: { kind: 'OG', code: o.finess },
    role,
    rights: role === 'USER' ? ['READ'] : [],
    targetOrganisation: o,
    ...extra,
  };
}

export function onAuthority(
  role: 'APR' | 'CONTROLLER' | 'READER',
  kind: 'ARS' | 'CD',
  code: string,
): ManagedGrant {
  return { organisation: { kind, code }, role, rights: [] };
}

export const NATIONAL_TARGET: ManagedGrant = {
  organisation: { kind: 'NATIONAL', code: 'FR' },
  role: 'NATIONAL_ADMIN',
};

function split(managed: ManagedGrant): {
  grant: GrantInput;
  facts: Pick<ManagedGrant, 'targetStructure' | 'targetOrganisation' | 'targetHasApe'>;
} {
  const {
    targetStructure,
    targetOrganisation,
    targetHasApe,
    remainingApeCount: _remaining,
    ...grantInput
  } = managed;
  return { grant: grantInput, facts: { targetStructure, targetOrganisation, targetHasApe } };
}

export function createRequest(managed: ManagedGrant): AccessRequest {
  const { grant: target, facts } = split(managed);
  return { type: 'grant.create', target, ...facts };
}

export function revokeRequest(managed: ManagedGrant): AccessRequest {
  const { grant: existing, facts } = split(managed);
  return { type: 'grant.revoke', grant: existing, ...facts, remainingApeCount: managed.remainingApeCount };
}

export function entryOnly(domains: FormDomain[] | null): Partial<ActorGrant> {
  return { rights: ['ENTRY'], entryDomains: domains };
}
