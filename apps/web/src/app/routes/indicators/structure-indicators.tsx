import { Link, useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { isApiClientError } from '@/lib/api-client';
import { useSubmission } from '@/features/campaigns/api/get-submission';
import { useIndicatorGuide } from '@/lib/api/get-indicator-guide';
import { useStructureIndicators } from '@/features/indicators/api/get-structure-indicators';
import { IndicatorsByAxis } from '@/features/indicators/components/indicators-by-axis';
import { paths } from '@/lib/paths';

/** A structure's indicators for one campaign, by axis, with last campaign's values. */
export function StructureIndicatorsPage() {
  const params = useParams();
  const year = Number(params['year']);
  const finess = params['finess'] ?? '';
  const submission = useSubmission(year, finess);
  const indicators = useStructureIndicators(year, finess);
  const guide = useIndicatorGuide(year);
  const formPath = paths.submission.href(year, finess);

  if (submission.isPending || indicators.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement des indicateurs…" />
      </div>
    );
  }
  const error = submission.error ?? indicators.error;
  if (error || !submission.data || !indicators.data) {
    if (isApiClientError(error) && error.statusCode === 404) {
      return (
        <NotFound
          title="Indicateurs introuvables"
          lead={error.message}
          backTo={{ to: paths.campaignSubmissions.href(year), label: 'Revenir aux saisies' }}
        />
      );
    }
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Indicateurs {finess}</h1>
        <QueryError
          error={error}
          headingAs="h2"
          onRetry={() => {
            void submission.refetch();
            void indicators.refetch();
          }}
        />
      </div>
    );
  }

  const detail = submission.data;
  const list = indicators.data;
  const provisionalCount = list.filter((i) => i.provisional).length;
  const notComputable = list.filter((i) => !i.computable).length;

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Indicateurs ${year} – ${detail.name} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Indicateurs"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[
          { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
          { label: `Saisies ${year}`, linkProps: { to: paths.campaignSubmissions.href(year) } },
          { label: detail.name, linkProps: { to: formPath } },
        ]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <div className="tdb-page-header fr-mb-4w">
        <div>
          <h1 className={fr.cx('fr-mb-1w')}>Indicateurs – {detail.name}</h1>
          <p className={fr.cx('fr-mb-0')}>
            FINESS <span className="tdb-code">{detail.finess}</span> · {detail.categoryLabel} · Campagne{' '}
            {year} (données {detail.campaign.dataYear})
          </p>
        </div>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm')}>
          <li>
            <Button size="small" priority="secondary" iconId="fr-icon-edit-line" linkProps={{ to: formPath }}>
              Revenir à la saisie
            </Button>
          </li>
          <li>
            <Button size="small" priority="secondary" linkProps={{ to: `${formPath}/restitution` }}>
              Restitution
            </Button>
          </li>
          <li>
            <Button size="small" priority="tertiary" linkProps={{ to: paths.indicators.href() }}>
              Guide des indicateurs
            </Button>
          </li>
        </ul>
      </div>

      {list.length === 0 ? (
        <Alert
          severity="info"
          small
          description="Aucun indicateur n'est encore calculé pour cette structure : ils le sont à chaque enregistrement de la saisie."
        />
      ) : (
        <>
          <p className={fr.cx('fr-text--sm')}>
            Les indicateurs sont recalculés à chaque enregistrement de la saisie
            {list[0] ? ` (dictionnaire ${list[0].dictionaryVersion})` : ''}.{' '}
            {notComputable > 0 &&
              `${notComputable} indicateur${notComputable > 1 ? 's ne sont' : " n'est"} pas calculable${notComputable > 1 ? 's' : ''} : la raison est indiquée. `}
            {provisionalCount > 0 && 'Les indicateurs « provisoire » ont une définition encore à valider. '}
            Choisissez un indicateur pour lire sa fiche, ou consultez le{' '}
            <Link to={paths.indicators.href()}>guide des indicateurs</Link>.
          </p>
          <IndicatorsByAxis
            indicators={list}
            previousYear={detail.previousYear}
            guide={{
              data: guide.data,
              isPending: guide.isPending,
              error: guide.error,
              refetch: () => void guide.refetch(),
            }}
          />
        </>
      )}
    </div>
  );
}
