import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { OrganisationDetail, Paginated, StructureDetail, StructureSummary } from '@tdb/contracts';
import { FinessParamPipe } from './finess-param.pipe';
import { CorrectCategoryDto } from './dto/correct-category.dto';
import { OrganisationDetailResponse, StructureDetailResponse, StructurePageResponse } from './dto/responses';
import { SearchStructuresQuery } from './dto/search-structures.query';
import { StructuresService } from './structures.service';

/** Until the accounts issue lands, actions are recorded under this name. */
const ANONYMOUS_ACTOR = 'opérateur (comptes non encore disponibles)';

@ApiTags('structures')
@Controller()
export class StructuresController {
  constructor(private readonly structures: StructuresService) {}

  @Get('structures')
  @ApiOperation({ summary: 'Rechercher des structures (ESMS)' })
  @ApiOkResponse({ type: StructurePageResponse })
  search(@Query() query: SearchStructuresQuery): Promise<Paginated<StructureSummary>> {
    return this.structures.search(query);
  }

  @Get('structures/:finess')
  @ApiOperation({ summary: 'Une structure, avec son organisme gestionnaire et son historique' })
  @ApiOkResponse({ type: StructureDetailResponse })
  @ApiNotFoundResponse({ description: 'FINESS inconnu' })
  findOne(@Param('finess', FinessParamPipe) finess: string): Promise<StructureDetail> {
    return this.structures.findOne(finess);
  }

  @Patch('structures/:finess/category')
  @ApiOperation({ summary: "Corriger la catégorie d'une structure (motif obligatoire, version lue)" })
  @ApiOkResponse({ type: StructureDetailResponse })
  @ApiConflictResponse({ description: 'La structure a changé depuis la version lue' })
  correctCategory(
    @Param('finess', FinessParamPipe) finess: string,
    @Body() body: CorrectCategoryDto,
  ): Promise<StructureDetail> {
    return this.structures.correctCategory(finess, body, ANONYMOUS_ACTOR);
  }

  @Get('organisations/:finess')
  @ApiOperation({ summary: 'Un organisme gestionnaire (FINESS juridique) et ses ESMS' })
  @ApiOkResponse({ type: OrganisationDetailResponse })
  @ApiNotFoundResponse({ description: 'FINESS juridique inconnu' })
  findOrganisation(@Param('finess', FinessParamPipe) finess: string): Promise<OrganisationDetail> {
    return this.structures.findOrganisation(finess);
  }
}
