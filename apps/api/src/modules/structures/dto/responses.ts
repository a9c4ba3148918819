/** Swagger descriptions of the responses; the shapes themselves are the contracts' interfaces. */
import { ApiExtraModels, ApiProperty, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import type {
  Address,
  GeoPoint,
  ImportLineError,
  ImportReport,
  OrganisationDetail,
  OrganisationSummary,
  Paginated,
  StructureDetail,
  StructureHistoryEntry,
  StructureSummary,
} from '@tdb/contracts';

export class AddressResponse implements Address {
  @ApiProperty({ nullable: true, type: String }) street: string | null;
  @ApiProperty({ nullable: true, type: String }) complement: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) communeCode: string | null;
}

export class GeoPointResponse implements GeoPoint {
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
}

export class StructureSummaryResponse implements StructureSummary {
  @ApiProperty({ example: '750012345' }) finess: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty() categoryLabel: string;
  @ApiProperty({ example: '500' }) finessCategoryCode: string;
  @ApiProperty({ example: '75' }) departmentCode: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ example: '11' }) regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ enum: ['ARS', 'CD', 'SHARED'] }) competence: 'ARS' | 'CD' | 'SHARED';
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty() ogFiness: string;
  @ApiProperty({ nullable: true, type: String }) ogName: string | null;
}

export class StructurePageResponse implements Paginated<StructureSummary> {
  @ApiProperty({ type: [StructureSummaryResponse] }) items: StructureSummaryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class OrganisationSummaryResponse implements OrganisationSummary {
  @ApiProperty() finess: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) departmentCode: string | null;
  @ApiProperty() structureCount: number;
}

export class OrganisationDetailResponse extends OrganisationSummaryResponse implements OrganisationDetail {
  @ApiProperty({ nullable: true, type: String }) legalStatus: string | null;
  @ApiProperty({ type: [StructureSummaryResponse] }) structures: StructureSummaryResponse[];
}

/** A registry value before or after a change: text, number (coordinates) or null. */
const registryValue = (description: string): ApiPropertyOptions => ({
  oneOf: [{ type: 'string' }, { type: 'number' }],
  nullable: true,
  description,
});

export class StructureFieldChangeResponse {
  @ApiProperty(registryValue('Valeur avant')) from: string | number | null;
  @ApiProperty(registryValue('Valeur après')) to: string | number | null;
}

@ApiExtraModels(StructureFieldChangeResponse)
export class StructureHistoryEntryResponse implements StructureHistoryEntry {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty() by: string;
  @ApiProperty({ enum: ['IMPORT_CREATED', 'IMPORT_UPDATED', 'CATEGORY_CORRECTED'] })
  kind: 'IMPORT_CREATED' | 'IMPORT_UPDATED' | 'CATEGORY_CORRECTED';
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(StructureFieldChangeResponse) },
    description: 'champ → { from, to }',
  })
  changes: Record<string, StructureFieldChangeResponse>;
  @ApiProperty({
    type: [String],
    description: 'Ce que la correction de catégorie a entraîné (campagnes suivies, autorités informées)',
  })
  consequences: string[];
}

export class StructureDetailResponse extends StructureSummaryResponse implements StructureDetail {
  @ApiProperty({ nullable: true, type: String }) shortName: string | null;
  @ApiProperty({ type: AddressResponse }) address: AddressResponse;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) siret: string | null;
  @ApiProperty({ nullable: true, type: String }) openedOn: string | null;
  @ApiProperty({ nullable: true, type: GeoPointResponse }) location: GeoPointResponse | null;
  @ApiProperty() categoryCorrected: boolean;
  @ApiProperty({
    description:
      "Vrai quand l'appelant n'atteint la structure que pour corriger sa catégorie (autorité non compétente pour la catégorie actuelle) : la fiche FINESS, rien de ses campagnes",
  })
  registryOnly: boolean;
  @ApiProperty({ type: OrganisationSummaryResponse }) og: OrganisationSummaryResponse;
  @ApiProperty({ type: [StructureHistoryEntryResponse] }) history: StructureHistoryEntryResponse[];
  @ApiProperty() version: number;
}

export class ImportLineErrorResponse implements ImportLineError {
  @ApiProperty() line: number;
  @ApiProperty() reason: string;
}

export class ImportReportResponse implements ImportReport {
  @ApiProperty({ nullable: true, type: String }) fileDate: string | null;
  @ApiProperty() linesRead: number;
  @ApiProperty() keptStructures: number;
  @ApiProperty() keptOrganisations: number;
  @ApiProperty() skippedOutOfScope: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() organisationsCreated: number;
  @ApiProperty() organisationsUpdated: number;
  @ApiProperty({ type: [ImportLineErrorResponse] }) errors: ImportLineErrorResponse[];
  @ApiProperty() applied: boolean;
  @ApiProperty() partial: boolean;
  @ApiProperty() durationMs: number;
}
