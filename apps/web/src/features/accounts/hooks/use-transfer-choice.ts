import { useState } from 'react';
import type { TransferPrevious } from '@tdb/contracts';
import { usePrincipalSeat } from '../api/get-principal-seat';
import { seatTaken } from '../utils/principal-seat';
import { principalOf, type GrantDraft } from '../utils/grant-targets';

export const TRANSFER_REQUIRED = "Choisissez ce que devient l'administrateur principal actuel.";

/**
 * The transfer chosen for the principal seat of the draft's organisation: a choice made for another
 * organisation (or role) does not carry over.
 */
export function useTransferChoice(draft: GrantDraft) {
  const principal = principalOf(draft);
  const key = principal ? `${principal.kind}:${principal.code}` : '';
  const seat = usePrincipalSeat(principal);
  const [choice, setChoice] = useState<{ key: string; previous: TransferPrevious } | null>(null);
  const taken = principal !== null && seatTaken(seat.data);
  const value: TransferPrevious | '' = choice?.key === key && taken ? choice.previous : '';
  return {
    seat: principal ? seat.data : undefined,
    taken,
    value,
    choose: (previous: TransferPrevious) => setChoice({ key, previous }),
    /** The request's `transfer`, when one is needed and chosen. */
    request: value === '' ? {} : { transfer: { previous: value } },
  };
}
