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
import { formatDateTime } from '@/lib/format';
import { useIndicatorGuide } from '@/lib/api/get-indicator-guide';
import { axisLabelsOf } from '@/lib/indicator-format';
import {
  structureRestitutionFile,
  useStructureRestitution,
} from '@/features/restitution/api/get-structure-restitution';
import { DownloadButton } from '@/features/restitution/components/download-button';
import { PDF_FORMAT, XLSX_FORMAT } from '@/features/restitution/utils/download-formats';
import { RestitutionStageNotice } from '@/features/restitution/components/restitution-stage-notice';
import { StructureRestitutionView } from '@/features/restitution/components/structure-restitution-view';
import { QualitativeAxesSection } from '@/features/restitution/components/qualitative-axes-section';
import { SUPPRESSED_TEXT } from '@/features/restitution/utils/deciles';
import { paths } from '@/lib/paths';
import '@/features/restitution/restitution.css';

/**
 * A structure's restitution: its indicators placed among its peers' distribution — before the
 * campaign's restitution, its own provisional values and from when the comparisons come.
 */
export function StructureRestitutionPage() {
  const params = useParams();
  const year = Number(params['year']);
  const finess = params['finess'] ?? '';
  const restitution = useStructureRestitution(year, finess);
  const guide = useIndicatorGuide(year);
  const formPath = paths.submission.href(year, finess);

  if (restitution.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement de la restitution…" />
      </div>
    );
  }
  if (restitution.error || !restitution.data) {
    const error = restitution.error;
    if (isApiClientError(error) && error.statusCode === 404) {
      return (
        <NotFound
          title="Restitution introuvable"
          lead={error.message}
          backTo={{ to: paths.campaignSubmissions.href(year), label: 'Revenir aux saisies' }}
        />
      );
    }
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Restitution {finess}</h1>
        <QueryError error={error} headingAs="h2" onRetry={() => void restitution.refetch()} />
      </div>
    );
  }

  const data = restitution.data;
  const withPeers = data.stage.peers.available;
  // Before the restitution, the last campaign's restitution (when the structure took part) is a link away.
  const previousYear = year - 1;
  const tookPartBefore = data.indicators.some((i) => i.trend.some((p) => p.campaignYear === previousYear));
  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Restitution ${year} – ${data.name} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Restitution"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[
          { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
          { label: `Saisies ${year}`, linkProps: { to: paths.campaignSubmissions.href(year) } },
          { label: data.name, linkProps: { to: formPath } },
        ]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <div className="tdb-page-header fr-mb-3w">
        <div>
          <h1 className={fr.cx('fr-mb-1w')}>
            {data.stage.provisional ? 'Restitution provisoire' : 'Restitution'} – {data.name}
          </h1>
          <p className={fr.cx('fr-mb-0')}>
            FINESS <span className="tdb-code">{data.finess}</span> · {data.categoryLabel} · Campagne {year}
          </p>
        </div>
        <ul className="tdb-download-links" aria-label="Téléchargements et indicateurs">
          <li>
            <DownloadButton
              file={structureRestitutionFile(year, finess, 'pdf')}
              fileName={`restitution-${year}-${finess}.pdf`}
              label="Télécharger le rapport (PDF)"
              format={PDF_FORMAT}
            />
          </li>
          <li>
            <DownloadButton
              file={structureRestitutionFile(year, finess, 'xlsx')}
              fileName={`restitution-${year}-${finess}.xlsx`}
              label="Télécharger le tableau (tableur)"
              format={XLSX_FORMAT}
            />
          </li>
          <li>
            <Button size="small" priority="tertiary" linkProps={{ to: `${formPath}/indicateurs` }}>
              Indicateurs
            </Button>
          </li>
        </ul>
      </div>
      <RestitutionStageNotice stage={data.stage} />
      {!withPeers && tookPartBefore && (
        <p className={fr.cx('fr-text--sm')}>
          <Link to={paths.submissionRestitution.href(previousYear, finess)}>
            Voir la restitution de la campagne {previousYear}
          </Link>
          , avec les comparaisons aux structures similaires.
        </p>
      )}
      {withPeers ? (
        <p className={fr.cx('fr-text--sm')}>
          Chaque indicateur est placé dans la distribution des structures de la catégorie {data.categoryLabel}{' '}
          dont la saisie est validée ou confirmée : au niveau national, de la région ({data.regionCode}) et du
          département ({data.departmentCode}). La barre est découpée par les déciles D1 à D9 ; le repère rouge
          marque la valeur de la structure, les traits noirs les médianes. Un niveau de moins de 5 structures
          n’est pas diffusé (« {SUPPRESSED_TEXT} »).{' '}
          {data.computedAt
            ? `Distributions calculées le ${formatDateTime(data.computedAt)}.`
            : 'Les distributions n’ont pas encore été calculées.'}{' '}
          <Link to={paths.indicators.href()}>Guide des indicateurs</Link>
        </p>
      ) : (
        <p className={fr.cx('fr-text--sm')}>
          Les valeurs de la structure pour la campagne {year}, sans comparaison pour l’instant.{' '}
          <Link to={paths.indicators.href()}>Guide des indicateurs</Link>
        </p>
      )}
      {data.submissionStatus !== 'VALIDATED' && data.submissionStatus !== 'CONFIRMED' && (
        <Alert
          severity="info"
          small
          className={fr.cx('fr-mb-3w')}
          description={
            withPeers
              ? 'La saisie de cette structure n’est pas encore validée : ses valeurs sont provisoires et ne comptent pas encore dans les distributions.'
              : 'La saisie de cette structure n’est pas encore validée : ses valeurs peuvent encore changer.'
          }
        />
      )}
      {data.indicators.length === 0 ? (
        <Alert severity="info" small description="Aucun indicateur n’est disponible pour cette structure." />
      ) : (
        <StructureRestitutionView restitution={data} axisLabels={axisLabelsOf(guide.data?.sheets)} />
      )}
      <QualitativeAxesSection year={year} finess={finess} />
    </div>
  );
}
