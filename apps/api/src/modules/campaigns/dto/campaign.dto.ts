import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (label: string) => ({ message: `Date ${label} invalide (AAAA-MM-JJ).` });

export class CampaignDatesBody {
  @ApiProperty({ example: '2027-01-15' })
  @Matches(ISO_DATE, dateMessage('de lancement'))
  launch!: string;

  @ApiProperty({ example: '2027-03-01' })
  @Matches(ISO_DATE, dateMessage('de mise en place des comptes'))
  accountsSetup!: string;

  @ApiProperty({ example: '2027-04-15' })
  @Matches(ISO_DATE, dateMessage("d'ouverture de la collecte"))
  collectionStart!: string;

  @ApiProperty({ example: '2027-05-31' })
  @Matches(ISO_DATE, dateMessage('de fin de collecte'))
  collectionEnd!: string;

  @ApiProperty({ example: '2027-06-01' })
  @Matches(ISO_DATE, dateMessage('de début de fiabilisation'))
  fiabilisationStart!: string;

  @ApiProperty({ example: '2027-08-31' })
  @Matches(ISO_DATE, dateMessage('de fin de fiabilisation'))
  fiabilisationEnd!: string;

  @ApiProperty({ example: '2027-09-01' })
  @Matches(ISO_DATE, dateMessage('de début de restitution'))
  restitutionStart!: string;
}

export class CreateCampaignDto {
  @ApiProperty({
    example: 2027,
    description: 'Année de la campagne (les données décrivent l’année précédente)',
  })
  @Type(() => Number)
  @IsInt({ message: "L'année doit être un entier." })
  @Min(2000, { message: "L'année doit être postérieure à 2000." })
  @Max(2100, { message: "L'année doit être antérieure à 2100." })
  year!: number;

  @ApiPropertyOptional({ description: 'Dates des phases (par défaut : calendrier habituel de l’année)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignDatesBody)
  dates?: CampaignDatesBody;

  @ApiPropertyOptional({ example: 0.9, description: 'Seuil de complétude réglementaire (0 à 1)' })
  @IsOptional()
  @IsNumber({}, { message: 'Le seuil doit être un nombre.' })
  @Min(0.01, { message: 'Le seuil doit être supérieur à 0.' })
  @Max(1, { message: 'Le seuil ne peut pas dépasser 100 % (1).' })
  threshold?: number;
}

export class UpdateCampaignDto {
  @ApiProperty({ description: 'Version lue (concurrence optimiste)' })
  @IsInt({ message: 'La version doit être un entier.' })
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignDatesBody)
  dates?: CampaignDatesBody;

  @ApiPropertyOptional({ example: 0.9 })
  @IsOptional()
  @IsNumber({}, { message: 'Le seuil doit être un nombre.' })
  @Min(0.01, { message: 'Le seuil doit être supérieur à 0.' })
  @Max(1, { message: 'Le seuil ne peut pas dépasser 100 % (1).' })
  threshold?: number;
}

export class CampaignVersionDto {
  @ApiProperty({ description: 'Version lue (concurrence optimiste)' })
  @IsInt({ message: 'La version doit être un entier.' })
  version!: number;
}
