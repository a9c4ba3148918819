import type { ReactNode } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { Grant } from '@tdb/contracts';
import { isGrantActive, ROLE_LABELS } from '@tdb/access';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { formatDate } from '@/lib/format';
import { grantDomainsLabel, grantRightsLabel } from '../utils/labels';
import { DUPLICATE_PRINCIPAL_BADGE } from '../utils/principal-seat';

export function validityText(grant: Pick<Grant, 'validFrom' | 'validUntil'>): string {
  const from = formatDate(grant.validFrom);
  const until = formatDate(grant.validUntil);
  if (from && until) return `Du ${from} au ${until}`;
  if (until) return `Jusqu'au ${until}`;
  if (from) return `À partir du ${from}`;
  return 'Sans limite';
}

interface GrantsTableProps {
  grants: Grant[];
  caption: string;
  /** Keep the caption for assistive technologies only (when a heading already says it). */
  hideCaption?: boolean;
  today: string;
  /** An action per row (e.g. "Retirer"). */
  actions?: (grant: Grant) => ReactNode;
}

/** The profiles of an account: organisation, role, rights, entry domains, validity. */
export function GrantsTable({ grants, caption, hideCaption, today, actions }: GrantsTableProps) {
  const columns: DataTableColumn<Grant>[] = [
    { key: 'organisation', header: 'Organisation', rowHeader: true, cell: (g) => g.organisationLabel },
    {
      key: 'role',
      header: 'Rôle',
      cell: (g) => (
        <>
          {ROLE_LABELS[g.role]}
          {g.duplicatePrincipal && (
            <>
              {' '}
              <Badge as="span" severity="warning" small noIcon>
                {DUPLICATE_PRINCIPAL_BADGE}
              </Badge>
            </>
          )}
        </>
      ),
    },
    { key: 'rights', header: 'Droits', cell: (g) => grantRightsLabel(g) },
    { key: 'domains', header: 'Domaines de saisie', cell: (g) => grantDomainsLabel(g) },
    {
      key: 'validity',
      header: 'Validité',
      cell: (g) => (
        <>
          {validityText(g)}
          {!isGrantActive(g, today) && (
            <>
              {' '}
              <Badge as="span" severity="warning" small noIcon>
                {g.validFrom && g.validFrom > today ? 'À venir' : 'Expirée'}
              </Badge>
            </>
          )}
        </>
      ),
    },
  ];
  if (actions)
    columns.push({ key: 'actions', header: <span className="fr-sr-only">Actions</span>, cell: actions });
  return (
    <DataTable
      caption={caption}
      hideCaption={hideCaption ?? false}
      columns={columns}
      rows={grants}
      rowKey={(g) => g.id}
      bordered
    />
  );
}
