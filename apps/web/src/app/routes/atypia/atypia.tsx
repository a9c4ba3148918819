import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import type { AtypiaTableRow } from '@tdb/contracts';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError, errorMessage } from '@/components/ui/query-error';
import { formatCount } from '@/lib/format';
import { AuthorityGate } from '@/features/follow-up/components/authority-gate';
import { FollowUpNav } from '@/features/follow-up/components/follow-up-nav';
import type { AuthorityAccess } from '@/lib/auth/authorities';
import {
  downloadAtypia,
  useAtypiaTable,
  type AtypiaFilters,
  type AtypiaSort,
  type AtypiaStatusFilter,
} from '@/features/atypia/api/atypia';
import { DecisionForm } from '@/features/atypia/components/decision-form';
import { FlagStatusBadge } from '@/features/atypia/components/flag-status-badge';
import {
  FLAG_STATUSES,
  FLAG_STATUS_LABELS,
  SEVERITY_LABELS,
  formatFigure,
  priorityLabel,
} from '@/features/atypia/utils/labels';
import { CategorySelect, DepartmentSelect } from '@/components/ui/reference-selects';
import { paths } from '@/lib/paths';

const PAGE_SIZE = 50;
const SORTS: AtypiaSort[] = ['priority', 'structure', 'rule', 'value', 'updatedAt'];
const STATUS_FILTERS: AtypiaStatusFilter[] = [...FLAG_STATUSES, 'ALL'];

interface TableState {
  status?: AtypiaStatusFilter;
  department?: string;
  category?: string;
  ruleCode?: string;
  severity?: 'high' | 'medium' | 'low';
  /** 'mes' or 'toutes'; unset: the default of the account. */
  vue?: 'mes' | 'toutes';
  priorityOnly?: boolean;
  sort?: AtypiaSort;
  order?: 'asc' | 'desc';
  page: number;
}

function readState(params: URLSearchParams): TableState {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const state: TableState = { page: Number.isFinite(page) && page >= 1 ? page : 1 };
  const status = params.get('status') as AtypiaStatusFilter | null;
  if (status && STATUS_FILTERS.includes(status)) state.status = status;
  for (const key of ['department', 'category', 'ruleCode'] as const) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  const severity = params.get('severity');
  if (severity === 'high' || severity === 'medium' || severity === 'low') state.severity = severity;
  const vue = params.get('vue');
  if (vue === 'mes' || vue === 'toutes') state.vue = vue;
  if (params.get('prioritaires') === '1') state.priorityOnly = true;
  const sort = params.get('sort') as AtypiaSort | null;
  if (sort && SORTS.includes(sort)) state.sort = sort;
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') state.order = order;
  return state;
}

function toParams(state: TableState): URLSearchParams {
  const params = new URLSearchParams();
  const { priorityOnly, page, ...rest } = state;
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (priorityOnly) params.set('prioritaires', '1');
  if (page > 1) params.set('page', String(page));
  return params;
}

/** APR and controllers of an ARS or a CD start on their own structures, by priority. */
function isController(access: AuthorityAccess): boolean {
  return !access.national && access.own.some((o) => o.canCommunicate);
}

