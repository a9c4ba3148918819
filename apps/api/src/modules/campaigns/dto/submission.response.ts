/** Swagger descriptions of the submissions' responses; the shapes themselves are the contracts' interfaces. */
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type {
  ActionOptionDto,
  AtypiaFlagDto,
  AtypiaFlagStatus,
  AtypiaKind,
  BulkResult,
  CompletenessDto,
  CompletenessPartDto,
  DomainCode,
  EntryAssignment,
  ExtendCollectionResult,
  IndicatorAxisCode,
  IndicatorShareDto,
  IndicatorValueDto,
  ItemIssue,
  ItemValue,
  OgSubmissionDetail,
  Paginated,
  RegisterValueDto,
  ScopeImportResult,
  SubmissionActionCode,
  SubmissionDetail,
  SubmissionExtension,
  SubmissionStatusCode,
  SubmissionSummary,
  TransitionDto,
  ValueHistoryEntry,
  ValueMap,
  ValueSource,
  WorkflowRoleCode,
} from '@tdb/contracts';
import { SUBMISSION_ACTIONS, SUBMISSION_STATUSES, WORKFLOW_ROLES } from '@tdb/submission-workflow';
import { CampaignSummaryResponse, DOMAIN_ENUM } from './campaign.response';
import { ReferentResponse } from './referents.response';
import { ITEM_VALUE_PROPERTY, VALUE_MAP_PROPERTY } from './value-schemas';

/** Enums that recur in the document, named once (see PHASE_ENUM for `enumSchema`). */
const STATUS_ENUM = {
  enum: SUBMISSION_STATUSES,
  enumName: 'SubmissionStatusCode',
  enumSchema: { description: 'Statut d’une saisie' },
} as const;
const ACTION_ENUM = {
  enum: SUBMISSION_ACTIONS,
  enumName: 'SubmissionActionCode',
  enumSchema: { description: 'Action sur une saisie (SAVE : enregistrer des valeurs)' },
} as const;
const COMPETENCE_ENUM = {
  enum: ['ARS', 'CD', 'SHARED'],
  enumName: 'Competence',
  enumSchema: { description: 'Autorité compétente : ARS, Département (CD) ou les deux (SHARED)' },
} as const;
const ROLE_ENUM = {
  enum: WORKFLOW_ROLES,
  enumName: 'WorkflowRoleCode',
  enumSchema: { description: 'Rôle de la personne sur une saisie' },
} as const;
const VALUE_SOURCES: ValueSource[] = ['FORM', 'EXCEL', 'BULK', 'PREVIOUS_YEAR', 'SEED', 'REGISTER'];

export class RegisterValueResponse implements RegisterValueDto {
  @ApiProperty({ example: 'lits_places_installes_permanent' }) itemCode: string;
  @ApiProperty({ example: 'FINESS_EQUIPEMENTS', description: 'Registre source' }) source: string;
  @ApiProperty({ example: 'FINESS', description: 'Nom du registre affiché (« Issu de FINESS au … »)' })
  sourceLabel: string;
  @ApiProperty({ example: 80, description: 'Valeur du registre' }) value: number;
  @ApiProperty({ format: 'date', example: '2026-01-15', description: 'Date du fichier du registre' })
  sourceDate: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Valeur reportée dans la saisie par le pré-remplissage (null : jamais pré-remplie)',
  })
  prefilledValue: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Date du registre reporté' })
  prefilledSourceDate: string | null;
}

export class SubmissionExtensionResponse implements SubmissionExtension {
  @ApiProperty({ format: 'date', example: '2026-06-30', description: 'Dernier jour de saisie (inclus)' })
  until: string;
  @ApiProperty({ description: 'Motif communiqué à la structure' }) reason: string;
  @ApiProperty({ description: 'Qui l’a accordé' }) grantedBy: string;
  @ApiProperty({ example: 'ARS Centre-Val de Loire' }) authority: string;
  @ApiProperty({ format: 'date-time' }) grantedAt: string;
  @ApiProperty({ description: 'Vrai tant que le dernier jour n’est pas passé (heure de Paris)' })
  current: boolean;
  @ApiProperty({ example: "Délai accordé par ARS Centre-Val de Loire jusqu'au 30 juin 2026 inclus." })
  label: string;
}

