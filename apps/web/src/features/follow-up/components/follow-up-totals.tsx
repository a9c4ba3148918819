import { fr } from '@codegouvfr/react-dsfr';
import type { SubmissionStatusCode } from '@tdb/contracts';
import { STATUS_LABELS } from '@tdb/submission-workflow';
import { formatInteger } from '@/lib/format';

export const STATUSES = Object.keys(STATUS_LABELS) as SubmissionStatusCode[];

/** One tile per status, and the total, of the follow-up of one's scope. */
export function FollowUpTotals({
  totals,
  total,
  headingId,
}: {
  totals: Record<SubmissionStatusCode, number>;
  total: number;
  headingId?: string;
}) {
  return (
    <ul className="tdb-tiles" aria-labelledby={headingId}>
      <li className="tdb-tile tdb-tile--total">
        <span className="tdb-tile__value">{formatInteger(total)}</span>
        <span className={fr.cx('fr-text--sm')}>Structures dans le périmètre</span>
      </li>
      {STATUSES.map((status) => (
        <li key={status} className="tdb-tile">
          <span className="tdb-tile__value">{formatInteger(totals[status] ?? 0)}</span>
          <span className={fr.cx('fr-text--sm')}>{STATUS_LABELS[status]}</span>
        </li>
      ))}
    </ul>
  );
}