function AtypiaTable({ year, access }: { year: number; access: AuthorityAccess }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readState(searchParams);
  const mine = state.vue ? state.vue === 'mes' : isController(access);
  const filters: AtypiaFilters = {
    status: state.status,
    department: state.department,
    category: state.category,
    ruleCode: state.ruleCode,
    severity: state.severity,
    priorityOnly: state.priorityOnly,
    sort: state.sort,
    order: state.order,
    ...(mine ? { view: 'mine' as const } : {}),
  };
  const table = useAtypiaTable(year, { ...filters, page: state.page, pageSize: PAGE_SIZE });
  const [selected, setSelected] = useState<Map<string, number>>(new Map());
  const [rules, setRules] = useState<Map<string, string>>(new Map());
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  // The rules met so far fill the "Règle" filter.
  const rows = table.data?.items;
  useEffect(() => {
    if (!rows || rows.length === 0) return;
    setRules((known) => {
      if (rows.every((r) => known.has(r.ruleCode))) return known;
      const next = new Map(known);
      for (const row of rows) next.set(row.ruleCode, row.ruleLabel);
      return next;
    });
  }, [rows]);

  const update = (changes: Partial<TableState>) => {
    setSelected(new Map());
    setSearchParams(toParams({ ...state, ...changes, page: changes.page ?? 1 }), {
      preventScrollReset: true,
    });
  };
  const sortOf = (sort: AtypiaSort): DataTableColumn<AtypiaTableRow>['sort'] => ({
    direction: state.sort === sort ? (state.order === 'desc' ? 'descending' : 'ascending') : null,
    onSort: () => update({ sort, order: state.sort === sort && state.order !== 'desc' ? 'desc' : 'asc' }),
  });
  const toggle = (row: AtypiaTableRow) =>
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row.version);
      return next;
    });
  const pageRows = rows ?? [];
  const allSelected = pageRows.length > 0 && pageRows.every((r) => selected.has(r.id));

  const onExport = async () => {
    setExportError(null);
    setExporting(true);
    try {
      await downloadAtypia(year, filters);
    } catch (error) {
      setExportError(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const columns: DataTableColumn<AtypiaTableRow>[] = [
    {
      key: 'select',
      header: (
        <div className={fr.cx('fr-checkbox-group', 'fr-checkbox-group--sm')}>
          <input
            type="checkbox"
            id="atypies-tout"
            checked={allSelected}
            onChange={() =>
              setSelected(allSelected ? new Map() : new Map(pageRows.map((r) => [r.id, r.version])))
            }
          />
          <label className={fr.cx('fr-label')} htmlFor="atypies-tout">
            <span className="fr-sr-only">Sélectionner tous les signalements de la page</span>
          </label>
        </div>
      ),
      cell: (row) => (
        <div className={fr.cx('fr-checkbox-group', 'fr-checkbox-group--sm')}>
          <input
            type="checkbox"
            id={`atypie-${row.id}`}
            checked={selected.has(row.id)}
            onChange={() => toggle(row)}
          />
          <label className={fr.cx('fr-label')} htmlFor={`atypie-${row.id}`}>
            <span className="fr-sr-only">
              Sélectionner « {row.ruleLabel} » de {row.structureName}
            </span>
          </label>
        </div>
      ),
    },
    {
      key: 'structure',
      header: 'Structure',
      label: 'structure',
      rowHeader: true,
      sort: sortOf('structure'),
      cell: (row) => (
        <>
          <Link to={paths.submission.href(year, row.finess)}>{row.structureName}</Link>
          <br />
          <span className={fr.cx('fr-text--xs')}>FINESS {row.finess}</span>
        </>
      ),
    },
    { key: 'category', header: 'Catégorie', cell: (row) => row.categoryLabel },
    { key: 'department', header: 'Dépt', cell: (row) => row.departmentCode },
    {
      key: 'rule',
      header: 'Règle',
      label: 'règle',
      sort: sortOf('rule'),
      cell: (row) => (
        <>
          <Link to={paths.atypiaFlag.href(year, row.id)}>{row.ruleLabel}</Link>
          <br />
          <span className={fr.cx('fr-text--xs')}>
            Gravité : {SEVERITY_LABELS[row.severity] ?? row.severity}
          </span>
        </>
      ),
    },
    {
      key: 'value',
      header: 'Valeur',
      label: 'valeur',
      sort: sortOf('value'),
      cell: (row) => formatFigure(row.value),
    },
    {
      key: 'message',
      header: 'Pourquoi',
      cell: (row) => (
        <>
          {row.message}
          {row.messages > 0 && (
            <>
              <br />
              <span className={fr.cx('fr-text--xs')}>{formatCount(row.messages, 'message', 'messages')}</span>
            </>
          )}
        </>
      ),
    },
    { key: 'status', header: 'Statut', cell: (row) => <FlagStatusBadge status={row.status} /> },
    {
      key: 'priority',
      header: 'Priorité',
      label: 'priorité',
      sort: sortOf('priority'),
      cell: (row) => priorityLabel(row.priority),
    },
    { key: 'controller', header: 'Contrôleur', cell: (row) => row.controllerName ?? '—' },
  ];

  const data = table.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const targets = [...selected].map(([id, version]) => ({ id, version }));

  return (
    <>
      <div className="tdb-filters">
        <form role="search" aria-label="Filtrer les atypies" onSubmit={(e) => e.preventDefault()}>
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <Select
                label="Statut"
                nativeSelectProps={{
                  value: state.status ?? '',
                  onChange: (e) =>
                    update({ status: (e.target.value || undefined) as AtypiaStatusFilter | undefined }),
                }}
              >
                <option value="">À traiter (tous sauf résolus)</option>
                {FLAG_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {FLAG_STATUS_LABELS[s]}
                  </option>
                ))}
                <option value="ALL">Toutes</option>
              </Select>
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <DepartmentSelect value={state.department} onChange={(department) => update({ department })} />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <CategorySelect value={state.category} onChange={(category) => update({ category })} />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <Select
                label="Règle"
                nativeSelectProps={{
                  value: state.ruleCode ?? '',
                  onChange: (e) => update({ ruleCode: e.target.value || undefined }),
                }}
              >
                <option value="">Toutes les règles</option>
                {[...rules]
                  .sort((a, b) => a[1].localeCompare(b[1], 'fr'))
                  .map(([code, label]) => (
                    <option key={code} value={code}>
                      {label}
                    </option>
                  ))}
              </Select>
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <Select
                label="Gravité"
                nativeSelectProps={{
                  value: state.severity ?? '',
                  onChange: (e) =>
                    update({ severity: (e.target.value || undefined) as TableState['severity'] }),
                }}
              >
                <option value="">Toutes les gravités</option>
                {(['high', 'medium', 'low'] as const).map((s) => (
                  <option key={s} value={s}>
                    {SEVERITY_LABELS[s]}
                  </option>
                ))}
              </Select>
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <ToggleSwitch
                label="Mes structures"
                helperText="Les structures qui vous sont attribuées, par priorité"
                checked={mine}
                onChange={(checked) => update({ vue: checked ? 'mes' : 'toutes' })}
                inputTitle="Mes structures"
                showCheckedHint={false}
              />
              <ToggleSwitch
                label="Prioritaires"
                helperText="Structures, règles et indicateurs prioritaires de votre autorité"
                checked={state.priorityOnly ?? false}
                onChange={(checked) => update({ priorityOnly: checked || undefined })}
                inputTitle="Prioritaires"
                showCheckedHint={false}
              />
            </div>
          </div>
        </form>
      </div>

      {table.isPending ? (
        <PageLoader label="Chargement des atypies…" />
      ) : table.isError ? (
        <QueryError error={table.error} headingAs="h2" onRetry={() => void table.refetch()} />
      ) : (
        <>
          <div className="tdb-results-header">
            <p className={fr.cx('fr-mb-0')} role="status">
              {formatCount(table.data.total, 'signalement', 'signalements')}
            </p>
            <Button
              priority="secondary"
              size="small"
              iconId="fr-icon-download-line"
              disabled={exporting}
              onClick={() => void onExport()}
            >
              Exporter (XLSX)
            </Button>
          </div>
          {exportError && <Alert severity="error" small role="alert" description={exportError} />}
          {table.data.items.length === 0 ? (
            <p>Aucun signalement ne correspond à ces critères.</p>
          ) : (
            <DataTable
              caption={`Atypies de la campagne ${year}`}
              hideCaption
              columns={columns}
              rows={table.data.items}
              rowKey={(row) => row.id}
              busy={table.isFetching}
            />
          )}
          {pageCount > 1 && (
            <Pagination
              className={fr.cx('fr-mt-2w')}
              count={pageCount}
              defaultPage={Math.min(state.page, pageCount)}
              showFirstLast
              getPageLinkProps={(page) => ({
                to: { search: `?${toParams({ ...state, page }).toString()}` },
                preventScrollReset: true,
              })}
            />
          )}
          {access.canCommunicate && (
            <section className="tdb-panel fr-mt-4w" aria-labelledby="decision-groupee">
              <h2 id="decision-groupee" className={fr.cx('fr-h5')}>
                Décider pour la sélection
              </h2>
              <p>
                {targets.length === 0
                  ? 'Cochez des signalements dans le tableau.'
                  : formatCount(targets.length, 'signalement sélectionné', 'signalements sélectionnés')}{' '}
                Un seul commentaire, obligatoire, pour toute la sélection ; si un signalement est refusé, rien
                n'est enregistré.
              </p>
              <DecisionForm
                year={year}
                targets={targets}
                acceptLabel="Accepter"
                correctLabel="Faire corriger"
                confirm
                idPrefix="decision-groupee"
                onDone={() => setSelected(new Map())}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}

/** "Atypies": the flags of the caller's scope, to review and decide. */
export function AtypiaPage() {
  const year = Number(useParams()['year']);
  return (
    <AuthorityGate>
      {(access) => (
        <div className={fr.cx('fr-container', 'fr-pb-8w')}>
          <title>{`Atypies ${year} – ${SERVICE_TITLE}`}</title>
          <Breadcrumb
            currentPageLabel={`Atypies ${year}`}
            homeLinkProps={{ to: paths.home.href() }}
            segments={[
              { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
              { label: `Suivi ${year}`, linkProps: { to: paths.campaignFollowUp.href(year) } },
            ]}
            classes={{ root: fr.cx('fr-mb-4w') }}
          />
          <h1>Atypies de la campagne {year}</h1>
          <FollowUpNav year={year} current="atypies" access={access} />
          <p>
            Les valeurs inhabituelles détectées dans les saisies de votre périmètre. Ouvrez un signalement
            pour lire la justification de la structure, ou décidez pour plusieurs à la fois.
          </p>
          <AtypiaTable year={year} access={access} />
        </div>
      )}
    </AuthorityGate>
  );
}
