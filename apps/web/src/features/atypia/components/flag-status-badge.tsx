import { Badge, type BadgeProps } from '@codegouvfr/react-dsfr/Badge';
import type { AtypiaFlagStatus } from '@tdb/contracts';
import { FLAG_STATUS_LABELS } from '../utils/labels';

const SEVERITIES: Record<AtypiaFlagStatus, BadgeProps['severity']> = {
  OPEN: 'warning',
  JUSTIFIED: 'info',
  ACCEPTED: 'success',
  TO_CORRECT: 'error',
  RESOLVED: 'success',
};

/** The status of an atypia flag (Ouvert, Justifié, Accepté, À corriger, Résolu). */
export function FlagStatusBadge({ status }: { status: AtypiaFlagStatus }) {
  return (
    <Badge severity={SEVERITIES[status]} small noIcon={status === 'RESOLVED'}>
      <span className="fr-sr-only">Statut : </span>
      {FLAG_STATUS_LABELS[status] ?? status}
    </Badge>
  );
}
