import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { PaginationQuery } from '../../../common/validation/pagination.query';
import { queryBoolean } from '../../../common/validation/query-boolean';

export const FLAG_STATUS_FILTERS = [
  'OPEN',
  'JUSTIFIED',
  'ACCEPTED',
  'TO_CORRECT',
  'RESOLVED',
  'ALL',
] as const;
export const FLAG_SORTS = ['priority', 'structure', 'rule', 'value', 'updatedAt'] as const;

/** Filters of the atypia table (and of its XLSX export). */
export class AtypiaTableFilters {
  @ApiPropertyOptional({
    enum: FLAG_STATUS_FILTERS,
    description: 'Statut du signalement ; par défaut tous sauf « résolu », « ALL » pour tous',
  })
  @IsOptional()
  @IsIn(FLAG_STATUS_FILTERS, { message: 'Statut de signalement inconnu.' })
  status?: (typeof FLAG_STATUS_FILTERS)[number];

  @ApiPropertyOptional({ example: '45' })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B|97\d)$/, { message: 'Département invalide.' })
  department?: string;

  @ApiPropertyOptional({ example: 'EHPAD' })
  @IsOptional()
  @Matches(/^[0-9A-Z_]{1,30}$/, { message: 'Catégorie invalide.' })
  category?: string;

  @ApiPropertyOptional({ description: 'Code de la règle d’atypie' })
  @IsOptional()
  @IsString({ message: 'Le code de règle doit être un texte.' })
  @MaxLength(100, { message: 'Code de règle trop long.' })
  ruleCode?: string;

  @ApiPropertyOptional({ enum: ['high', 'medium', 'low'] })
  @IsOptional()
  @IsIn(['high', 'medium', 'low'], { message: 'Gravité inconnue (high, medium ou low).' })
  severity?: string;

  @ApiPropertyOptional({ description: 'Seulement les structures qui me sont attribuées' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: '« mine » vaut true ou false.' })
  mine?: boolean;

  @ApiPropertyOptional({
    description:
      'Seulement les signalements prioritaires (structure prioritaire, ou règle / indicateur prioritaire de votre autorité)',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: '« priorityOnly » vaut true ou false.' })
  priorityOnly?: boolean;

  @ApiPropertyOptional({
    enum: ['mine'],
    description: 'Vue « mes structures » : mine=true et tri par priorité par défaut',
  })
  @IsOptional()
  @IsIn(['mine'], { message: 'Vue inconnue.' })
  view?: 'mine';

  @ApiPropertyOptional({
    enum: FLAG_SORTS,
    description: 'Tri (par défaut : priorité décroissante, gravité, nom de la structure)',
  })
  @IsOptional()
  @IsIn(FLAG_SORTS, { message: 'Tri inconnu.' })
  sort?: (typeof FLAG_SORTS)[number];

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'Ordre de tri inconnu (asc ou desc).' })
  order?: 'asc' | 'desc';
}

/** The table's filters with its pagination. */
export class AtypiaTableQuery extends IntersectionType(AtypiaTableFilters, PaginationQuery) {}

export class AtypiaMessageBody {
  @ApiProperty({ description: 'La justification de la structure, ou le commentaire du contrôleur' })
  @IsString({ message: 'Le message doit être un texte.' })
  @Matches(/\S/, { message: 'Le message est obligatoire.' })
  @MaxLength(4000, { message: 'Le message ne doit pas dépasser 4 000 caractères.' })
  body!: string;

  @ApiPropertyOptional({ description: 'Version du signalement lue (concurrence optimiste)' })
  @IsOptional()
  @IsInt({ message: 'La version doit être un entier.' })
  version?: number;
}

export class AtypiaDecisionBody {
  @ApiProperty({ type: [String], description: 'Les signalements décidés (1 à 500)' })
  @IsArray({ message: 'La liste des signalements est obligatoire.' })
  @ArrayMinSize(1, { message: 'Choisissez au moins un signalement.' })
  @ArrayMaxSize(500, { message: 'Au plus 500 signalements à la fois.' })
  @ArrayUnique({ message: 'Un signalement figure deux fois dans la liste.' })
  @IsUUID('all', { each: true, message: 'Identifiant de signalement invalide.' })
  flagIds!: string[];

  @ApiProperty({ enum: ['ACCEPTED', 'TO_CORRECT'] })
  @IsIn(['ACCEPTED', 'TO_CORRECT'], { message: 'Décision inconnue (ACCEPTED ou TO_CORRECT).' })
  decision!: 'ACCEPTED' | 'TO_CORRECT';

  @ApiProperty({ description: 'Le commentaire, obligatoire, ajouté au fil de chaque signalement' })
  @IsString({ message: 'Le commentaire doit être un texte.' })
  @IsNotEmpty({ message: 'Le commentaire est obligatoire.' })
  @Matches(/\S/, { message: 'Le commentaire est obligatoire.' })
  @MaxLength(4000, { message: 'Le commentaire ne doit pas dépasser 4 000 caractères.' })
  comment!: string;

  @ApiPropertyOptional({
    description: 'Versions lues, par identifiant de signalement (concurrence optimiste)',
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  @IsOptional()
  @IsObject({ message: 'Les versions doivent être un objet { identifiant: version }.' })
  versions?: Record<string, number>;
}
