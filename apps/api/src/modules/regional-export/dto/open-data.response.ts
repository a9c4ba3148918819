/** Swagger descriptions of the open data; the shapes are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import type { OpenDataIndicatorRow, OpenDataIndicators } from '@tdb/contracts';
import { OPEN_DATA_MINIMUM_GROUP } from '@tdb/contracts';

export class OpenDataIndicatorRowResponse implements OpenDataIndicatorRow {
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty() categoryLabel: string;
  @ApiProperty({ example: '45' }) departmentCode: string;
  @ApiProperty({ example: 'Loiret' }) departmentName: string;
  @ApiProperty({ example: 'P15' }) indicatorCode: string;
  @ApiProperty() indicatorLabel: string;
  @ApiProperty({ example: '%' }) unit: string;
  @ApiProperty({
    description: `Moins de ${OPEN_DATA_MINIMUM_GROUP} structures : aucun chiffre, pas même l’effectif`,
  })
  suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Structures ayant une valeur calculable' })
  count: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Premier quartile, arrondi selon l’unité' })
  q1: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Médiane, arrondie selon l’unité' })
  median: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Troisième quartile, arrondi selon l’unité' })
  q3: number | null;
}

export class OpenDataIndicatorsResponse implements OpenDataIndicators {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: OPEN_DATA_MINIMUM_GROUP }) minimumGroupSize: number;
  @ApiProperty({ type: [OpenDataIndicatorRowResponse] }) rows: OpenDataIndicatorRowResponse[];
}
