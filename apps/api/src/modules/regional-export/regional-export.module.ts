import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { IndicatorsModule } from '../indicators/indicators.module';

/** The regional export of a campaign (one row per ESMS, the columns of the current platform). */
@Module({
  imports: [AccountsModule, CampaignsModule, IndicatorsModule],
  controllers: [],
  providers: [],
})
export class RegionalExportModule {}
