import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { SubmissionStatusCode, SubmissionSummary } from '@tdb/contracts';
import { STATUS_LABELS, formatDateFr } from '@tdb/submission-workflow';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { DataTable } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatCount, percent } from '@/lib/format';
import { useCampaign } from '@/features/campaigns/api/get-campaign';
import { useSubmissions, type SubmissionsQuery } from '@/lib/api/get-submissions';
import { SubmissionStatusBadge } from '@/components/ui/submission-status-badge';
import { CategorySelect, DepartmentSelect } from '@/components/ui/reference-selects';
import { paths } from '@/lib/paths';
import {
  WORK_LABELS,
  useSubmissionWork,
  type SubmissionWork,
} from '@/features/campaigns/utils/use-submission-work';

const PAGE_SIZE = 20;
const STATUSES = Object.keys(STATUS_LABELS) as SubmissionStatusCode[];

function readQuery(params: URLSearchParams): Required<Pick<SubmissionsQuery, 'page'>> & SubmissionsQuery {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const status = params.get('status') as SubmissionStatusCode | null;
  const query: SubmissionsQuery & { page: number } = { page: Number.isFinite(page) && page >= 1 ? page : 1 };
  if (status && STATUSES.includes(status)) query.status = status;
  for (const key of ['q', 'department', 'category'] as const) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  const work = params.get('work');
  if (work === 'DECIDE' || work === 'CONSULT') query.work = work;
  return query;
}

function toParams(query: SubmissionsQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || (key === 'page' && value === 1)) continue;
    params.set(key, String(value));
  }
  return params;
}

