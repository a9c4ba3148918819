/** Swagger descriptions of the regional support; the shapes are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import type {
  FaqEntryDto,
  FaqLevel,
  FaqSummary,
  Paginated,
  SupportAuthorityDto,
  SupportMessageDto,
  SupportQuestionStatus,
  SupportQuestionSummary,
  SupportSide,
  SupportStats,
  SupportStatsRow,
  SupportThread,
} from '@tdb/contracts';
import { SUPPORT_QUESTION_STATUSES } from '@tdb/contracts';

export class SupportAuthorityResponse implements SupportAuthorityDto {
  @ApiProperty({ enum: ['ARS', 'CD'] }) kind: 'ARS' | 'CD';
  @ApiProperty({ example: '24' }) code: string;
  @ApiProperty({ example: 'ARS Centre-Val de Loire' }) name: string;
}

export class SupportQuestionResponse implements SupportQuestionSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: '450000123' }) finess: string;
  @ApiProperty() structureName: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty() subject: string;
  @ApiProperty({ nullable: true, type: String, description: 'Page d’où la question a été posée' })
  pagePath: string | null;
  @ApiProperty({ nullable: true, type: String }) itemCode: string | null;
  @ApiProperty({ nullable: true, type: String }) indicatorCode: string | null;
  @ApiProperty({ enum: SUPPORT_QUESTION_STATUSES }) status: SupportQuestionStatus;
  @ApiProperty({ type: [SupportAuthorityResponse], description: 'Autorités destinataires' })
  authorities: SupportAuthorityResponse[];
  @ApiProperty() askedByName: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assignedToId: string | null;
  @ApiProperty({ nullable: true, type: String }) assignedToName: string | null;
  @ApiProperty() messageCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) firstAnsweredAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Version (concurrence optimiste)' }) version: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Entrée de FAQ publiée' })
  faqEntryId: string | null;
}

export class SupportQuestionPageResponse implements Paginated<SupportQuestionSummary> {
  @ApiProperty({ type: [SupportQuestionResponse] }) items: SupportQuestionResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class SupportMessageResponse implements SupportMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['STRUCTURE', 'AUTHORITY'] }) side: SupportSide;
  @ApiProperty() authorName: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class SupportThreadResponse implements SupportThread {
  @ApiProperty({ type: SupportQuestionResponse }) question: SupportQuestionResponse;
  @ApiProperty({ type: [SupportMessageResponse] }) messages: SupportMessageResponse[];
  @ApiProperty({ description: 'Peut écrire dans le fil' }) canPost: boolean;
  @ApiProperty({ description: 'Peut répondre, attribuer, clore, rouvrir et publier' }) canManage: boolean;
}

export class FaqEntryResponse implements FaqEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ enum: ['REGION', 'NATIONAL'] }) level: FaqLevel;
  @ApiProperty({ nullable: true, type: String, example: '24' }) regionCode: string | null;
  @ApiProperty({ nullable: true, type: String }) regionName: string | null;
  @ApiProperty() question: string;
  @ApiProperty() answer: string;
  @ApiProperty({ nullable: true, type: String }) itemCode: string | null;
  @ApiProperty({ nullable: true, type: String }) indicatorCode: string | null;
  @ApiProperty({ nullable: true, type: String }) categoryCode: string | null;
  @ApiProperty({ description: 'Proposée à la FAQ nationale, pas encore publiée' }) proposedNational: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt: string;
  @ApiProperty() authorityName: string;
  @ApiProperty({ description: 'Version (concurrence optimiste), à renvoyer pour retirer l’entrée' })
  version: number;
  @ApiProperty({ description: 'Vous pouvez retirer cette entrée' }) canWithdraw: boolean;
}

export class FaqSummaryResponse implements FaqSummary {
  @ApiProperty() total: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Nombre d’entrées par code de donnée',
  })
  byItem: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Nombre d’entrées par code d’indicateur',
  })
  byIndicator: Record<string, number>;
}

export class SupportStatsRowResponse implements SupportStatsRow {
  @ApiProperty({ type: SupportAuthorityResponse }) authority: SupportAuthorityResponse;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'En attente d’une première réponse' }) waiting: number;
  @ApiProperty({ description: 'Non closes' }) open: number;
  @ApiProperty() answered: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Délai médian de première réponse, en heures' })
  medianHoursToFirstAnswer: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Délai moyen de première réponse, en heures' })
  meanHoursToFirstAnswer: number | null;
}

export class SupportStatsResponse implements SupportStats {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ type: [SupportStatsRowResponse] }) rows: SupportStatsRowResponse[];
}
