import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class AssignmentItem {
  @ApiProperty({ description: 'FINESS de la structure' })
  @IsString({ message: 'Le FINESS doit être un texte.' })
  @Matches(/^[0-9][0-9AB][0-9]{7}$/, { message: 'FINESS invalide : 9 caractères attendus.' })
  finess!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'Compte du contrôleur (APR ou CONTRÔLEUR), null pour retirer',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'Identifiant de compte invalide.' })
  controllerId!: string | null;

  @ApiProperty({ minimum: 0, maximum: 3, description: 'Priorité : 0 (aucune) à 3 (la plus forte)' })
  @IsInt({ message: 'La priorité doit être un entier de 0 à 3.' })
  @Min(0, { message: 'La priorité doit être un entier de 0 à 3.' })
  @Max(3, { message: 'La priorité doit être un entier de 0 à 3.' })
  priority!: number;

  @ApiPropertyOptional({ description: 'Note (ex. négociation du CPOM en cours)' })
  @IsOptional()
  @IsString({ message: 'La note doit être un texte.' })
  @MaxLength(1000, { message: 'La note ne doit pas dépasser 1 000 caractères.' })
  note?: string;

  @ApiPropertyOptional({ description: 'Version de l’attribution lue (0 si aucune), concurrence optimiste' })
  @IsOptional()
  @IsInt({ message: 'La version doit être un entier.' })
  version?: number;
}

export class AssignmentsBody {
  @ApiProperty({ type: [AssignmentItem] })
  @IsArray({ message: 'La liste des attributions est obligatoire.' })
  @ArrayMinSize(1, { message: 'Au moins une attribution.' })
  @ArrayMaxSize(2000, { message: 'Au plus 2 000 attributions à la fois.' })
  @ValidateNested({ each: true })
  @Type(() => AssignmentItem)
  items!: AssignmentItem[];
}

export class AuthorityQuery {
  @ApiPropertyOptional({ enum: ['ARS', 'CD'], description: 'Autorité (par défaut : la vôtre)' })
  @IsOptional()
  @IsIn(['ARS', 'CD'], { message: 'Autorité inconnue (ARS ou CD).' })
  kind?: 'ARS' | 'CD';

  @ApiPropertyOptional({ description: 'Code de la région (ARS) ou du département (CD)' })
  @IsOptional()
  @Matches(/^(\d{2,3}|2A|2B)$/, { message: 'Code de région ou de département invalide.' })
  code?: string;
}

export class PrioritiesBody {
  @ApiProperty({ type: [String], description: 'Codes des indicateurs prioritaires' })
  @IsArray({ message: 'Les indicateurs doivent être une liste de codes.' })
  @ArrayMaxSize(200, { message: 'Au plus 200 indicateurs.' })
  @ArrayUnique({ message: 'Un indicateur figure deux fois.' })
  @IsString({ each: true, message: 'Chaque indicateur est un code.' })
  indicatorCodes!: string[];

  @ApiProperty({ type: [String], description: 'Codes des règles d’atypie prioritaires' })
  @IsArray({ message: 'Les règles doivent être une liste de codes.' })
  @ArrayMaxSize(200, { message: 'Au plus 200 règles.' })
  @ArrayUnique({ message: 'Une règle figure deux fois.' })
  @IsString({ each: true, message: 'Chaque règle est un code.' })
  ruleCodes!: string[];

  @ApiProperty({ description: 'Version lue (0 si rien n’est encore enregistré)' })
  @IsInt({ message: 'La version doit être un entier.' })
  version!: number;
}