export class SubmissionSummaryResponse implements SubmissionSummary {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: '180000123' }) finess: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty() categoryLabel: string;
  @ApiProperty({ example: '18' }) departmentCode: string;
  @ApiProperty({ example: '24' }) regionCode: string;
  @ApiProperty({ description: 'FINESS juridique de l’organisme gestionnaire' }) ogFiness: string;
  @ApiProperty(COMPETENCE_ENUM) competence: 'ARS' | 'CD' | 'SHARED';
  @ApiProperty({ description: 'Dans le périmètre de la campagne' }) inScope: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Motif de l’exclusion' })
  scopeReason: string | null;
  @ApiProperty(STATUS_ENUM) status: SubmissionStatusCode;
  @ApiProperty({ example: 'En cours' }) statusLabel: string;
  @ApiProperty({ description: 'Compétence partagée : le Département a marqué la saisie consultée' })
  consultedByCd: boolean;
  @ApiProperty({ example: 0.85, description: 'Complétude (0 à 1)' }) completeness: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Version (concurrence optimiste)' }) version: number;
  @ApiProperty({
    type: SubmissionExtensionResponse,
    nullable: true,
    description: 'Le délai de saisie accordé, s’il y en a un (même passé)',
  })
  extension: SubmissionExtensionResponse | null;
}

export class SubmissionPageResponse implements Paginated<SubmissionSummary> {
  @ApiProperty({ type: [SubmissionSummaryResponse] }) items: SubmissionSummaryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CompletenessPartResponse implements CompletenessPartDto {
  @ApiProperty({ description: 'Items remplis' }) filled: number;
  @ApiProperty({ description: 'Items attendus' }) expected: number;
  @ApiProperty({ example: 0.85, description: 'Part remplie (0 à 1)' }) ratio: number;
}

/** Completeness by domain of the dictionary. */
export class CompletenessByDomainResponse implements Record<DomainCode, CompletenessPartDto> {
  @ApiProperty({ type: CompletenessPartResponse }) CARACTERISATION: CompletenessPartResponse;
  @ApiProperty({ type: CompletenessPartResponse }) PRESTATIONS: CompletenessPartResponse;
  @ApiProperty({ type: CompletenessPartResponse }) RESSOURCES_HUMAINES: CompletenessPartResponse;
  @ApiProperty({ type: CompletenessPartResponse }) FINANCES: CompletenessPartResponse;
  @ApiProperty({ type: CompletenessPartResponse }) SYSTEME_INFORMATION: CompletenessPartResponse;
  @ApiProperty({ type: CompletenessPartResponse }) DEVELOPPEMENT_DURABLE: CompletenessPartResponse;
}

export class CompletenessResponse extends CompletenessPartResponse implements CompletenessDto {
  @ApiProperty({ type: CompletenessByDomainResponse }) byDomain: CompletenessByDomainResponse;
}

export class ItemIssueResponse implements ItemIssue {
  @ApiProperty() itemCode: string;
  @ApiProperty() itemLabel: string;
  @ApiProperty(DOMAIN_ENUM) domain: DomainCode;
  @ApiProperty() message: string;
  @ApiProperty({ description: 'Bloquante : empêche la validation ; sinon, simple alerte' }) blocking: boolean;
}

export class SubmissionActionOptionResponse implements ActionOptionDto<SubmissionActionCode> {
  @ApiProperty(ACTION_ENUM) action: SubmissionActionCode;
  @ApiProperty() allowed: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Pourquoi pas, quand refusée (avec sa date)' })
  reason: string | null;
}

export class ExtensionActionOptionResponse implements ActionOptionDto<'EXTEND'> {
  @ApiProperty({ enum: ['EXTEND'] }) action: 'EXTEND';
  @ApiProperty() allowed: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Pourquoi pas, quand refusée' })
  reason: string | null;
}

export class SubmissionTransitionResponse implements TransitionDto {
  @ApiProperty(ACTION_ENUM) action: SubmissionActionCode;
  @ApiProperty({ example: 'Valider' }) actionLabel: string;
  @ApiProperty(STATUS_ENUM) from: SubmissionStatusCode;
  @ApiProperty(STATUS_ENUM) to: SubmissionStatusCode;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() actorName: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class EntryAssignmentResponse implements EntryAssignment {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({
    example: 'APE',
    description: '« APE », ou les droits d’un utilisateur (« ENTRY, VALIDATION »)',
  })
  role: string;
  @ApiProperty({ ...DOMAIN_ENUM, isArray: true, nullable: true, description: 'null : tous les domaines' })
  domains: DomainCode[] | null;
  @ApiProperty({ type: CompletenessPartResponse, description: 'Complétude des domaines confiés' })
  completeness: CompletenessPartResponse;
}

export class IndicatorShareResponse implements IndicatorShareDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() value: number;
  @ApiProperty({ description: 'Part (0 à 1)' }) share: number;
}

const AXES: IndicatorAxisCode[] = ['PRESTATIONS', 'RESSOURCES', 'FINANCES', 'OBJECTIFS'];

export class IndicatorValueResponse implements IndicatorValueDto {
  @ApiProperty({ example: 'P01' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: AXES }) axis: IndicatorAxisCode;
  @ApiProperty({ example: '%' }) unit: string;
  @ApiProperty({ enum: ['ratio', 'value', 'distribution'] }) kind: IndicatorValueDto['kind'];
  @ApiProperty() computable: boolean;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: [IndicatorShareResponse], nullable: true, description: 'Parts (répartition)' })
  parts: IndicatorShareResponse[] | null;
  @ApiProperty({ type: String, nullable: true, description: 'Pourquoi non calculable (code)' })
  reasonCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Pourquoi non calculable (en français)' })
  reason: string | null;
  @ApiProperty({ description: 'Définition provisoire' }) provisional: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Le même indicateur, campagne précédente' })
  previousValue: number | null;
  @ApiProperty({ example: '2026.1' }) dictionaryVersion: string;
}

