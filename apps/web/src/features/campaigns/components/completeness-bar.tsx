import { fr } from '@codegouvfr/react-dsfr';
import { percent } from '@/lib/format';
import { completenessRuleText } from '../utils/completeness';

/**
 * Completeness against the campaign's regulatory threshold, as a labelled progress bar, with the
 * rule and what is missing to reach it (« 87 % saisi, 90 % requis pour valider : encore 8 données »).
 */
export function CompletenessBar({
  ratio,
  threshold,
  filled,
  expected,
}: {
  ratio: number;
  threshold: number;
  filled: number;
  expected: number;
}) {
  const reached = ratio >= threshold;
  return (
    <div className="tdb-completeness">
      <p className={fr.cx('fr-mb-1v')}>
        Complétude : <strong>{percent(ratio)}</strong> ({filled} sur {expected} données attendues) —{' '}
        <span className="tdb-completeness__rule">{completenessRuleText(filled, expected, threshold)}</span>
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
