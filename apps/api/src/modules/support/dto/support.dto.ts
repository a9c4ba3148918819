import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { SUPPORT_QUESTION_STATUSES, type SupportQuestionStatus } from '@tdb/contracts';
import { PaginationQuery } from '../../../common/validation/pagination.query';
import { queryBoolean } from '../../../common/validation/query-boolean';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

const FINESS = /^[0-9][0-9AB][0-9]{7}$/;
/** A dictionary item or indicator code: letters, digits, « _ », « . », « - ». */
const CODE = /^[A-Za-z0-9_.-]{1,100}$/;

export class AskQuestionBody {
  @ApiProperty({ example: '450000123', description: 'FINESS de la structure concernée (ESMS)' })
  @IsString({ message: 'Le FINESS doit être un texte.' })
  @Matches(FINESS, { message: 'FINESS invalide : 9 caractères attendus.' })
  finess!: string;

  @ApiProperty({ description: 'Objet de la question (200 caractères au plus)', maxLength: 200 })
  @Transform(trim)
  @IsString({ message: 'L’objet doit être un texte.' })
  @MinLength(3, { message: 'Donnez un objet d’au moins 3 caractères.' })
  @MaxLength(200, { message: 'L’objet ne doit pas dépasser 200 caractères.' })
  subject!: string;

  @ApiProperty({ description: 'La question (5 000 caractères au plus)', maxLength: 5000 })
  @Transform(trim)
  @IsString({ message: 'La question doit être un texte.' })
  @MinLength(3, { message: 'Écrivez votre question (3 caractères au moins).' })
  @MaxLength(5000, { message: 'La question ne doit pas dépasser 5 000 caractères.' })
  body!: string;

  @ApiPropertyOptional({
    description: 'Page de l’application d’où la question est posée',
    example: '/campagnes/2026/structures/450000123',
  })
  @IsOptional()
  @IsString({ message: 'La page doit être un texte.' })
  @Matches(/^\/[^\s]{0,299}$/, { message: 'Page invalide : un chemin commençant par « / » attendu.' })
  pagePath?: string;

  @ApiPropertyOptional({ description: 'Code de la donnée du dictionnaire concernée' })
  @IsOptional()
  @IsString({ message: 'Le code de donnée doit être un texte.' })
  @Matches(CODE, { message: 'Code de donnée invalide.' })
  itemCode?: string;

  @ApiPropertyOptional({ description: 'Code de l’indicateur concerné' })
  @IsOptional()
  @IsString({ message: 'Le code d’indicateur doit être un texte.' })
  @Matches(CODE, { message: 'Code d’indicateur invalide.' })
  indicatorCode?: string;
}

export class QuestionListQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: SUPPORT_QUESTION_STATUSES })
  @IsOptional()
  @IsIn(SUPPORT_QUESTION_STATUSES, { message: 'Statut inconnu (NEW, ANSWERED ou CLOSED).' })
  status?: SupportQuestionStatus;

  @ApiPropertyOptional({ enum: ['ARS', 'CD'], description: 'Questions adressées à l’ARS ou au Département' })
  @IsOptional()
  @IsIn(['ARS', 'CD'], { message: 'Autorité inconnue (ARS ou CD).' })
  authority?: 'ARS' | 'CD';

  @ApiPropertyOptional({ example: 'EHPAD' })
  @IsOptional()
  @Matches(/^[0-9A-Z_]{1,30}$/, { message: 'Catégorie invalide.' })
  category?: string;

  @ApiPropertyOptional({ description: 'Code de la donnée' })
  @IsOptional()
  @Matches(CODE, { message: 'Code de donnée invalide.' })
  item?: string;

  @ApiPropertyOptional({ description: 'Code de l’indicateur' })
  @IsOptional()
  @Matches(CODE, { message: 'Code d’indicateur invalide.' })
  indicator?: string;

  @ApiPropertyOptional({ description: 'FINESS de la structure' })
  @IsOptional()
  @Matches(FINESS, { message: 'FINESS invalide : 9 caractères attendus.' })
  finess?: string;

  @ApiPropertyOptional({ description: 'Seulement les questions qui me sont attribuées' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: '« mine » vaut true ou false.' })
  mine?: boolean;
}

