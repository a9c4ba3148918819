import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { OpenDataService } from './open-data.service';
import { OpenDataController, RegionalExportController } from './regional-export.controller';
import { RegionalExportService } from './regional-export.service';

/** The regional export of a campaign (one row per ESMS, the columns of the current platform) and open data. */
@Module({
  imports: [CampaignsModule, IndicatorsModule],
  controllers: [RegionalExportController, OpenDataController],
  providers: [RegionalExportService, OpenDataService],
})
export class RegionalExportModule {}
