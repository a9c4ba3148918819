import { fr } from '@codegouvfr/react-dsfr';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import type { PrincipalSeat, TransferPrevious } from '@tdb/contracts';
import { transferOptionLabel, transferOutcomeText } from '@tdb/access';
import { holdersText, seatTaken } from '../utils/principal-seat';

interface PrincipalTransferFieldsProps {
  seat: PrincipalSeat | undefined;
  value: TransferPrevious | '';
  onChange: (value: TransferPrevious) => void;
  error?: string | undefined;
}

/**
 * One principal administrator per organisation: when the chosen organisation has its APR or APE,
 * designating another person is a transfer, and the form asks what the current one becomes (the
 * options the API gives), saying what will happen. Nothing when the seat is free or unknown.
 */
export function PrincipalTransferFields({ seat, value, onChange, error }: PrincipalTransferFieldsProps) {
  if (!seat) return null;
  if (!seatTaken(seat)) {
    return (
      <p className={fr.cx('fr-text--sm')} role="status">
        {seat.organisationLabel} n'a pas encore d'administrateur principal ({seat.role}) : la personne le
        deviendra.
      </p>
    );
  }
  return (
    <RadioButtons
      legend="Que devient l'administrateur principal actuel ?"
      hintText={`${seat.organisationLabel} a déjà son administrateur principal (${seat.role}) : ${holdersText(seat)}. Une organisation n'en a qu'un : en désignant cette personne, vous lui transférez le rôle. L'administrateur actuel en est informé par courriel, et le changement est inscrit au journal.`}
      state={error ? 'error' : 'default'}
      stateRelatedMessage={error}
      options={seat.transferOptions.map((option) => ({
        label: transferOptionLabel(seat.organisation.kind, option),
        hintText: `L'administrateur principal actuel ${transferOutcomeText(seat.organisation, { previous: option })}.`,
        nativeInputProps: {
          name: 'transfer',
          value: option,
          checked: value === option,
          onChange: () => onChange(option),
        },
      }))}
    />
  );
}
