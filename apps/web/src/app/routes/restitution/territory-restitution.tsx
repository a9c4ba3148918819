import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { IndicatorSheet, ReferenceData } from '@tdb/contracts';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useIndicatorGuide } from '@/lib/api/get-indicator-guide';
import { useReference } from '@/lib/api/get-reference';
import { useDictionary } from '@/features/campaigns/api/get-dictionary';
import { restitutionPath, useTerritoryMap, useTerritoryScatter } from '@/features/restitution/api/territory';
import { DepartmentMap } from '@/features/restitution/components/department-map';
import { DataExportPanel } from '@/features/restitution/components/data-export-panel';
import { DownloadButton } from '@/features/restitution/components/download-button';
import { ItemBenchmarkSection } from '@/features/restitution/components/item-benchmark-section';
import { RestitutionStageNotice } from '@/features/restitution/components/restitution-stage-notice';
import { ScatterPlot } from '@/features/restitution/components/scatter-plot';
import {
  TerritoryTableSection,
  sheetsForCategory,
  type CategoryOption,
} from '@/features/restitution/components/territory-table-section';
import { accountTerritories, benchmarkItems } from '@/features/restitution/utils/benchmark-options';
import {
  useRestitutionAccess,
  type RestitutionAccess,
} from '@/features/restitution/utils/use-restitution-access';
import { paths } from '@/lib/paths';
import '@/features/restitution/restitution.css';

const TABS = [
  { tabId: 'tableau', label: 'Tableau' },
  { tabId: 'carte', label: 'Carte' },
  { tabId: 'analyse', label: 'Analyse croisée' },
  { tabId: 'rapport', label: 'Rapport territorial' },
];
/** Offered to the authorities and national only (the API refuses the others). */
const DATA_TAB = { tabId: 'donnees', label: 'Données saisies' };

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

function CategorySelect({
  categories,
  value,
  onChange,
}: {
  categories: readonly CategoryOption[];
  value: string;
  onChange: (code: string) => void;
}) {
  return (
    <Select label="Catégorie" nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value) }}>
      {categories.map((c) => (
        <option key={c.code} value={c.code}>
          {c.label}
        </option>
      ))}
    </Select>
  );
}

function IndicatorSelect({
  label,
  sheets,
  value,
  onChange,
}: {
  label: string;
  sheets: readonly IndicatorSheet[];
  value: string;
  onChange: (code: string) => void;
}) {
  return (
    <Select label={label} nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value) }}>
      {sheets.map((s) => (
        <option key={s.code} value={s.code}>
          {s.code} – {s.label}
        </option>
      ))}
    </Select>
  );
}

function MapSection({
  year,
  categories,
  sheets,
  regionCodes,
}: {
  year: number;
  categories: readonly CategoryOption[];
  sheets: readonly IndicatorSheet[];
  regionCodes: readonly string[] | undefined;
}) {
  const [category, setCategory] = useState(categories[0]?.code ?? '');
  const available = useMemo(() => sheetsForCategory(sheets, category), [sheets, category]);
  const [chosen, setChosen] = useState('');
  const indicator = available.some((s) => s.code === chosen) ? chosen : (available[0]?.code ?? '');
  const map = useTerritoryMap(year, indicator, category);
  return (
    <section aria-labelledby="restitution-carte">
      <h2 id="restitution-carte" className={fr.cx('fr-h4')}>
        Carte des médianes par département
      </h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <CategorySelect categories={categories} value={category} onChange={setCategory} />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <IndicatorSelect label="Indicateur" sheets={available} value={indicator} onChange={setChosen} />
        </div>
      </div>
      {indicator === '' ? (
        <Alert severity="info" small description="Aucun indicateur pour cette catégorie." />
      ) : map.isPending ? (
        <PageLoader label="Chargement de la carte…" />
      ) : map.error || !map.data ? (
        <QueryError error={map.error} headingAs="h3" onRetry={() => void map.refetch()} />
      ) : (
        <>
          <RestitutionStageNotice stage={map.data.stage} />
          <DepartmentMap map={map.data} {...(regionCodes ? { regionCodes } : {})} />
        </>
      )}
    </section>
  );
}

