import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiError } from '@tdb/contracts';
import { JSON_VALUE_REF } from './json-value.schema';

/** One refused field, cell or line of a request or an imported file. */
export class ApiErrorDetailDto {
  @ApiPropertyOptional({ description: 'Champ ou cellule en cause (ex. « values.nb_places », « B12 »)' })
  field?: string;

  @ApiPropertyOptional({ description: 'Ligne du fichier importé' })
  line?: number;

  @ApiProperty({ description: 'Message en français' })
  message!: string;
}

/**
 * The one error shape of the API (ApiExceptionFilter): every 4xx and 5xx answers it, with a
 * message in French meant to be shown as is.
 */
export class ApiErrorResponseDto implements ApiError {
  @ApiProperty({ example: 409 })
  statusCode!: number;

  @ApiProperty({ example: 'STALE_VERSION', description: 'Code stable, pour les programmes' })
  code!: string;

  @ApiProperty({
    example: 'La saisie a été modifiée entre-temps : rechargez-la.',
    description: 'Message en français',
  })
  message!: string;

  @ApiPropertyOptional({ type: [ApiErrorDetailDto] })
  errors?: ApiErrorDetailDto[];

  @ApiPropertyOptional({
    description:
      'Avec un 409 STALE_VERSION : l’état actuel de la ressource (celui que l’opération renvoie), ou de chacune ' +
      'pour une action groupée, pour ne rien perdre',
    oneOf: [
      { type: 'object', additionalProperties: JSON_VALUE_REF },
      { type: 'array', items: { type: 'object', additionalProperties: JSON_VALUE_REF } },
    ],
  })
  current?: Record<string, unknown> | Record<string, unknown>[];
}
