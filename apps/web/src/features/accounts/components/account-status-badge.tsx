import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { AccountStatus } from '@tdb/contracts';
import { STATUS_LABELS, STATUS_SEVERITIES } from '../utils/labels';

export function AccountStatusBadge({ status }: { status: AccountStatus }) {
  return (
    <Badge as="span" severity={STATUS_SEVERITIES[status]} small noIcon>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
