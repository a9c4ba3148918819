import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import type { AtypiaFlagDto } from '@tdb/contracts';
import { FLAG_STATUS_LABELS } from '../utils/labels';
import { FlagStatusBadge } from './flag-status-badge';
import { paths } from '@/lib/paths';

export function flagThreadPath(flag: Pick<AtypiaFlagDto, 'campaignYear' | 'id'>): string {
  return paths.atypiaFlag.href(flag.campaignYear, flag.id);
}

/** The flags targeting one dictionary item of the form. */
export function flagsOfItem(flags: readonly AtypiaFlagDto[] | undefined, itemCode: string): AtypiaFlagDto[] {
  return (flags ?? []).filter((f) => f.targetKind === 'item' && f.targetCode === itemCode);
}

/** « Atypies détectées »: the flags of the submission, each with a link to its thread. */
export function SubmissionFlags({ flags }: { flags: readonly AtypiaFlagDto[] }) {
  if (flags.length === 0) return null;
  return (
    <section className="tdb-panel fr-mb-3w" aria-labelledby="atypies-detectees">
      <h2 id="atypies-detectees" className={fr.cx('fr-h5')}>
        Atypies détectées
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Ces valeurs sortent de l'ordinaire : vérifiez-les, corrigez-les ou justifiez-les. Elles n'empêchent
        pas la validation.
      </p>
      <ul className="tdb-issues">
        {flags.map((flag) => (
          <li key={flag.id} className="tdb-issue tdb-issue--warning">
            <FlagStatusBadge status={flag.status} /> <strong>{flag.ruleLabel}</strong> : {flag.message}{' '}
            <Link to={flagThreadPath(flag)}>
              {flag.status === 'OPEN' || flag.status === 'TO_CORRECT'
                ? 'Justifier ou voir les échanges'
                : 'Voir les échanges'}
              <span className="fr-sr-only"> sur « {flag.ruleLabel} »</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Under an item field: the flags on that item, as warnings. */
export function ItemFlags({ flags, itemLabel }: { flags: readonly AtypiaFlagDto[]; itemLabel: string }) {
  if (flags.length === 0) return null;
  return (
    <ul className="tdb-issues" aria-label={`Atypies sur « ${itemLabel} »`}>
      {flags.map((flag) => (
        <li key={flag.id} className="tdb-issue tdb-issue--warning">
          <span className="fr-sr-only">Atypie ({FLAG_STATUS_LABELS[flag.status]}) : </span>
          {flag.message}{' '}
          <Link to={flagThreadPath(flag)}>
            Voir l'atypie<span className="fr-sr-only"> « {flag.ruleLabel} »</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * The flags the authority asked to correct (or that are still open), for the top of a sent-back
 * form: each links to its field (`fieldHref`) and to its thread.
 */
export function FlagsToCorrect({
  flags,
  fieldHref,
}: {
  flags: readonly AtypiaFlagDto[];
  fieldHref: (itemCode: string) => string | null;
}) {
  const pending = flags.filter((f) => f.status === 'TO_CORRECT' || f.status === 'OPEN');
  if (pending.length === 0) return null;
  return (
    <>
      <p className={fr.cx('fr-mt-1w', 'fr-mb-1v')}>Atypies à corriger ou justifier :</p>
      <ul className={fr.cx('fr-mb-1w')}>
        {pending.map((flag) => {
          const href = flag.targetKind === 'item' ? fieldHref(flag.targetCode) : null;
          return (
            <li key={flag.id}>
              <FlagStatusBadge status={flag.status} /> <strong>{flag.ruleLabel}</strong> : {flag.message}{' '}
              {href && (
                <>
                  <Link to={href}>
                    Aller à la donnée <span className="fr-sr-only">{`de « ${flag.ruleLabel} »`}</span>
                  </Link>
                  {' · '}
                </>
              )}
              <Link to={flagThreadPath(flag)}>
                Justifier ou voir les échanges{' '}
                <span className="fr-sr-only">{`sur « ${flag.ruleLabel} »`}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
