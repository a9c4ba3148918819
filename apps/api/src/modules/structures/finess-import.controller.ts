import { SingleValuePipe } from '../../common/validation/single-value.pipe';
import fs from 'node:fs';
import os from 'node:os';
import { Controller, HttpCode, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { diskStorage } from 'multer';
import type { ImportReport } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ImportReportResponse } from './dto/responses';
import { FinessImportService } from './finess-import.service';

@ApiTags('imports')
@Controller('imports')
export class FinessImportController {
  constructor(
    private readonly importer: FinessImportService,
    private readonly access: AccessService,
  ) {}

  @Post('finess')
  @Authorize('finess.import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Importer un extrait FINESS (format open data Etalab)',
    description:
      'Fichier séparé par des points-virgules, ISO-8859-1 ou UTF-8. Sans `partial`, une seule ligne invalide fait tout rejeter (422) ' +
      'avec la liste des lignes en erreur ; avec `partial=true`, les lignes valides sont importées. Réimporter le même fichier ne change rien.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiQuery({ name: 'partial', required: false, type: Boolean })
  @ApiOkResponse({ type: ImportReportResponse })
  @ApiUnprocessableEntityResponse({ description: 'Lignes invalides : rien n’a été importé' })
  @UseInterceptors(FileInterceptor('file', { storage: diskStorage({ destination: os.tmpdir() }) }))
  async importFiness(
    @CurrentUser() actor: AuthenticatedActor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('partial', SingleValuePipe) partial?: string,
  ): Promise<ImportReport> {
    try {
      this.access.check(actor, { type: 'finess.import' });
    } catch (error) {
      if (file) fs.rmSync(file.path, { force: true });
      throw error;
    }
    if (!file)
      throw new DomainError('VALIDATION_FAILED', 'Joignez le fichier d’extraction FINESS (champ « file »).');
    if (partial !== undefined && !['true', 'false'].includes(partial)) {
      fs.rmSync(file.path, { force: true });
      throw new DomainError('VALIDATION_FAILED', 'Le paramètre partial vaut true ou false.');
    }
    try {
      const report = await this.importer.importFiles([file.path], {
        partial: partial === 'true',
        actor: `import FINESS (API) — ${actor.email}`,
        fileName: file.originalname,
      });
      if (!report.applied) {
        throw new DomainError(
          'IMPORT_REJECTED',
          `Le fichier contient ${report.errors.length} ligne(s) invalide(s) : rien n’a été importé.`,
          report.errors.slice(0, 1000).map((e) => ({ line: e.line, message: e.reason })),
          `FINESS import rejected: ${report.errors.length} bad lines`,
          { report },
        );
      }
      return report;
    } finally {
      fs.rmSync(file.path, { force: true });
    }
  }
}
