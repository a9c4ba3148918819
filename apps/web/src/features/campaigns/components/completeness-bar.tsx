import { fr } from '@codegouvfr/react-dsfr';
import { percent } from '@/lib/format';

/** Completeness against the campaign's regulatory threshold, as a labelled progress bar. */
export function CompletenessBar({
  ratio,
  threshold,
  filled,
  expected,
}: {
  ratio: number;
  threshold: number;
  filled?: number;
  expected?: number;
}) {
  const reached = ratio >= threshold;
  return (
    <div className="tdb-completeness">
      <p className={fr.cx('fr-mb-1v')}>
        Complétude : <strong>{percent(ratio)}</strong>
        {filled !== undefined && expected !== undefined && ` (${filled} sur ${expected} données attendues)`} —
        seuil de la campagne : {percent(threshold)}
        {reached ? ' (atteint)' : ' (non atteint)'}
      </p>
      <progress
        className={reached ? 'tdb-progress tdb-progress--ok' : 'tdb-progress'}
        max={100}
        value={Math.floor(ratio * 100)}
        aria-label={`Complétude ${percent(ratio)}, seuil ${percent(threshold)}`}
      />
    </div>
  );
}
