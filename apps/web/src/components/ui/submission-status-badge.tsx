import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { SubmissionStatusCode } from '@tdb/contracts';
import { STATUS_LABELS } from '@tdb/submission-workflow';

const STATUS_SEVERITIES: Record<
  SubmissionStatusCode,
  'info' | 'success' | 'error' | 'warning' | 'new' | undefined
> = {
  NOT_STARTED: undefined,
  IN_PROGRESS: 'info',
  VALIDATED: 'success',
  INVALIDATED: 'error',
  CONFIRMED: 'new',
};

export function SubmissionStatusBadge({ status }: { status: SubmissionStatusCode }) {
  const severity = STATUS_SEVERITIES[status];
  return (
    <Badge as="span" small noIcon {...(severity ? { severity } : {})}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
