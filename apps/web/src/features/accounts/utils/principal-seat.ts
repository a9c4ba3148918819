import type { OrganisationKind, OrganisationRef, PrincipalSeat } from '@tdb/contracts';

/** An organisation that has a principal administrator seat (APR of an ARS or CD, APE of an OG or ESMS). */
export interface PrincipalOrganisation extends OrganisationRef {
  kind: Exclude<OrganisationKind, 'NATIONAL'>;
}

/** "Paul Durand (paul.durand@foyer.fr) et un compte que vous ne gérez pas". */
export function holdersText(seat: PrincipalSeat): string {
  const named = seat.holders.map((h) => `${h.firstName} ${h.lastName} (${h.email})`);
  const hidden =
    seat.undisclosed === 0
      ? []
      : [
          seat.undisclosed === 1
            ? 'un compte que vous ne gérez pas'
            : `${seat.undisclosed} comptes que vous ne gérez pas`,
        ];
  return [...named, ...hidden].join(' et ');
}

/** Whether designating someone else there is a transfer (the seat has a holder). */
export function seatTaken(seat: PrincipalSeat | undefined): boolean {
  return seat !== undefined && seat.holders.length + seat.undisclosed > 0;
}

/** The badge of a principal grant whose organisation has several principals (from before the rule). */
export const DUPLICATE_PRINCIPAL_BADGE = 'Administrateur principal en double';

export const DUPLICATE_PRINCIPAL_TEXT =
  "Une organisation n'a qu'un administrateur principal, mais celle-ci en a plusieurs (désignés avant cette règle) : retirez l'habilitation de ceux qui ne doivent pas l'être, ou désignez le bon par transfert.";
