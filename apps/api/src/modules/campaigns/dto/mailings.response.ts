/** Swagger descriptions of the campaign emails' responses; the shapes themselves are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import type { CampaignMailing, CampaignMailingKind, MailingPreview, MailingResult } from '@tdb/contracts';

export class MailingSampleResponse {
  @ApiProperty({ description: 'Premier destinataire' }) to: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
}

export class MailingResultResponse implements MailingResult {
  @ApiProperty({ description: 'Structures concernées' }) structures: number;
  @ApiProperty({ description: 'Courriels envoyés (comptes actifs des structures)' }) recipients: number;
  @ApiProperty({ description: 'Structures sans compte à qui écrire' }) withoutRecipient: number;
}

export class MailingPreviewResponse extends MailingResultResponse implements MailingPreview {
  @ApiProperty({ description: 'Objet (modèle, variables entre accolades)' }) subject: string;
  @ApiProperty({ description: 'Corps du message (modèle, variables entre accolades)' }) body: string;
  @ApiProperty({
    type: MailingSampleResponse,
    nullable: true,
    description: 'Le courriel de la première structure destinataire, variables remplacées',
  })
  sample: MailingSampleResponse | null;
}

export class CampaignMailingResponse implements CampaignMailing {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ enum: ['LAUNCH', 'REMINDER'] }) kind: CampaignMailingKind;
  @ApiProperty({ enum: ['NATIONAL', 'ARS', 'CD'] }) organisationKind: 'NATIONAL' | 'ARS' | 'CD';
  @ApiProperty({ example: '24' }) organisationCode: string;
  @ApiProperty({ example: 'ARS Centre-Val de Loire' }) organisationName: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Courriels envoyés' }) recipients: number;
  @ApiProperty({ description: 'Structures concernées' }) structures: number;
  @ApiProperty({ type: String, nullable: true, description: 'Qui a envoyé' }) sentBy: string | null;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
}
