import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import type { OrganisationKind, OrganisationRef } from '@tdb/contracts';

export const ORGANISATION_KINDS: OrganisationKind[] = ['NATIONAL', 'ARS', 'CD', 'OG', 'ESMS'];

/** An organisation named in a request body (grants, API tokens). */
export class OrganisationRefDto implements OrganisationRef {
  @ApiProperty({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  @IsIn(ORGANISATION_KINDS, { message: 'Type d’organisation inconnu.' })
  kind: OrganisationKind;

  @ApiProperty({ description: '"FR", code de région, code de département ou numéro FINESS' })
  @IsString({ message: 'Code d’organisation manquant.' })
  @Matches(/^[0-9A-Z]{2,9}$/, { message: 'Code d’organisation invalide.' })
  code: string;
}
