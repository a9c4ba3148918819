import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { IndicatorsModule } from '../indicators/indicators.module';

/** Benchmark and restitutions: distributions of the indicators and each structure's place in them. */
@Module({
  imports: [AccountsModule, CampaignsModule, IndicatorsModule],
  controllers: [],
  providers: [],
})
export class RestitutionModule {}