/** The change versus N-1 a bounds or peer flag carries in its reference. */
export class FlagYearOverYearResponse {
  @ApiProperty({ description: 'Valeur de la campagne précédente' }) previous: number;
  @ApiPropertyOptional({ description: 'Évolution relative (0,4 = +40 %), absente si N-1 vaut 0' })
  relativeChange?: number;
}

const FLAG_STATUSES: AtypiaFlagStatus[] = ['OPEN', 'JUSTIFIED', 'ACCEPTED', 'TO_CORRECT', 'RESOLVED'];
const FLAG_KINDS: AtypiaKind[] = ['bounds', 'coherence', 'year_over_year', 'peer_outlier'];

@ApiExtraModels(FlagYearOverYearResponse)
export class AtypiaFlagResponse implements AtypiaFlagDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: '180000123' }) finess: string;
  @ApiProperty() ruleCode: string;
  @ApiProperty() ruleLabel: string;
  @ApiProperty({ enum: FLAG_KINDS }) kind: AtypiaKind;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) severity: string;
  @ApiProperty({ enum: ['item', 'indicator'] }) targetKind: 'item' | 'indicator';
  @ApiProperty({ description: 'Code de la donnée ou de l’indicateur' }) targetCode: string;
  @ApiProperty({ type: Number, nullable: true, description: 'La valeur quand la règle s’est déclenchée' })
  value: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      oneOf: [
        { type: 'number' },
        { type: 'string' },
        { type: 'boolean' },
        { $ref: getSchemaPath(FlagYearOverYearResponse) },
      ],
    },
    description:
      'Les chiffres de la règle, selon son genre : min, max, bound (bornes) ; left, right, operator, gap, ' +
      'tolerance (cohérence) ; previous, change, delta, ratio (évolution) ; groupe de pairs, quartiles, ' +
      'lowerBound, upperBound, side (pairs) ; yearOverYear (évolution sur N-1)',
  })
  reference: Record<string, unknown>;
  @ApiProperty({ description: 'Pourquoi, en chiffres et en français' }) message: string;
  @ApiProperty({ enum: FLAG_STATUSES }) status: AtypiaFlagStatus;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SubmissionDetailResponse extends SubmissionSummaryResponse implements SubmissionDetail {
  @ApiProperty({ type: CampaignSummaryResponse }) campaign: CampaignSummaryResponse;
  @ApiProperty() ogName: string;
  @ApiProperty({ ...VALUE_MAP_PROPERTY, description: 'Valeurs de la structure par code d’item' })
  values: ValueMap;
  @ApiProperty({
    ...VALUE_MAP_PROPERTY,
    description: 'Valeurs des items saisis par l’organisme gestionnaire',
  })
  ogValues: ValueMap;
  @ApiProperty({ description: 'Version des items de l’organisme gestionnaire' }) ogVersion: number;
  @ApiProperty({ ...VALUE_MAP_PROPERTY, description: 'Valeurs de la campagne précédente (N-1)' })
  previousValues: ValueMap;
  @ApiProperty({ type: Number, nullable: true, description: 'Année des valeurs N-1' })
  previousYear: number | null;
  @ApiProperty({ type: CompletenessResponse }) completenessDetail: CompletenessResponse;
  @ApiProperty({ type: [ItemIssueResponse] }) issues: ItemIssueResponse[];
  @ApiProperty({ ...ACTION_ENUM, isArray: true, description: 'Actions possibles maintenant' })
  availableActions: SubmissionActionCode[];
  @ApiProperty({
    type: [SubmissionActionOptionResponse],
    description: 'Chaque action, avec le motif du refus quand elle est impossible',
  })
  actions: SubmissionActionOptionResponse[];
  @ApiProperty({
    type: ExtensionActionOptionResponse,
    description: 'Accorder ou retirer un délai : possible maintenant, sinon pourquoi',
  })
  extensionAction: ExtensionActionOptionResponse;
  @ApiProperty({ ...ROLE_ENUM, nullable: true, description: 'Votre rôle sur cette saisie' })
  role: WorkflowRoleCode | null;
  @ApiProperty({
    ...DOMAIN_ENUM,
    isArray: true,
    description: 'Domaines que vous pouvez saisir ([] : lecture)',
  })
  editableDomains: DomainCode[];
  @ApiProperty({ description: 'Vous pouvez saisir les items de l’organisme gestionnaire' })
  canEditOgItems: boolean;
  @ApiProperty({ type: [SubmissionTransitionResponse], description: 'Historique des statuts' })
  transitions: SubmissionTransitionResponse[];
  @ApiProperty({ type: [ReferentResponse], description: 'Référents TDB de l’ARS et du Département' })
  referents: ReferentResponse[];
  @ApiProperty({ type: [EntryAssignmentResponse], description: 'Qui saisit quoi dans la structure' })
  assignments: EntryAssignmentResponse[];
  @ApiProperty({ type: [IndicatorValueResponse] }) indicators: IndicatorValueResponse[];
  @ApiProperty({ type: [AtypiaFlagResponse], description: 'Signalements d’atypie ouverts' })
  flags: AtypiaFlagResponse[];
  @ApiProperty({
    type: [RegisterValueResponse],
    description:
      'Valeurs des registres de l’État (FINESS) pour les items de la structure : pré-remplissage et cohérence',
  })
  registerValues: RegisterValueResponse[];
}

