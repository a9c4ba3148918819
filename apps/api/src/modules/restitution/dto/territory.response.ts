/** Swagger descriptions of the territorial restitutions; the shapes are the contracts' interfaces. */
import type { Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type {
  BenchmarkTerritory,
  DistributionLevel,
  ItemBenchmark,
  ItemBenchmarkGroup,
  ItemBenchmarkStructure,
  OrganisationRestitution,
  OrganisationRestitutionStructure,
  ScatterPoint,
  TerritoryMap,
  TerritoryMedian,
  TerritoryScatter,
  TerritoryTable,
  TerritoryTableCell,
  TerritoryTableIndicator,
  TerritoryTableRow,
} from '@tdb/contracts';
import { DIRECTIONS } from '@tdb/indicators';
import { SUBMISSION_STATUSES } from '@tdb/submission-workflow';
import { RestitutionStageResponse } from './practices.response';
import { DECILE, DISTRIBUTION_LEVELS } from './restitution.response';

/** A map keyed by indicator code whose values are `model`. */
const byIndicator = (model: Type, description: string) => ({
  type: 'object' as const,
  additionalProperties: { $ref: getSchemaPath(model) },
  description,
});

export class TerritoryTableIndicatorResponse implements TerritoryTableIndicator {
  @ApiProperty({ example: 'P15' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ example: '%' }) unit: string;
  @ApiProperty({ enum: DIRECTIONS, enumName: 'IndicatorDirection' })
  direction: TerritoryTableIndicator['direction'];
}

// 1. The table of the structures.

export class TerritoryTableCellResponse implements TerritoryTableCell {
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({ ...DECILE, description: 'Décile dans la distribution nationale de la catégorie' })
  nationalDecile: number | null;
  @ApiProperty({ ...DECILE, description: 'Décile dans la distribution régionale (null si masquée)' })
  regionalDecile: number | null;
}

@ApiExtraModels(TerritoryTableCellResponse)
export class TerritoryTableRowResponse implements TerritoryTableRow {
  @ApiProperty({ example: '450000123' }) finess: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty({ example: '45' }) departmentCode: string;
  @ApiProperty({ example: '24' }) regionCode: string;
  @ApiProperty({ enum: SUBMISSION_STATUSES, enumName: 'SubmissionStatus' }) submissionStatus: string;
  @ApiProperty(byIndicator(TerritoryTableCellResponse, 'Par code d’indicateur'))
  values: Record<string, TerritoryTableCellResponse>;
}

export class TerritoryTableResponse implements TerritoryTable {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ type: [TerritoryTableIndicatorResponse] }) indicators: TerritoryTableIndicatorResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({
    example: '-P15',
    description: 'Code d’indicateur (« - » devant : décroissant), « name » ou « finess »',
  })
  sort: string;
  @ApiProperty({ type: RestitutionStageResponse }) stage: RestitutionStageResponse;
  @ApiProperty({ type: [TerritoryTableRowResponse] }) rows: TerritoryTableRowResponse[];
}

// 2. The map of the medians.

export class TerritoryMedianResponse implements TerritoryMedian {
  @ApiProperty({ example: '45' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: ['OK', 'SUPPRESSED', 'NO_DATA'],
    description:
      'OK : chiffres montrés ; SUPPRESSED : moins de 5 structures ; NO_DATA : aucune valeur validée',
  })
  status: TerritoryMedian['status'];
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number }) n: number | null;
  @ApiProperty({ nullable: true, type: Number }) median: number | null;
}

export class TerritoryDepartmentMedianResponse extends TerritoryMedianResponse {
  @ApiProperty({ example: '24' }) regionCode: string;
}

export class TerritoryMapResponse implements TerritoryMap {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ type: TerritoryTableIndicatorResponse }) indicator: TerritoryTableIndicatorResponse;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty({ type: TerritoryMedianResponse }) national: TerritoryMedianResponse;
  @ApiProperty({ type: [TerritoryMedianResponse], description: 'Les régions montrées pour situer' })
  regions: TerritoryMedianResponse[];
  @ApiProperty({ type: [TerritoryDepartmentMedianResponse] })
  departments: TerritoryDepartmentMedianResponse[];
  @ApiProperty({ type: RestitutionStageResponse }) stage: RestitutionStageResponse;
}

// 3. The scatter plot.

export class ScatterPointResponse implements ScatterPoint {
  @ApiProperty({ example: '450000123' }) finess: string;
  @ApiProperty() name: string;
  @ApiProperty() x: number;
  @ApiProperty() y: number;
  @ApiProperty({ description: 'La structure demandée par « highlight »' }) highlighted: boolean;
}

export class ScatterMediansResponse {
  @ApiProperty({ nullable: true, type: Number }) x: number | null;
  @ApiProperty({ nullable: true, type: Number }) y: number | null;
}

