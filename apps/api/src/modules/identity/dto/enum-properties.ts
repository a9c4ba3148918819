import { FORM_DOMAINS, ROLES, TRANSFER_PREVIOUS, USER_RIGHTS } from '@tdb/access';
import type { AccountStatus } from '@tdb/contracts';

export const ACCOUNT_STATUSES: AccountStatus[] = ['INVITED', 'ACTIVE', 'DISABLED', 'LOCKED'];

/**
 * The enums that recur across requests and responses, each one component of the document (its own
 * description given by `enumSchema`, else Nest would copy the first property's description onto it).
 */
export const RoleProperty = {
  enum: [...ROLES],
  enumName: 'Role',
  enumSchema: {
    description:
      'Rôle : administrateur national ; dans une ARS ou un CD, APR, contrôleur, lecteur ; dans un OG ou une structure, APE, utilisateur',
  },
};
export const UserRightsProperty = {
  enum: [...USER_RIGHTS],
  enumName: 'UserRight',
  enumSchema: { description: 'Droit d’un utilisateur d’OG ou de structure : saisie, validation, lecture' },
  isArray: true,
};
export const FormDomainsProperty = {
  enum: [...FORM_DOMAINS],
  enumName: 'FormDomain',
  enumSchema: { description: 'Domaine du formulaire de campagne' },
  isArray: true,
};
export const AccountStatusProperty = {
  enum: ACCOUNT_STATUSES,
  enumName: 'AccountStatus',
  enumSchema: {
    description:
      'INVITED : invité, mot de passe pas encore choisi ; ACTIVE ; DISABLED : désactivé ; LOCKED : connexion suspendue après trop d’échecs (temporaire)',
  },
};
export const TransferPreviousProperty = {
  enum: [...TRANSFER_PREVIOUS],
  enumName: 'TransferPrevious',
  enumSchema: {
    description:
      'Ce que devient l’administrateur principal remplacé : contrôleur ou lecteur (APR), utilisateur (APE), ou retrait de l’habilitation',
  },
};
