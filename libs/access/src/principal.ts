/**
 * One principal administrator per organisation (issue 14 §6, after PLAGE: « Au sein du CD, un
 * administrateur principal PLAGE unique est identifié »): the APR of an ARS or a CD, the APE of an
 * OG or an ESMS. Designating someone else while one is in place is a transfer: the request says
 * what the current holder becomes. Pure rules and French texts; the API loads the holders.
 */
import type {
  GrantInput,
  OrganisationKind,
  OrganisationRef,
  PrincipalTransfer,
  Role,
  TransferPrevious,
  UserRight,
} from '@tdb/contracts';
import { ofAuthority, rightLabel, theOrganisation } from './labels';
import type { Decision } from './model';
import { ALLOWED, USER_RIGHTS, refused } from './model';

export type PrincipalRole = 'APR' | 'APE';

export const TRANSFER_PREVIOUS: readonly TransferPrevious[] = ['CONTROLLER', 'READER', 'USER', 'REVOKE'];

/** The principal role of a kind of organisation: APR for an authority, APE for an OG or an ESMS. */
export function principalRoleOf(kind: OrganisationKind): PrincipalRole | null {
  if (kind === 'ARS' || kind === 'CD') return 'APR';
  if (kind === 'OG' || kind === 'ESMS') return 'APE';
  return null;
}

/** Whether the grant designates its organisation's principal administrator. */
export function isPrincipalGrant(grant: { organisation: OrganisationRef; role: Role }): boolean {
  return (
    typeof grant === 'object' &&
    grant !== null &&
    typeof grant.organisation === 'object' &&
    grant.organisation !== null &&
    principalRoleOf(grant.organisation.kind) === grant.role
  );
}

/**
 * What the current holder may become: staff of the same authority (controller or reader) for an
 * APR, a user of the same structure for an APE; or the grant withdrawn, for both.
 */
export function transferOptions(kind: OrganisationKind): readonly TransferPrevious[] {
  if (kind === 'ARS' || kind === 'CD') return ['CONTROLLER', 'READER', 'REVOKE'];
  if (kind === 'OG' || kind === 'ESMS') return ['USER', 'REVOKE'];
  return [];
}

/** The rights a demoted APE keeps when the transfer names none: all of them (it held them all). */
export const DEFAULT_TRANSFER_RIGHTS: readonly UserRight[] = USER_RIGHTS;

/** The grant the previous holder gets in place of its principal one, or null (REVOKE). */
export function grantAfterTransfer(
  organisation: OrganisationRef,
  transfer: PrincipalTransfer,
): GrantInput | null {
  switch (transfer.previous) {
    case 'CONTROLLER':
    case 'READER':
      return { organisation, role: transfer.previous };
    case 'USER':
      return {
        organisation,
        role: 'USER',
        rights: USER_RIGHTS.filter((r) => (transfer.rights ?? DEFAULT_TRANSFER_RIGHTS).includes(r)),
        entryDomains: null,
      };
    default:
      return null;
  }
}

/** French label of an option, as the form and the emails say it. */
export function transferOptionLabel(kind: OrganisationKind, previous: TransferPrevious): string {
  switch (previous) {
    case 'CONTROLLER':
      return kind === 'ARS' ? "Contrôleur de l'ARS" : 'Contrôleur du Département';
    case 'READER':
      return kind === 'ARS' ? "Lecteur de l'ARS" : 'Lecteur du Département';
    case 'USER':
      return kind === 'OG' ? "Utilisateur de l'organisme gestionnaire" : 'Utilisateur de la structure';
    case 'REVOKE':
      return 'Retrait de son habilitation';
  }
}

/**
 * What happens to the previous holder, as a sentence completing « l'administrateur principal
 * actuel … » (the form's explanation, the email to that person).
 */
export function transferOutcomeText(organisation: OrganisationRef, transfer: PrincipalTransfer): string {
  const where = theOrganisation(organisation);
  const of =
    organisation.kind === 'ARS' || organisation.kind === 'CD'
      ? ofAuthority(organisation.kind, organisation.code)
      : `de ${where}`;
  switch (transfer.previous) {
    case 'CONTROLLER':
      return `devient contrôleur ${of} : il consulte, invalide et confirme les données, sans administrer les comptes`;
    case 'READER':
      return `devient lecteur ${of} : il consulte les données`;
    case 'USER': {
      const rights = USER_RIGHTS.filter((r) => (transfer.rights ?? DEFAULT_TRANSFER_RIGHTS).includes(r));
      return `devient utilisateur ${of} (${rights.map(rightLabel).join(', ')}), sans administrer les comptes`;
    }
    case 'REVOKE':
      return `perd son habilitation sur ${where} (son compte est désactivé s'il n'en détient pas d'autre)`;
  }
}

/** Whether a transfer is well formed for that organisation. */
export function validateTransfer(organisation: OrganisationRef, transfer: PrincipalTransfer): Decision {
  if (typeof transfer !== 'object' || transfer === null) {
    return refused(
      'Le transfert est mal formé : indiquez ce que devient l’administrateur principal actuel.',
      'INVALID_REQUEST',
    );
  }
  const options = transferOptions(organisation.kind);
  if (!options.includes(transfer.previous)) {
    return refused(
      `Pour ${theOrganisation(organisation)}, l’administrateur principal actuel peut devenir : ${options
        .map((o) => `« ${o} » (${transferOptionLabel(organisation.kind, o).toLowerCase()})`)
        .join(', ')}.`,
      'INVALID_REQUEST',
    );
  }
  if (transfer.rights !== undefined) {
    if (transfer.previous !== 'USER') {
      return refused(
        'Des droits ne se donnent au précédent administrateur que s’il devient utilisateur.',
        'INVALID_REQUEST',
      );
    }
    if (!Array.isArray(transfer.rights) || transfer.rights.length === 0) {
      return refused('Cochez au moins un droit pour le précédent administrateur.', 'INVALID_REQUEST');
    }
    const unknown = transfer.rights.find((r) => !USER_RIGHTS.includes(r));
    if (unknown !== undefined) return refused(`Droit inconnu : « ${String(unknown)} ».`, 'INVALID_REQUEST');
  }
  return ALLOWED;
}
