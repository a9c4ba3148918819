import { Link, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { ReferenceData } from '@tdb/contracts';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useIndicatorGuide } from '@/lib/api/get-indicator-guide';
import { useReference } from '@/lib/api/get-reference';
import { useDictionary } from '@/features/campaigns/api/get-dictionary';
import { useFollowUp } from '@/features/follow-up/api/get-follow-up';
import { territoryReportFile } from '@/features/restitution/api/territory';
import { DataExportPanel } from '@/features/restitution/components/data-export-panel';
import { DownloadButton } from '@/features/restitution/components/download-button';
import { PDF_FORMAT } from '@/features/restitution/utils/download-formats';
import { ItemBenchmarkSection } from '@/features/restitution/components/item-benchmark-section';
import { MapSection, ScatterSection } from '@/features/restitution/components/territory-chart-sections';
import {
  TerritoryTableSection,
  type CategoryOption,
} from '@/features/restitution/components/territory-table-section';
import { initialCategory } from '@/features/restitution/utils/initial-category';
import { accountTerritories, benchmarkItems } from '@/features/restitution/utils/benchmark-options';
import {
  useRestitutionAccess,
  type RestitutionAccess,
} from '@/features/restitution/utils/use-restitution-access';
import { paths } from '@/lib/paths';
import '@/features/restitution/restitution.css';

const TABLE_TAB = { tabId: 'tableau', label: 'Tableau' };
/**
 * The views of a territory as a whole, offered to whom the access policy lets read one
 * (`readsTerritories`: authorities and national); the API refuses them to the others.
 */
const TERRITORY_TABS = [
  { tabId: 'carte', label: 'Carte' },
  { tabId: 'analyse', label: 'Analyse croisée' },
  { tabId: 'rapport', label: 'Rapport territorial' },
  { tabId: 'donnees', label: 'Données saisies' },
];

/** The departments of the account's scope (every one for national). */
function scopeDepartments(reference: ReferenceData, access: RestitutionAccess) {
  if (access.national) return reference.departments;
  return reference.departments.filter((d) =>
    access.authorities.some(
      (a) =>
        (a.ref.kind === 'ARS' && a.ref.code === d.regionCode) ||
        (a.ref.kind === 'CD' && a.ref.code === d.code),
    ),
  );
}