export class ValueHistoryEntryResponse implements ValueHistoryEntry {
  @ApiProperty() itemCode: string;
  @ApiProperty({ ...ITEM_VALUE_PROPERTY, description: 'Ancienne valeur' }) oldValue: ItemValue;
  @ApiProperty({ ...ITEM_VALUE_PROPERTY, description: 'Nouvelle valeur' }) newValue: ItemValue;
  @ApiProperty({ enum: VALUE_SOURCES, description: 'Formulaire, grille, envoi groupé, reprise N-1…' })
  source: ValueSource;
  @ApiProperty() actorName: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

type OgStructure = OgSubmissionDetail['structures'][number];

export class OgStructureResponse extends SubmissionSummaryResponse implements OgStructure {
  @ApiProperty(VALUE_MAP_PROPERTY) values: ValueMap;
  @ApiProperty(VALUE_MAP_PROPERTY) previousValues: ValueMap;
  @ApiProperty({ ...ACTION_ENUM, isArray: true }) availableActions: SubmissionActionCode[];
  @ApiProperty({ ...DOMAIN_ENUM, isArray: true }) editableDomains: DomainCode[];
  @ApiProperty({ ...ROLE_ENUM, nullable: true }) role: WorkflowRoleCode | null;
  @ApiProperty({ type: [ItemIssueResponse] }) issues: ItemIssueResponse[];
}

export class OgSubmissionDetailResponse implements OgSubmissionDetail {
  @ApiProperty({ type: CampaignSummaryResponse }) campaign: CampaignSummaryResponse;
  @ApiProperty() ogFiness: string;
  @ApiProperty() ogName: string;
  @ApiProperty({ ...VALUE_MAP_PROPERTY, description: 'Items de l’organisme gestionnaire' }) values: ValueMap;
  @ApiProperty({ ...VALUE_MAP_PROPERTY, description: 'Ses valeurs de la campagne précédente' })
  previousValues: ValueMap;
  @ApiProperty({ description: 'Version (concurrence optimiste)' }) version: number;
  @ApiProperty() canEditOgItems: boolean;
  @ApiProperty({ type: [OgStructureResponse], description: 'Ses ESMS de votre périmètre' })
  structures: OgStructureResponse[];
}

export class BulkOrganisationResultResponse {
  @ApiProperty() finess: string;
  @ApiProperty({ description: 'Nouvelle version' }) version: number;
  @ApiProperty({ description: 'Valeurs modifiées' }) changed: number;
}

export class BulkStructureResultResponse extends BulkOrganisationResultResponse {
  @ApiProperty({ description: 'Complétude (0 à 1)' }) completeness: number;
}

export class BulkResultResponse implements BulkResult {
  @ApiProperty({ type: BulkOrganisationResultResponse, nullable: true })
  organisation: BulkOrganisationResultResponse | null;
  @ApiProperty({ type: [BulkStructureResultResponse] }) structures: BulkStructureResultResponse[];
}

export class ExtendCollectionResultResponse implements ExtendCollectionResult {
  @ApiProperty({ description: 'Structures non validées qui reçoivent le délai' }) extended: number;
  @ApiProperty({ format: 'date', example: '2026-06-30' }) until: string;
}

export class ScopeImportResultResponse implements ScopeImportResult {
  @ApiProperty({ description: 'Structures incluses' }) included: number;
  @ApiProperty({ description: 'Structures exclues' }) excluded: number;
  @ApiProperty({ description: 'Lignes sans changement' }) unchanged: number;
}
