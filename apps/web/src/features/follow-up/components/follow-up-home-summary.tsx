import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useAuthorityAccess } from '@/lib/auth/use-authority-access';
import { useFollowUp } from '../api/get-follow-up';
import { FollowUpTotals } from './follow-up-totals';
import { paths } from '@/lib/paths';

/** The home page's summary of the current campaign for the authorities: totals, lateness, links. */
export function FollowUpHomeSummary({ year }: { year: number }) {
  const followUp = useFollowUp(year);
  const access = useAuthorityAccess();
  if (followUp.isPending) return <PageLoader label="Chargement du suivi…" />;
  if (followUp.isError) return <QueryError error={followUp.error} onRetry={() => void followUp.refetch()} />;
  const late = followUp.data.late.length;
  return (
    <>
      <h3 id="suivi-perimetre" className={fr.cx('fr-h6')}>
        Suivi de votre périmètre
      </h3>
      <FollowUpTotals totals={followUp.data.totals} total={followUp.data.total} headingId="suivi-perimetre" />
      {late > 0 && (
        <p>
          <strong>{late}</strong> structure{late > 1 ? 's' : ''} en retard.
        </p>
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
        <li>
          <Button iconId="fr-icon-line-chart-line" linkProps={{ to: paths.campaignFollowUp.href(year) }}>
            Suivi de la campagne
          </Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: paths.campaignSubmissions.href(year) }}>
            Suivre les saisies
          </Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: paths.campaignScope.href(year) }}>
            Périmètre
          </Button>
        </li>
        {access.canCommunicate && (
          <li>
            <Button priority="secondary" linkProps={{ to: paths.campaignCommunication.href(year) }}>
              Communication
            </Button>
          </li>
        )}
      </ul>
    </>
  );
}
