import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import type { SubmissionSummary } from '@tdb/contracts';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { DataTable } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatCount, percent } from '@/lib/format';
import { SubmissionStatusBadge } from '@/components/ui/submission-status-badge';
import { useChangeScope, useScopeSubmissions, type ScopeListQuery } from '@/features/follow-up/api/scope';
import { AuthorityGate } from '@/features/follow-up/components/authority-gate';
import { FollowUpNav } from '@/features/follow-up/components/follow-up-nav';
import { ScopeTransfer } from '@/features/follow-up/components/scope-transfer';
import type { AuthorityAccess } from '@/lib/auth/authorities';
import { CategorySelect, DepartmentSelect } from '@/components/ui/reference-selects';
import { paths } from '@/lib/paths';

const PAGE_SIZE = 50;

function readQuery(params: URLSearchParams): ScopeListQuery & { page: number } {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const query: ScopeListQuery & { page: number } = { page: Number.isFinite(page) && page >= 1 ? page : 1 };
  for (const key of ['q', 'department', 'category'] as const) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  return query;
}

function toParams(query: ScopeListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || (key === 'page' && value === 1)) continue;
    params.set(key, String(value));
  }
  return params;
}

/** Asks the mandatory reason before excluding a structure from the campaign. */
function ExcludeForm({
  submission,
  pending,
  onConfirm,
  onCancel,
}: {
  submission: SubmissionSummary;
  pending: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (text === '') {
      setError("Indiquez le motif de l'exclusion.");
      ref.current?.focus();
      return;
    }
    if (text.length > 500) {
      setError('Le motif ne doit pas dépasser 500 caractères.');
      ref.current?.focus();
      return;
    }
    onConfirm(text);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="tdb-panel fr-mb-3w" aria-labelledby="exclusion-titre">
      <h2 id="exclusion-titre" className={fr.cx('fr-h6')}>
        Exclure « {submission.name} » ({submission.finess}) du périmètre
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        La structure ne participera pas à la campagne : elle ne sera ni suivie, ni relancée.
      </p>
      <Input
        label="Motif de l'exclusion"
        hintText="Obligatoire : par exemple « Structure fermée au 1er janvier »."
        textArea
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeTextAreaProps={{
          name: 'reason',
          ref,
          value: reason,
          maxLength: 500,
          rows: 3,
          required: true,
          onChange: (e) => {
            setReason(e.target.value);
            setError(null);
          },
        }}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button type="submit" disabled={pending}>
            {pending ? 'Exclusion…' : "Confirmer l'exclusion"}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel} disabled={pending}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

function ScopeContent({ year, access }: { year: number; access: AuthorityAccess }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = readQuery(searchParams);
  const submissions = useScopeSubmissions(year, { ...query, pageSize: PAGE_SIZE });
  const change = useChangeScope(year);
  const [text, setText] = useState(query.q ?? '');
  const [excluding, setExcluding] = useState<SubmissionSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (notice || change.error) outcomeRef.current?.focus();
  }, [notice, change.error]);

  const update = (changes: Partial<ScopeListQuery>) =>
    setSearchParams(toParams({ ...query, ...changes, page: changes.page ?? 1 }), {
      preventScrollReset: true,
    });

  const apply = (submission: SubmissionSummary, inScope: boolean, reason?: string) => {
    setNotice(null);
    change.mutate(
      {
        finess: submission.finess,
        request: { inScope, version: submission.version, ...(reason ? { reason } : {}) },
      },
      {
        onSuccess: () => {
          setExcluding(null);
          setNotice(
            inScope
              ? `${submission.name} est de nouveau dans le périmètre de la campagne.`
              : `${submission.name} est exclue du périmètre de la campagne.`,
          );
        },
        onError: () => setExcluding(null),
      },
    );
  };

  const data = submissions.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const filtered = Boolean(query.q || query.department || query.category);

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Périmètre de la campagne ${year} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={`Périmètre ${year}`}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[
          { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
          { label: `Suivi ${year}`, linkProps: { to: paths.campaignFollowUp.href(year) } },
        ]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Périmètre de la campagne {year}</h1>
      <FollowUpNav year={year} current="perimetre" access={access} />

      <ScopeTransfer year={year} national={access.national} canUpload={access.canChangeScope} />

      <div className="tdb-filters">
        <form
          role="search"
          aria-label="Filtrer les structures"
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: text.trim() || undefined });
          }}
        >
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <Input
                label="Nom ou FINESS"
                nativeInputProps={{ value: text, onChange: (e) => setText(e.target.value), type: 'search' }}
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
              <DepartmentSelect
                value={query.department}
                onChange={(department) => update({ department })}
                allLabel="Tous"
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
              <CategorySelect
                value={query.category}
                onChange={(category) => update({ category })}
                allLabel="Toutes"
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-2')} style={{ alignSelf: 'flex-end' }}>
              <Button type="submit" iconId="fr-icon-search-line" className={fr.cx('fr-mb-3w')}>
                Rechercher
              </Button>
            </div>
          </div>
        </form>
      </div>

      <div ref={outcomeRef} tabIndex={-1} className={fr.cx('fr-mt-3w')}>
        {notice && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="success"
            role="status"
            small
            description={notice}
            closable
            onClose={() => setNotice(null)}
          />
        )}
        {change.error && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="error"
            role="alert"
            title="Le périmètre n'a pas été modifié"
            description={change.error.message}
          />
        )}
      </div>
      {excluding && (
        <ExcludeForm
          key={excluding.finess}
          submission={excluding}
          pending={change.isPending}
          onConfirm={(reason) => apply(excluding, false, reason)}
          onCancel={() => setExcluding(null)}
        />
      )}

      <section aria-labelledby="structures-perimetre" className={fr.cx('fr-mt-2w')}>
        <h2 id="structures-perimetre" className={fr.cx('fr-h4')}>
          {data && !submissions.isError ? formatCount(data.total, 'structure', 'structures') : 'Structures'}
        </h2>
        {submissions.isPending ? (
          <PageLoader label="Chargement des structures…" />
        ) : submissions.isError ? (
          <QueryError error={submissions.error} onRetry={() => void submissions.refetch()} />
        ) : !data || data.items.length === 0 ? (
          <Alert
            severity="info"
            small
            description={
              filtered
                ? 'Aucune structure ne correspond à ces filtres.'
                : "Aucune structure de votre périmètre n'a de saisie dans cette campagne."
            }
          />
        ) : (
          <div className={submissions.isPlaceholderData ? 'tdb-stale' : undefined}>
            <DataTable<SubmissionSummary>
              caption={`Structures de la campagne, page ${data.page} sur ${pageCount}`}
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
                  header: 'Saisie',
                  cell: (row) => (
                    <>
                      <SubmissionStatusBadge status={row.status} /> {percent(row.completeness)}
                    </>
                  ),
                },
                {
                  key: 'scope',
                  header: 'Périmètre',
                  cell: (row) =>
                    row.inScope ? (
                      <Badge as="span" severity="success" small noIcon>
                        Dans le périmètre
                      </Badge>
                    ) : (
                      <>
                        <Badge as="span" severity="warning" small noIcon>
                          Exclue
                        </Badge>
                        {row.scopeReason && (
                          <span className="fr-text--xs" style={{ display: 'block' }}>
                            Motif : {row.scopeReason}
                          </span>
                        )}
                      </>
                    ),
                },
                ...(access.canChangeScope
                  ? [
                      {
                        key: 'action',
                        header: 'Action',
                        cell: (row: SubmissionSummary) =>
                          row.inScope ? (
                            <Button
                              size="small"
                              priority="secondary"
                              disabled={change.isPending}
                              onClick={() => {
                                change.reset();
                                setNotice(null);
                                setExcluding(row);
                              }}
                              nativeButtonProps={{ 'aria-label': `Exclure ${row.name}` }}
                            >
                              Exclure
                            </Button>
                          ) : (
                            <Button
                              size="small"
                              priority="secondary"
                              disabled={change.isPending}
                              onClick={() => apply(row, true)}
                              nativeButtonProps={{ 'aria-label': `Inclure ${row.name}` }}
                            >
                              Inclure
                            </Button>
                          ),
                      },
                    ]
                  : []),
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

/** "Périmètre de la campagne": the structures in and out of the campaign, one by one or by file. */
export function ScopePage() {
  const year = Number(useParams()['year']);
  return <AuthorityGate>{(access) => <ScopeContent year={year} access={access} />}</AuthorityGate>;
}
