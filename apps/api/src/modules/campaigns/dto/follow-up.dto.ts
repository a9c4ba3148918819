import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class FollowUpQuery {
  @ApiPropertyOptional({ description: 'Code du département ("45", "2A", "971")' })
  @IsOptional()
  @IsString({ message: 'Le département doit être un code.' })
  @Matches(/^(?:\d{2,3}|2[AB])$/, { message: 'Code de département invalide.' })
  department?: string;

  @ApiPropertyOptional({ description: 'Code de la catégorie (ex. EHPAD)' })
  @IsOptional()
  @IsString({ message: 'La catégorie doit être un code.' })
  @Matches(/^[0-9A-Z_]{1,30}$/, { message: 'Code de catégorie invalide.' })
  category?: string;
}
