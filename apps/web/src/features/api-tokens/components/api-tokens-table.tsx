import type { ReactNode } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ApiTokenInfo } from '@tdb/contracts';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { formatDate, formatDateTime } from '@/lib/format';
import { API_TOKEN_STATUS_LABELS, API_TOKEN_STATUS_SEVERITIES, apiTokenStatus } from '../utils/token-status';

/** Name, organisation, dates and status of each token; `actions` adds a last column (e.g. "Révoquer"). */
export function ApiTokensTable({
  tokens,
  now,
  busy,
  actions,
}: {
  tokens: ApiTokenInfo[];
  now: Date;
  busy?: boolean;
  actions?: (token: ApiTokenInfo) => ReactNode;
}) {
  const columns: DataTableColumn<ApiTokenInfo>[] = [
    { key: 'name', header: 'Nom', rowHeader: true, cell: (t) => t.name },
    { key: 'organisation', header: 'Organisation', cell: (t) => t.organisationLabel },
    { key: 'created', header: 'Créé le', cell: (t) => formatDate(t.createdAt) },
    {
      key: 'used',
      header: 'Dernière utilisation',
      cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="tdb-muted">Jamais</span>),
    },
    {
      key: 'expires',
      header: 'Expiration',
      cell: (t) =>
        t.expiresAt ? formatDate(t.expiresAt) : <span className="tdb-muted">Sans expiration</span>,
    },
    {
      key: 'status',
      header: 'Statut',
      cell: (t) => {
        const status = apiTokenStatus(t, now);
        return (
          <Badge as="span" severity={API_TOKEN_STATUS_SEVERITIES[status]} small noIcon>
            {API_TOKEN_STATUS_LABELS[status]}
            {status === 'REVOKED' && t.revokedAt ? ` le ${formatDate(t.revokedAt)}` : ''}
          </Badge>
        );
      },
    },
  ];
  if (actions) {
    columns.push({
      key: 'actions',
      header: <span className="fr-sr-only">Actions</span>,
      cell: actions,
    });
  }
  return (
    <DataTable
      caption="Jetons d'API"
      hideCaption
      columns={columns}
      rows={tokens}
      rowKey={(t) => t.id}
      busy={busy ?? false}
    />
  );
}
