import { Link, useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import type { OrganisationRestitutionStructure } from '@tdb/contracts';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatIndicatorValue } from '@/lib/indicator-format';
import { useOrganisationRestitution } from '@/features/restitution/api/territory';
import { DecileCell, DecileLegend } from '@/features/restitution/components/decile-cell';
import { RestitutionStageNotice } from '@/features/restitution/components/restitution-stage-notice';
import { paths } from '@/lib/paths';
import '@/features/restitution/restitution.css';

/**
 * An organisme gestionnaire's consolidated restitution: its ESMS × indicators, deciles, OG median.
 * Before the campaign's restitution, its users see the values and its own medians, no decile.
 */
export function OrganisationRestitutionPage() {
  const params = useParams();
  const year = Number(params['year']);
  const ogFiness = params['ogFiness'] ?? '';
  const query = useOrganisationRestitution(year, ogFiness);

  if (query.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement de la restitution…" />
      </div>
    );
  }
  if (query.error || !query.data) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Restitution de l’organisme {ogFiness}</h1>
        <QueryError error={query.error} headingAs="h2" onRetry={() => void query.refetch()} />
      </div>
    );
  }
  const data = query.data;
  const name = data.name ?? data.finess;
  const withPeers = data.stage.peers.available;
  const columns: DataTableColumn<OrganisationRestitutionStructure>[] = [
    {
      key: 'name',
      header: 'Structure',
      rowHeader: true,
      cell: (row) => (
        <>
          <Link to={paths.submissionRestitution.href(year, row.finess)}>{row.name}</Link>
          <br />
          <span className={fr.cx('fr-text--xs')}>
            {row.categoryCode} · dép. {row.departmentCode}
          </span>
        </>
      ),
    },
    ...data.indicators.map((indicator): DataTableColumn<OrganisationRestitutionStructure> => ({
      key: indicator.code,
      header: `${indicator.code} – ${indicator.label}`,
      cell: (row) => {
        const cell = row.values[indicator.code];
        return (
          <DecileCell
            value={cell?.value ?? null}
            decile={cell?.nationalDecile ?? null}
            unit={indicator.unit}
          />
        );
      },
    })),
  ];

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Restitution ${year} – ${name} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Restitution"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[
          { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
          {
            label: name,
            linkProps: { to: paths.organisationEntry.href(year, ogFiness) },
          },
        ]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>
        {data.stage.provisional ? 'Restitution consolidée provisoire' : 'Restitution consolidée'} – {name}
      </h1>
      <p>
        FINESS juridique <span className="tdb-code">{data.finess}</span> · Campagne {year}.
        {withPeers
          ? ' Chaque valeur est colorée selon son décile dans la distribution nationale de la catégorie de la structure.'
          : ' Les valeurs de vos établissements et services, sans comparaison pour l’instant.'}
      </p>
      <RestitutionStageNotice stage={data.stage} />
      {data.structures.length === 0 ? (
        <Alert severity="info" small description="Aucune structure de cet organisme n’a de restitution." />
      ) : (
        <>
          {withPeers && <DecileLegend />}
          <DataTable
            caption={
              withPeers
                ? `Établissements et services de ${name} : valeurs et déciles nationaux`
                : `Établissements et services de ${name} : valeurs provisoires`
            }
            columns={columns}
            rows={data.structures}
            rowKey={(row) => row.finess}
            bordered
          />
          <h2 className={fr.cx('fr-h5', 'fr-mt-4w')}>Médiane de l’organisme</h2>
          <ul>
            {data.indicators.map((indicator) => {
              const m = data.medians[indicator.code];
              return (
                <li key={indicator.code}>
                  {indicator.code} – {indicator.label} :{' '}
                  <strong>
                    {m && m.median !== null
                      ? formatIndicatorValue(m.median, indicator.unit)
                      : 'non disponible'}
                  </strong>
                  {m ? ` (${m.n} structure${m.n > 1 ? 's' : ''} avec une valeur validée ou confirmée)` : ''}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
