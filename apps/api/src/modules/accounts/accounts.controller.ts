import { FileInterceptor } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Account, GrantOfferResult, Paginated, PrincipalSeat, ProvisioningReport } from '@tdb/contracts';
import { DomainError } from '../../common/errors/domain-error';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { ApiErrorResponseDto } from '../../common/openapi/error-response.dto';
import { parseProvisioningFile } from './provisioning-file';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser, RequestInfo, type RequestMeta } from '../../common/auth/current-user.decorator';
import { AccountsService } from './accounts.service';
import { GrantsService } from './grants.service';
import { ProvisioningService } from './provisioning.service';
import {
  AccountSearchQueryDto,
  AddGrantDto,
  CreateAccountDto,
  PrincipalSeatQueryDto,
  UpdateAccountDto,
} from './dto/account.dto';
import { AccountResponse } from '../identity/dto/account.response';
import {
  AccountPageResponse,
  GrantOfferResultResponse,
  PrincipalSeatResponse,
  ProvisioningRejectedDetails,
  ProvisioningReportResponse,
} from './dto/account.response';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly grants: GrantsService,
    private readonly provisioning: ProvisioningService,
  ) {}

  @Get()
  @Authorize('account.read')
  @ApiOperation({ summary: 'Les comptes que je gère (filtrés par mon périmètre)' })
  @ApiOkResponse({ type: AccountPageResponse })
  search(
    @CurrentUser() actor: AuthenticatedActor,
    @Query() query: AccountSearchQueryDto,
  ): Promise<Paginated<Account>> {
    return this.accounts.search(actor, query);
  }

  @Post()
  @Authorize('grant.create')
  @ApiOperation({
    summary: 'Donner une habilitation à la personne d’une adresse électronique',
    description:
      'À un compte que vous gérez, l’habilitation est ajoutée aussitôt (201, le compte). Sinon — adresse inconnue ou ' +
      'compte d’une autre personne — une invitation est envoyée et l’habilitation ne prend effet qu’une fois ' +
      'acceptée (202) : la réponse est la même dans les deux cas et ne dit pas si l’adresse avait un compte. ' +
      'Une organisation n’a qu’un administrateur principal (APR, APE) : en désigner un autre est un transfert, ' +
      '« transfer » dit ce que devient l’actuel ; sans lui, 409 PRINCIPAL_HELD (voir GET /api/accounts/principal).',
  })
  @ApiCreatedResponse({
    type: GrantOfferResultResponse,
    description: 'Habilitation ajoutée au compte (GRANT_ADDED)',
  })
  @ApiAcceptedResponse({
    type: GrantOfferResultResponse,
    description: 'Invitation envoyée : l’habilitation prendra effet une fois acceptée (INVITED)',
  })
  @ApiErrors(404, 409)
  async create(
    @CurrentUser() actor: AuthenticatedActor,
    @Body() body: CreateAccountDto,
    @RequestInfo() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ): Promise<GrantOfferResult> {
    const result = await this.grants.create(actor, body, meta);
    response.status(result.outcome === 'INVITED' ? 202 : 201);
    return result;
  }

  @Post('import')
  @Authorize('grant.create')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Créer ou compléter les APE à partir d’un fichier (CSV ou XLSX : FINESS ; Nom ; Prénom ; Courriel ; Téléphone ; Transfert)',
    description:
      'Tout ou rien : une ligne invalide ou hors de votre périmètre fait tout rejeter (422) avec le compte rendu par ligne. ' +
      'Un FINESS par ligne au plus ; pour une organisation qui a déjà son APE, la colonne facultative « Transfert » dit ' +
      'ce qu’il devient (« utilisateur » ou « retrait »), sans quoi la ligne est en erreur.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ type: ProvisioningReportResponse, description: 'Toutes les lignes appliquées' })
  @ApiErrors(413)
  @ApiExtraModels(ProvisioningRejectedDetails)
  @ApiUnprocessableEntityResponse({
    description: 'Fichier rejeté en entier (IMPORT_REJECTED) : le compte rendu par ligne, rien n’a été créé',
    schema: {
      allOf: [
        { $ref: getSchemaPath(ApiErrorResponseDto) },
        { $ref: getSchemaPath(ProvisioningRejectedDetails) },
      ],
    },
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @UseInterceptors(
    FileInterceptor('file', { storage: memoryStorage(), limits: { fileSize: 10 * 1024 * 1024, files: 1 } }),
  )
  async provision(
    @CurrentUser() actor: AuthenticatedActor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @RequestInfo() meta: RequestMeta,
  ): Promise<ProvisioningReport> {
    // Only administrators provision APEs; each line is then checked against the policy.
    if (!actor.grants.some((g) => g.role === 'NATIONAL_ADMIN' || g.role === 'APR' || g.role === 'APE')) {
      throw new DomainError(
        'FORBIDDEN',
        'Seuls les administrateurs (national, APR, APE) peuvent créer des comptes d’APE.',
      );
    }
    if (!file) throw new DomainError('VALIDATION_FAILED', 'Joignez le fichier des APE (champ « file »).');
    const parsed = await parseProvisioningFile(file.buffer, file.originalname);
    if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', parsed.message);
    const report = await this.provisioning.provision(actor, parsed.rows, meta);
    if (!report.applied) {
      throw new DomainError(
        'IMPORT_REJECTED',
        `${report.errors.length} ligne(s) à corriger : aucun compte n’a été créé.`,
        report.errors.map((e) => ({ line: e.line, message: e.message })),
        'APE provisioning rejected',
        { report },
      );
    }
    return report;
  }

  @Get('principal')
  @Authorize('grant.create')
  @ApiOperation({
    summary:
      'L’administrateur principal actuel d’une organisation (APR d’une ARS ou d’un CD, APE d’un OG ou d’une structure)',
    description:
      'Pour qui peut le désigner : le ou les titulaires (nommés seulement s’ils sont des comptes que vous gérez) et ce ' +
      'qu’un transfert peut en faire. Désigner une autre personne est un transfert (champ « transfer »).',
  })
  @ApiOkResponse({ type: PrincipalSeatResponse })
  @ApiErrors(404)
  principal(
    @CurrentUser() actor: AuthenticatedActor,
    @Query() query: PrincipalSeatQueryDto,
  ): Promise<PrincipalSeat> {
    return this.grants.seat(actor, { kind: query.kind, code: query.code });
  }

  @Get(':id')
  @Authorize('account.read')
  @ApiOperation({ summary: 'Un compte et ses habilitations' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthenticatedActor, @Param('id', uuid) id: string): Promise<Account> {
    return this.accounts.get(actor, id);
  }

  @Patch(':id')
  @Authorize('account.update')
  @ApiOperation({ summary: 'Modifier nom, prénom, téléphone (version lue obligatoire)' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(404, 409)
  update(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('id', uuid) id: string,
    @Body() body: UpdateAccountDto,
    @RequestInfo() meta: RequestMeta,
  ): Promise<Account> {
    return this.accounts.update(actor, id, body, meta);
  }

  @Post(':id/grants')
  @Authorize('grant.create')
  @ApiOperation({
    summary: 'Ajouter une habilitation à un compte que je gère',
    description:
      'Un compte que vous ne gérez pas répond 404, comme un compte inexistant : proposez-lui l’habilitation par POST /api/accounts (invitation à accepter). ' +
      'Désigner l’administrateur principal d’une organisation qui en a un est un transfert (« transfer », sinon 409).',
  })
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiErrors(404, 409)
  addGrant(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('id', uuid) id: string,
    @Body() body: AddGrantDto,
    @RequestInfo() meta: RequestMeta,
  ): Promise<Account> {
    return this.grants.addGrant(actor, id, body, meta);
  }

  @Delete(':id/grants/:grantId')
  @Authorize('grant.revoke')
  @ApiOperation({ summary: 'Retirer une habilitation (jamais le dernier APE d’une structure)' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(404, 409)
  revokeGrant(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('id', uuid) id: string,
    @Param('grantId', uuid) grantId: string,
    @RequestInfo() meta: RequestMeta,
  ): Promise<Account> {
    return this.grants.revokeGrant(actor, id, grantId, meta);
  }

  @Post(':id/disable')
  @Authorize('account.update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Désactiver un compte (ferme ses sessions)' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(404, 409)
  disable(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('id', uuid) id: string,
    @RequestInfo() meta: RequestMeta,
  ): Promise<Account> {
    return this.accounts.setDisabled(actor, id, true, meta);
  }

  @Post(':id/enable')
  @Authorize('account.update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Réactiver un compte' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(404, 409)
  enable(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('id', uuid) id: string,
    @RequestInfo() meta: RequestMeta,
  ): Promise<Account> {
    return this.accounts.setDisabled(actor, id, false, meta);
  }

  @Post(':id/resend-invitation')
  @Authorize('account.update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Renvoyer le courriel d’invitation' })
  @ApiNoContentResponse({ description: 'Courriel d’invitation renvoyé' })
  @ApiErrors(404, 409)
  resendInvitation(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('id', uuid) id: string,
    @RequestInfo() meta: RequestMeta,
  ): Promise<void> {
    return this.accounts.resendInvitation(actor, id, meta);
  }
}