/** The submissions of a campaign in the caller's scope: counts by status, filters, pages. */
export function SubmissionsPage() {
  const year = Number(useParams()['year']);
  const [searchParams, setSearchParams] = useSearchParams();
  const query = readQuery(searchParams);
  const campaign = useCampaign(year);
  const submissions = useSubmissions(year, { ...query, pageSize: PAGE_SIZE });
  const [text, setText] = useState(query.q ?? '');

  const update = (changes: Partial<SubmissionsQuery>) =>
    setSearchParams(toParams({ ...query, ...changes, page: changes.page ?? 1 }), {
      preventScrollReset: true,
    });
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() || undefined });
  };
  const works = useSubmissionWork();
  const filtered = Boolean(query.q || query.status || query.department || query.category || query.work);
  const data = submissions.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Saisies ${year} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={`Saisies ${year}`}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Campagnes', linkProps: { to: paths.campaigns.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Saisies de la campagne {year}</h1>

      {campaign.isPending ? (
        <PageLoader label="Chargement de la campagne…" />
      ) : campaign.isError ? (
        <QueryError error={campaign.error} headingAs="h2" onRetry={() => void campaign.refetch()} />
      ) : (
        <section aria-labelledby="repartition" className="fr-mb-4w">
          <p>
            Phase : <strong>{campaign.data.phaseLabel}</strong> — collecte du{' '}
            {formatDateFr(campaign.data.dates.collectionStart)} au{' '}
            {formatDateFr(campaign.data.dates.collectionEnd)} — seuil de complétude{' '}
            {percent(campaign.data.threshold)}
          </p>
          <h2 id="repartition" className={fr.cx('fr-h5')}>
            Répartition par statut dans votre périmètre
          </h2>
          <ul className="tdb-status-counts">
            {STATUSES.map((status) => (
              <li key={status}>
                <button
                  type="button"
                  className={fr.cx('fr-tag', 'fr-tag--sm')}
                  aria-pressed={query.status === status}
                  onClick={() => update({ status: query.status === status ? undefined : status })}
                >
                  {STATUS_LABELS[status]} : {campaign.data.counts[status]}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="tdb-filters">
        <form onSubmit={onSearch} role="search" aria-label="Filtrer les saisies">
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Input
                label="Nom ou FINESS"
                nativeInputProps={{ value: text, onChange: (e) => setText(e.target.value), type: 'search' }}
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-2')} style={{ alignSelf: 'flex-end' }}>
              <Button type="submit" iconId="fr-icon-search-line" className={fr.cx('fr-mb-3w')}>
                Rechercher
              </Button>
            </div>
          </div>
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <Select
                label="Statut"
                nativeSelectProps={{
                  value: query.status ?? '',
                  onChange: (e) =>
                    update({ status: (e.target.value || undefined) as SubmissionStatusCode | undefined }),
                }}
              >
                <option value="">Tous les statuts</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </Select>
            </div>
            {works.length > 0 && (
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <Select
                  label="À traiter"
                  nativeSelectProps={{
                    value: query.work ?? '',
                    onChange: (e) =>
                      update({ work: (e.target.value || undefined) as SubmissionWork | undefined }),
                  }}
                >
                  <option value="">Toutes les saisies</option>
                  {works.map((w) => (
                    <option key={w} value={w}>
                      {WORK_LABELS[w]}
                    </option>
                  ))}
                </Select>
              </div>
            )}
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <DepartmentSelect value={query.department} onChange={(department) => update({ department })} />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <CategorySelect value={query.category} onChange={(category) => update({ category })} />
            </div>
          </div>
        </form>
      </div>

      <section aria-labelledby="resultats" className={fr.cx('fr-mt-4w')}>
        <h2 id="resultats" className={fr.cx('fr-h4')}>
          {data && !submissions.isError ? formatCount(data.total, 'saisie', 'saisies') : 'Saisies'}
        </h2>
        {submissions.isPending ? (
          <PageLoader label="Chargement des saisies…" />
        ) : submissions.isError ? (
          <QueryError error={submissions.error} onRetry={() => void submissions.refetch()} />
        ) : !data || data.items.length === 0 ? (
          <Alert
            severity="info"
            small
            description={
              filtered
                ? 'Aucune saisie ne correspond à ces filtres.'
                : 'Aucune structure de votre périmètre ne participe à cette campagne.'
            }
          />
        ) : (
          <div className={submissions.isPlaceholderData ? 'tdb-stale' : undefined}>
            <DataTable<SubmissionSummary>
              caption={`Saisies, page ${data.page} sur ${pageCount}`}
              hideCaption
              busy={submissions.isFetching}
              rows={data.items}
              rowKey={(row) => row.finess}
              columns={[
                {
                  key: 'name',
                  header: 'Structure',
                  rowHeader: true,
                  cell: (row) => (
                    <>
                      <Link to={paths.submission.href(year, row.finess)}>{row.name}</Link>
                      <br />
                      <span className="tdb-code fr-text--xs">{row.finess}</span>
                    </>
                  ),
                },
                { key: 'category', header: 'Catégorie', cell: (row) => row.categoryLabel },
                { key: 'department', header: 'Dépt', cell: (row) => row.departmentCode },
                {
                  key: 'status',
                  header: 'Statut',
                  cell: (row) => <SubmissionStatusBadge status={row.status} />,
                },
                { key: 'completeness', header: 'Complétude', cell: (row) => percent(row.completeness) },
                {
                  key: 'og',
                  header: 'Organisme gestionnaire',
                  cell: (row) => (
                    <Link to={paths.organisationEntry.href(year, row.ogFiness)}>
                      <span className="tdb-code">{row.ogFiness}</span>
                    </Link>
                  ),
                },
              ]}
            />
            {pageCount > 1 && (
              <Pagination
                className={fr.cx('fr-mt-2w')}
                count={pageCount}
                defaultPage={Math.min(query.page, pageCount)}
                showFirstLast
                getPageLinkProps={(page) => ({
                  to: { search: `?${toParams({ ...query, page }).toString()}` },
                  preventScrollReset: true,
                })}
              />
            )}
          </div>
        )}
      </section>
    </div>
  );
}
