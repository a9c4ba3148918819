import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { ScopeChangeRequest } from '@tdb/contracts';

export class ScopeListQuery {
  @ApiPropertyOptional({ description: 'Code de région (national : toute région ; sinon votre périmètre)' })
  @IsOptional()
  @IsString({ message: 'La région doit être un code.' })
  @Matches(/^\d{2}$/, { message: 'Code de région invalide.' })
  region?: string;
}

export class ScopeChangeDto implements ScopeChangeRequest {
  @ApiProperty({ description: 'true : dans le périmètre de la campagne ; false : exclue' })
  @IsBoolean({ message: '« inScope » doit valoir true ou false.' })
  inScope!: boolean;

  @ApiPropertyOptional({ description: 'Motif, obligatoire pour exclure' })
  @IsOptional()
  @IsString({ message: 'Le motif doit être un texte.' })
  @MaxLength(500, { message: 'Le motif ne doit pas dépasser 500 caractères.' })
  reason?: string;

  @ApiPropertyOptional({ description: 'Version de la saisie lue (concurrence optimiste)' })
  @IsOptional()
  @IsInt({ message: 'La version doit être un entier.' })
  version?: number;
}
