import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { GrantExtensionRequest } from '@tdb/contracts';

export class GrantExtensionDto implements GrantExtensionRequest {
  @ApiProperty({
    description: 'Dernier jour de saisie accordé (AAAA-MM-JJ), après la fin de la collecte',
    example: '2026-06-30',
  })
  @IsString({ message: 'Indiquez la date de fin du délai (AAAA-MM-JJ).' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'La date de fin du délai doit s’écrire AAAA-MM-JJ.' })
  until!: string;

  @ApiProperty({
    description: 'Motif du délai, communiqué à la structure',
    example: 'Changement de direction en mai',
  })
  @IsString({ message: 'Indiquez le motif du délai.' })
  @MinLength(3, { message: 'Indiquez le motif du délai (3 caractères au moins).' })
  @MaxLength(2000, { message: 'Le motif est trop long (2 000 caractères au plus).' })
  reason!: string;
}
