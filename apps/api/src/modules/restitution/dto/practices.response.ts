/** Swagger descriptions of the qualitative axes' answer; the shapes are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import { PRACTICE_TYPES } from '@tdb/indicators';
import type {
  DistributionLevel,
  PeerAvailability,
  PracticePeerShareDto,
  PracticeRow,
  PracticeType,
  QualitativeAxisRestitution,
  RestitutionStage,
  StructurePractices,
} from '@tdb/contracts';

const LEVELS: DistributionLevel[] = ['NATION', 'REGION', 'DEPARTMENT'];

export class PeerAvailabilityResponse implements PeerAvailability {
  @ApiProperty({ description: 'Vrai quand la réponse compare aux structures similaires' }) available: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Pourquoi les comparaisons manquent' })
  reason: string | null;
  @ApiProperty({ example: '2026-09-01' }) availableFrom: string;
}

export class RestitutionStageResponse implements RestitutionStage {
  @ApiProperty() provisional: boolean;
  @ApiProperty({ nullable: true, type: String }) notice: string | null;
  @ApiProperty({ type: PeerAvailabilityResponse }) peers: PeerAvailabilityResponse;
}

export class PracticePeerShareResponse implements PracticePeerShareDto {
  @ApiProperty({ enum: LEVELS }) level: DistributionLevel;
  @ApiProperty({ example: 'FR' }) territoryCode: string;
  @ApiProperty({ description: 'Moins de 5 structures similaires : aucun chiffre' }) suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Structures similaires ayant répondu' })
  n: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Part (%) de celles qui ont la pratique' })
  share: number | null;
}

export class PracticeRowResponse implements PracticeRow {
  @ApiProperty({ example: 'si_dpo' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({
    enum: PRACTICE_TYPES,
    enumName: 'PracticeType',
    description:
      'oui / non ; date (en place quand saisie) ; choix (en place pour certains choix) ; nombre (en place à partir d’un seuil)',
  })
  type: PracticeType;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'La pratique est en place (null : non renseigné)',
  })
  held: boolean | null;
  @ApiProperty({ nullable: true, type: String, example: '2024-03-12' }) date: string | null;
  @ApiProperty({
    example: 'Tableur / bureautique',
    description: 'Ce qui a été saisi : Oui, Non, la date, le choix, « 5 modules sur 9 » ou Non renseigné',
  })
  answer: string;
  @ApiProperty({ nullable: true, type: [PracticePeerShareResponse] }) peers:
    PracticePeerShareResponse[] | null;
}

export class QualitativeAxisResponse implements QualitativeAxisRestitution {
  @ApiProperty({ example: 'O04' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty() meaning: string;
  @ApiProperty({ type: [PracticeRowResponse] }) practices: PracticeRowResponse[];
}

export class StructurePracticesResponse implements StructurePractices {
  @ApiProperty() campaignYear: number;
  @ApiProperty() finess: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty({ nullable: true, type: String }) departmentCode: string | null;
  @ApiProperty({ type: RestitutionStageResponse }) stage: RestitutionStageResponse;
  @ApiProperty({ type: [QualitativeAxisResponse] }) axes: QualitativeAxisResponse[];
}
