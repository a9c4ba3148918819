import { useId, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { CampaignSummary } from '@tdb/contracts';
import { formatDateFr } from '@tdb/submission-workflow';
import { useExtendCollection } from '../api/extension';

/**
 * "Prolonger la collecte" (national administrator, ADR 0011): one extension for every structure of
 * the campaign that has not validated, with a date and a reason; the API says why it cannot.
 */
export function ExtendCollection({ campaign }: { campaign: CampaignSummary }) {
  const mutation = useExtendCollection(campaign.year);
  const [open, setOpen] = useState(false);
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const titleId = useId();
  if (campaign.state !== 'OPEN' || (campaign.phase !== 'COLLECTION' && campaign.phase !== 'FIABILISATION'))
    return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    mutation.mutate(
      { until, reason },
      {
        onSuccess: (result) => {
          setOpen(false);
          setDone(
            result.extended === 0
              ? 'Toutes les structures ont validé : aucun délai n’était nécessaire.'
              : `${result.extended} structure${result.extended > 1 ? 's' : ''} peuvent saisir jusqu'au ${formatDateFr(result.until)} inclus.`,
          );
        },
      },
    );
  };
  const untilError = mutation.error?.errors?.find((e) => e.field === 'until')?.message;
  return (
    <div className={fr.cx('fr-mt-2w')} aria-labelledby={titleId} role="group">
      <p id={titleId} className={fr.cx('fr-text--bold', 'fr-mb-1w')}>
        Prolonger la collecte
      </p>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        Accorde un délai à toutes les structures qui n’ont pas encore validé (la collecte se termine le{' '}
        {formatDateFr(campaign.dates.collectionEnd)}) ; les autorités peuvent ensuite l’ajuster structure par
        structure.
      </p>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx('fr-mb-1w')} />}
      </div>
      {mutation.error && !untilError && (
        <Alert severity="error" small description={mutation.error.message} className={fr.cx('fr-mb-1w')} />
      )}
      {!open ? (
        <Button size="small" priority="secondary" onClick={() => setOpen(true)}>
          Prolonger la collecte…
        </Button>
      ) : (
        <form onSubmit={submit} noValidate>
          <Input
            label="Dernier jour de saisie"
            hintText={`Au plus tard le ${formatDateFr(campaign.dates.fiabilisationEnd)}, fin de la fiabilisation.`}
            nativeInputProps={{
              type: 'date',
              value: until,
              onChange: (e) => setUntil(e.target.value),
              required: true,
            }}
            state={untilError ? 'error' : 'default'}
            stateRelatedMessage={untilError}
          />
          <Input
            label="Motif (communiqué aux structures)"
            nativeInputProps={{ value: reason, onChange: (e) => setReason(e.target.value), required: true }}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm')}>
            <li>
              <Button size="small" type="submit" disabled={mutation.isPending}>
                Prolonger pour toutes les structures non validées
              </Button>
            </li>
            <li>
              <Button size="small" priority="tertiary" type="button" onClick={() => setOpen(false)}>
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      )}
    </div>
  );
}
