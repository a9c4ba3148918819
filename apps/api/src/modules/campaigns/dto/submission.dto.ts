import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PaginationQuery } from '../../../common/validation/pagination.query';
import { VALUE_MAP_PROPERTY } from './value-schemas';
import { queryBoolean } from '../../../common/validation/query-boolean';

const SUBMISSION_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'VALIDATED', 'INVALIDATED', 'CONFIRMED'] as const;

export class SaveValuesDto {
  @ApiProperty({ description: 'Version de la saisie lue (concurrence optimiste)' })
  @IsInt({ message: 'La version doit être un entier.' })
  version!: number;

  @ApiProperty({
    ...VALUE_MAP_PROPERTY,
    description:
      'Valeurs par code d’item (nombre, booléen, code de choix, date AAAA-MM-JJ, texte ; null efface)',
  })
  @IsObject({ message: 'Les valeurs doivent être un objet { code: valeur }.' })
  values!: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['FORM', 'PREVIOUS_YEAR'] })
  @IsOptional()
  @IsIn(['FORM', 'PREVIOUS_YEAR'], { message: 'Origine de la saisie inconnue.' })
  source?: 'FORM' | 'PREVIOUS_YEAR';
}

export class TransitionDto {
  @ApiProperty({ enum: ['VALIDATE', 'REOPEN', 'INVALIDATE', 'CONFIRM', 'MARK_CONSULTED', 'UNCONFIRM'] })
  @IsIn(['VALIDATE', 'REOPEN', 'INVALIDATE', 'CONFIRM', 'MARK_CONSULTED', 'UNCONFIRM'], {
    message: 'Action inconnue.',
  })
  action!: 'VALIDATE' | 'REOPEN' | 'INVALIDATE' | 'CONFIRM' | 'MARK_CONSULTED' | 'UNCONFIRM';

  @ApiPropertyOptional({ description: 'Motif (obligatoire pour invalider ou annuler une confirmation)' })
  @IsOptional()
  @IsString({ message: 'Le motif doit être un texte.' })
  @MaxLength(4000, { message: 'Le motif ne doit pas dépasser 4 000 caractères.' })
  reason?: string;

  @ApiProperty({ description: 'Version de la saisie lue (concurrence optimiste)' })
  @IsInt({ message: 'La version doit être un entier.' })
  version!: number;
}

/** What remains for the caller's authority on a submission (see decisionConditions). */
export const SUBMISSION_WORK = ['DECIDE', 'CONSULT'] as const;

export class SubmissionsQuery extends PaginationQuery {
  @ApiPropertyOptional({ description: 'Nom, ville ou FINESS' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'Recherche trop longue.' })
  q?: string;

  @ApiPropertyOptional({
    enum: SUBMISSION_STATUSES,
    enumName: 'SubmissionStatusCode',
    enumSchema: { description: 'Statut d’une saisie' },
  })
  @IsOptional()
  @IsIn(SUBMISSION_STATUSES, { message: 'Statut inconnu.' })
  status?: (typeof SUBMISSION_STATUSES)[number];

  @ApiPropertyOptional({ example: '24' })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B|97\d)$/, { message: 'Département invalide.' })
  department?: string;

  @ApiPropertyOptional({ example: 'EHPAD' })
  @IsOptional()
  @Matches(/^[A-Z_]{2,20}$/, { message: 'Catégorie invalide.' })
  category?: string;

  @ApiPropertyOptional({ example: '123456789', description: 'FINESS juridique de l’organisme gestionnaire' })
  @IsOptional()
  @Matches(/^[0-9AB]{9}$/, { message: 'FINESS juridique invalide.' })
  og?: string;

  @ApiPropertyOptional({
    enum: SUBMISSION_WORK,
    description:
      'Ce qui reste à faire sur la saisie pour l’appelant : DECIDE (validée, à confirmer ou invalider par son autorité), ' +
      'CONSULT (compétence partagée validée ou confirmée, à marquer « consultée » par le Département)',
  })
  @IsOptional()
  @IsIn(SUBMISSION_WORK, { message: 'Filtre « à traiter » inconnu : DECIDE ou CONSULT.' })
  work?: (typeof SUBMISSION_WORK)[number];

  @ApiPropertyOptional({ description: 'Inclure les structures exclues du périmètre' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: '« includeExcluded » vaut true ou false.' })
  includeExcluded?: boolean;
}

export class ScopeDto {
  @ApiProperty({ description: 'La structure participe-t-elle à la campagne ?' })
  @IsBoolean({ message: 'inScope doit être vrai ou faux.' })
  inScope!: boolean;

  @ApiPropertyOptional({ description: 'Motif (obligatoire pour exclure)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'Le motif ne doit pas dépasser 1 000 caractères.' })
  reason?: string;
}

export class BulkStructureDto {
  @ApiProperty({ example: '240000018' })
  @Matches(/^[0-9AB]{9}$/, { message: 'FINESS invalide.' })
  finess!: string;

  @ApiPropertyOptional({ description: 'Version lue ; sans version, la dernière est reprise' })
  @IsOptional()
  @IsInt({ message: 'La version doit être un entier.' })
  version?: number;

  @ApiProperty({
    ...VALUE_MAP_PROPERTY,
    description:
      'Valeurs par code d’item (nombre, booléen, code de choix, date AAAA-MM-JJ, texte ; null efface)',
  })
  @IsObject({ message: 'Les valeurs doivent être un objet { code: valeur }.' })
  values!: Record<string, unknown>;
}

export class BulkDto {
  @ApiPropertyOptional({
    type: BulkStructureDto,
    description: "Items saisis au niveau de l'organisme gestionnaire",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BulkStructureDto)
  organisation?: BulkStructureDto;

  @ApiProperty({ type: [BulkStructureDto] })
  @IsArray({ message: 'structures doit être une liste.' })
  @ArrayMaxSize(2000, { message: 'Au plus 2 000 structures par envoi.' })
  @ValidateNested({ each: true })
  @Type(() => BulkStructureDto)
  structures!: BulkStructureDto[];
}
