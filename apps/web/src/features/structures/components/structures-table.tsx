import { Link } from 'react-router';
import type { ReferenceCategory, StructureSort, StructureSummary } from '@tdb/contracts';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { nextSort, sortDirection, type SortableField } from '../utils/search-params';
import { paths } from '@/lib/paths';

interface StructuresTableProps {
  structures: StructureSummary[];
  caption: string;
  /** Categories by code, for their short labels; the API label is used without them. */
  categories?: ReadonlyMap<string, ReferenceCategory>;
  /** Given: the columns can be sorted (server-side). */
  sorting?: { sort: StructureSort; onSort: (sort: StructureSort) => void };
  busy?: boolean;
  /** Hide the managing organisation column (on the organisation's own page). */
  hideOrganisation?: boolean;
}

export function CategoryCell({
  structure,
  categories,
}: {
  structure: Pick<StructureSummary, 'categoryCode' | 'categoryLabel'>;
  categories?: ReadonlyMap<string, ReferenceCategory>;
}) {
  const short = categories?.get(structure.categoryCode)?.shortLabel;
  if (!short || short === structure.categoryLabel) return <>{structure.categoryLabel}</>;
  return (
    <span title={structure.categoryLabel}>
      {short}
      <span className="fr-sr-only"> ({structure.categoryLabel})</span>
    </span>
  );
}

export function StructuresTable({
  structures,
  caption,
  categories,
  sorting,
  busy,
  hideOrganisation,
}: StructuresTableProps) {
  const sortable = (field: SortableField) =>
    sorting
      ? {
          direction: sortDirection(sorting.sort, field),
          onSort: () => sorting.onSort(nextSort(sorting.sort, field)),
        }
      : undefined;

  const columns: DataTableColumn<StructureSummary>[] = [
    {
      key: 'finess',
      header: 'FINESS',
      label: 'numéro FINESS',
      cell: (s) => <span className="tdb-code">{s.finess}</span>,
      sort: sortable('finess'),
    },
    {
      key: 'name',
      header: 'Nom',
      label: 'nom',
      rowHeader: true,
      cell: (s) => (
        <Link to={paths.structure.href(s.finess)} className="fr-link">
          {s.name}
        </Link>
      ),
      sort: sortable('name'),
    },
    {
      key: 'category',
      header: 'Catégorie',
      label: 'catégorie',
      cell: (s) => <CategoryCell structure={s} categories={categories} />,
      sort: sortable('category'),
    },
    {
      key: 'department',
      header: 'Département',
      label: 'département',
      cell: (s) => `${s.departmentCode} – ${s.departmentName}`,
      sort: sortable('department'),
    },
    {
      key: 'city',
      header: 'Commune',
      cell: (s) => s.city ?? <span className="tdb-muted">Non renseignée</span>,
    },
  ];
  if (!hideOrganisation) {
    columns.push({
      key: 'og',
      header: 'Organisme gestionnaire',
      cell: (s) => (
        <Link to={paths.organisation.href(s.ogFiness)} className="fr-link">
          {s.ogName ?? `FINESS juridique ${s.ogFiness}`}
        </Link>
      ),
    });
  }

  return (
    <DataTable
      caption={caption}
      hideCaption
      columns={columns}
      rows={structures}
      rowKey={(s) => s.finess}
      busy={busy}
      bordered
    />
  );
}
