import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { SubmissionStatusCode } from '@tdb/contracts';
import { STATUS_LABELS } from '@tdb/submission-workflow';
import { STATUS_SEVERITIES } from '../utils/values';

export function SubmissionStatusBadge({ status }: { status: SubmissionStatusCode }) {
  const severity = STATUS_SEVERITIES[status];
  return (
    <Badge as="span" small noIcon {...(severity ? { severity } : {})}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
