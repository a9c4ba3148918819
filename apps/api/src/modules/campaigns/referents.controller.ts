import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReferentDto } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { CreateReferentDto, ReferentsQuery } from './dto/referents.dto';
import { ReferentsService } from './referents.service';

@ApiTags('référents')
@Controller('referents')
export class ReferentsController {
  constructor(private readonly referents: ReferentsService) {}

  @Get()
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Les référents TDB d’une ARS ou d’un conseil départemental (contacts publics)' })
  list(@CurrentUser() actor: AuthenticatedActor, @Query() query: ReferentsQuery): Promise<ReferentDto[]> {
    return this.referents.list(actor, query);
  }

  @Post()
  @Authorize('referent.manage')
  @ApiOperation({ summary: 'Désigner un référent TDB de votre ARS ou de votre conseil départemental' })
  @ApiConflictResponse({ description: 'Un référent de cette autorité a déjà ce courriel' })
  create(@CurrentUser() actor: AuthenticatedActor, @Body() body: CreateReferentDto): Promise<ReferentDto> {
    return this.referents.create(actor, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authorize('referent.manage')
  @ApiOperation({ summary: 'Retirer un référent TDB' })
  @ApiNoContentResponse({ description: 'Référent retiré' })
  remove(@CurrentUser() actor: AuthenticatedActor, @Param('id') id: string): Promise<void> {
    return this.referents.remove(actor, id);
  }
}
