import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import type { SubmissionDetail } from '@tdb/contracts';
import { formatDateTime } from '@/lib/format';

/**
 * Why the authority sent the submission back, at the top of the form: the structure reads the
 * reason (and the flags to correct, drawn by the page as `children`) first, not at the foot of a
 * long page.
 */
export function SentBackNotice({ detail, children }: { detail: SubmissionDetail; children?: ReactNode }) {
  if (detail.status !== 'INVALIDATED') return null;
  const invalidation = [...detail.transitions].reverse().find((t) => t.action === 'INVALIDATE');
  if (!invalidation) return null;
  const mayValidate = detail.availableActions.includes('VALIDATE');
  return (
    // DSFR alert markup written out: its description is a paragraph, and the flags are a list.
    <div className={fr.cx('fr-alert', 'fr-alert--warning', 'fr-mb-3w')}>
      <h2 className={fr.cx('fr-alert__title')}>Saisie à corriger</h2>
      <p>
        Invalidée par {invalidation.actorName} le {formatDateTime(invalidation.at)}. Motif :{' '}
        <span style={{ whiteSpace: 'pre-line' }}>{invalidation.reason}</span>
      </p>
      {children}
      <p>
        {mayValidate
          ? 'Corrigez les données concernées ou justifiez-les, puis validez à nouveau la saisie : « Valider la saisie » est disponible dès que rien ne bloque.'
          : 'Corrigez les données concernées ; la saisie pourra ensuite être validée à nouveau par une personne qui a le droit de validation.'}
      </p>
    </div>
  );
}
