import { fr } from '@codegouvfr/react-dsfr';
import type { SubmissionDetail } from '@tdb/contracts';
import { DOMAIN_LABELS } from '@tdb/dictionary';
import { STATUS_LABELS } from '@tdb/submission-workflow';
import { formatDateTime, formatPhone, percent } from '@/lib/format';

/** Status history, who enters what, and the referents of the competent authorities. */
export function SubmissionFollowUp({ detail }: { detail: SubmissionDetail }) {
  return (
    <section className="tdb-panel" aria-labelledby="suivi-titre">
      <h2 id="suivi-titre" className={fr.cx('fr-h5')}>
        Suivi de la saisie
      </h2>
      <h3 className={fr.cx('fr-h6')}>Historique des statuts</h3>
      {detail.transitions.length === 0 ? (
        <p className={fr.cx('fr-text--sm')}>Aucun changement de statut pour l'instant.</p>
      ) : (
        <ol className="tdb-history-list">
          {detail.transitions.map((t, index) => (
            <li key={index} className={fr.cx('fr-text--sm')}>
              <strong>{formatDateTime(t.at)}</strong> — {t.actionLabel} par {t.actorName} (
              {STATUS_LABELS[t.from]} → {STATUS_LABELS[t.to]}){t.reason ? ` — motif : ${t.reason}` : ''}
            </li>
          ))}
        </ol>
      )}
      {detail.assignments.length > 0 && (
        <>
          <h3 className={fr.cx('fr-h6', 'fr-mt-3w')}>Qui saisit quoi</h3>
          <ul className={fr.cx('fr-text--sm')}>
            {detail.assignments.map((a) => (
              <li key={a.accountId}>
                {a.name} ({a.email}) —{' '}
                {a.domains === null ? 'tous les domaines' : a.domains.map((d) => DOMAIN_LABELS[d]).join(', ')}{' '}
                — complétude {percent(a.completeness.ratio)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className={fr.cx('fr-h6', 'fr-mt-3w')}>Vos référents</h3>
      {detail.referents.length === 0 ? (
        <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>Aucun référent n'est désigné pour cette structure.</p>
      ) : (
        <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
          {detail.referents.map((r) => (
            <li key={r.id}>
              <strong>{r.name}</strong>
              {r.roleLabel ? `, ${r.roleLabel}` : ''} — {r.organisationName} —{' '}
              <a href={`mailto:${r.email}`}>{r.email}</a>
              {r.phone ? ` — ${formatPhone(r.phone)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
