import { ApiProperty } from '@nestjs/swagger';
import type { AuditEntry, Paginated } from '@tdb/contracts';
import { JSON_VALUE_REF } from '../../../common/openapi/json-value.schema';

export class AuditEntryResponse implements AuditEntry {
  @ApiProperty({ example: '1042', description: 'Numéro de l’entrée (croissant)' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty({ example: 'account.updated', description: 'Action journalisée (code stable)' })
  action: string;
  @ApiProperty({ type: String, nullable: true, example: 'account' }) targetType: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId: string | null;
  @ApiProperty({ type: String, nullable: true }) targetLabel: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: JSON_VALUE_REF,
    description: 'Précisions propres à l’action (leur contenu varie d’une action à l’autre)',
  })
  details: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) ipAddress: string | null;
}

export class AuditPageResponse implements Paginated<AuditEntry> {
  @ApiProperty({ type: [AuditEntryResponse] }) items: AuditEntryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
