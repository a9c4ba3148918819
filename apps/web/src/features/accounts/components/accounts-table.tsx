import { Link } from 'react-router';
import type { Account } from '@tdb/contracts';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { ROLE_LABELS } from '@tdb/access';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { AccountStatusBadge } from './account-status-badge';
import { DUPLICATE_PRINCIPAL_BADGE } from '../utils/principal-seat';
import { paths } from '@/lib/paths';

export function accountName(account: Pick<Account, 'firstName' | 'lastName'>): string {
  return `${account.lastName.toUpperCase()} ${account.firstName}`.trim();
}

export function AccountsTable({
  accounts,
  caption,
  busy,
}: {
  accounts: Account[];
  caption: string;
  busy?: boolean;
}) {
  const columns: DataTableColumn<Account>[] = [
    {
      key: 'name',
      header: 'Nom',
      rowHeader: true,
      cell: (a) => <Link to={paths.user.href(a.id)}>{accountName(a)}</Link>,
    },
    { key: 'email', header: 'Adresse électronique', cell: (a) => a.email },
    {
      key: 'grants',
      header: 'Organisations et rôles',
      cell: (a) =>
        a.grants.length === 0 ? (
          <span className="tdb-muted">Aucune habilitation</span>
        ) : (
          <ul className="tdb-plain-list">
            {a.grants.map((g) => (
              <li key={g.id}>
                {g.organisationLabel} – {ROLE_LABELS[g.role]}
                {g.duplicatePrincipal && (
                  <>
                    {' '}
                    <Badge as="span" severity="warning" small noIcon>
                      {DUPLICATE_PRINCIPAL_BADGE}
                    </Badge>
                  </>
                )}
              </li>
            ))}
          </ul>
        ),
    },
    { key: 'status', header: 'Statut', cell: (a) => <AccountStatusBadge status={a.status} /> },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={accounts}
      rowKey={(a) => a.id}
      busy={busy ?? false}
    />
  );
}
