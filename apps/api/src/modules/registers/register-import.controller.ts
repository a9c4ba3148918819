import fs from 'node:fs';
import os from 'node:os';
import { Controller, HttpCode, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { diskStorage } from 'multer';
import type { PrefillResult, RegisterImportReport } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import { PrefillResultResponse, RegisterImportReportResponse } from './dto/responses';
import { RegisterImportService } from './register-import.service';
import { RegisterPrefill } from './register-prefill.service';
import { FINESS_EQUIPEMENTS_READER } from './register-readers';

@ApiTags('imports')
@Controller()
export class RegisterImportController {
  constructor(
    private readonly importer: RegisterImportService,
    private readonly prefill: RegisterPrefill,
    private readonly access: AccessService,
  ) {}

  @Post('imports/finess-equipements')
  @Authorize('finess.import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Importer l’extrait FINESS des équipements sociaux et médico-sociaux (capacités)',
    description:
      'Fichier séparé par des points-virgules (format open data Etalab, lignes « equipementsocial »), ISO-8859-1 ou UTF-8. ' +
      'Une seule ligne invalide fait tout rejeter (422) avec la liste des lignes en erreur. Réimporter le même fichier ne change rien. ' +
      'Les capacités des saisies des campagnes non closes sont pré-remplies là où la structure n’a rien saisi.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOkResponse({ type: RegisterImportReportResponse })
  @ApiErrors(413, 422)
  @UseInterceptors(FileInterceptor('file', { storage: diskStorage({ destination: os.tmpdir() }) }))
  async importEquipments(
    @CurrentUser() actor: AuthenticatedActor,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<RegisterImportReport> {
    try {
      this.access.check(actor, { type: 'finess.import' });
    } catch (error) {
      if (file) fs.rmSync(file.path, { force: true });
      throw error;
    }
    if (!file)
      throw new DomainError(
        'VALIDATION_FAILED',
        'Joignez le fichier d’extraction FINESS des équipements (champ « file »).',
      );
    try {
      const report = await this.importer.importFile(FINESS_EQUIPEMENTS_READER, file.path, {
        actor: `import FINESS équipements (API) — ${actor.email}`,
        fileName: file.originalname,
      });
      if (!report.applied) {
        throw new DomainError(
          'IMPORT_REJECTED',
          `Le fichier contient ${report.errors.length} ligne(s) invalide(s) : rien n’a été importé.`,
          report.errors.slice(0, 1000).map((e) => ({ line: e.line, message: e.reason })),
          `FINESS equipment import rejected: ${report.errors.length} bad lines`,
          { report },
        );
      }
      return report;
    } finally {
      fs.rmSync(file.path, { force: true });
    }
  }

  @Post('campaigns/:year/register-prefill')
  @Authorize('campaign.manage')
  @HttpCode(200)
  @ApiTags('campagnes')
  @ApiOperation({
    summary: 'Pré-remplir les saisies de la campagne avec les registres de l’État (FINESS)',
    description:
      'Reporte dans chaque saisie les valeurs des registres importés pour les items que la structure n’a pas saisis ; ' +
      'une valeur saisie par la structure n’est jamais remplacée.',
  })
  @ApiOkResponse({ type: PrefillResultResponse })
  @ApiErrors(404)
  prefillCampaign(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<PrefillResult> {
    return this.prefill.prefillOnRequest(actor, year);
  }
}
