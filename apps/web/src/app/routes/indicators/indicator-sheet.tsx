import { useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useIndicatorGuide } from '@/lib/api/get-indicator-guide';
import { IndicatorSheetDetails } from '@/features/indicators/components/indicator-sheet-details';
import { ProvisionalBadge } from '@/components/ui/provisional-badge';
import { guideYearOf } from './indicator-guide';
import { IndicatorFaqLink } from '@/features/support/components/support-links';
import { useAuth } from '@/lib/auth/auth-provider';
import { paths } from '@/lib/paths';

/** One indicator sheet on its own page (public, as the guide). */
export function IndicatorSheetPage() {
  const code = useParams()['code'] ?? '';
  const [searchParams] = useSearchParams();
  const guide = useIndicatorGuide(guideYearOf(searchParams));
  const signedIn = useAuth().state.status === 'authenticated';

  if (guide.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement de la fiche…" />
      </div>
    );
  }
  if (guide.isError) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Fiche indicateur {code}</h1>
        <QueryError error={guide.error} headingAs="h2" onRetry={() => void guide.refetch()} />
      </div>
    );
  }
  const sheet = guide.data.sheets.find((s) => s.code.toLowerCase() === code.toLowerCase());
  if (!sheet) {
    return (
      <NotFound
        title="Indicateur introuvable"
        lead={`Le guide des indicateurs de la campagne ${guide.data.campaignYear} n'a pas d'indicateur « ${code} ».`}
        backTo={{ to: paths.indicators.href(), label: 'Revenir au guide des indicateurs' }}
      />
    );
  }

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`${sheet.code} ${sheet.label} – Guide des indicateurs – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={sheet.label}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Guide des indicateurs', linkProps: { to: paths.indicators.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-9')}>
          <p className={fr.cx('fr-mb-1w')}>
            Fiche indicateur <span className="tdb-code">{sheet.code}</span> · {sheet.axisLabel}{' '}
            {sheet.status === 'provisional' && <ProvisionalBadge />}
          </p>
          <h1>{sheet.label}</h1>
          <IndicatorSheetDetails sheet={sheet} />
          {signedIn && <IndicatorFaqLink year={guide.data.campaignYear} indicatorCode={sheet.code} />}
          <p className={`${fr.cx('fr-text--sm', 'fr-mt-3w')} tdb-muted`}>
            Campagne {guide.data.campaignYear}, dictionnaire des données {guide.data.dictionaryVersion}.
          </p>
        </div>
      </div>
    </div>
  );
}
