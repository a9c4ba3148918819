import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { AuthorityRef, CampaignMailingKind, MailingRequest } from '@tdb/contracts';

export class AuthorityRefDto implements AuthorityRef {
  @ApiProperty({ enum: ['ARS', 'CD'] })
  @IsIn(['ARS', 'CD'], { message: 'L’autorité doit être une ARS ou un conseil départemental (CD).' })
  kind!: 'ARS' | 'CD';

  @ApiProperty({ description: 'Code de région (ARS) ou de département (CD)', example: '24' })
  @IsString({ message: 'Code de l’autorité manquant.' })
  @Matches(/^(?:\d{2,3}|2[AB])$/, { message: 'Code de région ou de département invalide.' })
  code!: string;
}

export class MailingRequestDto implements MailingRequest {
  @ApiProperty({ type: AuthorityRefDto, description: 'L’ARS ou le CD au nom duquel le courriel part' })
  @ValidateNested()
  @Type(() => AuthorityRefDto)
  organisation!: AuthorityRefDto;

  @ApiPropertyOptional({ description: 'Objet (modèle par défaut sinon) ; variables entre accolades' })
  @IsOptional()
  @IsString({ message: 'L’objet doit être un texte.' })
  @MinLength(3, { message: 'L’objet doit compter au moins 3 caractères.' })
  @MaxLength(200, { message: 'L’objet ne doit pas dépasser 200 caractères.' })
  subject?: string;

  @ApiPropertyOptional({
    description:
      'Corps du message (modèle par défaut sinon) ; variables : {structure}, {finess}, {date_limite}, {date_debut}, {lien}, {statut}, {completude}, {annee}, {autorite}',
  })
  @IsOptional()
  @IsString({ message: 'Le message doit être un texte.' })
  @MinLength(10, { message: 'Le message doit compter au moins 10 caractères.' })
  @MaxLength(10000, { message: 'Le message ne doit pas dépasser 10 000 caractères.' })
  body?: string;
}

export class MailingsQuery {
  @ApiPropertyOptional({ enum: ['LAUNCH', 'REMINDER'] })
  @IsOptional()
  @IsIn(['LAUNCH', 'REMINDER'], { message: 'Type d’envoi inconnu (LAUNCH ou REMINDER).' })
  kind?: CampaignMailingKind;
}
