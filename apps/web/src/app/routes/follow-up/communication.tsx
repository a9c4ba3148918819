import { useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { AuthorityGate } from '@/features/follow-up/components/authority-gate';
import { FollowUpNav } from '@/features/follow-up/components/follow-up-nav';
import { MailingComposer } from '@/features/follow-up/components/mailing-composer';
import { MailingsHistory } from '@/features/follow-up/components/mailings-history';
import { paths } from '@/lib/paths';

/** "Communication": the launch email of the campaign, and the history of the emails sent. */
export function CommunicationPage() {
  const year = Number(useParams()['year']);
  return (
    <AuthorityGate need="canCommunicate">
      {(access) => (
        <div className={fr.cx('fr-container', 'fr-pb-8w')}>
          <title>{`Communication de la campagne ${year} – ${SERVICE_TITLE}`}</title>
          <Breadcrumb
            currentPageLabel={`Communication ${year}`}
            homeLinkProps={{ to: paths.home.href() }}
            segments={[
              { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
              { label: `Suivi ${year}`, linkProps: { to: paths.campaignFollowUp.href(year) } },
            ]}
            classes={{ root: fr.cx('fr-mb-4w') }}
          />
          <h1>Communication de la campagne {year}</h1>
          <FollowUpNav year={year} current="communication" access={access} />
          <p>
            Prévenez les structures de votre périmètre du lancement de la campagne. Les relances des
            structures en retard se font depuis la page de suivi.
          </p>
          <MailingComposer year={year} kind="LAUNCH" access={access} />
          <MailingsHistory year={year} />
        </div>
      )}
    </AuthorityGate>
  );
}
