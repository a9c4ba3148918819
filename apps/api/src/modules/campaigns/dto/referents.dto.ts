import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { CreateReferentRequest } from '@tdb/contracts';
import { AuthorityRefDto } from './mailings.dto';

export class ReferentsQuery {
  @ApiProperty({ enum: ['ARS', 'CD'] })
  @IsIn(['ARS', 'CD'], { message: 'L’autorité doit être une ARS ou un conseil départemental (CD).' })
  kind!: 'ARS' | 'CD';

  @ApiProperty({ description: 'Code de région (ARS) ou de département (CD)', example: '24' })
  @IsString({ message: 'Code de l’autorité manquant.' })
  @Matches(/^(?:\d{2,3}|2[AB])$/, { message: 'Code de région ou de département invalide.' })
  code!: string;
}

export class CreateReferentDto implements CreateReferentRequest {
  @ApiProperty({ type: AuthorityRefDto })
  @ValidateNested()
  @Type(() => AuthorityRefDto)
  organisation!: AuthorityRefDto;

  @ApiProperty({ example: 'Claire Martin' })
  @IsString({ message: 'Le nom du référent est obligatoire.' })
  @MinLength(2, { message: 'Le nom du référent doit compter au moins 2 caractères.' })
  @MaxLength(120, { message: 'Le nom du référent ne doit pas dépasser 120 caractères.' })
  name!: string;

  @ApiProperty({ example: 'claire.martin@ars.sante.fr' })
  @IsEmail({}, { message: 'Le courriel du référent n’est pas une adresse valide.' })
  @MaxLength(254, { message: 'Le courriel ne doit pas dépasser 254 caractères.' })
  email!: string;

  @ApiPropertyOptional({ example: '02 38 00 00 00' })
  @IsOptional()
  @IsString({ message: 'Le téléphone doit être un texte.' })
  @Matches(/^\+?[0-9 .()-]{6,25}$/, { message: 'Numéro de téléphone invalide.' })
  phone?: string;

  @ApiPropertyOptional({ example: 'Référente TDB médico-social' })
  @IsOptional()
  @IsString({ message: 'La fonction doit être un texte.' })
  @MaxLength(120, { message: 'La fonction ne doit pas dépasser 120 caractères.' })
  roleLabel?: string;
}
