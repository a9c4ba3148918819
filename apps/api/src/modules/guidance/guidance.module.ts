import { Module } from '@nestjs/common';
import { CampaignCoreModule } from '../campaign-core/campaign-core.module';
import { GuidanceController } from './guidance.controller';
import { GuidanceRepository } from './guidance.repository';
import { GuidanceService } from './guidance.service';

/** "Mes étapes": the campaign guide per role and phase, measured on the person's scope. */
@Module({
  imports: [CampaignCoreModule],
  controllers: [GuidanceController],
  providers: [GuidanceService, GuidanceRepository],
})
export class GuidanceModule {}
