import { ApiProperty } from '@nestjs/swagger';
import type { ImportLineError, PrefillResult, RegisterImportReport } from '@tdb/contracts';

export class RegisterImportLineErrorResponse implements ImportLineError {
  @ApiProperty({ example: 12, description: 'Numéro de ligne dans le fichier (1 = en-tête)' }) line: number;
  @ApiProperty({ example: 'capautot : capacité invalide : -3' }) reason: string;
}

export class RegisterImportReportResponse implements RegisterImportReport {
  @ApiProperty({ example: 'FINESS_EQUIPEMENTS' }) source: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Date du fichier (en-tête)' })
  fileDate: string | null;
  @ApiProperty() linesRead: number;
  @ApiProperty({ description: 'Lignes d’établissements connus du répertoire' }) rows: number;
  @ApiProperty({ description: 'Lignes d’établissements que TDB ne suit pas (autres catégories)' })
  skippedUnknown: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'Lignes absentes du nouveau fichier, retirées' }) removed: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'Valeurs d’items issues du registre créées, modifiées ou retirées' })
  valuesChanged: number;
  @ApiProperty({ description: 'Items pré-remplis dans les saisies des campagnes non closes' })
  prefilledItems: number;
  @ApiProperty({ type: [RegisterImportLineErrorResponse] }) errors: RegisterImportLineErrorResponse[];
  @ApiProperty({ description: 'Faux : rien n’a été importé' }) applied: boolean;
  @ApiProperty() durationMs: number;
}

export class PrefillResultResponse implements PrefillResult {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ description: 'Saisies qui ont reçu au moins une valeur' }) submissions: number;
  @ApiProperty({ description: 'Items pré-remplis' }) items: number;
}
