import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { SubmissionDetail } from '@tdb/contracts';
import { formatDateTime } from '@/lib/format';

/**
 * Why the authority sent the submission back, at the top of the form: the structure reads the
 * reason first, not at the foot of a long page.
 */
export function SentBackNotice({ detail }: { detail: SubmissionDetail }) {
  if (detail.status !== 'INVALIDATED') return null;
  const invalidation = [...detail.transitions].reverse().find((t) => t.action === 'INVALIDATE');
  if (!invalidation) return null;
  return (
    <Alert
      severity="warning"
      className={fr.cx('fr-mb-3w')}
      title="Saisie à corriger"
      description={
        <>
          Invalidée par {invalidation.actorName} le {formatDateTime(invalidation.at)}. Motif :{' '}
          <span style={{ whiteSpace: 'pre-line' }}>{invalidation.reason}</span>
          <br />
          Corrigez les données concernées, puis validez à nouveau la saisie.
        </>
      }
    />
  );
}
