import { useId, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { SubmissionDetail } from '@tdb/contracts';
import { formatDateFr } from '@tdb/submission-workflow';
import { useSubmissionExtension } from '../api/extension';

const AUTHORITY_ROLES = new Set(['ARS_CONTROLLER', 'CD_CONTROLLER', 'NATIONAL_ADMIN']);

/**
 * The extension of the entry (ADR 0011): the structure reads it; its authority grants, changes or
 * withdraws it — or reads why it cannot now.
 */
export function SubmissionExtensionPanel({ detail }: { detail: SubmissionDetail }) {
  const extension = detail.extension;
  const authority = detail.role !== null && AUTHORITY_ROLES.has(detail.role);
  if (!authority) {
    if (!extension) return null;
    return (
      <Alert
        severity={extension.current ? 'info' : 'warning'}
        small
        className={fr.cx('fr-mb-3w')}
        description={`${extension.label} Motif : ${extension.reason}`}
      />
    );
  }
  return <AuthorityExtension detail={detail} />;
}

function AuthorityExtension({ detail }: { detail: SubmissionDetail }) {
  const extension = detail.extension;
  const mutation = useSubmissionExtension(detail.campaignYear, detail.finess);
  const [open, setOpen] = useState(false);
  const [until, setUntil] = useState(extension?.until ?? '');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const titleId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    mutation.mutate(
      { until, reason },
      {
        onSuccess: () => {
          setOpen(false);
          setReason('');
          setDone(
            `Délai accordé jusqu'au ${formatDateFr(until)} inclus ; la structure en est informée par courriel.`,
          );
        },
      },
    );
  };
  const withdraw = () => {
    setDone(null);
    mutation.mutate(null, {
      onSuccess: () => setDone('Délai retiré ; la structure en est informée par courriel.'),
    });
  };
  const fieldErrors = mutation.error?.errors ?? [];

  return (
    <section className={`tdb-panel ${fr.cx('fr-mb-3w')}`} aria-labelledby={titleId}>
      <h2 id={titleId} className={fr.cx('fr-h6', 'fr-mb-1w')}>
        Délai de saisie
      </h2>
      <p className={fr.cx('fr-mb-1w')}>
        {extension
          ? `${extension.label} Motif : ${extension.reason}`
          : 'Aucun délai accordé à cette structure.'}
      </p>
      {!detail.extensionAction.allowed && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>{detail.extensionAction.reason}</p>
      )}
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx('fr-mb-1w')} />}
      </div>
      {mutation.error && (
        <Alert severity="error" small description={mutation.error.message} className={fr.cx('fr-mb-1w')} />
      )}
      {detail.extensionAction.allowed && !open && (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm')}>
          <li>
            <Button priority="secondary" onClick={() => setOpen(true)}>
              {extension ? 'Modifier le délai' : 'Accorder un délai'}
            </Button>
          </li>
          {extension && (
            <li>
              <Button priority="tertiary" onClick={withdraw} disabled={mutation.isPending}>
                Retirer le délai
              </Button>
            </li>
          )}
        </ul>
      )}
      {open && (
        <form onSubmit={submit} noValidate>
          <Input
            label="Dernier jour de saisie accordé"
            hintText={`Après la fin de la collecte (${formatDateFr(detail.campaign.dates.collectionEnd)}), au plus tard le ${formatDateFr(detail.campaign.dates.fiabilisationEnd)}.`}
            nativeInputProps={{
              type: 'date',
              value: until,
              onChange: (e) => setUntil(e.target.value),
              required: true,
            }}
            state={fieldErrors.some((e) => e.field === 'until') ? 'error' : 'default'}
            stateRelatedMessage={fieldErrors.find((e) => e.field === 'until')?.message}
          />
          <Input
            label="Motif (communiqué à la structure)"
            textArea
            nativeTextAreaProps={{
              value: reason,
              onChange: (e) => setReason(e.target.value),
              required: true,
              rows: 3,
            }}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm')}>
            <li>
              <Button type="submit" disabled={mutation.isPending}>
                Accorder le délai
              </Button>
            </li>
            <li>
              <Button priority="tertiary" type="button" onClick={() => setOpen(false)}>
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      )}
    </section>
  );
}