export class SupportMessageBody {
  @ApiProperty({ description: 'Le message (5 000 caractères au plus)', maxLength: 5000 })
  @Transform(trim)
  @IsString({ message: 'Le message doit être un texte.' })
  @MinLength(1, { message: 'Le message est vide.' })
  @MaxLength(5000, { message: 'Le message ne doit pas dépasser 5 000 caractères.' })
  body!: string;

  @ApiPropertyOptional({ description: 'Version de la question lue (concurrence optimiste)' })
  @IsOptional()
  @IsInt({ message: 'La version doit être un entier.' })
  version?: number;
}

export class SupportAssignmentBody {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'Compte du collègue (null pour retirer)',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'Identifiant de compte invalide.' })
  assigneeId!: string | null;

  @ApiProperty({ description: 'Version de la question lue' })
  @IsInt({ message: 'La version doit être un entier.' })
  version!: number;
}

export class SupportStatusBody {
  @ApiProperty({ enum: ['CLOSE', 'REOPEN'], description: 'Clore ou rouvrir la question' })
  @IsIn(['CLOSE', 'REOPEN'], { message: 'Action inconnue (CLOSE ou REOPEN).' })
  action!: 'CLOSE' | 'REOPEN';

  @ApiProperty({ description: 'Version de la question lue' })
  @IsInt({ message: 'La version doit être un entier.' })
  version!: number;
}

export const FAQ_TARGETS = ['REGION', 'NATIONAL_PROPOSAL', 'NATIONAL'] as const;

export class PublishFaqBody {
  @ApiProperty({ description: 'La question reformulée, anonymisée (ni nom de structure ni FINESS)' })
  @Transform(trim)
  @IsString({ message: 'La question doit être un texte.' })
  @MinLength(3, { message: 'La question publiée doit faire au moins 3 caractères.' })
  @MaxLength(2000, { message: 'La question publiée ne doit pas dépasser 2 000 caractères.' })
  question!: string;

  @ApiProperty({ description: 'La réponse, anonymisée' })
  @Transform(trim)
  @IsString({ message: 'La réponse doit être un texte.' })
  @MinLength(3, { message: 'La réponse publiée doit faire au moins 3 caractères.' })
  @MaxLength(5000, { message: 'La réponse publiée ne doit pas dépasser 5 000 caractères.' })
  answer!: string;

  @ApiProperty({
    enum: FAQ_TARGETS,
    description:
      'REGION : FAQ de la région ; NATIONAL_PROPOSAL : FAQ de la région et proposée à la FAQ nationale ; NATIONAL : FAQ nationale (administration nationale)',
  })
  @IsIn(FAQ_TARGETS, { message: 'Destination inconnue (REGION, NATIONAL_PROPOSAL ou NATIONAL).' })
  target!: (typeof FAQ_TARGETS)[number];

  @ApiProperty({ description: 'Version de la question lue' })
  @IsInt({ message: 'La version doit être un entier.' })
  version!: number;
}

export class FaqWithdrawQuery {
  @ApiProperty({ description: 'Version de l’entrée lue (concurrence optimiste)' })
  @Type(() => Number)
  @IsInt({ message: 'La version doit être un entier.' })
  @Min(1, { message: 'La version doit être un entier positif.' })
  @Max(1_000_000_000, { message: 'Version invalide.' })
  version!: number;
}

export class FaqQuery {
  @ApiPropertyOptional({ description: 'Mots cherchés dans la question et la réponse (accents ignorés)' })
  @IsOptional()
  @IsString({ message: 'La recherche doit être un texte.' })
  @MaxLength(200, { message: 'Recherche trop longue (200 caractères au plus).' })
  q?: string;

  @ApiPropertyOptional({ description: 'Code de la donnée' })
  @IsOptional()
  @Matches(CODE, { message: 'Code de donnée invalide.' })
  item?: string;

  @ApiPropertyOptional({ description: 'Code de l’indicateur' })
  @IsOptional()
  @Matches(CODE, { message: 'Code d’indicateur invalide.' })
  indicator?: string;

  @ApiPropertyOptional({ description: 'Seulement les propositions à la FAQ nationale' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: '« proposed » vaut true ou false.' })
  proposed?: boolean;
}
