import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ReferentDto } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { CreateReferentDto, ReferentsQuery } from './dto/referents.dto';
import { ReferentResponse } from './dto/referents.response';
import { ReferentsService } from './referents.service';

@ApiTags('référents')
@Controller('referents')
export class ReferentsController {
  constructor(private readonly referents: ReferentsService) {}

  @Get()
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Les référents TDB d’une ARS ou d’un conseil départemental (contacts publics)' })
  @ApiOkResponse({ type: [ReferentResponse] })
  list(@CurrentUser() actor: AuthenticatedActor, @Query() query: ReferentsQuery): Promise<ReferentDto[]> {
    return this.referents.list(actor, query);
  }

  @Post()
  @Authorize('referent.manage')
  @ApiOperation({ summary: 'Désigner un référent TDB de votre ARS ou de votre conseil départemental' })
  @ApiCreatedResponse({ type: ReferentResponse, description: 'Le référent désigné' })
  @ApiConflictResponse({ description: 'Un référent de cette autorité a déjà ce courriel' })
  create(@CurrentUser() actor: AuthenticatedActor, @Body() body: CreateReferentDto): Promise<ReferentDto> {
    return this.referents.create(actor, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authorize('referent.manage')
  @ApiOperation({ summary: 'Retirer un référent TDB' })
  @ApiNoContentResponse({ description: 'Référent retiré' })
  @ApiErrors(404)
  remove(@CurrentUser() actor: AuthenticatedActor, @Param('id') id: string): Promise<void> {
    return this.referents.remove(actor, id);
  }
}
