import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { SupportQuestionStatus } from '@tdb/contracts';
import { STATUS_LABELS, STATUS_SEVERITY } from '../utils/labels';

export function QuestionStatusBadge({ status }: { status: SupportQuestionStatus }) {
  return (
    <Badge as="span" small noIcon severity={STATUS_SEVERITY[status]}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
