import type { ActionOptionDto, SubmissionExtension } from '@tdb/contracts';
import {
  asSentence,
  extensionRefusal,
  formatDateFr,
  type CampaignPhase,
  type WorkflowRole,
} from '@tdb/submission-workflow';
import { datesOf, type CampaignRow } from '../campaign-core/campaign-row';
import type { SubmissionRow } from '../campaign-core/submission-context';

/** The extension of a submission row as the API answers it (null when none). */
export function extensionOf(row: SubmissionRow, today: string): SubmissionExtension | null {
  if (!row.extended_until) return null;
  const current = today <= row.extended_until;
  const until = formatDateFr(row.extended_until);
  const authority = row.extension_authority ?? '';
  return {
    until: row.extended_until,
    reason: row.extension_reason ?? '',
    grantedBy: row.extension_by ?? '',
    authority,
    grantedAt: new Date(row.extension_granted_at ?? 0).toISOString(),
    current,
    label: current
      ? `Délai accordé par ${authority} jusqu'au ${until} inclus.`
      : `Le délai accordé par ${authority} a pris fin le ${until}.`,
  };
}

/** Whether the caller may grant or withdraw an extension of this submission now, and if not why. */
export function extensionAction(
  role: WorkflowRole | null,
  row: SubmissionRow,
  campaign: CampaignRow,
  phase: CampaignPhase,
  today: string,
): ActionOptionDto<'EXTEND'> {
  const refusal = role
    ? extensionRefusal({
        role,
        competence: row.competence,
        phase,
        today,
        dates: datesOf(campaign),
        status: row.status,
      })?.reason
    : "cette structure n'est pas dans votre périmètre";
  return refusal
    ? { action: 'EXTEND', allowed: false, reason: asSentence(refusal) }
    : { action: 'EXTEND', allowed: true, reason: null };
}
