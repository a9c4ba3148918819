import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
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
} from '@/features/atypia/api/atypia';
import { DecisionForm } from '@/features/atypia/components/decision-form';
import { AtypiaFiltersForm } from '@/features/atypia/components/atypia-filters';
import { FlagStatusBadge } from '@/features/atypia/components/flag-status-badge';
import { SEVERITY_LABELS, formatFigure, priorityLabel } from '@/features/atypia/utils/labels';
import { readState, toParams, type TableState } from '@/features/atypia/utils/table-state';
import { useFiabilisationAssignments } from '@/features/atypia/api/fiabilisation';
import { useAuth } from '@/lib/auth/auth-provider';
import { paths } from '@/lib/paths';

const PAGE_SIZE = 50;
/** APR and controllers of an ARS or a CD start on their own structures, by priority. */
function isController(access: AuthorityAccess): boolean {
  return !access.national && access.own.some((o) => o.canCommunicate);
}

/** The departments an authority account reads: a Département its own, an ARS those of its region. */
function departmentFilter(
  access: AuthorityAccess,
): ((d: { code: string; regionCode: string }) => boolean) | undefined {
  if (access.national) return undefined;
  const cds = new Set(access.own.filter((o) => o.ref.kind === 'CD').map((o) => o.ref.code));
  const regions = new Set(access.own.filter((o) => o.ref.kind === 'ARS').map((o) => o.ref.code));
  return (d) => cds.has(d.code) || regions.has(d.regionCode);
}

function AtypiaTable({ year, access }: { year: number; access: AuthorityAccess }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readState(searchParams);
  const accountId = useAuth().account?.id;
  const controller = isController(access);
  const assignments = useFiabilisationAssignments(year);
  const assignedToMe = (assignments.data ?? []).filter((a) => a.controllerId === accountId).length;
  // A controller starts on its structures only when some are assigned to it; otherwise on its scope.
  const mine = state.vue ? state.vue === 'mes' : controller && assignedToMe > 0;
  const waitingForDefault = !state.vue && controller && assignments.isPending;
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
  const table = useAtypiaTable(
    year,
    { ...filters, page: state.page, pageSize: PAGE_SIZE },
    !waitingForDefault,
  );
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
      <AtypiaFiltersForm
        state={state}
        update={update}
        rules={rules}
        mine={mine}
        assignedToMe={assignedToMe}
        departmentFilter={departmentFilter(access)}
      />

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