function ReportSection({ year, access }: { year: number; access: RestitutionAccess }) {
  return (
    <section aria-labelledby="restitution-rapport">
      <h2 id="restitution-rapport" className={fr.cx('fr-h4')}>
        Rapport territorial
      </h2>
      <p>
        Le rapport (PDF A4) présente, par catégorie, les distributions des indicateurs de votre territoire et
        les structures situées hors de la plage habituelle.
      </p>
      {access.authorities.length === 0 ? (
        <Alert
          severity="info"
          small
          description="Le rapport territorial est établi pour une ARS ou un conseil départemental : votre compte n’en a pas."
        />
      ) : (
        <ul className="tdb-download-links">
          {access.authorities.map((a) => (
            <li key={`${a.ref.kind}:${a.ref.code}`}>
              <DownloadButton
                file={territoryReportFile(year, a.ref)}
                fileName={`rapport-territorial-${year}-${a.ref.kind}-${a.ref.code}.pdf`}
                label={`Télécharger le rapport (PDF) – ${a.label}`}
                format={PDF_FORMAT}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Données saisies": the export of the data entered and the benchmark of a data item (issue 14 §5). */
function DataSection({
  year,
  reference,
  access,
}: {
  year: number;
  reference: ReferenceData;
  access: RestitutionAccess;
}) {
  const dictionary = useDictionary(year);
  const territories = accountTerritories(reference, access);
  return (
    <section aria-labelledby="restitution-donnees">
      <h2 id="restitution-donnees" className={fr.cx('fr-h4')}>
        Données saisies
      </h2>
      <DataExportPanel year={year} territories={territories} />
      {dictionary.isPending ? (
        <PageLoader label="Chargement du dictionnaire…" />
      ) : dictionary.error || !dictionary.data ? (
        <QueryError error={dictionary.error} headingAs="h3" onRetry={() => void dictionary.refetch()} />
      ) : (
        <ItemBenchmarkSection year={year} items={benchmarkItems(dictionary.data)} territories={territories} />
      )}
    </section>
  );
}

/**
 * The restitutions of a territory: table, map, scatter plot, the territorial report and, for the
 * authorities and national, the data entered (export and benchmark of an item).
 */
export function TerritoryRestitutionPage() {
  const params = useParams();
  const year = Number(params['year']);
  const [searchParams, setSearchParams] = useSearchParams();
  const access = useRestitutionAccess();
  const tabs = access.readsTerritories ? [TABLE_TAB, ...TERRITORY_TABS] : [TABLE_TAB];
  const requested = searchParams.get('vue') ?? 'tableau';
  const tab = tabs.some((t) => t.tabId === requested) ? requested : 'tableau';
  const reference = useReference();
  const guide = useIndicatorGuide(year);
  // The views open on the category with the most validated structures of the scope (not on the
  // first of the list, often all hatched): the follow-up counts them.
  const followUp = useFollowUp(year, {}, { enabled: access.national || access.authorities.length > 0 });

  const header = (
    <>
      <title>{`Restitution ${year} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={`Restitution ${year}`}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Campagnes', linkProps: { to: paths.campaigns.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Restitution {year}</h1>
    </>
  );
  if (reference.isPending || guide.isPending || (followUp.isPending && followUp.fetchStatus !== 'idle')) {
    return (
      <div className={fr.cx('fr-container', 'fr-pb-8w')}>
        {header}
        <PageLoader label="Chargement…" />
      </div>
    );
  }
  if (reference.error || guide.error || !reference.data || !guide.data) {
    return (
      <div className={fr.cx('fr-container', 'fr-pb-8w')}>
        {header}
        <QueryError
          error={reference.error ?? guide.error}
          headingAs="h2"
          onRetry={() => {
            void reference.refetch();
            void guide.refetch();
          }}
        />
      </div>
    );
  }

  const categories: CategoryOption[] = reference.data.categories.map((c) => ({
    code: c.code,
    label: `${c.shortLabel} – ${c.label}`,
  }));
  const departments = scopeDepartments(reference.data, access);
  const firstCategory = initialCategory(categories, followUp.data?.rows);
  const arsRegions = access.national
    ? undefined
    : access.authorities.filter((a) => a.ref.kind === 'ARS').map((a) => a.ref.code);
  const sheets = guide.data.sheets;

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      {header}
      <p>
        Les valeurs des structures de votre périmètre, placées dans la distribution nationale de leur
        catégorie (saisies validées ou confirmées). Un groupe de moins de 5 structures n’est jamais diffusé.
      </p>
      {access.organisations.length > 0 && (
        <ul className={fr.cx('fr-mb-3w')}>
          {access.organisations.map((o) => (
            <li key={o.finess}>
              <Link to={paths.organisationRestitution.href(year, o.finess)}>Vue consolidée – {o.label}</Link>
            </li>
          ))}
        </ul>
      )}
      {!access.readsTerritories && (
        <p className={fr.cx('fr-text--sm')}>
          La carte, l’analyse croisée et le rapport territorial portent sur un territoire entier : ils sont
          réservés aux ARS, aux Départements et à l’administration nationale.
        </p>
      )}
      <Tabs
        selectedTabId={tab}
        tabs={tabs}
        onTabChange={(tabId) => setSearchParams({ vue: tabId }, { replace: true })}
      >
        {tab === 'tableau' && (
          <TerritoryTableSection
            year={year}
            initialCategory={firstCategory}
            categories={categories}
            sheets={sheets}
            departments={departments}
          />
        )}
        {tab === 'carte' && (
          <MapSection
            year={year}
            initialCategory={firstCategory}
            categories={categories}
            sheets={sheets}
            regionCodes={
              arsRegions && arsRegions.length > 0 && access.authorities.every((a) => a.ref.kind === 'ARS')
                ? arsRegions
                : undefined
            }
          />
        )}
        {tab === 'analyse' && (
          <ScatterSection
            year={year}
            initialCategory={firstCategory}
            categories={categories}
            sheets={sheets}
            departments={departments}
          />
        )}
        {tab === 'rapport' && <ReportSection year={year} access={access} />}
        {tab === 'donnees' && <DataSection year={year} reference={reference.data} access={access} />}
      </Tabs>
    </div>
  );
}
