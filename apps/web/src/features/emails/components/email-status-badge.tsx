import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { SentEmail } from '@tdb/contracts';

export const EMAIL_STATUS_LABELS: Readonly<Record<SentEmail['status'], string>> = {
  stored: 'Enregistré (non envoyé)',
  sent: 'Envoyé',
  failed: 'Échec de l’envoi',
};

const SEVERITIES = { stored: 'info', sent: 'success', failed: 'error' } as const;

export function EmailStatusBadge({ status }: { status: SentEmail['status'] }) {
  return (
    <Badge as="span" severity={SEVERITIES[status]} small noIcon>
      {EMAIL_STATUS_LABELS[status]}
    </Badge>
  );
}
