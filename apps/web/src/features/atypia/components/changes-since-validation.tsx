import { fr } from '@codegouvfr/react-dsfr';
import { formatDateTime } from '@/lib/format';
import { QueryError } from '@/components/ui/query-error';
import { useChangesSinceValidation } from '../api/atypia';
import { formatFigure } from '../utils/labels';

/** "Ce qui a changé depuis la validation": the values changed since the submission was validated. */
export function ChangesSinceValidationPanel({
  year,
  finess,
  headingLevel = 'h2',
}: {
  year: number;
  finess: string;
  headingLevel?: 'h2' | 'h3';
}) {
  const changes = useChangesSinceValidation(year, finess);
  const Heading = headingLevel;
  const headingId = `changements-${finess}`;
  return (
    <section className="tdb-panel fr-mb-3w" aria-labelledby={headingId}>
      <Heading id={headingId} className={fr.cx('fr-h5')}>
        Ce qui a changé depuis la validation
      </Heading>
      {changes.isPending ? (
        <p>Chargement des modifications…</p>
      ) : changes.isError ? (
        <QueryError error={changes.error} onRetry={() => void changes.refetch()} />
      ) : changes.data.validatedAt === null ? (
        <p className={fr.cx('fr-mb-0')}>La saisie n'a pas encore été validée.</p>
      ) : changes.data.count === 0 ? (
        <p className={fr.cx('fr-mb-0')}>
          Aucune valeur modifiée depuis la validation du {formatDateTime(changes.data.validatedAt)}.
        </p>
      ) : (
        <>
          <p>
            {changes.data.count === 1 ? '1 valeur modifiée' : `${changes.data.count} valeurs modifiées`}{' '}
            depuis la validation du {formatDateTime(changes.data.validatedAt)} :
          </p>
          <ul aria-label="Valeurs modifiées depuis la validation">
            {changes.data.changes.map((change, index) => (
              <li key={`${change.itemCode}-${index}`}>
                <strong>{change.itemLabel}</strong> : {formatFigure(change.oldValue)} →{' '}
                {formatFigure(change.newValue)}{' '}
                <span className={fr.cx('fr-text--sm')}>
                  (par {change.actorName}, le {formatDateTime(change.at)})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
