import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { RestitutionStage } from '@tdb/contracts';
import { formatDateFr } from '@tdb/submission-workflow';

/**
 * What the API said of the campaign's stage (ADR 0013): before the restitution, a structure's users
 * read their own provisional values and why the comparisons are missing; authorities read
 * provisional distributions. Nothing once the restitution is open.
 */
export function RestitutionStageNotice({
  stage,
  className = fr.cx('fr-mb-3w'),
}: {
  stage: RestitutionStage;
  className?: string;
}) {
  if (!stage.provisional && stage.peers.available) return null;
  if (!stage.peers.available) {
    return (
      <Alert
        severity="info"
        className={className}
        title={`Restitution provisoire : comparaisons à partir du ${formatDateFr(stage.peers.availableFrom)}`}
        description={[stage.peers.reason, stage.notice].filter(Boolean).join(' ')}
      />
    );
  }
  return (
    <Alert
      severity="warning"
      small
      className={className}
      description={stage.notice ?? 'Chiffres provisoires.'}
    />
  );
}
