/** Swagger descriptions of the campaign follow-up; the shapes themselves are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import type { CampaignPhaseCode, FollowUp, FollowUpRow, LateStructure } from '@tdb/contracts';
import { PHASE_ENUM, SubmissionCountsResponse } from './campaign.response';
import { SubmissionSummaryResponse } from './submission.response';

export class FollowUpRowResponse implements FollowUpRow {
  @ApiProperty({ example: '18' }) departmentCode: string;
  @ApiProperty({ example: 'Cher' }) departmentName: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty() categoryLabel: string;
  @ApiProperty({ type: SubmissionCountsResponse }) counts: SubmissionCountsResponse;
  @ApiProperty() total: number;
}

export class LateStructureResponse extends SubmissionSummaryResponse implements LateStructure {
  @ApiProperty({ description: 'Jours restants (≥ 0 pendant la collecte, < 0 une fois la date passée)' })
  daysLeft: number;
  @ApiProperty({ description: 'Date limite dépassée' }) overdue: boolean;
}

export class FollowUpResponse implements FollowUp {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty(PHASE_ENUM) phase: CampaignPhaseCode;
  @ApiProperty({ type: SubmissionCountsResponse, description: 'Saisies de votre périmètre par statut' })
  totals: SubmissionCountsResponse;
  @ApiProperty() total: number;
  @ApiProperty({ type: [FollowUpRowResponse], description: 'Par département et catégorie' })
  rows: FollowUpRowResponse[];
  @ApiProperty({
    type: [LateStructureResponse],
    description: 'Structures du périmètre qui n’ont pas validé, collecte ouverte ou passée',
  })
  late: LateStructureResponse[];
}
