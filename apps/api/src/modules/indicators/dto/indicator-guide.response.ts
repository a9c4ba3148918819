/** Swagger descriptions of the indicators' guide; the shapes are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import type {
  IndicatorAxisCode,
  IndicatorGuide,
  IndicatorSheet,
  PracticeType,
  QualitativeAxisSheet,
} from '@tdb/contracts';

type PracticeSheet = QualitativeAxisSheet['practices'][number];
import { AXES, DIRECTIONS, KINDS, PRACTICE_TYPES, STATUSES } from '@tdb/indicators';

export class IndicatorSheetResponse implements IndicatorSheet {
  @ApiProperty({ example: 'P15' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: AXES, enumName: 'IndicatorAxis' }) axis: IndicatorAxisCode;
  @ApiProperty({ example: 'Prestations de soins et d’accompagnement' }) axisLabel: string;
  @ApiProperty({ enum: KINDS, description: 'ratio, valeur ou répartition (parts)' })
  kind: IndicatorSheet['kind'];
  @ApiProperty({ description: 'Ce que mesure l’indicateur' }) meaning: string;
  @ApiProperty({ example: '%' }) unit: string;
  @ApiProperty({ description: 'La formule, avec les libellés des données du dictionnaire' })
  formulaInWords: string;
  @ApiProperty({ enum: DIRECTIONS, enumName: 'IndicatorDirection' })
  direction: IndicatorSheet['direction'];
  @ApiProperty() directionLabel: string;
  @ApiProperty({
    oneOf: [
      { type: 'string', enum: ['ALL'] },
      { type: 'array', items: { type: 'string' } },
    ],
    description: 'Catégories où l’indicateur est calculé : « ALL » (toutes) ou leurs codes',
    example: ['EHPAD', 'SSIAD'],
  })
  categories: 'ALL' | string[];
  @ApiProperty({ enum: STATUSES, description: 'provisional : formule proposée, encore à valider' })
  status: IndicatorSheet['status'];
  @ApiProperty({ nullable: true, type: String }) provisionalNotice: string | null;
  @ApiProperty() source: string;
  @ApiProperty({ type: [String] }) notes: string[];
}

export class QualitativePracticeSheetResponse implements PracticeSheet {
  @ApiProperty({ example: 'si_feuille_route', description: 'Code de la donnée du dictionnaire' })
  code: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: PRACTICE_TYPES, enumName: 'PracticeType' }) type: PracticeType;
  @ApiProperty({
    description: 'Comment la pratique est lue (« nombre de modules sur 9 (en place à partir de 1 module) »)',
  })
  rule: string;
}

export class QualitativeAxisSheetResponse implements QualitativeAxisSheet {
  @ApiProperty({ example: 'O04' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty() meaning: string;
  @ApiProperty({ type: [QualitativePracticeSheetResponse] }) practices: QualitativePracticeSheetResponse[];
}

export class IndicatorGuideResponse implements IndicatorGuide {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: '2026.1' }) dictionaryVersion: string;
  @ApiProperty({ type: [IndicatorSheetResponse] }) sheets: IndicatorSheetResponse[];
  @ApiProperty({
    type: [QualitativeAxisSheetResponse],
    description: 'Les axes sans ratio unique (O04–O06), lus par leurs pratiques',
  })
  qualitativeAxes: QualitativeAxisSheetResponse[];
}
