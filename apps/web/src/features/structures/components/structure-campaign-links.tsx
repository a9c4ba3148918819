import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import type { CampaignSummary } from '@tdb/contracts';
import { useCampaigns } from '@/lib/api/get-campaigns';
import { paths } from '@/lib/paths';

/** Before its restitution date, a campaign's restitution shows the structure's own figures only. */
const PROVISIONAL_PHASES: readonly CampaignSummary['phase'][] = [
  'PREPARATION',
  'COLLECTION',
  'FIABILISATION',
];

/**
 * A structure's submission and restitution of each campaign opened so far, newest first. Shown to
 * whom may read its submissions (the page asks the access policy); the pages check again.
 */
export function StructureCampaignLinks({ finess }: { finess: string }) {
  const campaigns = useCampaigns();
  const opened = (campaigns.data ?? []).filter((c) => c.state !== 'DRAFT').sort((a, b) => b.year - a.year);
  return (
    <section aria-labelledby="structure-campagnes" className={fr.cx('fr-mt-6w')}>
      <h2 id="structure-campagnes" className={fr.cx('fr-h4')}>
        Saisies et restitutions
      </h2>
      {campaigns.isPending ? (
        <p>Chargement des campagnes…</p>
      ) : campaigns.error ? (
        <p className={fr.cx('fr-error-text')}>
          Les campagnes n’ont pas pu être chargées : {campaigns.error.message}
        </p>
      ) : opened.length === 0 ? (
        <p>Aucune campagne n’est encore ouverte.</p>
      ) : (
        <ul>
          {opened.map((c) => (
            <li key={c.year} className={fr.cx('fr-mb-1w')}>
              <strong>Campagne {c.year}</strong> (données {c.dataYear}, {c.phaseLabel.toLowerCase()}) :{' '}
              <Link to={paths.submission.href(c.year, finess)}>Saisie de la campagne {c.year}</Link>
              {' · '}
              <Link to={paths.submissionRestitution.href(c.year, finess)}>
                {c.state === 'OPEN' && PROVISIONAL_PHASES.includes(c.phase)
                  ? `Restitution provisoire de la campagne ${c.year}`
                  : `Restitution de la campagne ${c.year}`}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
