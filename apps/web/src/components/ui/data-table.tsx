import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';

export interface DataTableColumn<Row> {
  key: string;
  header: ReactNode;
  /** Accessible name of the column, for the sort button ("Trier par nom"). */
  label?: string;
  cell: (row: Row) => ReactNode;
  /** Set when the table can be sorted on this column: the current direction, or null. */
  sort?: { direction: 'ascending' | 'descending' | null; onSort: () => void };
  /** Render the cell as a row header (th scope="row"): the column naming the row. */
  rowHeader?: boolean;
}

interface DataTableProps<Row> {
  caption: ReactNode;
  /** Keep the caption for assistive technologies only. */
  hideCaption?: boolean;
  columns: DataTableColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  id?: string;
  busy?: boolean;
  bordered?: boolean;
}

function sortButtonLabel(label: string, direction: 'ascending' | 'descending' | null): string {
  if (direction === 'ascending') return `Trier par ${label}, ordre décroissant (actuellement croissant)`;
  if (direction === 'descending') return `Trier par ${label}, ordre croissant (actuellement décroissant)`;
  return `Trier par ${label}, ordre croissant`;
}

/** A DSFR table (1.12+ markup) whose sortable columns carry aria-sort and a sort button. */
export function DataTable<Row>({
  caption,
  hideCaption,
  columns,
  rows,
  rowKey,
  id,
  busy,
  bordered,
}: DataTableProps<Row>) {
  return (
    <div
      id={id}
      className={fr.cx('fr-table', { 'fr-table--no-caption': hideCaption, 'fr-table--bordered': bordered })}
    >
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table aria-busy={busy ? true : undefined}>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column.key} scope="col" aria-sort={column.sort?.direction ?? undefined}>
                      {column.sort ? (
                        <div className="fr-cell--sort">
                          <span>{column.header}</span>
                          <button
                            type="button"
                            className={`${fr.cx('fr-btn', 'fr-btn--sort', 'fr-btn--sm')} tdb-sort-button`}
                            data-sort={column.sort.direction ?? 'none'}
                            onClick={column.sort.onSort}
                            title={sortButtonLabel(
                              column.label ?? String(column.header),
                              column.sort.direction,
                            )}
                          >
                            {sortButtonLabel(column.label ?? String(column.header), column.sort.direction)}
                          </button>
                        </div>
                      ) : (
                        column.header
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={rowKey(row)}>
                    {columns.map((column) =>
                      column.rowHeader ? (
                        <th key={column.key} scope="row">
                          {column.cell(row)}
                        </th>
                      ) : (
                        <td key={column.key}>{column.cell(row)}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
