/** Swagger descriptions of the campaigns' responses; the shapes themselves are the contracts' interfaces. */
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type {
  CampaignDatesDto,
  CampaignDetail,
  CampaignJobDto,
  CampaignPhaseCode,
  CampaignState,
  CampaignSummary,
  DomainCode,
  ItemIndicatorUse,
  SubmissionStatusCode,
} from '@tdb/contracts';
import {
  DOMAINS,
  ITEM_TYPES,
  type CategoryScope,
  type Choice,
  type Item,
  type ItemType,
} from '@tdb/dictionary';
import type { DictionaryWithUses } from '@tdb/indicators';
import { CAMPAIGN_PHASES } from '@tdb/submission-workflow';
import { CATEGORY_SCOPE_PROPERTY } from './value-schemas';

const CAMPAIGN_STATES: CampaignState[] = ['DRAFT', 'OPEN', 'CLOSED'];

/**
 * Enums that recur in the document, named once. Their description goes with each use (`enumSchema`):
 * Nest would otherwise give the enum's schema the description of the first property using it.
 */
export const PHASE_ENUM = {
  enum: CAMPAIGN_PHASES,
  enumName: 'CampaignPhaseCode',
  enumSchema: { description: 'Phase d’une campagne (selon son calendrier)' },
} as const;
export const DOMAIN_ENUM = {
  enum: DOMAINS,
  enumName: 'DomainCode',
  enumSchema: { description: 'Domaine du dictionnaire des données' },
} as const;

export class CampaignDatesResponse implements CampaignDatesDto {
  @ApiProperty({ format: 'date', example: '2026-01-15', description: 'Lancement de la campagne' })
  launch: string;
  @ApiProperty({ format: 'date', example: '2026-03-01', description: 'Mise en place des comptes' })
  accountsSetup: string;
  @ApiProperty({ format: 'date', example: '2026-04-15', description: 'Ouverture de la collecte' })
  collectionStart: string;
  @ApiProperty({ format: 'date', example: '2026-05-31', description: 'Fin de la collecte (incluse)' })
  collectionEnd: string;
  @ApiProperty({ format: 'date', example: '2026-06-01', description: 'Début de la fiabilisation' })
  fiabilisationStart: string;
  @ApiProperty({ format: 'date', example: '2026-08-31', description: 'Fin de la fiabilisation (incluse)' })
  fiabilisationEnd: string;
  @ApiProperty({ format: 'date', example: '2026-09-01', description: 'Début de la restitution' })
  restitutionStart: string;
}

export class CampaignSummaryResponse implements CampaignSummary {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 2025, description: 'Année décrite par les données (année de la campagne − 1)' })
  dataYear: number;
  @ApiProperty({ enum: CAMPAIGN_STATES }) state: CampaignState;
  @ApiProperty({ ...PHASE_ENUM, description: 'Phase du jour (calendrier de la campagne)' })
  phase: CampaignPhaseCode;
  @ApiProperty({ example: 'Collecte' }) phaseLabel: string;
  @ApiProperty({ type: CampaignDatesResponse }) dates: CampaignDatesResponse;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Jour de la clôture' })
  closedOn: string | null;
  @ApiProperty({ example: 0.9, description: 'Seuil de complétude réglementaire (0 à 1)' }) threshold: number;
  @ApiProperty({ example: '2026.1' }) dictionaryVersion: string;
  @ApiProperty({ description: 'Version (concurrence optimiste)' }) version: number;
}

/** A count of submissions by status. */
export class SubmissionCountsResponse implements Record<SubmissionStatusCode, number> {
  @ApiProperty() NOT_STARTED: number;
  @ApiProperty() IN_PROGRESS: number;
  @ApiProperty() VALIDATED: number;
  @ApiProperty() INVALIDATED: number;
  @ApiProperty() CONFIRMED: number;
}

export class CampaignDetailResponse extends CampaignSummaryResponse implements CampaignDetail {
  @ApiProperty({
    type: SubmissionCountsResponse,
    description: 'Saisies de votre périmètre par statut (structures dans le périmètre de la campagne)',
  })
  counts: SubmissionCountsResponse;
  @ApiProperty({ description: 'Structures de votre périmètre exclues de la campagne' }) excluded: number;
}

export class CampaignJobResponse implements CampaignJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ enum: ['RECOMPUTE_INDICATORS', 'RECOMPUTE_ATYPIA'] }) kind: CampaignJobDto['kind'];
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] }) status: CampaignJobDto['status'];
  @ApiProperty({ description: 'Structures à traiter' }) total: number;
  @ApiProperty({ description: 'Structures traitées' }) done: number;
  @ApiProperty({ type: String, nullable: true, description: 'Cause de l’échec' }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class DictionaryChoiceResponse implements Choice {
  @ApiProperty({ example: 'assurance_maladie' }) code: string;
  @ApiProperty({ example: 'Assurance maladie' }) label: string;
}

export class DictionaryItemResponse implements Item {
  @ApiProperty({ example: 'cpom_en_cours', description: 'Code de l’item (snake_case)' }) code: string;
  @ApiProperty({ description: 'Libellé du formulaire' }) label: string;
  @ApiPropertyOptional({ description: 'Aide à la saisie' }) help?: string;
  @ApiProperty(DOMAIN_ENUM) domain: DomainCode;
  @ApiProperty({ enum: ITEM_TYPES }) type: ItemType;
  @ApiPropertyOptional({ example: '€' }) unit?: string;
  @ApiPropertyOptional({ description: 'Borne basse (bloquante, incluse)' }) min?: number;
  @ApiPropertyOptional({ description: 'Borne haute (bloquante, incluse)' }) max?: number;
  @ApiPropertyOptional({ type: [DictionaryChoiceResponse], description: 'Choix possibles (type choice)' })
  choices?: DictionaryChoiceResponse[];
  @ApiProperty({
    ...CATEGORY_SCOPE_PROPERTY,
    description: 'Catégories concernées : ALL ou codes de catégorie',
  })
  categories: CategoryScope;
  @ApiProperty({
    ...CATEGORY_SCOPE_PROPERTY,
    description: 'Catégories où l’item est obligatoire pour valider ([] : jamais)',
  })
  requiredIn: CategoryScope;
  @ApiProperty({ description: 'Saisi une fois pour tout l’organisme gestionnaire' }) ogLevel: boolean;
  @ApiPropertyOptional({ description: 'Colonne (1 à 331) de l’export régional 2021 que l’item remplit' })
  exportColumn?: number;
  @ApiPropertyOptional({ description: 'Non compté dans la complétude' }) excludedFromCompleteness?: boolean;
}

export class ItemIndicatorUseResponse implements ItemIndicatorUse {
  @ApiProperty({ example: 'P01' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ ...CATEGORY_SCOPE_PROPERTY, description: 'Catégories où l’indicateur est calculé' })
  categories: 'ALL' | string[];
}

@ApiExtraModels(ItemIndicatorUseResponse)
export class DictionaryResponse implements DictionaryWithUses {
  @ApiProperty({ example: '2026.1' }) version: string;
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: 2025 }) dataYear: number;
  @ApiProperty({ type: [DictionaryItemResponse] }) items: DictionaryItemResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: getSchemaPath(ItemIndicatorUseResponse) } },
    description: 'Par code d’item : les indicateurs dont une formule lit l’item',
  })
  indicatorsByItem: Record<string, ItemIndicatorUseResponse[]>;
}
