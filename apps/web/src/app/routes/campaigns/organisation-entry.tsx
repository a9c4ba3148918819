import { useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { useQueryClient } from '@tanstack/react-query';
import { formatDateFr } from '@tdb/submission-workflow';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { isApiClientError } from '@/lib/api-client';
import { useDictionary } from '@/features/campaigns/api/get-dictionary';
import {
  getOrganisationEntryQueryOptions,
  useOrganisationEntry,
} from '@/features/campaigns/api/get-organisation-entry';
import { GridTransfer } from '@/features/campaigns/components/grid-transfer';
import { OgGrid } from '@/features/campaigns/components/og-grid';
import { paths } from '@/lib/paths';

export function OrganisationEntryPage() {
  const params = useParams();
  const year = Number(params['year']);
  const ogFiness = params['ogFiness'] ?? '';
  const entry = useOrganisationEntry(year, ogFiness);
  const dictionary = useDictionary(year);
  const queryClient = useQueryClient();

  if (entry.isPending || dictionary.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement de la saisie de l'organisme gestionnaire…" />
      </div>
    );
  }
  const error = entry.error ?? dictionary.error;
  if (error || !entry.data || !dictionary.data) {
    if (isApiClientError(error) && error.statusCode === 404) {
      return (
        <NotFound
          title="Organisme gestionnaire introuvable"
          lead={error.message}
          backTo={{ to: paths.campaignSubmissions.href(year), label: 'Revenir aux saisies' }}
        />
      );
    }
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Organisme gestionnaire {ogFiness}</h1>
        <QueryError
          error={error}
          headingAs="h2"
          onRetry={() => {
            void entry.refetch();
            void dictionary.refetch();
          }}
        />
      </div>
    );
  }
  const data = entry.data;
  const canUpload = data.canEditOgItems || data.structures.some((s) => s.editableDomains.length > 0);
  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Saisie ${year} – ${data.ogName} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={data.ogName}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[
          { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
          { label: `Saisies ${year}`, linkProps: { to: paths.campaignSubmissions.href(year) } },
        ]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1 className={fr.cx('fr-mb-1w')}>{data.ogName}</h1>
      <p>
        Organisme gestionnaire, FINESS juridique <span className="tdb-code">{data.ogFiness}</span> — campagne{' '}
        {year}, phase : <strong>{data.campaign.phaseLabel}</strong>, date limite de saisie :{' '}
        {formatDateFr(data.campaign.dates.collectionEnd)}
      </p>
      <OgGrid detail={data} dictionary={dictionary.data} />
      <div className={fr.cx('fr-mt-4w')}>
        <GridTransfer
          target={{ year, kind: 'organisations', finess: data.ogFiness }}
          canUpload={canUpload}
          onUploaded={() =>
            void queryClient.invalidateQueries({
              queryKey: getOrganisationEntryQueryOptions(year, ogFiness).queryKey,
            })
          }
        />
      </div>
    </div>
  );
}
