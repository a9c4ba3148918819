import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { RestitutionExportService } from './restitution-export.service';
import { RestitutionController } from './restitution.controller';
import { RestitutionService } from './restitution.service';
import { TerritoryExportService } from './territory-export.service';
import { TerritoryRestitutionController } from './territory-restitution.controller';
import { TerritoryRestitutionService } from './territory-restitution.service';

/**
 * Benchmark and restitutions: each structure's place in its peers' distributions. The distributions
 * themselves are computed by the campaigns module (its job and after confirmations).
 */
@Module({
  imports: [CampaignsModule, IndicatorsModule],
  controllers: [RestitutionController, TerritoryRestitutionController],
  providers: [
    RestitutionService,
    RestitutionExportService,
    TerritoryRestitutionService,
    TerritoryExportService,
  ],
})
export class RestitutionModule {}
