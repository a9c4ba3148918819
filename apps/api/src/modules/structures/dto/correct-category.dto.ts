import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, MaxLength, Min, MinLength } from 'class-validator';
import type { CategoryCorrectionRequest } from '@tdb/contracts';
import { CATEGORIES } from '@tdb/reference';

export class CorrectCategoryDto implements CategoryCorrectionRequest {
  @ApiProperty({ description: 'Nouvelle catégorie TDB', example: 'SSIAD' })
  @IsIn(CATEGORIES.map((c) => c.code), { message: 'Catégorie inconnue.' })
  categoryCode: string;

  @ApiProperty({ description: 'Motif de la correction (obligatoire)' })
  @IsString({ message: 'Le motif est obligatoire.' })
  @MinLength(5, { message: 'Le motif doit compter au moins 5 caractères.' })
  @MaxLength(2000, { message: 'Le motif ne doit pas dépasser 2000 caractères.' })
  reason: string;

  @ApiProperty({ description: 'Version de la structure lue avant la correction' })
  @IsInt({ message: 'La version doit être un entier.' })
  @Min(1, { message: 'La version doit être au moins 1.' })
  version: number;
}
