import { SingleValuePipe } from '../../common/validation/single-value.pipe';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { IndicatorGuide } from '@tdb/contracts';
import { Public } from '../../common/auth/authorize.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { IndicatorGuideResponse } from './dto/indicator-guide.response';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicateurs')
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('guide')
  @Public()
  @ApiOperation({ summary: 'Guide des indicateurs : la fiche de chaque indicateur (sans compte)' })
  @ApiQuery({ name: 'year', required: false, description: 'Année de campagne (par défaut la plus récente)' })
  @ApiOkResponse({ type: IndicatorGuideResponse })
  @ApiErrors(404)
  guide(@Query('year', SingleValuePipe) year?: string): Promise<IndicatorGuide> {
    if (year !== undefined && !/^\d{4}$/.test(year)) {
      throw new DomainError('VALIDATION_FAILED', `« ${year} » n’est pas une année de campagne.`);
    }
    return this.indicators.guide(year === undefined ? undefined : Number(year));
  }
}
