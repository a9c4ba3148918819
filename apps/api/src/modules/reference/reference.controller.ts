import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { ReferenceCategory, ReferenceData, ReferenceDepartment, ReferenceRegion } from '@tdb/contracts';
import { CATEGORIES, DEPARTMENTS, PUBLIC_LABELS, REGIONS } from '@tdb/reference';
import { Public } from '../../common/auth/authorize.decorator';

class ReferenceCategoryResponse implements ReferenceCategory {
  @ApiProperty() code: string;
  @ApiProperty() number: number;
  @ApiProperty() label: string;
  @ApiProperty() shortLabel: string;
  @ApiProperty() public: string;
  @ApiProperty() publicLabel: string;
  @ApiProperty({ enum: ['ARS', 'CD', 'SHARED'] }) competence: 'ARS' | 'CD' | 'SHARED';
  @ApiProperty({ type: [String] }) finessCodes: string[];
}
class ReferenceRegionResponse implements ReferenceRegion {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}
class ReferenceDepartmentResponse implements ReferenceDepartment {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() regionCode: string;
}
class ReferenceDataResponse implements ReferenceData {
  @ApiProperty({ type: [ReferenceCategoryResponse] }) categories: ReferenceCategoryResponse[];
  @ApiProperty({ type: [ReferenceRegionResponse] }) regions: ReferenceRegionResponse[];
  @ApiProperty({ type: [ReferenceDepartmentResponse] }) departments: ReferenceDepartmentResponse[];
}

const REFERENCE_DATA: ReferenceData = {
  categories: CATEGORIES.map((c) => ({
    code: c.code,
    number: c.number,
    label: c.label,
    shortLabel: c.shortLabel,
    public: c.public,
    publicLabel: PUBLIC_LABELS[c.public],
    competence: c.competence,
    finessCodes: [...c.finessCodes],
  })),
  regions: REGIONS.map((r) => ({ code: r.code, name: r.name })),
  departments: DEPARTMENTS.map((d) => ({ code: d.code, name: d.name, regionCode: d.regionCode })),
};

@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  @Get()
  @Public()
  @ApiOperation({ summary: 'Catégories TDB, régions et départements' })
  @ApiOkResponse({ type: ReferenceDataResponse })
  get(): ReferenceData {
    return REFERENCE_DATA;
  }
}
