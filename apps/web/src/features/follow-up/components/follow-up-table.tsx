import { useState } from 'react';
import type { FollowUpRow } from '@tdb/contracts';
import { STATUS_LABELS } from '@tdb/submission-workflow';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { formatInteger } from '@/lib/format';
import { STATUSES } from './follow-up-totals';

type SortKey = 'department' | 'category' | 'total';
type Direction = 'ascending' | 'descending';

function compare(a: FollowUpRow, b: FollowUpRow, key: SortKey): number {
  if (key === 'total') return a.total - b.total;
  if (key === 'category') return a.categoryLabel.localeCompare(b.categoryLabel, 'fr');
  return a.departmentCode.localeCompare(b.departmentCode, 'fr', { numeric: true });
}

/** Submissions by department × category: one column per status, and the total; sortable. */
export function FollowUpTable({ rows, busy }: { rows: FollowUpRow[]; busy?: boolean }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({
    key: 'department',
    direction: 'ascending',
  });
  const sorted = [...rows].sort((a, b) => {
    const primary = compare(a, b, sort.key);
    const tie = primary !== 0 ? primary : compare(a, b, sort.key === 'category' ? 'department' : 'category');
    return sort.direction === 'ascending' ? tie : -tie;
  });
  const sortOf = (key: SortKey) => ({
    direction: sort.key === key ? sort.direction : null,
    onSort: () =>
      setSort((current) => ({
        key,
        direction: current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending',
      })),
  });

  const columns: DataTableColumn<FollowUpRow>[] = [
    {
      key: 'department',
      header: 'Département',
      label: 'département',
      rowHeader: true,
      sort: sortOf('department'),
      cell: (row) => `${row.departmentCode} – ${row.departmentName}`,
    },
    {
      key: 'category',
      header: 'Catégorie',
      label: 'catégorie',
      sort: sortOf('category'),
      cell: (row) => row.categoryLabel,
    },
    ...STATUSES.map((status): DataTableColumn<FollowUpRow> => ({
      key: status,
      header: STATUS_LABELS[status],
      cell: (row) => formatInteger(row.counts[status] ?? 0),
    })),
    {
      key: 'total',
      header: 'Total',
      label: 'total',
      sort: sortOf('total'),
      cell: (row) => <strong>{formatInteger(row.total)}</strong>,
    },
  ];

  return (
    <DataTable<FollowUpRow>
      caption="Saisies par département et catégorie"
      hideCaption
      bordered
      busy={busy}
      rows={sorted}
      rowKey={(row) => `${row.departmentCode}-${row.categoryCode}`}
      columns={columns}
    />
  );
}
