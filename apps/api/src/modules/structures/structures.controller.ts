import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { OrganisationDetail, Paginated, StructureDetail, StructureSummary } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { FinessParamPipe } from './finess-param.pipe';
import { CorrectCategoryDto } from './dto/correct-category.dto';
import { OrganisationDetailResponse, StructureDetailResponse, StructurePageResponse } from './dto/responses';
import { SearchStructuresQuery } from './dto/search-structures.query';
import { StructuresService } from './structures.service';

@ApiTags('structures')
@Controller()
export class StructuresController {
  constructor(private readonly structures: StructuresService) {}

  @Get('structures')
  @Authorize('structure.read')
  @ApiOperation({ summary: 'Rechercher des structures (ESMS)' })
  @ApiOkResponse({ type: StructurePageResponse })
  search(
    @CurrentUser() actor: AuthenticatedActor,
    @Query() query: SearchStructuresQuery,
  ): Promise<Paginated<StructureSummary>> {
    return this.structures.search(actor, query);
  }

  @Get('structures/:finess')
  @Authorize('structure.read')
  @ApiOperation({ summary: 'Une structure, avec son organisme gestionnaire et son historique' })
  @ApiOkResponse({ type: StructureDetailResponse })
  @ApiNotFoundResponse({ description: 'FINESS inconnu' })
  findOne(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<StructureDetail> {
    return this.structures.findOne(actor, finess);
  }

  @Patch('structures/:finess/category')
  @Authorize('structure.correctCategory')
  @ApiOperation({ summary: "Corriger la catégorie d'une structure (motif obligatoire, version lue)" })
  @ApiOkResponse({ type: StructureDetailResponse })
  @ApiConflictResponse({ description: 'La structure a changé depuis la version lue' })
  correctCategory(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('finess', FinessParamPipe) finess: string,
    @Body() body: CorrectCategoryDto,
  ): Promise<StructureDetail> {
    return this.structures.correctCategory(actor, finess, body);
  }

  @Get('organisations/:finess')
  @Authorize('organisation.read')
  @ApiOperation({ summary: 'Un organisme gestionnaire (FINESS juridique) et ses ESMS' })
  @ApiOkResponse({ type: OrganisationDetailResponse })
  @ApiNotFoundResponse({ description: 'FINESS juridique inconnu' })
  findOrganisation(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<OrganisationDetail> {
    return this.structures.findOrganisation(actor, finess);
  }
}