export class TerritoryScatterResponse implements TerritoryScatter {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty({ type: TerritoryTableIndicatorResponse }) x: TerritoryTableIndicatorResponse;
  @ApiProperty({ type: TerritoryTableIndicatorResponse }) y: TerritoryTableIndicatorResponse;
  @ApiProperty({ type: [ScatterPointResponse] }) points: ScatterPointResponse[];
  @ApiProperty({ type: ScatterMediansResponse, description: 'Médianes des points montrés' })
  medians: ScatterMediansResponse;
  @ApiProperty({
    type: ScatterMediansResponse,
    description: 'Médianes nationales de la catégorie (null si masquées ou non calculées)',
  })
  nationalMedians: ScatterMediansResponse;
  @ApiProperty({ type: RestitutionStageResponse }) stage: RestitutionStageResponse;
}

// 4. The consolidated view of an organisme gestionnaire.

export class OrganisationRestitutionValueResponse {
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({ ...DECILE, description: 'Décile dans la distribution nationale de la catégorie' })
  nationalDecile: number | null;
}

@ApiExtraModels(OrganisationRestitutionValueResponse)
export class OrganisationRestitutionStructureResponse implements OrganisationRestitutionStructure {
  @ApiProperty({ example: '450000123' }) finess: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty({ example: '45' }) departmentCode: string;
  @ApiProperty({ enum: SUBMISSION_STATUSES, enumName: 'SubmissionStatus' }) submissionStatus: string;
  @ApiProperty(byIndicator(OrganisationRestitutionValueResponse, 'Par code d’indicateur'))
  values: Record<string, OrganisationRestitutionValueResponse>;
}

export class OrganisationMedianResponse {
  @ApiProperty({ description: 'ESMS de l’organisme ayant une valeur validée ou confirmée' }) n: number;
  @ApiProperty({ nullable: true, type: Number }) median: number | null;
}

@ApiExtraModels(OrganisationMedianResponse)
export class OrganisationRestitutionResponse implements OrganisationRestitution {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: '450000017' }) finess: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ type: [TerritoryTableIndicatorResponse] }) indicators: TerritoryTableIndicatorResponse[];
  @ApiProperty({ type: [OrganisationRestitutionStructureResponse] })
  structures: OrganisationRestitutionStructureResponse[];
  @ApiProperty(byIndicator(OrganisationMedianResponse, 'Médiane de l’organisme, par code d’indicateur'))
  medians: Record<string, OrganisationMedianResponse>;
  @ApiProperty({ type: RestitutionStageResponse }) stage: RestitutionStageResponse;
}

// 5. The benchmark of a data item.

export class BenchmarkTerritoryResponse implements BenchmarkTerritory {
  @ApiProperty({ enum: DISTRIBUTION_LEVELS, enumName: 'DistributionLevel' }) level: DistributionLevel;
  @ApiProperty({ example: '45', description: '« FR » pour la France' }) code: string;
  @ApiProperty({ example: 'Loiret' }) name: string;
}

export class ItemBenchmarkItemResponse {
  @ApiProperty({ example: 'personnes_accompagnees_31_12' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Unité du dictionnaire (« » sans unité)' }) unit: string;
  @ApiProperty({ enum: ['integer', 'decimal', 'percentage'] }) type: ItemBenchmark['item']['type'];
  @ApiProperty({ description: 'Domaine du dictionnaire (libellé)' }) domain: string;
  @ApiProperty({ description: 'Saisie une fois pour l’organisme gestionnaire' }) ogLevel: boolean;
}

export class ItemBenchmarkGroupResponse implements ItemBenchmarkGroup {
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty() categoryLabel: string;
  @ApiProperty({ description: 'Moins de 5 structures : aucun chiffre, pas même l’effectif' })
  suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number }) n: number | null;
  @ApiProperty({ nullable: true, type: Number }) mean: number | null;
  @ApiProperty({ nullable: true, type: Number }) min: number | null;
  @ApiProperty({ nullable: true, type: [Number], description: 'D1…D9 (9 valeurs)' })
  deciles: number[] | null;
  @ApiProperty({ nullable: true, type: Number }) max: number | null;
}

export class ItemBenchmarkStructureResponse implements ItemBenchmarkStructure {
  @ApiProperty({ example: '450000123' }) finess: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty({ example: '45' }) departmentCode: string;
  @ApiProperty() value: number;
  @ApiProperty({ ...DECILE, description: 'Décile dans sa catégorie (null si le groupe est masqué)' })
  decile: number | null;
}

export class ItemBenchmarkResponse implements ItemBenchmark {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ type: ItemBenchmarkItemResponse }) item: ItemBenchmarkItemResponse;
  @ApiProperty({ type: BenchmarkTerritoryResponse }) territory: BenchmarkTerritoryResponse;
  @ApiProperty({ example: 5 }) minimumGroupSize: number;
  @ApiProperty({ type: [ItemBenchmarkGroupResponse] }) groups: ItemBenchmarkGroupResponse[];
  @ApiProperty({
    nullable: true,
    type: [ItemBenchmarkStructureResponse],
    description: 'Avec structures=true : les structures comptées ; sinon null',
  })
  structures: ItemBenchmarkStructureResponse[] | null;
  @ApiProperty({ description: 'Structures comptées en tout (la liste s’arrête à 2 000)' })
  structuresTotal: number;
}
