import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { IndicatorSheet, TerritoryTableRow } from '@tdb/contracts';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { territoryTableFile, useTerritoryTable } from '../api/territory';
import { DecileCell, DecileLegend } from './decile-cell';
import { DownloadButton } from './download-button';
import { XLSX_FORMAT } from '../utils/download-formats';
import { RestitutionStageNotice } from './restitution-stage-notice';
import { paths } from '@/lib/paths';

export const MAX_TABLE_INDICATORS = 5;

export interface CategoryOption {
  code: string;
  label: string;
}

/** The guide's sheets that apply to a category and have one value per structure. */
export function sheetsForCategory(sheets: readonly IndicatorSheet[], category: string): IndicatorSheet[] {
  return sheets.filter(
    (s) => s.kind !== 'distribution' && (s.categories === 'ALL' || s.categories.includes(category)),
  );
}

/** "Tableau": the structures of the scope, up to 5 indicators, cells coloured by national decile. */
export function TerritoryTableSection({
  year,
  categories,
  sheets,
  departments,
  initialCategory,
}: {
  year: number;
  /** The category shown first (default: the first one). */
  initialCategory?: string;
  categories: readonly CategoryOption[];
  sheets: readonly IndicatorSheet[];
  departments: readonly { code: string; name: string }[];
}) {
  const [category, setCategory] = useState(initialCategory ?? categories[0]?.code ?? '');
  const available = useMemo(() => sheetsForCategory(sheets, category), [sheets, category]);
  const [chosen, setChosen] = useState<string[]>(() => available.slice(0, 2).map((s) => s.code));
  const [department, setDepartment] = useState('');
  const [sort, setSort] = useState('name');
  const [page, setPage] = useState(1);
  const indicators = chosen.filter((code) => available.some((s) => s.code === code));
  const params = { indicators, category, department: department || undefined, sort, page };
  const table = useTerritoryTable(year, params);

  const toggle = (code: string) => {
    setPage(1);
    setChosen((current) => (current.includes(code) ? current.filter((c) => c !== code) : [...current, code]));
  };
  const sortOn = (key: string) => ({
    direction: sort === key ? ('ascending' as const) : sort === `-${key}` ? ('descending' as const) : null,
    onSort: () => {
      setPage(1);
      setSort(sort === key ? `-${key}` : key);
    },
  });

  const data = table.data;
  const columns: DataTableColumn<TerritoryTableRow>[] = [
    {
      key: 'name',
      header: 'Structure',
      label: 'nom de structure',
      rowHeader: true,
      sort: sortOn('name'),
      cell: (row) => (
        <>
          <Link to={paths.submissionRestitution.href(year, row.finess)}>{row.name}</Link>
          <br />
          <span className={fr.cx('fr-text--xs')}>
            FINESS <span className="tdb-code">{row.finess}</span> · dép. {row.departmentCode}
          </span>
        </>
      ),
    },
    ...(data?.indicators ?? []).map((indicator): DataTableColumn<TerritoryTableRow> => ({
      key: indicator.code,
      header: `${indicator.code} – ${indicator.label}`,
      label: indicator.label,
      sort: sortOn(indicator.code),
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
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <section aria-labelledby="restitution-tableau">
      <h2 id="restitution-tableau" className={fr.cx('fr-h4')}>
        Tableau des structures
      </h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Select
            label="Catégorie"
            nativeSelectProps={{
              value: category,
              onChange: (e) => {
                setCategory(e.target.value);
                setPage(1);
              },
            }}
          >
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </Select>
          {departments.length > 1 && (
            <Select
              label="Département"
              nativeSelectProps={{
                value: department,
                onChange: (e) => {
                  setDepartment(e.target.value);
                  setPage(1);
                },
              }}
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
          <Checkbox
            legend={`Indicateurs (${MAX_TABLE_INDICATORS} au plus)`}
            hintText={`${indicators.length} choisi${indicators.length > 1 ? 's' : ''} sur ${MAX_TABLE_INDICATORS}`}
            small
            orientation="horizontal"
            options={available.map((sheet) => ({
              label: `${sheet.code} – ${sheet.label}`,
              nativeInputProps: {
                checked: indicators.includes(sheet.code),
                disabled: !indicators.includes(sheet.code) && indicators.length >= MAX_TABLE_INDICATORS,
                onChange: () => toggle(sheet.code),
              },
            }))}
          />
        </div>
      </div>
      {indicators.length === 0 ? (
        <Alert severity="info" small description="Choisissez au moins un indicateur." />
      ) : table.isPending ? (
        <PageLoader label="Chargement du tableau…" />
      ) : table.error || !data ? (
        <QueryError error={table.error} headingAs="h3" onRetry={() => void table.refetch()} />
      ) : (
        <>
          <div className="tdb-results-header">
            <p className={fr.cx('fr-mb-1w')} role="status">
              {data.total} structure{data.total > 1 ? 's' : ''}
            </p>
            <DownloadButton
              file={territoryTableFile(year, {
                indicators,
                category,
                department: department || undefined,
                sort,
              })}
              fileName={`tableau-indicateurs-${year}.xlsx`}
              label="Télécharger le tableau (tableur)"
              format={XLSX_FORMAT}
            />
          </div>
          <RestitutionStageNotice stage={data.stage} />
          {data.stage.peers.available && <DecileLegend />}
          <DataTable
            caption={`Structures de la catégorie ${categories.find((c) => c.code === category)?.label ?? category}, campagne ${year}`}
            columns={columns}
            rows={data.rows}
            rowKey={(row) => row.finess}
            busy={table.isFetching}
            bordered
          />
          {pages > 1 && (
            <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
              <Button
                size="small"
                priority="secondary"
                disabled={page <= 1}
                onClick={() => setPage(page - 1)}
              >
                Page précédente
              </Button>
              <p className={fr.cx('fr-mb-0', 'fr-mx-2w')}>
                Page {data.page} sur {pages}
              </p>
              <Button
                size="small"
                priority="secondary"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
              >
                Page suivante
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