function ScatterSection({
  year,
  categories,
  sheets,
  departments,
}: {
  year: number;
  categories: readonly CategoryOption[];
  sheets: readonly IndicatorSheet[];
  departments: readonly { code: string; name: string }[];
}) {
  const [category, setCategory] = useState(categories[0]?.code ?? '');
  const available = useMemo(() => sheetsForCategory(sheets, category), [sheets, category]);
  const [x, setX] = useState('');
  const [y, setY] = useState('');
  const [department, setDepartment] = useState('');
  const [highlight, setHighlight] = useState('');
  const has = (code: string) => available.some((s) => s.code === code);
  const xCode = has(x) ? x : (available[0]?.code ?? '');
  const yCode = has(y) ? y : (available[1]?.code ?? available[0]?.code ?? '');
  const scatter = useTerritoryScatter(year, {
    x: xCode,
    y: yCode,
    category,
    ...(department ? { department } : {}),
    ...(highlight ? { highlight } : {}),
  });
  const points = scatter.data?.points ?? [];
  return (
    <section aria-labelledby="restitution-analyse">
      <h2 id="restitution-analyse" className={fr.cx('fr-h4')}>
        Analyse croisée de deux indicateurs
      </h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <CategorySelect categories={categories} value={category} onChange={setCategory} />
          {departments.length > 1 && (
            <Select
              label="Territoire"
              nativeSelectProps={{ value: department, onChange: (e) => setDepartment(e.target.value) }}
            >
              <option value="">Tout le périmètre</option>
              {departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.code} – {d.name}
                </option>
              ))}
            </Select>
          )}
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <IndicatorSelect
            label="Indicateur en abscisse (X)"
            sheets={available}
            value={xCode}
            onChange={setX}
          />
          <IndicatorSelect
            label="Indicateur en ordonnée (Y)"
            sheets={available}
            value={yCode}
            onChange={setY}
          />
          <Select
            label="Structure à mettre en évidence"
            nativeSelectProps={{ value: highlight, onChange: (e) => setHighlight(e.target.value) }}
          >
            <option value="">Aucune</option>
            {points.map((p) => (
              <option key={p.finess} value={p.finess}>
                {p.name} ({p.finess})
              </option>
            ))}
          </Select>
        </div>
      </div>
      {xCode === '' ? (
        <Alert severity="info" small description="Aucun indicateur pour cette catégorie." />
      ) : scatter.isPending ? (
        <PageLoader label="Chargement du nuage de points…" />
      ) : scatter.error || !scatter.data ? (
        <QueryError error={scatter.error} headingAs="h3" onRetry={() => void scatter.refetch()} />
      ) : (
        <>
          <RestitutionStageNotice stage={scatter.data.stage} />
          <ScatterPlot scatter={scatter.data} />
        </>
      )}
    </section>
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
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
          {access.authorities.map((a) => (
            <li key={`${a.ref.kind}:${a.ref.code}`}>
              <DownloadButton
                path={`${restitutionPath(year)}/territory-report.pdf?kind=${a.ref.kind}&code=${encodeURIComponent(a.ref.code)}`}
                fileName={`rapport-territorial-${year}-${a.ref.kind}-${a.ref.code}.pdf`}
                label={`Télécharger le rapport – ${a.label}`}
                priority="primary"
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
  const tabs = access.national || access.authorities.length > 0 ? [...TABS, DATA_TAB] : TABS;
  const requested = searchParams.get('vue') ?? 'tableau';
  const tab = tabs.some((t) => t.tabId === requested) ? requested : 'tableau';
  const reference = useReference();
  const guide = useIndicatorGuide(year);

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
  if (reference.isPending || guide.isPending) {
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
      <Tabs
        selectedTabId={tab}
        tabs={tabs}
        onTabChange={(tabId) => setSearchParams({ vue: tabId }, { replace: true })}
      >
        {tab === 'tableau' && (
          <TerritoryTableSection
            year={year}
            categories={categories}
            sheets={sheets}
            departments={departments}
          />
        )}
        {tab === 'carte' && (
          <MapSection
            year={year}
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
          <ScatterSection year={year} categories={categories} sheets={sheets} departments={departments} />
        )}
        {tab === 'rapport' && <ReportSection year={year} access={access} />}
        {tab === 'donnees' && <DataSection year={year} reference={reference.data} access={access} />}
      </Tabs>
    </div>
  );
}
