/** Swagger description of a TDB referent; the shape itself is the contracts' interface. */
import { ApiProperty } from '@nestjs/swagger';
import type { ReferentDto } from '@tdb/contracts';

export class ReferentResponse implements ReferentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['ARS', 'CD'] }) organisationKind: 'ARS' | 'CD';
  @ApiProperty({ example: '24', description: 'Code de région (ARS) ou de département (CD)' })
  organisationCode: string;
  @ApiProperty({ example: 'ARS Centre-Val de Loire' }) organisationName: string;
  @ApiProperty({ example: 'Claire Martin' }) name: string;
  @ApiProperty({ example: 'claire.martin@ars.sante.fr' }) email: string;
  @ApiProperty({ type: String, nullable: true, example: '02 38 00 00 00' }) phone: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Référente TDB médico-social' })
  roleLabel: string | null;
}
